package distill

// Framework password-reset confirmation views (Django's
// PasswordResetView) set the password of the user a stateless
// reset token names. Services route the framework's view as it is,
//
//	path("password-reset/confirm/<str:uidb64>/<str:token>/",
//	     auth_views.PasswordResetView.as_view(form_class=SetPasswordForm))
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
	"strings"

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
	rv := inheritedEntry(b, cr, b.lang.ResetViews)
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
	if form != nil && !b.catalogedForm(file, form, rv.Form, rv.Overrides, nil) {
		return nil
	}
	if rv.TemplateArg != "" {
		if t, _ := b.classField(cr, rv.TemplateArg); t != nil {
			if t.Kind != facts.ExprString {
				return nil // a template the spec cannot name
			}
			rv.TemplateDefault = t.Value()
		}
	}
	fn := &facts.Function{Name: "post", QualName: c.QualName + ".post", Line: c.Line}
	return &handler{file: f, fn: fn, class: c, name: pascal(viewStem(c.Name)), resetView: rv}
}

// routedResetViewHandlers are the handlers of the framework reset views
// (and password views naming their form) a URL conf of the service
// routes as they are
// (auth_views.PasswordResetView.as_view(...)): one per view class,
// the first routing in file order, named after the class.
func (b *builder) routedResetViewHandlers() []*handler {
	views := b.lang.ResetViews
	if len(b.lang.ClassViewEntries) == 0 {
		return nil
	}
	keys := sortedKeys(views)
	// Password views that name their form are routed as they are too
	// (Django's PasswordChangeView; those of dj-rest-auth and allauth are
	// read when subclassed), and so are sign-out views.
	for _, k := range sortedKeys(b.lang.PasswordViews) {
		if b.lang.PasswordViews[k].Form != "" {
			keys = append(keys, k)
		}
	}
	keys = append(keys, sortedKeys(b.lang.SessionEndViews)...)
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
			if attrs == nil {
				attrs = b.instanceValues(f)
			}
			name := facts.LastSegment(key)
			fn := &facts.Function{Name: "post", QualName: f.Module + "." + name + ".post", Line: x.Line()}
			h := &handler{file: f, fn: fn, name: pascal(viewStem(name))}
			if end, ok := b.lang.SessionEndViews[key]; ok {
				h.fn = sessionEndPost(fn.QualName, end, x.Line())
			} else if rv, ok := views[key]; ok {
				if !b.resetViewArgs(f, x, &rv, attrs) {
					return
				}
				h.resetView = &rv
			} else {
				pv := b.lang.PasswordViews[key]
				if form := x.Keyword(pv.FormArg); form != nil && !b.catalogedForm(f, form, pv.Form, pv.Overrides, attrs) {
					return
				}
				h.pwView = &pv
			}
			seen[key] = true
			out = append(out, h)
		}, nil)
	}
	return out
}

// resetViewArgs reports that the keywords of the as_view call leave the
// view's POST the catalog's: no changing keyword set to anything but
// False, and the form it is given, if any, the catalogued one.
func (b *builder) resetViewArgs(f *facts.File, call *facts.Expr, rv *catalog.ResetView, attrs map[string]*facts.Expr) bool {
	for _, name := range rv.Changing {
		if v := call.Keyword(name); v != nil && !falseLiteral(v) {
			return false
		}
	}
	if t := call.Keyword(rv.TemplateArg); rv.TemplateArg != "" && t != nil {
		if t.Kind != facts.ExprString {
			return false // a template the spec cannot name
		}
		rv.TemplateDefault = t.Value()
	}
	form := call.Keyword(rv.FormArg)
	return form == nil || b.catalogedForm(f, form, rv.Form, rv.Overrides, attrs)
}

// catalogedForm reports that e names the view's catalogued form, or a
// class of the service deriving from it that overrides none of the
// methods that validate or save; self.attr names what the methods of
// f's classes set it to (Oscar's ready(): self.set_password_form =
// SetPasswordForm).
func (b *builder) catalogedForm(f *facts.File, e *facts.Expr, formName string, overrides []string, attrs map[string]*facts.Expr) bool {
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
	if formName == "" {
		return false
	}
	if catalog.Match([]string{formName}, e.Resolved()) {
		return true
	}
	cr := b.ix.class(f, e)
	if cr == nil {
		if qual := b.loadedClass(e, 0); qual != "" {
			cr = b.ix.classes[qual]
		}
	}
	if cr == nil || !b.matchBases(cr, []string{formName}) {
		return false
	}
	for _, c := range b.ix.lineage(cr) {
		for i := range c.class.Methods {
			if slices.Contains(overrides, c.class.Methods[i].Name) {
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

// resetViewRule states what the view's valid POST does, by its kind.
func (rc *ruleCtx) resetViewRule(rv *catalog.ResetView, sc *scope) {
	switch rv.Does {
	case "confirm":
		rc.resetConfirmRule(rv, sc)
	case "request":
		rc.resetRequestRule(rv, sc)
	}
}

// useResetToken declares, on first use, the token entity of the
// service's reset views for the user entity ent; false when its lifetime
// cannot be read (a timeout set to something unread).
func (rc *ruleCtx) useResetToken(rv *catalog.ResetView, ent string, info *entityInfo, sc *scope, line int) bool {
	b := rc.b
	if rv.Token == "" {
		return false
	}
	if b.resetToken != nil {
		return b.resetToken.name == rv.Token && b.resetToken.user == ent
	}
	var life allium.Expr
	if lt := &rv.Lifetime; b.configByKey[lt.Setting] == nil && lt.DefaultSeconds > 0 && isSnake(lt.Config) {
		// The setting unset: the framework's default, stated where the
		// view is routed.
		life = b.literalConfig(lt.Config, "Duration", durationFrom(lt.DefaultSeconds, "seconds"), sc.file, line)
	} else {
		life = b.sessionLifetime(lt, line)
	}
	if life == nil {
		return false
	}
	tok := &resetToken{name: rv.Token, user: ent, lifetime: life, prov: &allium.Provenance{File: sc.file.Path, Line: line}}
	for _, uf := range sortedKeys(rv.Hashed) {
		if a := info.attrs[uf]; a != nil && a.typ != nil && isSnake(rv.Hashed[uf]) {
			a.used = true
			tok.hashed = append(tok.hashed, [2]string{uf, rv.Hashed[uf]})
		}
	}
	b.resetToken = tok
	return true
}

// resetConfirmRule states a confirmation's valid POST: the token
// checked, the new password checked as the form checks it, and set
// through the user's setter.
func (rc *ruleCtx) resetConfirmRule(rv *catalog.ResetView, sc *scope) {
	b := rc.b
	ent := b.userEntity()
	info := b.entByName[ent]
	f := b.passwordField(ent)
	line := rc.h.fn.Line
	if ent == "" || info == nil || f == nil || !rc.useResetToken(rv, ent, info, sc, line) {
		return
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

// resetRequestRule states a request's valid POST
// (django/contrib/auth/forms.py PasswordResetForm.save and get_users):
// for every active user with a usable password whose e-mail matches the
// address case-insensitively, a token made for the user and a mail to
// the user's address; nothing, and no error, when none matches.
func (rc *ruleCtx) resetRequestRule(rv *catalog.ResetView, sc *scope) {
	b := rc.b
	ent := b.userEntity()
	info := b.entByName[ent]
	pw := b.passwordField(ent)
	line := rc.h.fn.Line
	email := b.userEmailField(info)
	stem := templateStem(rv.TemplateDefault)
	if ent == "" || info == nil || pw == nil || email == nil || rv.Input == "" || stem == "" {
		return
	}
	// The mail, through the catalog's e-mail sink, to the user's address.
	const userVal = "__reset_user"
	to := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprAttr, Name: email.attr, Line: line,
		X: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: userVal, Line: line})})
	send := b.mailSend(to)
	if send == nil || !rc.useResetToken(rv, ent, info, sc, line) {
		return
	}
	in := rc.paramValue(rv.Input)
	if in.kind != vParam {
		return
	}
	rc.useParam(in.param)
	const userVar = "user"
	user := &allium.Ident{Name: userVar}
	// Users where is_active (and, a password that may be unset, set:
	// has_usable_password).
	var where allium.Expr
	and := func(x allium.Expr) {
		if where == nil {
			where = x
		} else {
			where = &allium.Binary{Op: allium.OpAnd, X: where, Y: x}
		}
	}
	if a := info.attrs["is_active"]; a != nil {
		a.used = true
		and(&allium.Ident{Name: a.name})
	}
	if pw.typ != nil && pw.typ.Optional {
		and(&allium.Binary{Op: allium.OpNe, X: &allium.Ident{Name: pw.name}, Y: &allium.Ident{Name: "null"}})
	}
	var coll allium.Expr = &allium.Ident{Name: plural(ent)}
	if where != nil {
		coll = &allium.Where{X: coll, Cond: where}
	}
	pw.used, email.used = true, true
	lower := func(x allium.Expr) allium.Expr {
		return &allium.Call{Fun: &allium.Ident{Name: "lower"}, Args: []allium.Arg{{Value: x}}}
	}
	match := &allium.Binary{Op: allium.OpEq, X: lower(&allium.Member{X: user, Name: email.name}), Y: lower(&allium.Ident{Name: in.param})}
	args := []allium.Arg{{Name: "user", Value: user}, {Name: "issued_at", Value: &allium.Ident{Name: "now"}}}
	for _, h := range b.resetToken.hashed {
		if a := info.attrs[h[0]]; a != nil {
			args = append(args, allium.Arg{Name: h[1], Value: &allium.Member{X: user, Name: a.name}})
		}
	}
	meta := b.meta(sc.file, line)
	body := []allium.Stmt{&allium.ExprStmt{Meta: meta, X: &allium.Call{Fun: &allium.Member{X: &allium.Ident{Name: rv.Token}, Name: "created"}, Args: args}}}
	sc.vars[userVal] = &value{kind: vEntity, ent: ent, expr: user}
	defer delete(sc.vars, userVal)
	rc.stmts([]facts.Stmt{send(stem)}, sc, &body)
	b.stats.EffectsSeen++
	rc.ensures = append(rc.ensures, &allium.For{Meta: meta, Var: userVar, Coll: coll,
		Body: []allium.Stmt{&allium.If{Meta: meta, Branches: []allium.IfBranch{{Cond: match, Body: body}}}}})
}

// userEmailField is the user entity's e-mail field (the model's
// EMAIL_FIELD, "email" by default: AbstractBaseUser.get_email_field_name);
// nil when it has none.
func (b *builder) userEmailField(info *entityInfo) *fieldInfo {
	if info == nil {
		return nil
	}
	name := "email"
	if info.ref != nil {
		for _, a := range info.ref.class.Fields {
			if a.Name == "EMAIL_FIELD" && a.Value != nil && a.Value.Kind == facts.ExprString {
				name = a.Value.Value()
			}
		}
	}
	return info.attrs[name]
}

// templateStem names a mail template by its file's name without the
// directory and extension (registration/password_reset_email.html ->
// password_reset_email); "" when that is no snake-case name.
func templateStem(path string) string {
	if i := strings.LastIndexByte(path, '/'); i >= 0 {
		path = path[i+1:]
	}
	if i := strings.IndexByte(path, '.'); i >= 0 {
		path = path[:i]
	}
	if !isSnake(path) {
		return ""
	}
	return path
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

// sessionEndViewHandler is the POST a view class inherits from a
// framework sign-out view; nil when the class is none or writes its own.
func (b *builder) sessionEndViewHandler(f *facts.File, c *facts.Class, cr *classRef) *handler {
	end := inheritedEntry(b, cr, b.lang.SessionEndViews)
	if end == nil || b.ix.method(cr, "post") != nil {
		return nil
	}
	return &handler{file: f, fn: sessionEndPost(c.QualName+".post", *end, c.Line), class: c, name: pascal(viewStem(c.Name))}
}

// sessionEndPost is the framework's sign-out POST as code:
//
//	def post(self, request):
//	    <end>(request)
func sessionEndPost(qual, end string, line int) *facts.Function {
	sy := synth{line}
	call := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, X: sy.name(end), Raw: end, Line: line,
		Args: []facts.Expr{*sy.name("request")}}).WithResolved(end)
	return (&facts.Function{Name: "post", QualName: qual, Line: line,
		Params: []facts.Param{{Name: "self"}, {Name: "request"}}}).WithBody([]facts.Stmt{sy.expr(&call)})
}
