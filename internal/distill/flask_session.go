package distill

import (
	"cmp"
	"slices"
	"strconv"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// isSessionStore reports an expression naming one of the framework's
// session objects (flask.session), not a database session (db.session).
func (rc *ruleCtx) isSessionStore(e *facts.Expr) bool { return rc.b.isSessionStore(e) }

// isSessionStore is ruleCtx.isSessionStore outside a rule.
func (b *builder) isSessionStore(e *facts.Expr) bool {
	ss := b.lang.Sessions
	if ss == nil || e == nil || len(ss.Stores) == 0 {
		return false
	}
	if e.Kind != facts.ExprName && e.Kind != facts.ExprAttr {
		return false
	}
	return catalog.MatchAny(ss.Stores, e.Resolved())
}

// sessionStoreWrite handles `session["user_id"] = user.id` on a session
// object: storing the signed-in user's id (or the user) under a key signs
// the user in, which the spec states as Session.created(user: u). Other
// keys (a nonce, a hash of the password) are the session's plumbing. It
// reports whether the target was a session object.
func (rc *ruleCtx) sessionStoreWrite(t, v *facts.Expr, sc *scope, out *[]allium.Stmt, line int) bool {
	if t.Kind != facts.ExprSubscript || !rc.isSessionStore(t.X) {
		return false
	}
	if rc.sessionStampWrite(t, v, sc, out, line) {
		return true
	}
	b := rc.b
	who := v
	if v.Kind == facts.ExprAttr && (v.Name() == "id" || v.Name() == "pk") && v.X != nil {
		who = v.X
	}
	u := rc.eval(who, sc, out, false)
	if (u.kind != vEntity && u.kind != vNew) || u.ent == "" || u.ent != b.userEntity() {
		return true
	}
	var x allium.Expr
	if u.kind == vNew {
		// The user registered in this request: its creation is named.
		x = rc.newRef(u)
	} else {
		rc.touch(u)
		x = rc.valueExpr(u)
	}
	if x == nil {
		return true
	}
	b.stats.EffectsSeen++
	b.sessionUser = u.ent
	st := &allium.ExprStmt{Meta: b.meta(sc.file, line), X: &allium.Call{
		Fun:  &allium.Member{X: &allium.Ident{Name: b.lang.Sessions.Entity}, Name: "created"},
		Args: []allium.Arg{{Name: "user", Value: x}}}}
	key := allium.PrintConstruct(st)
	if !slices.ContainsFunc(*out, func(o allium.Stmt) bool { return allium.PrintConstruct(o) == key }) {
		*out = append(*out, st)
	}
	return true
}

// sessionStoreCall handles session.clear() (a catalogued store end) on a
// session object: the user signs out (not exists session). It reports
// whether the call was one on a session object.
func (rc *ruleCtx) sessionStoreCall(e *facts.Expr, method string, sc *scope, out *[]allium.Stmt) bool {
	if method == "" || e.X == nil || !rc.isSessionStore(e.X.X) {
		return false
	}
	if rc.sessionStampPop(e, method, sc, out) {
		return true
	}
	b := rc.b
	if slices.Contains(b.lang.Sessions.StoreEnds, method) && b.userEntity() != "" {
		b.stats.EffectsSeen++
		b.sessionUser = b.userEntity()
		rc.useParam("session")
		*out = append(*out, &allium.ExprStmt{Meta: b.meta(sc.file, e.Line()),
			X: &allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: &allium.Ident{Name: "session"}}}})
	}
	return true
}

// usersTableEntity is the model of the users table when no class is named
// User nor built on a user base: services that name models after their
// tables (class Users with __tablename__ = "users") still have one model
// of signed-in users.
func (b *builder) usersTableEntity() *entityInfo {
	var found *entityInfo
	for _, e := range b.entList {
		if e.table == "users" || e.table == "user" {
			if found != nil {
				return nil
			}
			found = e
		}
	}
	return found
}

// signedInOnly handles `if current_user.authed(): logout_user()` as the
// whole work of a handler that any caller reaches (only a return follows,
// rest): the branch is all the handler does, and only for a signed-in
// caller, so the rule is the signed-in caller's and the branch holds in
// it. A signed-in test whose branch ends the request (`if
// current_user.is_authenticated: return redirect(...)`, the usual turning
// away of signed-in callers) or that precedes other work is left to
// reduceCond. It reports whether it walked the branch, and whether that
// ended the rule.
func (rc *ruleCtx) signedInOnly(s *facts.Stmt, rest []facts.Stmt, sc *scope, out *[]allium.Stmt) (handled, ends bool) {
	if s.Kind != facts.StmtIf || rc.auth > authNone || len(s.Else()) > 0 || s.Cond == nil || len(s.Body) == 0 {
		return false, false
	}
	for i := range rest {
		if rest[i].Kind != facts.StmtReturn {
			return false, false
		}
	}
	if rc.endsRequest(s.Body, sc) {
		return false, false
	}
	e := s.Cond
	var signedIn, ok bool
	switch e.Kind {
	case facts.ExprCall:
		if len(e.Args()) == 0 && e.Method() != "" {
			signedIn, ok = rc.sessionCheck(e.X, e.Method())
		}
	case facts.ExprAttr:
		signedIn, ok = rc.sessionCheck(e, e.Name())
	}
	// Outside a signed-in handler sessionCheck reads a signed-in test as
	// false and an anonymous test as true.
	if !ok || signedIn {
		return false, false
	}
	return true, rc.stmts(s.Body, sc, out)
}

// sessionStoreAttr handles `session.permanent = True` on a session
// object: the session the rule starts lasts the configured lifetime, so
// its creation states expires_at: now + config.session_lifetime. It
// reports whether the target was an attribute of a session object.
func (rc *ruleCtx) sessionStoreAttr(t, v *facts.Expr, out *[]allium.Stmt) bool {
	if t.Kind != facts.ExprAttr || !rc.isSessionStore(t.X) {
		return false
	}
	ss := rc.b.lang.Sessions
	lt := ss.Lifetime
	if lt == nil || !slices.Contains(lt.Flags, t.Name()) || v.Kind != facts.ExprBool || v.Value() != "true" {
		return true
	}
	var created *allium.Call
	for _, st := range slices.Backward(*out) {
		if c, ok := creationCall(st); ok && allium.ExprString(c.Fun) == ss.Entity+".created" {
			created = c
			break
		}
	}
	if created == nil || slices.ContainsFunc(created.Args, func(a allium.Arg) bool { return a.Name == "expires_at" }) {
		return true
	}
	life := rc.b.sessionLifetime(lt, t.Line())
	if life == nil {
		return true
	}
	created.Args = append(created.Args, allium.Arg{Name: "expires_at",
		Value: &allium.Binary{Op: allium.OpAdd, X: &allium.Ident{Name: "now"}, Y: life}})
	rc.b.sessionExpiry = true
	return true
}

// sessionLifetime is the configured lifetime of a session (catalog
// SessionLifetime): the service's setting when it gives one (a number of
// lt.Unit, seconds by default, or a timedelta), else the framework's
// default when the catalog names one; nil when neither is known. With a
// Config name it is config.<Config>; without, the setting's own config
// parameter, which then holds a Duration.
func (b *builder) sessionLifetime(lt *catalog.SessionLifetime, line int) allium.Expr {
	ci := b.configByKey[lt.Setting]
	var value allium.Expr
	switch {
	case ci == nil && lt.DefaultSeconds > 0:
		value = durationFrom(lt.DefaultSeconds, "seconds")
	case ci == nil:
	case ci.typ == "Duration":
		value = ci.value
	case ci.typ == "Integer":
		if n, err := strconv.ParseInt(ci.value.(*allium.Lit).Text, 10, 64); err == nil {
			value = durationFrom(n, cmp.Or(lt.Unit, "seconds"))
		}
	}
	if value == nil {
		return nil
	}
	if lt.Config == "" {
		if ci == nil {
			return nil
		}
		ci.typ, ci.value = "Duration", value
		return b.useConfig(ci)
	}
	if !isSnake(lt.Config) {
		return nil
	}
	var file *facts.File
	if ci != nil {
		file, line = ci.file, ci.line
	}
	return b.literalConfig(lt.Config, "Duration", value, file, line)
}

// authSession marks the value of a catalogued session getter (auth
// session_getters: NextAuth's getServerSession).
const authSession = "auth_session"

// sessionOrNull gives the session of two bindings of a variable on two
// paths when one is a session getter's value and the other null, and nil
// otherwise.
func sessionOrNull(a, b *value) *value {
	isSession := func(v *value) bool { return v != nil && v.kind == vPlumbing && v.param == authSession }
	switch {
	case isSession(a) && isNullValue(b):
		return a
	case isSession(b) && isNullValue(a):
		return b
	}
	return nil
}

// signedInSession reports an if that turns the request away when there
// is no signed-in session (`if (!session) return 403`, `if
// (!session?.user)`): the rule is for signed-in users, which the surface
// says; the test is no precondition of its own.
func (rc *ruleCtx) signedInSession(s *facts.Stmt, sc *scope) bool {
	if !rc.noSessionTest(s.Cond, sc) || !rc.endsRequest(s.Body, sc) {
		return false
	}
	rc.auth = max(rc.auth, authUser)
	return true
}

// signedInOr reads an if that turns the request away when there is no
// signed-in session or something else holds (taxonomy's `if
// (!session?.user || params.userId !== session?.user.id) return 403`):
// the rule is for signed-in users, and the if is read as one of the other
// test alone (a guard, user_id = current_user). nil for any other if.
func (rc *ruleCtx) signedInOr(s *facts.Stmt, sc *scope) *facts.Stmt {
	e := s.Cond
	if e == nil || e.Kind != facts.ExprBoolOp || e.Op() != "or" || e.X == nil || e.Y == nil || !rc.noSessionTest(e.X, sc) || !rc.endsRequest(s.Body, sc) {
		return nil
	}
	rc.auth = max(rc.auth, authUser)
	rest := *s
	rest.Cond = e.Y
	return &rest
}

// noSessionTest reports a test that there is no signed-in session
// (!session, !session?.user) of a catalogued session getter's value.
func (rc *ruleCtx) noSessionTest(e *facts.Expr, sc *scope) bool {
	if e == nil || e.Kind != facts.ExprUnary || e.Op() != "not" || e.X == nil || len(rc.b.lang.Auth.SessionGetters) == 0 {
		return false
	}
	x := e.X
	if x.Kind == facts.ExprAttr && x.Name() == "user" {
		x = x.X
	}
	if x.Kind != facts.ExprName {
		return false
	}
	v := sc.vars[x.Name()]
	return v != nil && v.kind == vPlumbing && v.param == authSession
}
