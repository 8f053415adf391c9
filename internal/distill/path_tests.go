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

// impliedInputPresence reports a test that a request input is given
// (`field.data` in `if field.data and "@" in field.data:`) whose input
// the rest of the conjunction tests by itself (its form: contains,
// length, against literals or config): the rest is a test of the input
// as given, and whether a required input was given at all is input
// validation, which a rule leaves out (cond answers nil for `if
// field.data:` alone). A rest that also reads stored state (account.email
// != email and a row with that email exists) stays unread: for an input
// the request may leave out, its absence is a case of that rule.
func (rc *ruleCtx) impliedInputPresence(test *facts.Expr, rest allium.Expr, sc *scope, out *[]allium.Stmt) bool {
	if test == nil || rest == nil {
		return false
	}
	if positive, ok := rc.inputPresence(test, sc, out); !ok || !positive {
		return false
	}
	v := rc.eval(test, sc, out, false)
	if v.kind != vParam || v.param == "" || v.optional || rc.schemaOptional[v.param] {
		return false
	}
	read, other := false, false
	funs := map[allium.Expr]bool{}
	allium.Inspect(rest, func(x allium.Expr) bool {
		switch n := x.(type) {
		case *allium.Call:
			funs[n.Fun] = true
		case *allium.Member:
			if id, ok := n.X.(*allium.Ident); ok && id.Name == "config" {
				return false // a config parameter
			}
		case *allium.Ident:
			switch {
			case funs[n]:
			case n.Name == v.param:
				read = true
			default:
				other = true
			}
		}
		return !other
	})
	return read && !other
}
