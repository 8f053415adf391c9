package distill

import (
	"maps"
	"slices"

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
// that only returns None or False, unless it is an early end
// (earlyEndOnAbsentRow).
func failReturn(s *facts.Stmt, sc *scope) bool {
	if !sc.inlined || sc.failWhen == nil || sc.under != nil && !sc.failChain || len(s.Body) != 1 {
		return false
	}
	r := &s.Body[0]
	if r.Kind != facts.StmtReturn {
		return false
	}
	if r.Value == nil {
		return !earlyEndOnAbsentRow(s, sc)
	}
	return r.Value.Kind == facts.ExprNone || r.Value.Kind == facts.ExprBool && r.Value.Value() == "false"
}

// abortReturn reports the same for a helper that answers a failure
// result (return E.left(NOT_FOUND), an abort call of the catalog) where
// another language raises.
func (rc *ruleCtx) abortReturn(s *facts.Stmt, sc *scope) bool {
	if !sc.inlined || sc.failWhen == nil || sc.under != nil && !sc.failChain || len(s.Body) != 1 {
		return false
	}
	r := &s.Body[0]
	// return cls.reject_token() of a method that always raises is a
	// raise, the request's failure, not an answered failure result.
	return r.Kind == facts.StmtReturn && r.Value != nil && (rc.isAbort(r.Value, sc) && !rc.raisingCall(r.Value, sc) || rc.absentValue(r.Value))
}

// absentValue reports a library's value for "nothing found" (return
// O.none), which says what Python's return None does.
func (rc *ruleCtx) absentValue(e *facts.Expr) bool {
	return (e.Kind == facts.ExprAttr || e.Kind == facts.ExprName) && catalog.MatchAny(rc.b.lang.AbsentValues, e.Resolved(), e.Raw())
}

// withFailChecks is the helper's result carrying the conditions under
// which the helper answered None instead.
func withFailChecks(v *value, inner *scope) *value {
	if inner.failWhen == nil || len(*inner.failWhen) == 0 || v == nil {
		return v
	}
	if v.kind == vUnknown && v.parts == nil {
		return &value{kind: vUnknown, failWhen: *inner.failWhen, failOnly: true}
	}
	c := *v
	c.failWhen = *inner.failWhen
	return &c
}

// absentResultGuards states, for a guard that ends the request when a
// helper's result is absent (`not x`, `x is None`), the checks the helper
// made as preconditions. It reports false when the guard is no such test.
func (rc *ruleCtx) absentResultGuards(cond *facts.Expr, sc *scope, line int) bool {
	v := rc.absentResult(cond, sc)
	if v == nil {
		return false
	}
	rc.stateFailChecks(v, sc, line)
	return true
}

// absentResult is the helper's result a condition tests for absence
// (`not x`, `x is None`, E.isLeft(x)) when the helper said under which
// checks it answered so; nil for any other condition.
func (rc *ruleCtx) absentResult(cond *facts.Expr, sc *scope) *value {
	if cond == nil {
		return nil
	}
	x, failTest := cond, rc.absenceCheckArg(cond) != nil
	switch {
	case cond.Kind == facts.ExprUnary && cond.Op() == "not":
		x = cond.X
	case cond.Kind == facts.ExprCompare && cond.Op() == "is" && cond.Y != nil && cond.Y.Kind == facts.ExprNone:
		x = cond.X
	case rc.absenceCheckArg(cond) != nil:
		x = rc.absenceCheckArg(cond) // E.isLeft(r)
	default:
		return nil
	}
	var v *value
	switch {
	case x == nil:
	case x.Kind == facts.ExprName:
		v = sc.vars[x.Name()]
	case x.Kind == facts.ExprCall:
		v = rc.flags[x] // if not helper(...): its success flag
	}
	if v == nil || len(v.failWhen) == 0 || v.failOnly && !failTest {
		return nil
	}
	return v
}

// tryFailResult reads a helper that looks a row up inside a try whose
// catch answers the failure result (try { row = findUniqueOrThrow(...);
// return O.some(row) } catch { return O.none }): the helper fails when
// no row matched, as an if that answers None on `not row` would say. It
// reports false, walking nothing, for any other try.
func (rc *ruleCtx) tryFailResult(s *facts.Stmt, sc *scope, out *[]allium.Stmt) bool {
	hs := s.Handlers()
	if !sc.inlined || sc.failWhen == nil || sc.under != nil && !sc.failChain || len(hs) != 1 || len(s.Else()) > 0 || len(s.Finally()) > 0 || len(s.Body) == 0 {
		return false
	}
	fails := facts.NewStmt(facts.StmtSpec{Kind: facts.StmtIf, Body: hs[0].Body, Line: hs[0].Line})
	if !failReturn(&fails, sc) && !rc.abortReturn(&fails, sc) {
		return false
	}
	first := &s.Body[0]
	if first.Kind != facts.StmtAssign || len(first.Targets) != 1 || first.Targets[0].Kind != facts.ExprName {
		return false
	}
	from := len(*out)
	rc.stmts(s.Body, sc, out)
	if v := sc.vars[first.Targets[0].Name()]; v != nil && v.kind == vEntity && v.expr != nil {
		// The helper's lets are not the caller's, where the check is
		// stated: the row is named by its lookup.
		row := letValue((*out)[from:], v.expr)
		if row == nil {
			row = rc.idParamOf(v)
		}
		noteFailCheck(sc, &allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: row}})
	}
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

// idParamOf names a row a helper found by an input id (findUnique({where:
// {id: inviteID}})) by that input, which the caller has: the row's own
// name is the helper's, bound only if the rule merges the two (idParams).
func (rc *ruleCtx) idParamOf(v *value) allium.Expr {
	if v.param != "" {
		for _, id := range slices.Sorted(maps.Keys(rc.idParams)) {
			if rc.idParams[id].row == v.param {
				rc.useParam(id)
				return &allium.Ident{Name: id}
			}
		}
	}
	return v.expr
}

// absenceCheckArg is r of a catalogued test of a helper's result for the
// failure it answers instead of a value (E.isLeft(r), O.isNone(r)); nil
// for any other expression.
func (rc *ruleCtx) absenceCheckArg(e *facts.Expr) *facts.Expr {
	if e == nil || e.Kind != facts.ExprCall || len(e.Args()) != 1 || !catalog.MatchAny(rc.b.lang.AbsenceChecks, e.Resolved(), e.Raw()) {
		return nil
	}
	return &e.Args()[0]
}

// presentResult is, for a test that a helper's result is there (`if
// (teamMember)` of a helper that answers null when no membership row
// matched), the condition under which it is: the one check the helper
// answers nothing on did not fail. A helper with several checks answers
// something only when all passed, and the test's failing branch is then
// no single condition; it returns nil then, and for any other test.
func (rc *ruleCtx) presentResult(cond *facts.Expr, sc *scope) allium.Expr {
	if cond == nil || cond.Kind != facts.ExprName {
		return nil
	}
	v := sc.vars[cond.Name()]
	if v == nil || v.failOnly || len(v.failWhen) == 0 {
		return nil
	}
	for _, c := range v.failWhen[1:] {
		if exprKey(c) != exprKey(v.failWhen[0]) {
			// (a try whose catch answers null around a lookup tested
			// for its row says the same check twice)
			return nil
		}
	}
	return negate(v.failWhen[0])
}

// returnsNoValue reports a function body none of whose returns gives a
// value (the functions it defines inside are their own).
func returnsNoValue(body []facts.Stmt) bool {
	none := true
	facts.Walk(body, func(s *facts.Stmt) bool {
		if s.Kind == facts.StmtReturn && s.Value != nil {
			none = false
		}
		return none
	})
	return none
}

// earlyEndOnAbsentRow reports an if of a helper that returns no value
// anywhere whose body only returns, bare, when a row the helper looked
// up is absent (Medusa's invite delete: `if (!invite) return` before
// removing it). That return ends the helper early and gives its caller
// no result to test, so the rest of the helper runs only when the row
// exists, as after any other return that ends it (helperReturned).
// A check of an input or a parameter (`if not password: return` of a
// setter) keeps the old reading: whether it holds is the caller's to say.
func earlyEndOnAbsentRow(s *facts.Stmt, sc *scope) bool {
	if sc.helper == nil || !returnsNoValue(sc.helper.Body()) || len(s.Body) != 1 || s.Body[0].Kind != facts.StmtReturn || s.Body[0].Value != nil || s.Cond == nil {
		return false
	}
	x := s.Cond
	switch {
	case x.Kind == facts.ExprUnary && x.Op() == "not":
		x = x.X
	case x.Kind == facts.ExprCompare && (x.Op() == "is" || x.Op() == "==" || x.Op() == "===") && x.Y != nil && x.Y.Kind == facts.ExprNone:
		x = x.X
	default:
		return false
	}
	if x == nil || x.Kind != facts.ExprName {
		return false
	}
	if slices.ContainsFunc(sc.helper.Params, func(p facts.Param) bool { return p.Name == x.Name() }) {
		return false
	}
	v := sc.vars[x.Name()]
	return v != nil && (v.kind == vEntity || v.kind == vLookup)
}
