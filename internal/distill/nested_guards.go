package distill

import (
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A guard nested in a top-level if is a precondition that holds only when
// the if's condition does:
//
//	if user.id == current_user.id:
//	    if not user.verify_password(current_password):
//	        raise HTTPException(400)
//
// requires: user != current_user or verify(current_password, user.password)
//
// The branches of a top-level if carry its condition (scope.under), and a
// guard in them that ends the request with nothing else to say becomes
// `requires: not <conditions> or <guard>`. Loop bodies carry none: a guard
// there is about one item.

// branchUnder is what the then branch (or, with elseBranch, the else
// branch) of the if s with condition cond is under, or nil when it is
// under nothing the spec can state. When the other branch ends the
// request, the if is a guard the spec states already, so the branch is
// under no more than the if itself (`if a: abort  elif not b: abort` is
// requires: not a, requires: b).
func (rc *ruleCtx) branchUnder(s *facts.Stmt, sc *scope, cond allium.Expr, elseBranch bool) allium.Expr {
	if !sc.top && sc.under == nil {
		return nil
	}
	other := s.Else()
	if elseBranch {
		other = s.Body
	}
	if len(other) > 0 && (rc.endsRequest(other, sc) && !rc.helperReturns(other, sc) || rc.failureEnd(&other[len(other)-1], sc)) {
		if sc.under != nil {
			return sc.under
		}
		return alwaysTrue
	}
	if cond == nil {
		return nil
	}
	c := cond
	if elseBranch {
		c = negate(cond)
	}
	return andUnder(sc.under, c)
}

// andUnder joins c to the conditions a branch already runs under, unless
// they hold it already: an inlined helper's early return and the caller's
// own test of the same value would otherwise state it twice (dispatch's
// `status = approved or status = approved or status = pending`).
func andUnder(under, c allium.Expr) allium.Expr {
	if under == nil || under == alwaysTrue {
		return c
	}
	key := allium.ExprString(c)
	for x := under; ; {
		b, ok := x.(*allium.Binary)
		if !ok || b.Op != allium.OpAnd {
			if allium.ExprString(x) == key {
				return under
			}
			break
		}
		if allium.ExprString(b.Y) == key {
			return under
		}
		x = b.X
	}
	return &allium.Binary{Op: allium.OpAnd, X: under, Y: c}
}

// alwaysTrue marks a branch whose condition the spec already requires.
var alwaysTrue allium.Expr = &allium.Lit{Kind: allium.LitBool, Text: "true"}

// nestedGuard states guard as a precondition under the branch's
// conditions.
func (rc *ruleCtx) nestedGuard(guard allium.Expr, sc *scope, line int) {
	guard = rc.branchLookupsInline(guard)
	if sc.under == alwaysTrue {
		rc.requires(guard, sc, line)
		return
	}
	if andUnder(sc.under, guard) == sc.under {
		// The branch runs only where the guard holds (if (user), then
		// a helper's if (!users.length) throw on that user): it never
		// fails there.
		return
	}
	// The conditions may read a let of a branch too: polar's
	// resolve_member looks the customer's owner up only when no member
	// was named, and creates one only when there is none
	// (benefit/grant/scope.py:125-133), whose refusal of a customer
	// without an email (member/service.py:337) runs under `not exists
	// found_member`; the let is bound in the ensures' if, out of the
	// rule-level requires' reach, so it is spelled as its lookup there
	// as well.
	rc.requires(&allium.Binary{Op: allium.OpOr, X: rc.branchLookupsInline(negate(sc.under)), Y: guard}, sc, line)
}

// branchLookupsInline writes, in a guard stated out of its branch, each
// let the branch bound to a lookup as the lookup itself (microblog's
// EditProfileForm.validate_username looks the name up only when it
// changed: `not exists user` of that branch's let is `not exists
// User{username}` in the rule's body, where the let is not in scope).
func (rc *ruleCtx) branchLookupsInline(guard allium.Expr) allium.Expr {
	if len(rc.branchJoins) == 0 {
		return guard
	}
	return allium.Rewrite(guard, func(x allium.Expr) (allium.Expr, bool) {
		if id, ok := x.(*allium.Ident); ok {
			if j := rc.branchJoins[id.Name]; j != nil {
				return j, true
			}
		}
		return x, false
	})
}

// helperReturns reports a branch of an inlined helper that returns
// without failing (a validator's `if user.is_superuser: return value`):
// it ends the helper, not the request, so the spec does not require its
// condition to be false; what follows holds only when it is.
func (rc *ruleCtx) helperReturns(list []facts.Stmt, sc *scope) bool {
	if !sc.inlined || len(list) == 0 {
		return false
	}
	last := &list[len(list)-1]
	if last.Kind != facts.StmtReturn || last.Value == nil || rc.failureEnd(last, sc) {
		return false
	}
	// return None / False: the helper found nothing, which its caller
	// tests (a verifier's `if not data: raise`); the old reading holds.
	switch last.Value.Kind {
	case facts.ExprNone, facts.ExprBool:
		return false
	}
	return true
}

// modeReturn reports a bare return, in a helper that gives nothing back,
// under a comparison (saleor's maybe_merge_account
// returns when merging is switched off, graphql/account/mutations/
// account/confirm_account.py:87-91): its caller has nothing to test, and
// what the helper does after the branch happens only when the branch was
// not taken; when the spec cannot state the comparison, what follows is
// left out. A truth test (`if not password: return`, `if field.errors:
// return`) is a value missing, which the spec's rule, given its inputs,
// does not meet: the old reading holds.
//
// A truth test of a stored row's field (`if not user.is_active: return`
// before a notification is sent) is no value missing from the request
// either: it is the row's state, which differs from one request to the
// next, and what follows happens only when it holds.
//
// Nor is a truth test whose branch does something before it returns
// (django-allauth's PasswordResetVerificationProcess.send mails the
// unknown-account notice and returns when no user has the address, and
// sends the code only after, account/internal/flows/
// password_reset_by_code.py:70-79): that is another path, not a value
// missing; the code mail was stated as sent to every address.
func modeReturn(s *facts.Stmt, sc *scope) bool {
	if !sc.inlined || len(s.Body) == 0 || s.Cond == nil {
		return false
	}
	switch {
	case s.Cond.Kind == facts.ExprCompare:
		switch s.Cond.Op() {
		case "is", "is not", "in", "not in":
			return false
		}
	case !testsStoredField(s.Cond, sc) && len(s.Body) < 2:
		return false
	}
	last := &s.Body[len(s.Body)-1]
	return last.Kind == facts.StmtReturn && last.Value == nil && procedure(sc.helper)
}

// settingReturn reports a bare return, in a helper that gives nothing
// back, under a condition the spec states on config parameters alone
// (django-allauth's send_notification_mail returns unless the
// EMAIL_NOTIFICATIONS setting is on, account/adapter.py:889-890): the
// deployment's choice, not a value missing from the request, so what the
// helper does after the branch happens only when the branch was not
// taken, `if config.email_notifications:`. Before, the mail was stated
// as sent always.
func settingReturn(s *facts.Stmt, cond allium.Expr, sc *scope) bool {
	if !sc.inlined || len(s.Body) == 0 || s.Cond == nil || cond == nil || !settingsOnly(cond) {
		return false
	}
	last := &s.Body[len(s.Body)-1]
	return last.Kind == facts.StmtReturn && last.Value == nil && procedure(sc.helper)
}

// testsStoredField reports a truth test (x.f or not x.f) of a field of a
// row the rule found or was handed, not of the row itself (whose absence
// earlyEndOnAbsentRow reads) nor of an input.
func testsStoredField(cond *facts.Expr, sc *scope) bool {
	if cond.Kind == facts.ExprUnary && cond.Op() == "not" && cond.X != nil {
		cond = cond.X
	}
	if cond.Kind != facts.ExprAttr || cond.X == nil || cond.X.Kind != facts.ExprName {
		return false
	}
	v := sc.vars[cond.X.Name()]
	return v != nil && (v.kind == vEntity || v.kind == vLookup)
}

// procedure reports a function none of whose returns gives a value.
func procedure(fn *facts.Function) bool {
	if fn == nil {
		return false
	}
	valued := false
	facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
		valued = valued || s.Kind == facts.StmtReturn && s.Value != nil
		return !valued
	})
	return !valued
}

// switchedOff reports a branch of an inlined success flag's helper that
// answers false on a condition on settings alone (parse-server's
// setEmailVerifyToken, UserController.js:43: if (!shouldSendEmail)
// return false; ...; return true, shouldSendEmail the verifyUserEmails
// option): the service is configured not to do it, which no request can
// fail on; the rest happens only when the option is on. A false answered
// on the row or the input stays the caller's to test (flask-base's
// change_email).
func (rc *ruleCtx) switchedOff(list []facts.Stmt, cond allium.Expr, sc *scope) bool {
	if !sc.inlined || len(list) == 0 || cond == nil || !endsReturningTrue(sc.helper) {
		return false
	}
	last := &list[len(list)-1]
	if last.Kind != facts.StmtReturn || last.Value == nil || last.Value.Kind != facts.ExprBool || last.Value.Value() != "false" {
		return false
	}
	return settingsOnly(cond)
}

// settingsOnly reports a condition that reads config parameters and
// nothing else of the request.
func settingsOnly(c allium.Expr) bool {
	config, other := false, false
	allium.Inspect(c, func(x allium.Expr) bool {
		switch v := x.(type) {
		case *allium.Member:
			if isConfigRef(v) {
				config = true
				return false
			}
		case *allium.Ident, *allium.Join, *allium.Call:
			other = true
		}
		return true
	})
	return config && !other
}

// elifFallThrough is the condition under which the rest of an inlined
// helper runs past the else branch of s when that branch returns on some
// paths only: for an elif that returns (django-allauth's AddEmailForm.save,
// account/forms.py:575-592: `if EMAIL_VERIFICATION_BY_CODE_ENABLED: ...
// return` then `elif CHANGE_EMAIL: return add_new_email(...)`, then
// `return add_email(...)`), its test negated, so that the last add_email
// is stated only when neither setting is on; leaveRestOut when that test
// cannot be stated, or the branch returns in another shape. nil when the
// else branch does not return (or ends the request, or returns on every
// path).
func (rc *ruleCtx) elifFallThrough(s *facts.Stmt, elseEnds, elseReturned bool, sc *scope) allium.Expr {
	rest := s.Else()
	if elseEnds || elseReturned || !partlyReturns(rest) {
		return nil
	}
	if len(rest) != 1 || rest[0].Kind != facts.StmtIf || len(rest[0].Else()) != 0 || len(rest[0].Body) == 0 ||
		rest[0].Body[len(rest[0].Body)-1].Kind != facts.StmtReturn || mayReturn(rest[0].Body[:len(rest[0].Body)-1]) {
		return leaveRestOut
	}
	var scratch []allium.Stmt
	c := rc.cond(rest[0].Cond, sc, &scratch)
	if c == nil || len(scratch) > 0 {
		return leaveRestOut
	}
	return negate(c)
}

// endsReturningTrue reports a function whose body ends with return true.
func endsReturningTrue(fn *facts.Function) bool {
	if fn == nil || len(fn.Body()) == 0 {
		return false
	}
	last := &fn.Body()[len(fn.Body())-1]
	return last.Kind == facts.StmtReturn && last.Value != nil && last.Value.Kind == facts.ExprBool && last.Value.Value() == "true"
}

// helperReturned carries a return from a branch of an inlined helper past
// its if: when both branches returned the helper is done; when one did,
// the rest of the helper runs only under the other branch's condition, so
// a guard there is nested under it (`if user.is_superuser: return value`
// then `if not ok: raise` is requires: user.is_superuser or ok), and is
// left out when the condition cannot be stated.
func (rc *ruleCtx) helperReturned(s *facts.Stmt, cond allium.Expr, thenSc, elseSc *scope, thenEnds, elseEnds bool, sc *scope) {
	if !sc.inlined {
		return
	}
	setting := thenSc.returned && !thenEnds && settingReturn(s, cond, sc)
	mode := thenSc.returned && !thenEnds && (modeReturn(s, sc) || rc.ignoredRefusal(s, sc) || setting)
	tr := thenSc.returned && !thenEnds && (rc.helperReturns(s.Body, sc) || earlyEndOnAbsentRow(s, sc) || rc.switchedOff(s.Body, cond, sc) || mode)
	er := elseSc.returned && !elseEnds && rc.helperReturns(s.Else(), sc)
	// An elif that returns too (`if a: return x elif b: return y`, then
	// the rest): the rest runs only when neither test held.
	fall := rc.elifFallThrough(s, elseEnds, er, sc)
	switch {
	case tr && er:
		sc.returned = true
		return
	case (setting || tr && cond != nil) && fall == leaveRestOut && !sc.top && sc.under == nil:
		sc.restUnder = leaveRestOut
		return
	case setting && !er && !sc.top && sc.under == nil:
		// Under a branch the spec cannot state (allauth's headless
		// ChangePasswordView sends the notice from either branch of
		// `if is_set:`, headless/account/views.py:410-413): no guard
		// nests here, but the rest's outcomes still happen only when
		// the setting is on.
		sc.restUnder = andAll(negate(cond), fall)
		return
	case tr && !er && cond != nil && !sc.top && sc.under == nil:
		// Past an earlier return of the helper on a condition the spec
		// cannot state (linkwarden's setCollection: if (collectionName)
		// {... return}, then the find-or-create of the Unorganized
		// collection, lib/api/setCollection.ts:41-99): no guard nests
		// here, but an outcome after this return still happens only
		// when its test fails (if (found) return found; then
		// collection.create(...): only when none was found), and is
		// stated under the negated test, not always.
		sc.restUnder = andAll(negate(cond), fall)
		return
	case cond == nil && sc.ignored && (!thenEnds && partlyReturns(s.Body) || !elseEnds && partlyReturns(s.Else())):
		// A branch that may end a helper whose answer nothing reads, on
		// a condition of its own inside a condition the spec cannot
		// state (a branch that returns outright is read as above): allauth's
		// EmailAddress.set_as_primary returns early when another address
		// is primary and it was asked only conditionally (if old_primary:
		// if conditional: return False, account/models.py:98-100), and
		// marks the address primary only past it (:103). What follows
		// happens only when the helper went on, which the spec cannot
		// say: it is left out, not stated always.
		sc.restUnder = leaveRestOut
		return
	case !tr && !er || !sc.top && sc.under == nil:
		return
	}
	c := cond
	if c != nil && tr {
		c = negate(c)
	}
	if tr && fall == leaveRestOut {
		sc.restUnder = leaveRestOut
		return
	}
	if tr && c != nil {
		c = andAll(c, fall)
	}
	sc.restUnder = c
	if c == nil && (mode || readsRowState(s.Cond, sc) || readsRequestDerived(s.Cond, sc)) {
		// parse-server's regenerateEmailVerifyToken returns early while
		// the user's token is still valid: the rest runs only for some
		// rows, under a condition the spec cannot state, so its outcomes
		// are left out rather than stated always; so does a condition on
		// what the caller handed the helper (request_derived.go). A
		// condition on settings alone (CTFd's sendmail when no mail
		// provider is set) keeps the old reading: the spec describes a
		// configured service.
		sc.restUnder = leaveRestOut
	}
	if c != nil {
		c = andUnder(sc.under, c)
	}
	sc.top, sc.under = false, c
}

// partlyReturns reports a block that returns from the function it is in
// on some of its paths only: a return nested in it, none at its end.
func partlyReturns(list []facts.Stmt) bool {
	if len(list) == 0 || list[len(list)-1].Kind == facts.StmtReturn || list[len(list)-1].Kind == facts.StmtRaise {
		return false
	}
	return mayReturn(list)
}

// mayReturn reports a block with a return in it, of the function it is
// in (not of one defined inside it).
func mayReturn(list []facts.Stmt) bool {
	found := false
	facts.Walk(list, func(s *facts.Stmt) bool {
		switch s.Kind {
		case facts.StmtFunction, facts.StmtClass:
			return false
		case facts.StmtReturn:
			found = true
		}
		return !found
	})
	return found
}

// leaveRestOut marks the rest of an inlined helper that runs only under a
// condition on the row the spec cannot state (restUnderCond).
var leaveRestOut allium.Expr = &allium.Lit{Kind: allium.LitBool, Text: "unstated"}

// readsRowState reports a condition that reads a row, one of its fields or
// a request input: unlike a setting, it differs from one request to the
// next.
func readsRowState(cond *facts.Expr, sc *scope) bool {
	return readsLocal(cond, sc, func(v *value) bool {
		switch v.kind {
		case vEntity, vLookup, vNew, vParam, vReqDict, vShape:
			return true
		case vExpr:
			return readsNamedField(v.expr)
		}
		return false
	})
}

// readsLocal reports a condition naming a local of sc whose value is
// accepts (readsRowState and readsUnreadRow differ only in which values
// count).
func readsLocal(cond *facts.Expr, sc *scope, is func(*value) bool) bool {
	return cond.Any(func(x *facts.Expr) bool {
		if x.Kind != facts.ExprName {
			return false
		}
		v := sc.vars[x.Name()]
		return v != nil && is(v)
	})
}

// readsNamedField reports a field read off a named value other than config
// (user.email_verify_token).
func readsNamedField(x allium.Expr) bool {
	m, ok := x.(*allium.Member)
	if !ok || isConfigRef(x) {
		return false
	}
	for {
		switch b := m.X.(type) {
		case *allium.Ident:
			return b.Name != "config"
		case *allium.Member:
			m = b
		default:
			return false
		}
	}
}

// unreadUnder notes a guard inside a block whose own condition could not
// be read (umami's `if (data.username && user.username !==
// data.username) { const user = ...; if (user) return badRequest(...) }`):
// when the guard applies is unknown, so it is left out, and said so
// rather than dropped unseen. Inside a branch of a known condition the
// guard is stated under it (nestedGuard).
func (rc *ruleCtx) unreadUnder(s *facts.Stmt, sc *scope) {
	if sc.top || sc.inlined {
		return
	}
	rc.untranslated(sc, s.Line(), LeftOutNestedGuard, "a guard under a condition the spec could not read")
}

// branchRequiredLookup keeps a lookup that ends the request when no row
// matches (get_object_or_404, first_or_404), run under a branch's
// conditions, for branchRequirements to state as the guard it is there.
// A lookup at the top level is required where it is bound (bindLookup),
// and one under no condition the spec can state says nothing.
func (rc *ruleCtx) branchRequiredLookup(q *query, j allium.Expr, sc *scope, line int) {
	if !q.required && !q.orAbort || sc.top || sc.under == nil || sc.under == leaveRestOut || rc.importing > 0 {
		return
	}
	rc.branchRequired = append(rc.branchRequired, branchRequired{join: j, under: sc.under, meta: rc.b.meta(sc.file, line)})
}

// branchRequired is a lookup that ends the request when no row matches,
// run under the conditions under.
type branchRequired struct {
	join  allium.Expr
	under allium.Expr
	meta  allium.Meta
}

// branchRequirements states each lookup of branchRequiredLookup as
// `requires: not <conditions> or exists <lookup>` unless a requires of
// body already asks whether the row exists (accounts/views.py's
// `exists Member{...} and Member{...}.is_rw`, from the test of the row
// the code makes next). healthchecks' _get_project_for_user
// (front/views.py:171-183) returns for a superuser and for the project's
// owner, and only then looks the membership up or answers 404: requires:
// user.is_superuser or user = project.owner or exists Member{project,
// user}.
func (rc *ruleCtx) branchRequirements(body []allium.Stmt) []allium.Stmt {
	for _, br := range rc.branchRequired {
		exists := &allium.Unary{Op: allium.OpExists, X: br.join}
		key := exprKey(exists)
		stated := false
		for _, s := range body {
			if r, ok := s.(*allium.Requires); ok && strings.Contains(exprKey(r.Cond), key) {
				stated = true
				break
			}
		}
		if stated || !rc.joinBound(br.join) {
			continue
		}
		var cond allium.Expr = exists
		if br.under != alwaysTrue {
			cond = &allium.Binary{Op: allium.OpOr, X: negate(br.under), Y: exists}
		}
		rc.b.stats.GuardsSeen++
		body = append(body, &allium.Requires{Meta: br.meta, Cond: cond})
	}
	return body
}

// joinBound reports a lookup whose values name only the rule's
// parameters and lets: one keyed by an input the rule reads as the row it
// names instead (CTFd's token_id, whose row is the trigger's token,
// api/v1/tokens.py:145-150) could not be stated outside its branch.
func (rc *ruleCtx) joinBound(j allium.Expr) bool {
	jn, ok := j.(*allium.Join)
	if !ok {
		return false
	}
	for _, f := range jn.Fields {
		names := []string{f.Name}
		if f.Value != nil {
			names = names[:0]
			allium.Inspect(f.Value, func(e allium.Expr) bool {
				if m, ok := e.(*allium.Member); ok {
					if id, ok := m.X.(*allium.Ident); ok {
						names = append(names, id.Name)
					}
					return false
				}
				if id, ok := e.(*allium.Ident); ok {
					names = append(names, id.Name)
				}
				return true
			})
		}
		for _, n := range names {
			if n != "config" && n != "now" && !rc.paramSet[n] && !rc.lets[n] {
				return false
			}
		}
	}
	return true
}
