package distill

// Framework password-reset confirmation views (Django's
// PasswordResetConfirmView) set the password of the user a stateless
// reset token names. Services route the framework's view as it is,
//
//	path("password-reset/confirm/<str:uidb64>/<str:token>/",
//	     auth_views.PasswordResetConfirmView.as_view(form_class=SetPasswordForm))
//
// (django-oscar's config.py), or subclass it without a POST of their own:
// there is no code of the service to walk, so the catalog
// (reset_confirm_views) says what the POST does:
//
//	rule PasswordResetConfirm {
//	    when: PasswordResetConfirm(token, new_password1, new_password2)
//	    requires: token.is_valid
//	    requires: new_password1 = new_password2
//	    ensures: token.user.password = hash(new_password1)
//	}
//
// with the configured password validators as for a password form, and a
// token entity whose validity is the framework's check: made less than
// the configured timeout ago, and the user's hashed fields unchanged
// since. A view given another form is stated only when that form is the
// catalogued one or a subclass of it that overrides none of what
// validates or saves; a view whose POST does more (a login after the
// reset) or checks another token is left unstated.

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// resetToken is the token entity the reset views of the service check:
// the user entity it names, the token fields holding the user's hashed
// fields (user field -> token field, only those the user entity has) and
// its lifetime.
type resetToken struct {
	name     string
	user     string
	hashed   [][2]string // {user field, token field}, in user field order
	lifetime allium.Expr
	prov     *allium.Provenance
}

// resetViewHandler is the POST a view class inherits from a framework
// reset confirmation view; nil when the class writes its own or changes
// what it does.
func (b *builder) resetViewHandler(f *facts.File, c *facts.Class, cr *classRef) *handler {
	rv := inheritedEntry(b, cr, b.lang.ResetConfirmViews)
	if rv == nil {
		return nil
	}
	// The POST is FormView's: a service class that writes post or
	// form_valid (or a base of the service's that does) answers itself.
	for _, own := range []string{"post", "form_valid"} {
		if b.ix.method(cr, own) != nil {
			return nil
		}
	}
	for _, name := range rv.Changing {
		if v, _ := b.classField(cr, name); v != nil && !falseLiteral(v) {
			return nil
		}
	}
	form, file := b.classField(cr, rv.FormArg)
	if form != nil && !b.catalogedForm(file, form, rv, nil) {
		return nil
	}
	fn := &facts.Function{Name: "post", QualName: c.QualName + ".post", Line: c.Line}
	return &handler{file: f, fn: fn, class: c, name: pascal(viewStem(c.Name)), resetView: rv}
}

// routedResetViewHandlers are the handlers of the framework reset views a
// URL conf of the service routes as they are
// (auth_views.PasswordResetConfirmView.as_view(...)): one per view class,
// the first routing in file order, named after the class.
func (b *builder) routedResetViewHandlers() []*handler {
	views := b.lang.ResetConfirmViews
	if len(views) == 0 || len(b.lang.ClassViewEntries) == 0 {
		return nil
	}
	keys := sortedKeys(views)
	seen := map[string]bool{}
	var out []*handler
	for _, f := range b.ix.files {
		if b.testFile(f.Path) {
			continue
		}
		var attrs map[string]*facts.Expr
		visitFile(f, func(x *facts.Expr) {
			if x.Kind != facts.ExprCall || x.X == nil || x.X.Kind != facts.ExprAttr || x.X.X == nil ||
				!catalog.Match(b.lang.ClassViewEntries, x.X.Name()) {
				return
			}
			view := x.X.X
			// A class of the service is read as a subclass (above).
			if b.ix.class(f, view) != nil {
				return
			}
			key := ""
			for _, k := range keys {
				if catalog.Match([]string{k}, view.Resolved()) {
					key = k
					break
				}
			}
			if key == "" || seen[key] {
				return
			}
			rv := views[key]
			if attrs == nil {
				attrs = b.instanceValues(f)
			}
			if !b.resetViewArgs(f, x, &rv, attrs) {
				return
			}
			seen[key] = true
			name := facts.LastSegment(key)
			fn := &facts.Function{Name: "post", QualName: f.Module + "." + name + ".post", Line: x.Line()}
			out = append(out, &handler{file: f, fn: fn, name: pascal(viewStem(name)), resetView: &rv})
		}, nil)
	}
	return out
}

// resetViewArgs reports that the keywords of the as_view call leave the
// view's POST the catalog's: no changing keyword set to anything but
// False, and the form it is given, if any, the catalogued one.
func (b *builder) resetViewArgs(f *facts.File, call *facts.Expr, rv *catalog.ResetConfirmView, attrs map[string]*facts.Expr) bool {
	for _, name := range rv.Changing {
		if v := call.Keyword(name); v != nil && !falseLiteral(v) {
			return false
		}
	}
	form := call.Keyword(rv.FormArg)
	return form == nil || b.catalogedForm(f, form, rv, attrs)
}

// catalogedForm reports that e names the view's catalogued form, or a
// class of the service deriving from it that overrides none of the
// methods that validate or save; self.attr names what the methods of
// f's classes set it to (Oscar's ready(): self.set_password_form =
// SetPasswordForm).
func (b *builder) catalogedForm(f *facts.File, e *facts.Expr, rv *catalog.ResetConfirmView, attrs map[string]*facts.Expr) bool {
	if e == nil || f == nil {
		return false
	}
	if e.Kind == facts.ExprAttr && b.isSelf(e.X) {
		if attrs == nil {
			attrs = b.instanceValues(f)
		}
		if e = attrs[e.Name()]; e == nil {
			return false
		}
	}
	if e.Kind != facts.ExprName && e.Kind != facts.ExprAttr && e.Kind != facts.ExprCall {
		return false
	}
	if catalog.Match([]string{rv.Form}, e.Resolved()) {
		return true
	}
	cr := b.ix.class(f, e)
	if cr == nil {
		if qual := b.loadedClass(e, 0); qual != "" {
			cr = b.ix.classes[qual]
		}
	}
	if cr == nil || !b.matchBases(cr, []string{rv.Form}) {
		return false
	}
	for _, c := range b.ix.lineage(cr) {
		for i := range c.class.Methods {
			if slices.Contains(rv.Overrides, c.class.Methods[i].Name) {
				return false
			}
		}
	}
	return true
}

// instanceValues binds each attribute of the instance that the methods of
// f's classes set (self.form = SetPasswordForm) to the value set; an
// attribute set to two different values binds nothing.
func (b *builder) instanceValues(f *facts.File) map[string]*facts.Expr {
	out := map[string]*facts.Expr{}
	seen := map[string]bool{}
	b.eachInstanceAssignment(f, func(_ *facts.Class, attr string, value *facts.Expr) {
		if prev, ok := out[attr]; ok && prev != nil && prev.Raw() != value.Raw() {
			out[attr] = nil
			return
		}
		if !seen[attr] {
			seen[attr] = true
			out[attr] = value
		}
	})
	return out
}

// falseLiteral reports the literal False (or 0).
func falseLiteral(e *facts.Expr) bool {
	return e.Kind == facts.ExprBool && e.Value() == "false" || e.Kind == facts.ExprInt && e.Value() == "0"
}

// resetConfirmRule states what the view's valid POST does: the token
// checked, the new password checked as the form checks it, and set
// through the user's setter.
func (rc *ruleCtx) resetConfirmRule(rv *catalog.ResetConfirmView, sc *scope) {
	b := rc.b
	ent := b.userEntity()
	info := b.entByName[ent]
	f := b.passwordField(ent)
	if ent == "" || info == nil || f == nil || rv.Token == "" {
		return
	}
	line := rc.h.fn.Line
	var life allium.Expr
	if lt := &rv.Lifetime; b.configByKey[lt.Setting] == nil && lt.DefaultSeconds > 0 && isSnake(lt.Config) {
		// The setting unset: the framework's default, stated where the
		// view is routed.
		life = b.literalConfig(lt.Config, "Duration", durationFrom(lt.DefaultSeconds, "seconds"), sc.file, line)
	} else {
		life = b.sessionLifetime(lt, line)
	}
	if life == nil {
		return // a timeout set to something unread: validity unknown
	}
	if b.resetToken == nil {
		tok := &resetToken{name: rv.Token, user: ent, lifetime: life, prov: &allium.Provenance{File: sc.file.Path, Line: line}}
		for _, uf := range sortedKeys(rv.Hashed) {
			if a := info.attrs[uf]; a != nil && a.typ != nil && isSnake(rv.Hashed[uf]) {
				a.used = true
				tok.hashed = append(tok.hashed, [2]string{uf, rv.Hashed[uf]})
			}
		}
		b.resetToken = tok
	}
	const tokenParam = "token"
	rc.useParam(tokenParam)
	tokenExpr := &allium.Ident{Name: tokenParam}
	rc.requires(&allium.Member{X: tokenExpr, Name: "is_valid"}, sc, line)
	u := &value{kind: vEntity, ent: ent, expr: &allium.Member{X: tokenExpr, Name: "user"}}
	f.used = true
	rc.passwordFormChecks(&passwordForm{user: u, input: rv.New, validated: rv.Validated}, sc, line)
	rc.setPasswordThrough(u, rv.New, rv.Setter, sc, line)
}

// setPasswordThrough states user.<setter>(new): a model's override runs,
// else the framework's setter stores the hash.
func (rc *ruleCtx) setPasswordThrough(u *value, input, setter string, sc *scope, line int) {
	if setter == "" {
		return
	}
	const userVar, newVar = "__pwview_user", "__pwview_new"
	sc.vars[userVar], sc.vars[newVar] = u, rc.paramValue(input)
	defer delete(sc.vars, userVar)
	defer delete(sc.vars, newVar)
	call := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Line: line,
		X:    facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, Name: setter, Line: line, X: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: userVar, Line: line})}),
		Args: []facts.Expr{facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: newVar, Line: line})}})
	rc.eval(call, sc, &rc.ensures, true)
}

// resetTokenEntity declares the token entity the reset views check: the
// user it names, when it was issued, the user's hashed fields as they
// were then, and its validity (django/contrib/auth/tokens.py
// PasswordResetTokenGenerator.check_token: no older than the timeout, and
// _make_hash_value's fields unchanged); nil when no view checks one.
func (b *builder) resetTokenEntity() *allium.Entity {
	tok := b.resetToken
	if tok == nil || b.entByName[tok.name] != nil || b.signedTokens[tok.name] != nil {
		return nil
	}
	info := b.entByName[tok.user]
	ent := &allium.Entity{Meta: allium.Meta{Prov: tok.prov}, Name: tok.name, Members: []allium.EntityMember{
		&allium.Field{Name: "user", Type: &allium.Type{Name: tok.user}},
		&allium.Field{Name: "issued_at", Type: &allium.Type{Name: "Timestamp"}},
	}}
	var valid allium.Expr = &allium.Binary{Op: allium.OpGe,
		X: &allium.Binary{Op: allium.OpAdd, X: &allium.Ident{Name: "issued_at"}, Y: tok.lifetime}, Y: &allium.Ident{Name: "now"}}
	for _, h := range tok.hashed {
		a := info.attrs[h[0]]
		if a == nil || a.typ == nil {
			continue
		}
		ent.Members = append(ent.Members, &allium.Field{Name: h[1], Type: a.typ})
		valid = &allium.Binary{Op: allium.OpAnd, X: valid, Y: &allium.Binary{Op: allium.OpEq,
			X: &allium.Ident{Name: h[1]}, Y: &allium.Member{X: &allium.Ident{Name: "user"}, Name: a.name}}}
	}
	ent.Members = append(ent.Members, &allium.Derived{Name: "is_valid", Value: valid})
	return ent
}
