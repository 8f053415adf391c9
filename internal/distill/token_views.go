package distill

// Framework token views (rest_framework_jwt's ObtainJSONWebTokenView)
// sign a user in with the credentials posted and answer with a signed
// token, in a POST the service's subclass inherits or reaches through
// super().post(): the catalog (token_views) says what that POST reads
// and issues:
//
//	class UserJwtLoginApi(ObtainJSONWebTokenView): ...
//
//	rule UserJwtLoginApi {
//	    when: UserJwtLoginApi(email, password)
//	    let user = User{email}
//	    requires: verify(password, user.password)
//	    requires: user.is_active
//	    requires: exists user
//	    ensures: JsonWebToken.created(user: user, expires_at: now + config.jwt_expiration)
//	}
//
// The login input is the field the user model names (USERNAME_FIELD);
// the user is found as the catalog's authenticate call finds it.

import (
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// tokenView is the catalog entry of the framework token view cr
// inherits from; nil when it has none.
func (b *builder) tokenView(cr *classRef) *catalog.TokenView {
	return inheritedEntry(b, cr, b.lang.TokenViews)
}

// tokenViewHandler is the POST of a view class that runs a framework
// token view's: inherited (a handler with no body) or its own post that
// calls super().post(). nil for any other class, or a post that does
// not reach the framework's.
func (b *builder) tokenViewHandler(f *facts.File, c *facts.Class, cr *classRef) *handler {
	tv := b.tokenView(cr)
	if tv == nil || tv.Token == "" || len(b.lang.AuthenticateCalls) == 0 {
		return nil
	}
	fn := &facts.Function{Name: "post", QualName: c.QualName + ".post", Line: c.Line}
	for i := range c.Methods {
		if m := &c.Methods[i]; m.Name == "post" {
			if !callsSuper(m.Body(), "post") {
				return nil
			}
			fn = m
		}
	}
	return &handler{file: f, fn: fn, class: c, name: pascal(viewStem(c.Name)), tokenView: tv}
}

// callsSuper reports a call of super().<method>(...) in body.
func callsSuper(body []facts.Stmt, method string) bool {
	found := false
	facts.Walk(body, func(s *facts.Stmt) bool {
		for _, e := range []*facts.Expr{s.Value, s.Cond} {
			if e != nil && e.Any(func(x *facts.Expr) bool { return isSuperCall(x, method) }) {
				found = true
			}
		}
		return !found
	})
	return found
}

func isSuperCall(x *facts.Expr, method string) bool {
	return x.Kind == facts.ExprCall && x.X != nil && x.X.Kind == facts.ExprAttr && x.X.Name() == method &&
		x.X.X != nil && x.X.X.Kind == facts.ExprCall && x.X.X.X != nil && x.X.X.X.Name() == "super"
}

// tokenViewRule states what the framework's POST does: the user found by
// the login input and the password as the authenticate call finds one,
// required to exist, and a token issued for it.
func (rc *ruleCtx) tokenViewRule(tv *catalog.TokenView, sc *scope) {
	b := rc.b
	ent := b.entByName[b.userEntity()]
	if ent == nil || sc.vars[tokenViewUser] != nil {
		return
	}
	login := b.loginField(ent, tv)
	if login == "" || tv.Password == "" {
		return
	}
	line := rc.h.fn.Line
	name := func(n string) *facts.Expr {
		return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: n, Line: line})
	}
	const loginVar, passwordVar = "__tokenview_login", "__tokenview_password"
	sc.vars[loginVar], sc.vars[passwordVar] = rc.paramValue(login), rc.paramValue(tv.Password)
	defer delete(sc.vars, loginVar)
	defer delete(sc.vars, passwordVar)
	call := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Raw: b.lang.AuthenticateCalls[0], Line: line,
		X: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: facts.LastSegment(b.lang.AuthenticateCalls[0]), Line: line})})
	call.SetKeywords([]facts.Keyword{{Name: login, Value: *name(loginVar)}, {Name: "password", Value: *name(passwordVar)}})
	// user = authenticate(login=..., password=...); a failed one is refused.
	none := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprUnary, X: name(tokenViewUser), Line: line})
	none.SetOp("not")
	body := []facts.Stmt{
		facts.NewStmt(facts.StmtSpec{Kind: facts.StmtAssign, Targets: []facts.Expr{*name(tokenViewUser)}, Value: call, Line: line}),
		facts.NewStmt(facts.StmtSpec{Kind: facts.StmtIf, Cond: none, Body: []facts.Stmt{facts.NewStmt(facts.StmtSpec{Kind: facts.StmtRaise, Line: line})}, Line: line}),
	}
	rc.stmts(body, sc, &rc.ensures)
	var expiry allium.Expr
	if life := b.tokenLifetime(&tv.Lifetime, sc.file, line); life != nil {
		expiry = life
	}
	kind := snake(strings.TrimSuffix(tv.Token, "Token"))
	var kept []keptValue
	if k := rc.tokenKey(tv, name(tokenViewUser), sc); k != nil {
		kept = append(kept, *k)
	}
	rc.issueTokenOf(kind, name(tokenViewUser), expiry, sc, &rc.ensures, line, kept...)
	tok := b.signedTokens[pascal(kind)+"Token"]
	if tok == nil || tok.user == "" || len(kept) == 0 {
		return
	}
	// key: user.jwt_key, a field of the user's.
	if m, ok := kept[0].value.(*allium.Member); ok {
		if id, ok := m.X.(*allium.Ident); ok && id.Name == tokenViewUser {
			tok.keyed = &[2]string{kept[0].name, m.Name}
		}
	}
}

// tokenViewUser is the variable the framework's POST keeps the user in;
// its let is named after the user entity's usual variable.
const tokenViewUser = "user"

// loginField is the field of the user entity the model names as its login
// (USERNAME_FIELD = "email"), else the catalog's default; "" when the
// entity has no such field.
func (b *builder) loginField(ent *entityInfo, tv *catalog.TokenView) string {
	field := tv.LoginDefault
	if ent.ref != nil && tv.LoginAttr != "" {
		for _, a := range ent.ref.class.Fields {
			if a.Name == tv.LoginAttr && a.Value != nil && a.Value.Kind == facts.ExprString {
				field = a.Value.Value()
			}
		}
	}
	if ent.attrs[field] == nil {
		return ""
	}
	return field
}

// tokenLifetime is config.<name> holding the lifetime a token view's
// setting gives (a module-level setting, or an entry of a dict setting:
// JWT_AUTH["JWT_EXPIRATION_DELTA"] = timedelta(seconds=X)), else the
// framework's default; nil when neither is known.
func (b *builder) tokenLifetime(lt *catalog.SessionLifetime, at *facts.File, line int) allium.Expr {
	if lt.Config == "" || !isSnake(lt.Config) {
		return nil
	}
	dict, key, ok := strings.Cut(lt.Setting, ".")
	if !ok {
		return b.sessionLifetime(lt, 0)
	}
	if f, v := b.dictSetting(dict, key); v != nil {
		if d := b.settingDuration(v); d != nil {
			return b.literalConfig(lt.Config, "Duration", d, f, v.Line())
		}
		return nil // set to something unread: no default stands for it
	}
	if lt.DefaultSeconds > 0 {
		return b.literalConfig(lt.Config, "Duration", durationFrom(lt.DefaultSeconds, "seconds"), at, line)
	}
	return nil
}

// dictSetting is the value of an entry of a module-level dict setting
// (JWT_AUTH = {"JWT_EXPIRATION_DELTA": ...}) and its file; nil when no
// module sets it.
func (b *builder) dictSetting(dict, key string) (*facts.File, *facts.Expr) {
	for _, f := range b.ix.files {
		if b.testFile(f.Path) {
			continue
		}
		for i := range f.Constants {
			c := &f.Constants[i]
			if c.Name != dict || c.Value == nil || c.Value.Kind != facts.ExprDict {
				continue
			}
			for _, en := range c.Value.Entries() {
				if en.Key != nil && en.Key.Kind == facts.ExprString && en.Key.Value() == key {
					return f, &en.Value
				}
			}
		}
	}
	return nil, nil
}

// tokenKey is what the service's function a token view's setting names
// (JWT_GET_USER_SECRET_KEY: "app.services.user_secret_key") returns for
// the user the token is issued to: the token carries it, and holds while
// the user's one matches. nil when the setting or function is not found.
func (rc *ruleCtx) tokenKey(tv *catalog.TokenView, user *facts.Expr, sc *scope) *keptValue {
	b := rc.b
	dict, key, ok := strings.Cut(tv.KeySetting, ".")
	if tv.KeyClaim == "" || !ok {
		return nil
	}
	_, v := b.dictSetting(dict, key)
	if v == nil || v.Kind != facts.ExprString {
		return nil
	}
	fr := b.ix.funcs[b.ix.canonical(v.Value())]
	if fr == nil || fr.class != nil || len(fr.fn.Params) != 1 {
		return nil
	}
	var discard []allium.Stmt // the key's derivation is no outcome
	call := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Line: user.Line(), Args: []facts.Expr{*user}})
	got := rc.inline(fr, &value{kind: vPlumbing}, call, sc, &discard)
	if got == nil || got.kind != vExpr || got.expr == nil {
		return nil
	}
	return &keptValue{name: tv.KeyClaim, value: got.expr, typ: &allium.Type{Name: "String"}}
}

// settingDuration reads a setting's timedelta: literal, or one keyword
// given by another setting (timedelta(seconds=JWT_EXPIRATION_DELTA_SECONDS)).
func (b *builder) settingDuration(v *facts.Expr) allium.Expr {
	if d := b.timedelta(v); d != nil {
		return d
	}
	if v.Kind != facts.ExprCall || facts.LastSegment(v.Raw()) != "timedelta" && facts.LastSegment(v.Resolved()) != "timedelta" {
		return nil
	}
	kws := v.Keywords()
	if len(v.Args()) != 0 || len(kws) != 1 || kws[0].Value.Kind != facts.ExprName {
		return nil
	}
	ci := b.configByKey[kws[0].Value.Name()]
	switch {
	case ci == nil:
	case ci.typ == "Duration":
		return ci.value
	case ci.typ == "Integer":
		if n, ok := evalInt(facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprInt, Value: ci.value.(*allium.Lit).Text})); ok {
			return durationFrom(n, kws[0].Name)
		}
	}
	return nil
}
