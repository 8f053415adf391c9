package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// impliedPathTest reports whether test, a truth test the spec cannot
// state, is implied by rest, the condition it is conjoined with:
// user?.failedLogin && user?.failedLogin?.times > 0 (novu's login,
// login.usecase.ts:88) tests that a nested path of a document holds an
// object, and the comparison of one of its fields with a value already
// fails when it does not, so the conjunction says no more than the
// comparison. Only a path read as an object of the row's fields counts
// (documentPathValue); any other untranslated test keeps the whole
// condition untranslated.
func (rc *ruleCtx) impliedPathTest(test *facts.Expr, rest allium.Expr, sc *scope, out *[]allium.Stmt) bool {
	if test == nil || rest == nil || (test.Kind != facts.ExprAttr && test.Kind != facts.ExprName) {
		return false
	}
	v := rc.eval(test, sc, out, false)
	if v.kind != vObject {
		return false
	}
	fields := map[string]bool{}
	collectPathFields(v, fields)
	if len(fields) == 0 {
		return false
	}
	compared := false
	allium.Inspect(rest, func(x allium.Expr) bool {
		bin, ok := x.(*allium.Binary)
		if !ok || !orderingOp(bin.Op) {
			return true
		}
		if fields[exprKey(bin.X)] || fields[exprKey(bin.Y)] {
			compared = true
		}
		return true
	})
	return compared
}

// collectPathFields gathers the keys of the field readings an object of
// a document path holds, its nested paths' too.
func collectPathFields(v *value, into map[string]bool) {
	for _, a := range v.attrs {
		switch {
		case a == nil:
		case a.kind == vObject:
			collectPathFields(a, into)
		case a.kind == vExpr && a.expr != nil:
			if _, ok := a.expr.(*allium.Member); ok {
				into[exprKey(a.expr)] = true
			}
		}
	}
}

// orderingOp reports a comparison that is false when either side is
// null: an ordering, unlike = and !=, which a null side can satisfy.
func orderingOp(op string) bool {
	return op == allium.OpLt || op == allium.OpLe || op == allium.OpGt || op == allium.OpGe
}
