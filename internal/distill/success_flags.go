package distill

import (
	"maps"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A helper that answers True when it did its work and False when one of
// its checks refused it (flask-base's User.change_email: a token for
// another user, an address already taken -> return False) hands its
// caller a success flag. Its effects follow its checks, so they hold only
// when every check passed; a caller that goes on to nothing on False
// (flashes an error, or ends the request) states the checks as the
// preconditions of those effects:
//
//	if current_user.change_email(token): flash("updated")
//	else: flash("invalid or expired")
//
// becomes requires: token.user = user, not exists User{email: token.new_email}.

// successFlag is the result of a helper that only answers True or False
// and refused with False on some of its top-level checks, none of them
// after an outcome it stated: a flag carrying those checks. nil otherwise,
// and nil when the caller stated outcomes before calling it (a user
// created first): those hold whatever the helper answers.
func successFlag(fn *facts.Function, inner *scope, out *[]allium.Stmt, unrolled map[*facts.Stmt]bool) *value {
	if !inner.retMixed || inner.lateFail || inner.failWhen == nil || len(*inner.failWhen) == 0 || !onlyBoolReturns(fn.Body()) ||
		answersInLoop(fn.Body(), unrolled) {
		return nil
	}
	if out != inner.outAt || inner.outStart > len(*out) || !onlyLets((*out)[:inner.outStart]) {
		return nil
	}
	return &value{kind: vUnknown, failWhen: *inner.failWhen}
}

// answersInLoop reports a return of a value inside a loop of body: the
// answer is what the loop finds, not that the checks before it passed
// (plane's contains_url returns False for a long value, then True from
// its loop over the lines when one holds a URL, utils/url.py:26-52; read
// as a success flag, `if contains_url(name): refuse` required every name
// to be longer than the check's 1000 characters).
//
// A loop walked once per element of a literal list (unrolled) is no
// search: each element's return False is a check like one written out.
func answersInLoop(body []facts.Stmt, unrolled map[*facts.Stmt]bool) bool {
	found := false
	facts.Walk(body, func(s *facts.Stmt) bool {
		if s.Kind == facts.StmtFunction {
			return false
		}
		if (s.Kind == facts.StmtFor || s.Kind == facts.StmtWhile) && !unrolled[s] && returnsInBody(s.Body) {
			found = true
		}
		return !found
	})
	return found
}

// onlyBoolReturns reports a body all of whose returns give True or False.
func onlyBoolReturns(body []facts.Stmt) bool {
	ok, seen := true, false
	facts.Walk(body, func(s *facts.Stmt) bool {
		if s.Kind == facts.StmtReturn {
			seen = true
			ok = ok && s.Value != nil && s.Value.Kind == facts.ExprBool
		}
		return ok
	})
	return ok && seen
}

// noteLateFail marks a helper whose check refuses after it stated an
// outcome (out holds statements other than lets since it began): that
// outcome holds whether the check passes or not, so the checks are no
// preconditions of the helper's effects.
func noteLateFail(sc *scope, out *[]allium.Stmt) {
	start := 0
	if out == sc.outAt {
		start = sc.outStart
	}
	if start <= len(*out) && !onlyLets((*out)[start:]) {
		sc.lateFail = true
	}
}

// flagTest reads cond as a test of a success flag (`helper(...)`, `ok`,
// `not helper(...)`): the flag and whether the test is negated. nil when
// cond tests no flag.
func (rc *ruleCtx) flagTest(cond *facts.Expr, sc *scope) (*value, bool) {
	negated := false
	if cond != nil && cond.Kind == facts.ExprUnary && cond.Op() == "not" {
		cond, negated = cond.X, true
	}
	if cond == nil {
		return nil, false
	}
	var v *value
	switch cond.Kind {
	case facts.ExprCall:
		v = rc.flags[cond]
	case facts.ExprName:
		v = sc.vars[cond.Name()]
	}
	if v == nil || v.kind != vUnknown || len(v.failWhen) == 0 || v.failOnly {
		return nil, false
	}
	return v, negated
}

// flagChecks states, at the handler's top level, the checks of the
// success flag cond tests when the branch taken on failure states nothing
// (quiet). It reports whether cond tested a flag.
func (rc *ruleCtx) flagChecks(cond *facts.Expr, quiet func(failOnThen bool) bool, sc *scope, line int) bool {
	if !sc.top || sc.inlined {
		return false
	}
	v, negated := rc.flagTest(cond, sc)
	if v == nil || !quiet(negated) {
		return false
	}
	rc.stateFailChecks(v, sc, line)
	return true
}

// flagPassed is the condition under which cond, a test that a helper's
// success flag is set (not negated), holds: its checks, joined; nil when
// cond tests no flag.
func (rc *ruleCtx) flagPassed(cond *facts.Expr, sc *scope) allium.Expr {
	v, negated := rc.flagTest(cond, sc)
	if v == nil || negated {
		return nil
	}
	return joinTerms(allium.OpAnd, rc.passedChecks(v))
}

// flagSpan is where a helper that answers a success flag stated its
// outcomes (out[outStart:outEnd]) and preconditions
// (rule body[bodyStart:bodyEnd]).
type flagSpan struct {
	out                *[]allium.Stmt
	outStart, outEnd   int
	bodyStart, bodyEnd int
	// assigned: the rule's assigned values before the helper ran.
	assigned map[string]allium.Expr
}

// flagFailed handles the rest of a handler after `if helper(...): <ends>`:
// it runs when the helper refused, so the helper's outcomes did not
// happen and what it required need not hold; one of its checks failed
// (join_from_invite resends the invite: requires not token.is_valid or
// token.user != new_user). It reports false, changing nothing, when cond
// tests no flag or the rule has moved on since the helper ran.
func (rc *ruleCtx) flagFailed(cond *facts.Expr, sc *scope, out *[]allium.Stmt, line int) bool {
	if !sc.top || sc.inlined {
		return false
	}
	v, negated := rc.flagTest(cond, sc)
	if v == nil || negated || v.span == nil {
		return false
	}
	sp := v.span
	if sp.out != out || len(*out) != sp.outEnd || len(rc.body) != sp.bodyEnd || sp.outStart > sp.outEnd || sp.bodyStart > sp.bodyEnd {
		return false
	}
	checks := []allium.Expr{}
	for _, s := range rc.body[sp.bodyStart:sp.bodyEnd] {
		r, ok := s.(*allium.Requires)
		if !ok {
			return false
		}
		checks = append(checks, r.Cond)
	}
	checks = append(checks, rc.passedChecks(v)...)
	var failed allium.Expr
	for _, c := range checks {
		if failed == nil {
			failed = negate(c)
		} else {
			failed = &allium.Binary{Op: allium.OpOr, X: failed, Y: negate(c)}
		}
	}
	if failed == nil {
		return false
	}
	*out = (*out)[:sp.outStart]
	rc.body = rc.body[:sp.bodyStart]
	rc.assigned = maps.Clone(sp.assigned)
	rc.requires(failed, sc, line)
	return true
}
