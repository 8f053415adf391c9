package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// columnValidator finds the model method that a catalogued column
// validator decorator (`@validates("password")`) binds to the column, on
// the entity's class or one of its bases of the service.
func (b *builder) columnValidator(e *entityInfo, column string) *funcRef {
	if len(b.lang.ColumnValidators) == 0 {
		return nil
	}
	seen := map[*facts.Class]bool{}
	var find func(cr *classRef, depth int) *funcRef
	find = func(cr *classRef, depth int) *funcRef {
		if cr == nil || seen[cr.class] || depth > 8 {
			return nil
		}
		seen[cr.class] = true
		for i := range cr.class.Methods {
			m := &cr.class.Methods[i]
			for j := range m.Decorators {
				name, call := decoratorName(&m.Decorators[j])
				if call == nil || !catalog.MatchAny(b.lang.ColumnValidators, call.X.Resolved, name) {
					continue
				}
				for _, a := range call.Args {
					if a.Kind == facts.ExprString && a.Value == column {
						return &funcRef{file: cr.file, fn: m, class: cr.class}
					}
				}
			}
		}
		for i := range cr.class.Bases {
			if fr := find(b.ix.class(cr.file, &cr.class.Bases[i]), depth+1); fr != nil {
				return fr
			}
		}
		return nil
	}
	return find(e.ref, 0)
}

// validatedValue is the value a column stores when a validator of the
// model rewrites what it is given (`def validate_password(self, key,
// plaintext): return hash_password(plaintext)` stores hash(p)). ok is
// false when no validator covers the column; x is nil when one does but
// what it returns could not be stated.
func (rc *ruleCtx) validatedValue(e *entityInfo, column string, given *facts.Expr, self *value, sc *scope, out *[]allium.Stmt) (x allium.Expr, ok bool) {
	fr := rc.b.columnValidator(e, column)
	if fr == nil {
		return nil, false
	}
	call := &facts.Expr{Kind: facts.ExprCall, Line: given.Line,
		Args: []facts.Expr{{Kind: facts.ExprString, Value: column, Line: given.Line}, *given}}
	var scratch []allium.Stmt
	v := rc.inline(fr, self, call, sc, &scratch)
	if v.kind != vExpr || v.expr == nil {
		return nil, true
	}
	return v.expr, true
}
