package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A helper that answers None (or False) when one of its checks fails
// (verify_token: `if is_blacklisted: return None`) hands its caller a
// result whose absence means that a check failed. A caller that rejects
// the request on that absence (`if token_data is None: raise`) requires
// every check the helper made to pass.

// failReturn reports an if of a helper, at the helper's own top level,
// that only returns None or False.
func failReturn(s *facts.Stmt, sc *scope) bool {
	if !sc.inlined || sc.failWhen == nil || sc.under != nil && !sc.failChain || len(s.Body) != 1 {
		return false
	}
	r := &s.Body[0]
	if r.Kind != facts.StmtReturn {
		return false
	}
	return r.Value == nil || r.Value.Kind == facts.ExprNone || r.Value.Kind == facts.ExprBool && r.Value.Value == "false"
}

// abortReturn reports the same for a helper that answers a failure
// result (return E.left(NOT_FOUND), an abort call of the catalog) where
// another language raises.
func (rc *ruleCtx) abortReturn(s *facts.Stmt, sc *scope) bool {
	if !sc.inlined || sc.failWhen == nil || sc.under != nil && !sc.failChain || len(s.Body) != 1 {
		return false
	}
	r := &s.Body[0]
	return r.Kind == facts.StmtReturn && r.Value != nil && rc.isAbort(r.Value, sc)
}

// withFailChecks is the helper's result carrying the conditions under
// which the helper answered None instead.
func withFailChecks(v *value, inner *scope) *value {
	if inner.failWhen == nil || len(*inner.failWhen) == 0 || v == nil || v.kind == vUnknown && v.parts == nil {
		return v
	}
	c := *v
	c.failWhen = *inner.failWhen
	return &c
}

// absentResultGuards states, for a guard that ends the request when a
// helper's result is absent (`not x`, `x is None`), the checks the helper
// made as preconditions. It reports false when the guard is no such test.
func (rc *ruleCtx) absentResultGuards(cond *facts.Expr, sc *scope, line int) bool {
	if cond == nil {
		return false
	}
	x := cond
	switch {
	case cond.Kind == facts.ExprUnary && cond.Op() == "not":
		x = cond.X
	case cond.Kind == facts.ExprCompare && cond.Op() == "is" && cond.Y != nil && cond.Y.Kind == facts.ExprNone:
		x = cond.X
	case cond.Kind == facts.ExprCall && len(cond.Args) == 1 && catalog.MatchAny(rc.b.lang.AbsenceChecks, cond.Resolved(), cond.Raw):
		x = &cond.Args[0] // E.isLeft(r)
	default:
		return false
	}
	var v *value
	switch {
	case x == nil:
	case x.Kind == facts.ExprName:
		v = sc.vars[x.Name]
	case x.Kind == facts.ExprCall:
		v = rc.flags[x] // if not helper(...): its success flag
	}
	if v == nil || len(v.failWhen) == 0 {
		return false
	}
	rc.stateFailChecks(v, sc, line)
	return true
}

// stateFailChecks requires each check a helper made before answering v,
// none of which refused.
func (rc *ruleCtx) stateFailChecks(v *value, sc *scope, line int) {
	for _, r := range rc.passedChecks(v) {
		rc.requires(r, sc, line)
	}
}

// passedChecks are the conditions that held when a helper answered v, one
// per conjunct, without a claim's presence on a token the rule requires
// valid.
func (rc *ruleCtx) passedChecks(v *value) []allium.Expr {
	var out []allium.Expr
	var state func(r allium.Expr)
	state = func(r allium.Expr) {
		if and, ok := r.(*allium.Binary); ok && and.Op == allium.OpAnd {
			state(and.X)
			state(and.Y)
			return
		}
		if !rc.claimOfValidToken(r) {
			out = append(out, r)
		}
	}
	for _, c := range v.failWhen {
		state(negate(c))
	}
	return out
}

// claimOfValidToken reports a condition that a claim of a token is there
// (token.user != null) when the rule already requires the token to be
// valid: a valid token carries its claims, the token entity declares them.
func (rc *ruleCtx) claimOfValidToken(c allium.Expr) bool {
	b, ok := c.(*allium.Binary)
	if !ok || b.Op != allium.OpNe {
		return false
	}
	if l, ok := b.Y.(*allium.Lit); !ok || l.Kind != allium.LitNull {
		return false
	}
	m, ok := b.X.(*allium.Member)
	return ok && rc.requiresValid(m.X)
}

// bareClaimOfValidToken reports the bare test of an entry read from a
// payload the rule verified (signed_payload.t, from `if not token: return
// None` on the entry) when the rule requires the payload valid: the
// signature vouches for the entry, so the test is input validation, no
// statement about the token (and no Boolean).
func (rc *ruleCtx) bareClaimOfValidToken(c allium.Expr) bool {
	m, ok := c.(*allium.Member)
	return ok && rc.claims[exprKey(m)] && rc.requiresValid(m.X)
}

// requiresValid reports a precondition of the rule that tok is valid:
// tok.is_valid, or tok.issued_at + lifetime >= now (a reader that gives
// the lifetime, claims.go).
func (rc *ruleCtx) requiresValid(tok allium.Expr) bool {
	valid := exprKey(&allium.Member{X: tok, Name: "is_valid"})
	issued := exprKey(&allium.Member{X: tok, Name: "issued_at"})
	for _, s := range rc.body {
		r, ok := s.(*allium.Requires)
		if !ok {
			continue
		}
		if exprKey(r.Cond) == valid {
			return true
		}
		if ge, ok := r.Cond.(*allium.Binary); ok && ge.Op == allium.OpGe {
			if add, ok := ge.X.(*allium.Binary); ok && add.Op == allium.OpAdd && exprKey(add.X) == issued {
				return true
			}
		}
	}
	return false
}

// noteFailCheck records, in a helper, the condition of an if that only
// answers None: nil when it does not translate (the others still hold).
func noteFailCheck(sc *scope, cond allium.Expr) {
	if cond != nil {
		*sc.failWhen = append(*sc.failWhen, cond)
	}
}
