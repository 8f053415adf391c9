package distill

// Framework mutation bases whose own method the service's mutation runs
// through super() (graphql_jwt's JSONWebTokenMutation, Refresh, Revoke):
// the service's code only wraps the call, and what it does is the
// library's, which the catalog describes (token_mutations,
// refresh_token_mutations). django-graphql-auth's mixins hand the
// mutation's input on through MutationMixin.parent_resolve:
//
//	class ObtainJSONWebToken(MutationMixin, ObtainJSONWebTokenMixin, graphql_jwt.JSONWebTokenMutation)
//	    ... return cls.parent_resolve(root, info, unarchiving=unarchiving, **next_kwargs)
//	def parent_resolve(cls, root, info, **kwargs):
//	    return super().mutate(root, info, **kwargs)
//
//	let user = User{username}
//	requires: verify(password, user.password)
//	ensures: JsonWebToken.created(user: user, expires_at: now + config.jwt_expiration)
//
// and RefreshToken(MutationMixin, ..., graphql_jwt.Refresh), with
// long-running refresh tokens on:
//
//	when: RefreshToken(refresh_token)
//	requires: refresh_token.revoked = null
//	requires: refresh_token.created + config.jwt_refresh_expiration >= now
//	ensures: JsonWebToken.created(user: refresh_token.user, expires_at: now + config.jwt_expiration)
//	ensures: RefreshToken.created(user: refresh_token.user, created: now)

import (
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// frameworkSuperMutation reads super().<method>(...) in a mutation's
// walk that reaches the method of a catalogued framework base of the
// mutation's class. nil when it reaches none, or the walk cannot state
// what that method does (the call is then read as any other).
func (rc *ruleCtx) frameworkSuperMutation(e *facts.Expr, method string, sc *scope, out *[]allium.Stmt) *value {
	x := e.X.X
	if !bareSuper(x) || rc.h == nil || !rc.h.mutation || rc.h.class == nil {
		return nil
	}
	b := rc.b
	cr := b.ix.classes[rc.h.class.QualName]
	if cr == nil {
		return nil
	}
	if tm := inheritedEntry(b, cr, b.lang.TokenMutations); tm != nil && tm.Method == method {
		if rc.signInByMutation(tm, e, sc, out) {
			return &value{kind: vPlumbing} // the mutation's payload
		}
		return nil
	}
	if rm := inheritedEntry(b, cr, b.lang.RefreshTokenMutations); rm != nil && rm.Method == method {
		if rc.refreshTokenMutation(rm, e, sc, out) {
			return &value{kind: vPlumbing}
		}
	}
	return nil
}

// signInByMutation states what the base's method does under its sign-in
// decorator: the user the login field and password handed on
// authenticate, refused when none does, and the token (and the refresh
// token the settings turn on) issued for that user. false, stating
// nothing, when the call does not hand on both.
func (rc *ruleCtx) signInByMutation(tm *catalog.TokenMutation, call *facts.Expr, sc *scope, out *[]allium.Stmt) bool {
	b := rc.b
	tv, ok := b.lang.TokenDecorators[tm.Decorator]
	if !ok || tv.Token == "" || tv.Password == "" || len(b.lang.AuthenticateCalls) == 0 {
		return false
	}
	ent := b.entByName[b.userEntity()]
	if ent == nil {
		return false
	}
	login := b.loginField(ent, &tv)
	if login == "" {
		return false
	}
	loginVal, passwordVal := rc.handedOn(call, login, sc, out), rc.handedOn(call, tv.Password, sc, out)
	if loginVal == nil || passwordVal == nil || loginVal.kind == vUnknown || passwordVal.kind == vUnknown {
		return false // handed on, but not a value the spec can state
	}
	line := call.Line()
	name := func(n string) *facts.Expr {
		return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: n, Line: line})
	}
	// The user is kept under the name its let takes (as a token view's
	// is); the method's own binding of that name, if any, comes back after.
	const loginVar, passwordVar, userVar = "__mutation_login", "__mutation_password", tokenViewUser
	prior, bound := sc.vars[userVar]
	sc.vars[loginVar], sc.vars[passwordVar] = loginVal, passwordVal
	defer func() {
		delete(sc.vars, loginVar)
		delete(sc.vars, passwordVar)
		if delete(sc.vars, userVar); bound {
			sc.vars[userVar] = prior
		}
	}()
	auth := b.lang.AuthenticateCalls[0]
	authCall := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Raw: auth, Line: line,
		X: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: facts.LastSegment(auth), Line: line})})
	authCall.SetKeywords([]facts.Keyword{{Name: login, Value: *name(loginVar)}, {Name: tv.Password, Value: *name(passwordVar)}})
	// user = authenticate(login=..., password=...); if not user: raise
	// (token_auth's JSONWebTokenError).
	none := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprUnary, X: name(userVar), Line: line})
	none.SetOp("not")
	body := []facts.Stmt{
		facts.NewStmt(facts.StmtSpec{Kind: facts.StmtAssign, Targets: []facts.Expr{*name(userVar)}, Value: authCall, Line: line}),
		facts.NewStmt(facts.StmtSpec{Kind: facts.StmtIf, Cond: none, Body: []facts.Stmt{facts.NewStmt(facts.StmtSpec{Kind: facts.StmtRaise, Line: line})}, Line: line}),
	}
	rc.stmts(body, sc, out)
	if u := sc.vars[userVar]; u == nil || u.kind != vEntity && u.kind != vLookup {
		return true // authenticated, but no user the spec can name the token for
	}
	expiry := b.tokenLifetime(&tv.Lifetime, sc.file, line)
	rc.issueTokenOf(snake(strings.TrimSuffix(tv.Token, "Token")), name(userVar), expiry, sc, out, line)
	rc.issueRefresh(tv.Refresh, name(userVar), sc, out, line)
	return true
}

// handedOn is the value a call hands on under a keyword: its keyword of
// that name, or the entry of the mapping it spreads (**kwargs holding the
// mutation's input, or a dict the code built); nil when the call hands
// no such keyword on, or the mapping is one the walk cannot read.
func (rc *ruleCtx) handedOn(call *facts.Expr, key string, sc *scope, out *[]allium.Stmt) *value {
	for _, kw := range call.Keywords() {
		if kw.Name == key {
			return rc.eval(&kw.Value, sc, out, false)
		}
	}
	spread := call.Keyword("**")
	if spread == nil {
		return nil
	}
	m := rc.eval(spread, sc, out, false)
	switch {
	case m.kind == vReqDict:
		if m.popped[key] || m.declared != nil && !m.declared[key] {
			return nil
		}
		if _, ok := m.rewritten[key]; ok {
			return nil
		}
		return rc.paramValue(key)
	case len(m.parts) > 0:
		for _, part := range m.parts {
			if part.e == nil || part.e.Kind != facts.ExprDict || part.when != nil || part.unknown {
				continue
			}
			for _, en := range part.e.Entries() {
				if en.Key != nil && rc.entryKeyName(en.Key, part.sc, out) == key {
					return rc.eval(&en.Value, part.sc, out, false)
				}
			}
		}
	}
	return nil
}

// entryKeyName is the name a dict entry's key stands for: a string, or a
// name or attribute holding one (USERNAME_FIELD); "" when not known.
func (rc *ruleCtx) entryKeyName(k *facts.Expr, sc *scope, out *[]allium.Stmt) string {
	if k.Kind == facts.ExprString {
		return k.Value()
	}
	if v := rc.eval(k, sc, out, false); v.kind == vExpr {
		if l, ok := v.expr.(*allium.Lit); ok && l.Kind == allium.LitString {
			return l.Text
		}
	}
	return ""
}

// refreshTokenMutation states what the base's method does with the
// stored refresh token its input names, when the project's settings turn
// those tokens on and the model is one of the service's entities: the
// row must be unrevoked, and then refreshed (unexpired; a signed token
// and a new row for its user) or revoked. false, stating nothing,
// otherwise.
func (rc *ruleCtx) refreshTokenMutation(rm *catalog.RefreshTokenMutation, call *facts.Expr, sc *scope, out *[]allium.Stmt) bool {
	b := rc.b
	if !b.settingOn(rm.Setting) || rm.Input == "" {
		return false
	}
	ent := b.entByQual[rm.Model]
	if ent == nil || ent.field(rm.User) == nil || ent.field(rm.User).typ == nil || ent.field(rm.Revoked) == nil {
		return false
	}
	if rc.handedOn(call, rm.Input, sc, out) == nil {
		return false
	}
	n := bindingName(rm.Input)
	if n == "" {
		return false
	}
	line := call.Line()
	row := &value{kind: vEntity, ent: ent.name, expr: &allium.Ident{Name: n}, param: n}
	rc.touch(row)
	// get_refresh_token: only an unrevoked row is found by its token.
	rc.b.stats.GuardsSeen++
	rc.requires(&allium.Binary{Op: allium.OpEq, X: &allium.Member{X: row.expr, Name: rm.Revoked}, Y: &allium.Lit{Kind: allium.LitNull, Text: "null"}}, sc, line)
	switch rm.Action {
	case "revoke":
		*out = append(*out, &allium.Assign{Meta: b.meta(sc.file, line), Target: &allium.Member{X: row.expr, Name: rm.Revoked}, Value: &allium.Ident{Name: "now"}})
		b.stats.EffectsSeen++
		return true
	case "refresh":
	default:
		return false
	}
	if ent.field(rm.Stamp) == nil {
		return false
	}
	if life := b.tokenLifetime(&rm.Expiry, sc.file, line); life != nil {
		// is_expired: refused once the lifetime after its creation passed.
		rc.b.stats.GuardsSeen++
		rc.requires(&allium.Binary{Op: allium.OpGe,
			X: &allium.Binary{Op: allium.OpAdd, X: &allium.Member{X: row.expr, Name: rm.Stamp}, Y: life},
			Y: &allium.Ident{Name: "now"}}, sc, line)
	}
	tv, ok := b.lang.TokenDecorators[rm.Decorator]
	if !ok || tv.Token == "" {
		return true
	}
	const userVar = "__refresh_user"
	sc.vars[userVar] = &value{kind: vEntity, ent: ent.field(rm.User).typ.Name, expr: &allium.Member{X: row.expr, Name: rm.User}}
	defer delete(sc.vars, userVar)
	user := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: userVar, Line: line})
	expiry := b.tokenLifetime(&tv.Lifetime, sc.file, line)
	rc.issueTokenOf(snake(strings.TrimSuffix(tv.Token, "Token")), user, expiry, sc, out, line)
	if rm.Reuse != "" && b.settingOn(rm.Reuse) {
		return true // the old row is reused: no new one
	}
	rc.issueRefresh(&catalog.RefreshIssue{Setting: rm.Setting, Model: rm.Model, User: rm.User, Stamp: rm.Stamp}, user, sc, out, line)
	return true
}

// settingOn reports a dict setting's entry (GRAPHQL_JWT.X) the project
// sets to the literal true; one left out, or set to anything else, is not.
func (b *builder) settingOn(setting string) bool {
	dict, key, ok := strings.Cut(setting, ".")
	if !ok {
		return false
	}
	_, v := b.dictSetting(dict, key)
	on, known := boolLiteral(v)
	return on && known
}
