package distill

import (
	"slices"

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

// optionalTextParam reports a parameter of the helper being inlined (or
// of the function a tail call carries on in) that
// it declares optional text (`new_email: str | None = None`, healthchecks'
// check_token, hc/accounts/views.py:254) and never rebinds: what its
// caller handed it is a text or nothing, so a test of its truth is that
// the text is there (x != null), not a truth value of its own.
func (rc *ruleCtx) optionalTextParam(name string, sc *scope) bool {
	fn := sc.helper
	if fn == nil {
		fn = sc.carriedOn
	}
	if fn == nil {
		return false
	}
	i := slices.IndexFunc(fn.Params, func(p facts.Param) bool { return p.Name == name })
	if i < 0 || fn.Params[i].Annotation == nil {
		return false
	}
	t, optional, many := rc.b.annotationType(sc.file, fn.Params[i].Annotation)
	if t == nil || !optional || many || t.Name != "String" {
		return false
	}
	rebound := false
	facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
		if s.Kind == facts.StmtAssign || s.Kind == facts.StmtAugAssign || s.Kind == facts.StmtFor {
			for _, t := range s.Targets {
				rebound = rebound || t.Kind == facts.ExprName && t.Name() == name
			}
		}
		return !rebound
	})
	return !rebound
}
