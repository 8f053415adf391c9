package distill

import (
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// attrHasCall splits a catalogued attribute test (attr_has_calls:
// Python's hasattr(x, "name")) into the object tested and the attribute's
// name; ok is false for any other call, or one naming the attribute by a
// value the code computes.
func (b *builder) attrHasCall(e *facts.Expr) (obj, attr *facts.Expr, ok bool) {
	if e == nil || e.Kind != facts.ExprCall || len(e.Args()) != 2 || len(e.Keywords()) > 0 {
		return nil, nil, false
	}
	if !catalog.MatchAny(b.lang.AttrHasCalls, e.Resolved(), e.Raw()) || e.Args()[1].Kind != facts.ExprString {
		return nil, nil, false
	}
	return &e.Args()[0], &e.Args()[1], true
}

// shapeHasAttr decides hasattr(user_in, "role") on a request schema whose
// class the service declares: true when the schema or one of its bases
// declares the field or method, false when none does and every base is
// known (the service's own classes or catalogued request bases), so that
// no unseen class may add it. One helper serving several schemas
// (dispatch's create for UserCreate and UserRegister) thus takes, in each
// rule, the branch its schema does.
func (rc *ruleCtx) shapeHasAttr(e *facts.Expr, sc *scope) (truth, ok bool) {
	l := rc.b.lang
	obj, attr, ok := rc.b.attrHasCall(e)
	if !ok || obj.Kind != facts.ExprName {
		return false, false
	}
	v := sc.vars[obj.Name()]
	if v == nil || v.kind != vShape || v.shape == nil {
		return false, false
	}
	declared, allKnown := false, true
	rc.b.classAndBases(v.shape, func(c *classRef) bool {
		for _, f := range c.class.Fields {
			declared = declared || f.Name == attr.Value()
		}
		for _, m := range c.class.Methods {
			declared = declared || m.Name == attr.Value()
		}
		for i := range c.class.Bases {
			base := &c.class.Bases[i]
			if rc.b.ix.class(c.file, base) == nil && !catalog.MatchAny(l.RequestBases, base.Resolved(), base.Raw()) {
				allKnown = false
			}
		}
		return declared
	})
	if declared {
		return true, true
	}
	return false, allKnown
}
