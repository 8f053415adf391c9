package distill

import (
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// classSuperCall runs super().<method>(...) in a method of a GraphQL
// mutation's lineage that the service's own classes answer: the next
// class of the mutation class's lineage, after the one whose method is
// walked, that defines the method, with the receiver (cls) still the
// mutation class, so that the base's cls.perform_mutation(...) reaches
// the mutation's own. saleor's AccountRegister.mutate
// (graphql/account/mutations/account/account_register.py:106-115) runs
//
//	response = super().mutate(root, info, **data)
//
// which is ModelMutation's, then BaseMutation.mutate
// (graphql/core/mutations.py:519), which calls the class's
// perform_mutation: without it the register mutation had no rule. nil
// for any other call, or when no class of the service defines the method
// (a framework base's: token_mutations.go reads catalogued ones).
func (rc *ruleCtx) classSuperCall(e *facts.Expr, method string, sc *scope, out *[]allium.Stmt) *value {
	x := e.X.X
	if !bareSuper(x) ||
		rc.h == nil || !rc.h.mutation || rc.h.class == nil || sc.cls == nil || len(sc.stack) == 0 {
		return nil
	}
	b := rc.b
	cr := b.ix.classes[rc.h.class.QualName]
	if cr == nil {
		return nil
	}
	current := sc.stack[len(sc.stack)-1]
	past := false
	for _, c := range b.ix.lineage(cr) {
		if !past {
			past = qual(c.qual(), method) == current
			continue
		}
		fr := b.ix.funcs[qual(c.qual(), method)]
		if fr == nil {
			continue
		}
		for _, q := range sc.stack {
			if q == fr.fn.QualName {
				return nil // a cycle the lineage cannot have; read no further
			}
		}
		// The receiver stays the mutation class the walk is in.
		return rc.inline(&funcRef{file: fr.file, fn: fr.fn, class: sc.cls}, rc.currentReceiver(sc), e, sc, out)
	}
	return nil
}

// currentReceiver is the value the walked method's receiver (cls, self)
// is bound to, or plumbing when it declares none.
func (rc *ruleCtx) currentReceiver(sc *scope) *value {
	for _, n := range rc.b.lang.ReceiverNames {
		if v := sc.vars[n]; v != nil {
			return v
		}
	}
	return &value{kind: vPlumbing}
}

// unnamedModelClass reports a callee that is one of the catalog's
// attributes holding a model class the walk cannot name
// (cls._meta.model).
func unnamedModelClass(callee *facts.Expr, attrs []string) bool {
	if callee == nil {
		return false
	}
	raw := callee.Raw()
	for _, a := range attrs {
		if raw == a || strings.HasSuffix(raw, "."+a) {
			return true
		}
	}
	return false
}
