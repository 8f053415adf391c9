package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A handler's parameter declared optional may be left out by its route
// (healthchecks' check_token(request, username, token, new_email: str |
// None = None), reached from a URL with no new_email). A block under
// `if new_email:` then happens only when it is given: its outcomes are
// stated under `if exists new_email:` and its guards hold only then,
// instead of the test being read as input validation that always passes.

// optionalTest is optionalParam, or its negation for a test that the
// input is not given (!username && !email, both optional: neither given).
func (rc *ruleCtx) optionalTest(cond *facts.Expr, sc *scope) allium.Expr {
	if cond != nil && cond.Kind == facts.ExprUnary && cond.Op() == "not" {
		if given := rc.optionalParam(cond.X, sc); given != nil {
			return negate(given)
		}
		return nil
	}
	return rc.optionalParam(cond, sc)
}

// optionalParam is `exists x` when cond tests (truthiness, nothing else)
// a handler parameter x declared optional; nil otherwise.
func (rc *ruleCtx) optionalParam(cond *facts.Expr, sc *scope) allium.Expr {
	if cond == nil || cond.Kind != facts.ExprName {
		return nil
	}
	v := sc.vars[cond.Name()]
	if v == nil || v.kind != vParam || !v.optional && !rc.schemaOptional[v.param] {
		return nil
	}
	x := rc.valueExpr(v)
	if x == nil {
		return nil
	}
	return &allium.Unary{Op: allium.OpExists, X: x}
}
