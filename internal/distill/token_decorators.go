package distill

// Framework sign-in decorators (graphql_jwt's token_auth) make the method
// they wrap authenticate the credentials it is called with and issue a
// token for that user before its own body runs:
//
//	@token_auth
//	def login_on_password_change(cls, root, info, **kwargs):
//	    return cls()
//
//	payload = cls.login_on_password_change(root, info, password=new,
//	    **{user.USERNAME_FIELD: getattr(user, user.USERNAME_FIELD)})
//
//	ensures: JsonWebToken.created(user: user, expires_at: now + config.jwt_expiration)
//
// The user is the one the login keyword names; a call whose login is not
// found among its keywords (**kwargs passed on) issues nothing the spec
// states.

import (
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// tokenDecorator is the catalog entry of the framework sign-in decorator
// on fn; nil when it has none.
func (b *builder) tokenDecorator(fn *facts.Function) *catalog.TokenView {
	for i := range fn.Decorators {
		d := &fn.Decorators[i]
		name := d.Resolved()
		if name == "" {
			name = d.Raw()
		}
		for _, key := range sortedKeys(b.lang.TokenDecorators) {
			if catalog.Match([]string{key}, name) {
				tv := b.lang.TokenDecorators[key]
				return &tv
			}
		}
	}
	return nil
}

// signInByDecorator states the token a call of a method under a sign-in
// decorator issues, for the user its login keyword names.
func (rc *ruleCtx) signInByDecorator(fr *funcRef, call *facts.Expr, sc *scope, out *[]allium.Stmt) {
	b := rc.b
	tv := b.tokenDecorator(fr.fn)
	if tv == nil || tv.Token == "" || call == nil {
		return
	}
	ent := b.entByName[b.userEntity()]
	if ent == nil {
		return
	}
	login := b.loginField(ent, tv)
	named := loginKeyword(call, login, tv.LoginAttr)
	if login == "" || named == nil {
		return
	}
	expiry := b.tokenLifetime(&tv.Lifetime, sc.file, call.Line())
	rc.issueTokenOf(snake(strings.TrimSuffix(tv.Token, "Token")), named, expiry, sc, out, call.Line())
	rc.issueRefresh(tv.Refresh, named, sc, out, call.Line())
}

// issueRefresh states the refresh token a sign-in stores for the user
// payload names, when the project's settings set the catalog's refresh
// setting to true and the refresh model is one of the service's
// entities (its app installed). A setting left out (the framework's
// default, off) or set to anything but a literal states nothing.
func (rc *ruleCtx) issueRefresh(ri *catalog.RefreshIssue, payload *facts.Expr, sc *scope, out *[]allium.Stmt, line int) {
	b := rc.b
	if ri == nil || ri.User == "" || ri.Stamp == "" {
		return
	}
	dict, key, ok := strings.Cut(ri.Setting, ".")
	if !ok {
		return
	}
	_, setting := b.dictSetting(dict, key)
	if on, known := boolLiteral(setting); !on || !known {
		return
	}
	ent := b.entByQual[ri.Model]
	if ent == nil || ent.field(ri.User) == nil || ent.field(ri.Stamp) == nil {
		return
	}
	user := rc.payloadUser(payload, sc, out)
	if user == nil {
		return
	}
	rc.touch(user)
	row := &value{kind: vNew, ent: ent.name, file: sc.file, line: line, args: []allium.Arg{
		{Name: ri.User, Value: rc.valueExpr(user)},
		{Name: ri.Stamp, Value: &allium.Ident{Name: "now"}},
	}}
	rc.created(row, out, line)
}

// loginKeyword is the value a call gives the login field: its keyword of
// that name, or the entry of a **{...} dict keyed by the field's name or
// by the model's attribute naming it (user.USERNAME_FIELD); nil when
// neither is there.
func loginKeyword(call *facts.Expr, login, loginAttr string) *facts.Expr {
	if login == "" {
		return nil
	}
	kws := call.Keywords()
	for i := range kws {
		kw := &kws[i]
		if kw.Name == login {
			return &kw.Value
		}
		if kw.Name != "**" || kw.Value.Kind != facts.ExprDict {
			continue
		}
		for _, en := range kw.Value.Entries() {
			k := en.Key
			switch {
			case k == nil:
			case k.Kind == facts.ExprString && k.Value() == login,
				k.Kind == facts.ExprAttr && loginAttr != "" && k.Name() == loginAttr:
				return &en.Value
			}
		}
	}
	return nil
}
