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
// reset) or checks another token is left unstated. A request view's form
// of the service that writes its own save (catalog read_own: Oscar's
// PasswordResetForm) is walked in place of the framework's save, its
// loop over get_users read as the framework's users and the token a
// catalogued maker makes for the user as the reset token.

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
	// A view whose shape the catalog names by its getter is walked: its
	// own POST saving that shape does what the framework's does.
	var ownPost *funcRef
	for _, own := range []string{"post", "form_valid"} {
		if fr := b.ix.method(cr, own); fr != nil {
			if own != "post" || rv.Getter == "" || fr.class != c {
				return nil
			}
			ownPost = fr
		}
	}
	for _, name := range rv.Changing {
		if v, _ := b.classField(cr, name); v != nil && !falseLiteral(v) {
			return nil
		}
	}
	form, file := b.classField(cr, rv.FormArg)
	var own *classRef
	if form != nil {
		ok, cls := b.formClass(file, form, rv.Form, rv.Overrides, rv.ReadOwn, nil)
		if !ok {
			return nil
		}
		own = cls
	}
	if rv.TemplateArg != "" {
		if t, _ := b.classField(cr, rv.TemplateArg); t != nil {
			if t.Kind != facts.ExprString {
				return nil // a template the spec cannot name
			}
			rv.TemplateDefault = t.Value()
		}
	}
	if ownPost != nil {
		return &handler{file: f, fn: ownPost.fn, class: c, name: pascal(viewStem(c.Name)), resetShape: rv}
	}
	fn := &facts.Function{Name: "post", QualName: c.QualName + ".post", Line: c.Line}
	return &handler{file: f, fn: fn, class: c, name: pascal(viewStem(c.Name)), resetView: rv, resetForm: own}
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
	keys = append(keys, sortedKeys(b.lang.LoginViews)...)
	seen := map[string]bool{}
	var out []*handler
	for _, f := range b.ix.files {
		if b.testFile(f.Path) {
			continue
		}
		var attrs map[string]*facts.Expr
		b.eachCall(f, func(x *facts.Expr) {
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
			} else if lv, ok := b.lang.LoginViews[key]; ok {
				form, ok := b.loginViewForm(f, lv, func(name string) (*facts.Expr, *facts.File) { return x.Keyword(name), f })
				if !ok {
					return
				}
				h.fn = loginPost(fn.QualName, lv, form, x.Line())
			} else if rv, ok := views[key]; ok {
				ok, own := b.resetViewArgs(f, x, &rv, attrs)
				if !ok {
					return
				}
				h.resetView, h.resetForm = &rv, own
			} else {
				pv := b.lang.PasswordViews[key]
				if form := x.Keyword(pv.FormArg); form != nil && !b.catalogedForm(f, form, pv.Form, pv.Overrides, attrs) {
					return
				}
				h.pwView = &pv
			}
			seen[key] = true
			out = append(out, h)
		})
	}
	return out
}

// resetViewArgs reports that the keywords of the as_view call leave the
// view's POST the catalog's: no changing keyword set to anything but
// False, and the form it is given, if any, the catalogued one; own is
// that form's class when it writes a method the catalog reads in place
// of the framework's.
func (b *builder) resetViewArgs(f *facts.File, call *facts.Expr, rv *catalog.ResetView, attrs map[string]*facts.Expr) (ok bool, own *classRef) {
	for _, name := range rv.Changing {
		if v := call.Keyword(name); v != nil && !falseLiteral(v) {
			return false, nil
		}
	}
	if t := call.Keyword(rv.TemplateArg); rv.TemplateArg != "" && t != nil {
		if t.Kind != facts.ExprString {
			return false, nil // a template the spec cannot name
		}
		rv.TemplateDefault = t.Value()
	}
	form := call.Keyword(rv.FormArg)
	if form == nil {
		return true, nil
	}
	return b.formClass(f, form, rv.Form, rv.Overrides, rv.ReadOwn, attrs)
}

// catalogedForm reports that e names the view's catalogued form, or a
// class of the service deriving from it that overrides none of the
// methods that validate or save; self.attr names what the methods of
// f's classes set it to (Oscar's ready(): self.set_password_form =
// SetPasswordForm).
func (b *builder) catalogedForm(f *facts.File, e *facts.Expr, formName string, overrides []string, attrs map[string]*facts.Expr) bool {
	ok, _ := b.formClass(f, e, formName, overrides, nil, attrs)
	return ok
}

// formClass is catalogedForm letting the form's class of the service
// write the methods of readOwn: own is that class when it (or a base of
// the service's) writes one, read in place of the framework's.
func (b *builder) formClass(f *facts.File, e *facts.Expr, formName string, overrides, readOwn []string, attrs map[string]*facts.Expr) (ok bool, own *classRef) {
	if e == nil || f == nil {
		return false, nil
	}
	if e.Kind == facts.ExprAttr && b.isSelf(e.X) {
		if attrs == nil {
			attrs = b.instanceValues(f)
		}
		if e = attrs[e.Name()]; e == nil {
			return false, nil
		}
	}
	if e.Kind != facts.ExprName && e.Kind != facts.ExprAttr && e.Kind != facts.ExprCall {
		return false, nil
	}
	if formName == "" {
		return false, nil
	}
	if catalog.Match([]string{formName}, e.Resolved()) {
		return true, nil
	}
	cr := b.ix.class(f, e)
	if cr == nil {
		if qual := b.loadedClass(e, 0); qual != "" {
			cr = b.ix.classes[qual]
		}
	}
	if cr == nil || !b.matchBases(cr, []string{formName}) {
		return false, nil
	}
	for _, c := range b.ix.lineage(cr) {
		for i := range c.class.Methods {
			name := c.class.Methods[i].Name
			switch {
			case slices.Contains(readOwn, name):
				own = cr
			case slices.Contains(overrides, name):
				return false, nil
			}
		}
	}
	return true, own
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
// the user's address; nothing, and no error, when none matches. A form
// of the service writing its own save is walked instead (ownResetSave).
func (rc *ruleCtx) resetRequestRule(rv *catalog.ResetView, sc *scope) {
	if rc.h.resetForm != nil {
		rc.ownResetSave(rv, rc.h.resetForm, sc)
		return
	}
	rc.frameworkResetRequest(rv, sc, &rc.ensures)
}

// resetMatch is what a reset request's users are stated with: the user
// entity, its fields the request reads, and the loop over the users the
// address given matches, for a body to fill.
type resetMatch struct {
	ent         string
	info        *entityInfo
	pw, email   *fieldInfo
	coll, match allium.Expr
}

// resetUsers is the loop of a reset request over the users the input
// param matches, the loop variable named userVar; nil when the user
// entity has no password or e-mail field, or the token cannot be stated.
func (rc *ruleCtx) resetUsers(rv *catalog.ResetView, param, userVar string, sc *scope, line int) *resetMatch {
	b := rc.b
	ent := b.userEntity()
	info := b.entByName[ent]
	pw := b.passwordField(ent)
	email := b.userEmailField(info)
	if ent == "" || info == nil || pw == nil || email == nil || !rc.useResetToken(rv, ent, info, sc, line) {
		return nil
	}
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
	match := &allium.Binary{Op: allium.OpEq, X: lower(&allium.Member{X: user, Name: email.name}), Y: lower(&allium.Ident{Name: param})}
	return &resetMatch{ent: ent, info: info, pw: pw, email: email, coll: coll, match: match}
}

// resetTokenCreated is the reset token made for user: who it is for,
// when it was made and the user's hashed fields as they are then.
func (rc *ruleCtx) resetTokenCreated(rv *catalog.ResetView, info *entityInfo, user allium.Expr) allium.Expr {
	args := []allium.Arg{{Name: "user", Value: user}, {Name: "issued_at", Value: &allium.Ident{Name: "now"}}}
	for _, h := range rc.b.resetToken.hashed {
		if a := info.attrs[h[0]]; a != nil {
			args = append(args, allium.Arg{Name: h[1], Value: &allium.Member{X: user, Name: a.name}})
		}
	}
	return &allium.Call{Fun: &allium.Member{X: &allium.Ident{Name: rv.Token}, Name: "created"}, Args: args}
}

// frameworkResetRequest appends to out what the framework's save does:
// for each matching user, the token and the mail through the view's
// template.
func (rc *ruleCtx) frameworkResetRequest(rv *catalog.ResetView, sc *scope, out *[]allium.Stmt) {
	b := rc.b
	line := rc.h.fn.Line
	stem := templateStem(rv.TemplateDefault)
	if rv.Input == "" || stem == "" {
		return
	}
	in := rc.paramValue(rv.Input)
	if in.kind != vParam {
		return
	}
	const userVar = "user"
	m := rc.resetUsers(rv, in.param, userVar, sc, line)
	if m == nil {
		return
	}
	// The mail, through the catalog's e-mail sink, to the user's address.
	const userVal = "__reset_user"
	to := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprAttr, Name: m.email.attr, Line: line,
		X: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: userVal, Line: line})})
	send := b.mailSend(to)
	if send == nil {
		return
	}
	rc.useParam(in.param)
	user := &allium.Ident{Name: userVar}
	meta := b.meta(sc.file, line)
	body := []allium.Stmt{&allium.ExprStmt{Meta: meta, X: rc.resetTokenCreated(rv, m.info, user)}}
	sc.vars[userVal] = &value{kind: vEntity, ent: m.ent, expr: user}
	defer delete(sc.vars, userVal)
	rc.stmts([]facts.Stmt{send(stem)}, sc, &body)
	b.stats.EffectsSeen++
	*out = append(*out, &allium.For{Meta: meta, Var: userVar, Coll: m.coll,
		Body: []allium.Stmt{&allium.If{Meta: meta, Branches: []allium.IfBranch{{Cond: m.match, Body: body}}}}})
}

// resetWalk is the walk of a reset form's own save: the view's catalog
// entry and the form's class, whose users getter and token makers the
// walk reads as the framework's.
type resetWalk struct {
	rv   *catalog.ResetView
	form *classRef
	// tokens counts the tokens the walk has stated.
	tokens int
}

// ownResetSave walks the save of a reset form of the service (Oscar's
// PasswordResetForm.save, customer/forms.py:46: for each user
// get_users(email) gives, its own mail with a link holding a token
// default_token_generator makes) in place of the framework's.
func (rc *ruleCtx) ownResetSave(rv *catalog.ResetView, form *classRef, sc *scope) {
	b := rc.b
	var fr *funcRef
	for _, m := range b.lang.Shapes.SaveMethods {
		if fr = b.ix.method(form, m); fr != nil {
			break
		}
	}
	if fr == nil || rv.Users == "" {
		return
	}
	line := rc.h.fn.Line
	prev := rc.resetWalk
	rc.resetWalk = &resetWalk{rv: rv, form: form}
	defer func() { rc.resetWalk = prev }()
	self := &value{kind: vShape, shape: form}
	call := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Line: line,
		X: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, Name: fr.fn.Name, Line: line,
			X: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: "form", Line: line})})})
	rc.inline(fr, self, call, sc, &rc.ensures)
}

// resetWalkCall reads, in the walk of a reset form's own save, the calls
// the catalog describes: the form's inherited users getter (the users an
// input matches, for a loop to state), the framework's save through
// super() and a token maker given the loop's user. nil: none of them.
func (rc *ruleCtx) resetWalkCall(e *facts.Expr, method string, recv *value, names []string, sc *scope, out *[]allium.Stmt) *value {
	if v := rc.ownResetPost(e, method, recv, sc); v != nil {
		return v
	}
	if v := rc.resetTokenCheck(e, names, sc, out); v != nil {
		return v
	}
	w := rc.resetWalk
	if w == nil || method == "" {
		return nil
	}
	b := rc.b
	if recv != nil && recv.kind == vShape && recv.shape == w.form {
		inherited := e.X.X != nil && e.X.X.Kind == facts.ExprCall && e.X.X.Raw() == "super"
		switch {
		case method == w.rv.Users && (inherited || b.ix.method(w.form, method) == nil) && len(e.Args()) == 1 && len(e.Keywords()) == 0:
			in := rc.eval(&e.Args()[0], sc, out, false)
			if in.kind != vParam {
				return unknownValue
			}
			rc.useParam(in.param)
			return &value{kind: vUnknown, resetUsers: in.param, line: e.Line()}
		case inherited && catalog.Match(b.lang.Shapes.SaveMethods, method):
			rc.frameworkResetRequest(w.rv, sc, out)
			return unknownValue
		}
		return nil
	}
	if !catalog.MatchAny(w.rv.TokenMakers, names...) && !rc.defaultedTokenMaker(e, method, sc) {
		return nil
	}
	if len(e.Args()) != 1 || b.resetToken == nil {
		return nil
	}
	// Evaluated once: a token made for anything else is no reset
	// token the spec states.
	u := rc.eval(&e.Args()[0], sc, out, false)
	info := b.entByName[b.resetToken.user]
	if u.kind != vEntity || u.ent != b.resetToken.user || info == nil {
		return unknownValue
	}
	*out = append(*out, &allium.ExprStmt{Meta: b.meta(sc.file, e.Line()), X: rc.resetTokenCreated(w.rv, info, u.expr)})
	b.stats.EffectsSeen++
	w.tokens++
	return randomKey()
}

// defaultedTokenMaker reports a call of a token maker through a
// parameter of the function walked that the caller left to its default,
// the catalogued generator (Oscar's get_password_reset_url(user,
// token_generator=default_token_generator), customer/utils.py:51).
func (rc *ruleCtx) defaultedTokenMaker(e *facts.Expr, method string, sc *scope) bool {
	recv := e.X.X
	if recv == nil || recv.Kind != facts.ExprName || sc.helper == nil || sc.defaulted == nil || !sc.defaulted[recv.Name()] {
		return false
	}
	for _, p := range sc.helper.Params {
		if p.Name == recv.Name() && p.Default != nil {
			return catalog.MatchAny(rc.resetWalk.rv.TokenMakers, p.Default.Resolved()+"."+method, p.Default.Raw()+"."+method)
		}
	}
	return false
}

// resetUsersLoop states a loop of a reset form's own save over the users
// its input matches: for each active user (with a usable password) whose
// e-mail matches, what the loop's body does for that user.
func (rc *ruleCtx) resetUsersLoop(s *facts.Stmt, it *value, sc *scope, out *[]allium.Stmt) {
	varName := bindingName(s.Targets[0].Name())
	m := rc.resetUsers(rc.resetWalk.rv, it.resetUsers, varName, sc, s.Line())
	if m == nil || varName == "" {
		rc.untranslated(sc, s.Line(), LeftOutLoop, "a loop")
		return
	}
	inner := *sc
	inner.top, inner.under = false, nil
	inner.vars = cloneVars(sc.vars)
	inner.vars[s.Targets[0].Name()] = &value{kind: vEntity, ent: m.ent, expr: &allium.Ident{Name: varName}}
	var body []allium.Stmt
	tokens := rc.resetWalk.tokens
	rc.stmts(s.Body, &inner, &body)
	if len(body) == 0 {
		return
	}
	meta := rc.b.meta(sc.file, s.Line())
	if at := rc.loopMakesToken(s, sc); rc.resetWalk.tokens == tokens && at.file != nil {
		// A token made in building what the walk does not read (the
		// link in a mail's context dict, built before the mail is sent).
		made := &allium.ExprStmt{Meta: rc.b.meta(at.file, at.line), X: rc.resetTokenCreated(rc.resetWalk.rv, m.info, &allium.Ident{Name: varName})}
		body = append([]allium.Stmt{made}, body...)
		rc.resetWalk.tokens++
	}
	*out = append(*out, &allium.For{Meta: meta, Var: varName, Coll: m.coll,
		Body: []allium.Stmt{&allium.If{Meta: meta, Branches: []allium.IfBranch{{Cond: m.match, Body: body}}}}})
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

// loopMakesToken reports a loop over a reset request's users whose body
// calls a function of the service with the loop's user first, that
// function making a token for it with a catalogued token maker, itself or
// through a parameter the call leaves to its default (Oscar's
// send_password_reset_email builds {"reset_url":
// get_password_reset_url(user)}, customer/forms.py:61, and
// get_password_reset_url calls token_generator.make_token(user),
// customer/utils.py:56, token_generator defaulting to
// default_token_generator). Python builds a dict's entries when it
// builds the dict, so the token is made whether or not the walk reads
// the dict; the methods of the form the body calls are looked into too.
func (rc *ruleCtx) loopMakesToken(s *facts.Stmt, sc *scope) tokenSite {
	w := rc.resetWalk
	if len(s.Targets) != 1 || s.Targets[0].Kind != facts.ExprName {
		return tokenSite{}
	}
	return rc.bodyMakesToken(s.Body, sc.file, s.Targets[0].Name(), w.form, 0)
}

// tokenSite is where a token maker is called; file nil: nowhere.
type tokenSite struct {
	file *facts.File
	line int
}

// bodyMakesToken reports a body calling a token maker with the name user
// first, or a function of the service (or a method of form, through
// self) with it first whose body does so for its parameter.
func (rc *ruleCtx) bodyMakesToken(body []facts.Stmt, f *facts.File, user string, form *classRef, depth int) tokenSite {
	b := rc.b
	w := rc.resetWalk
	var found tokenSite
	if depth > 2 {
		return found
	}
	eachStmtExpr(body, func(x *facts.Expr) {
		if found.file != nil || x.Kind != facts.ExprCall || x.X == nil {
			return
		}
		pos := -1
		for i := range x.Args() {
			if a := &x.Args()[i]; a.Kind == facts.ExprName && a.Name() == user {
				pos = i
				break
			}
		}
		if pos < 0 {
			return
		}
		if pos == 0 && catalog.MatchAny(w.rv.TokenMakers, x.Resolved(), x.Raw()) {
			found = tokenSite{file: f, line: x.Line()}
			return
		}
		var fr *funcRef
		switch {
		case x.X.Kind == facts.ExprAttr && x.X.X != nil && x.X.X.Kind == facts.ExprName && form != nil && x.X.X.Name() == b.selfName():
			fr = b.ix.method(form, x.X.Name())
		default:
			fr = b.ix.function(f, x.X)
		}
		if fr == nil || fr.fn == nil {
			return
		}
		params := fr.fn.Params
		if fr.class != nil {
			_, params = b.receiverParams(params)
		}
		if pos >= len(params) {
			return
		}
		// The generators the call leaves to their defaults.
		var fnForm *classRef
		if fr.class != nil {
			fnForm = form
		}
		found = rc.makesTokenFor(fr, params, params[pos].Name, x, fnForm, depth)
	})
	return found
}

// makesTokenFor reports that fr, called as call, makes a token for its
// parameter user: a token maker called on it directly, or through a
// parameter call leaves to a catalogued generator, or a deeper call.
func (rc *ruleCtx) makesTokenFor(fr *funcRef, params []facts.Param, user string, call *facts.Expr, form *classRef, depth int) tokenSite {
	w := rc.resetWalk
	defaults := map[string]*facts.Expr{}
	for i, p := range params {
		if p.Default != nil && i >= len(call.Args()) && call.Keyword(p.Name) == nil {
			defaults[p.Name] = p.Default
		}
	}
	var made tokenSite
	eachStmtExpr(fr.fn.Body(), func(x *facts.Expr) {
		if made.file != nil || x.Kind != facts.ExprCall || x.X == nil || x.X.Kind != facts.ExprAttr || len(x.Args()) != 1 {
			return
		}
		if a := &x.Args()[0]; a.Kind != facts.ExprName || a.Name() != user {
			return
		}
		if catalog.MatchAny(w.rv.TokenMakers, x.Resolved(), x.Raw()) {
			made = tokenSite{file: fr.file, line: x.Line()}
			return
		}
		if r := x.X.X; r != nil && r.Kind == facts.ExprName && defaults[r.Name()] != nil {
			if d := defaults[r.Name()]; catalog.MatchAny(w.rv.TokenMakers, d.Resolved()+"."+x.X.Name(), d.Raw()+"."+x.X.Name()) {
				made = tokenSite{file: fr.file, line: x.Line()}
			}
		}
	})
	if made.file != nil {
		return made
	}
	return rc.bodyMakesToken(fr.fn.Body(), fr.file, user, form, depth+1)
}

// eachStmtExpr calls visit for every expression of the statements of
// body, nested ones included (a dict's entries, a call's arguments).
func eachStmtExpr(body []facts.Stmt, visit func(*facts.Expr)) {
	facts.Walk(body, func(s *facts.Stmt) bool {
		for _, x := range []*facts.Expr{s.Value, s.Cause(), s.Cond, s.Iter()} {
			if x != nil {
				x.Any(func(y *facts.Expr) bool { visit(y); return false })
			}
		}
		for i := range s.Items() {
			s.Items()[i].Value.Any(func(y *facts.Expr) bool { visit(y); return false })
		}
		return true
	})
}

// ownResetPost reads, in a reset view's own POST (openwisp-users'
// PasswordResetConfirmView.post, api/views.py:115-120, which keeps
// dj-rest-auth's: get_serializer(data=request.data), is_valid, save), the
// view's getter as the framework's shape and its save() as what the
// view does, stated once; the shape's validation is part of that
// statement. nil: no such call.
func (rc *ruleCtx) ownResetPost(e *facts.Expr, method string, recv *value, sc *scope) *value {
	if rc.h == nil || rc.h.resetShape == nil || method == "" {
		return nil
	}
	rv := rc.h.resetShape
	if method == rv.Getter && e.X.X != nil && rc.b.isSelf(e.X.X) {
		return &value{kind: vUnknown, resetShape: rv, line: e.Line()}
	}
	if recv == nil || recv.resetShape == nil {
		return nil
	}
	if catalog.Match(rc.b.lang.Shapes.SaveMethods, method) && !rc.resetShapeSaved {
		rc.resetShapeSaved = true
		rc.resetViewRule(recv.resetShape, sc)
	}
	return unknownValue
}

// loginViewHandler is the POST a view class inherits from a framework
// sign-in view; nil when the class is none, writes its own POST or
// form_valid, or names a form the catalog does not say signs in.
func (b *builder) loginViewHandler(f *facts.File, c *facts.Class, cr *classRef) *handler {
	lv := inheritedEntry(b, cr, b.lang.LoginViews)
	if lv == nil {
		return nil
	}
	for _, own := range lv.Own {
		if b.ix.method(cr, own) != nil {
			return nil
		}
	}
	form, ok := b.loginViewForm(f, *lv, func(name string) (*facts.Expr, *facts.File) { return b.classField(cr, name) })
	if !ok {
		return nil
	}
	return &handler{file: f, fn: loginPost(c.QualName+".post", *lv, form, c.Line), class: c, name: pascal(viewStem(c.Name))}
}

// loginViewForm is the form a sign-in view is given (the first of the
// catalog's form arguments arg answers), nil for the framework's own;
// false when that is neither the framework's form nor a class of the
// service, written where the view is, deriving from it (a third-party
// form, or one named through a value the walk cannot follow).
func (b *builder) loginViewForm(f *facts.File, lv catalog.LoginView, arg func(name string) (*facts.Expr, *facts.File)) (*facts.Expr, bool) {
	for _, name := range lv.FormArgs {
		e, file := arg(name)
		if e == nil || e.Kind == facts.ExprNone {
			continue
		}
		if file != f || e.Kind != facts.ExprName && e.Kind != facts.ExprAttr || b.isSelf(e.X) {
			return nil, false
		}
		if catalog.Match([]string{lv.Form}, e.Resolved()) {
			return nil, true
		}
		cr := b.ix.class(f, e)
		if cr == nil || !b.matchBases(cr, []string{lv.Form}) {
			return nil, false
		}
		for _, c := range b.ix.lineage(cr) {
			for i := range c.class.Methods {
				if slices.Contains(lv.Overrides, c.class.Methods[i].Name) {
					return nil, false
				}
			}
		}
		return e, true
	}
	return nil, true
}

// loginPost is the framework's sign-in POST as code, with the form it is
// given (nil: the catalog's):
//
//	def post(self, request):
//	    form = <form>(request, data=request.<data>)
//	    if form.is_valid():
//	        <login>(request, form.<getter>())
func loginPost(qual string, lv catalog.LoginView, form *facts.Expr, line int) *facts.Function {
	sy := synth{line}
	if form == nil {
		form = sy.name(lv.Form)
	}
	request := sy.name("request")
	made := sy.call(form, facts.Keyword{Name: "data", Value: *sy.attr(sy.name("request"), lv.Data)})
	made.SetArgs([]facts.Expr{*request})
	valid := sy.call(sy.attr(sy.name("form"), "is_valid"))
	login := sy.call(sy.name(lv.Login))
	login.SetArgs([]facts.Expr{*sy.name("request"), *sy.call(sy.attr(sy.name("form"), lv.Getter))})
	body := []facts.Stmt{
		sy.assign(sy.name("form"), made),
		facts.NewStmt(facts.StmtSpec{Kind: facts.StmtIf, Cond: valid, Body: []facts.Stmt{sy.expr(login)}, Line: line}),
	}
	return (&facts.Function{Name: "post", QualName: qual, Line: line,
		Params: []facts.Param{{Name: "self"}, {Name: "request"}}}).WithBody(body)
}

// resetTokenCheck reads a catalogued check of a reset token for a user
// (default_token_generator.check_token(user, token), django/contrib/auth/
// tokens.py) in a service's own code: true when the token, a request
// input, is valid and made for that user, so that a guard on it states
//
//	requires: token.is_valid and token.user = user
//
// with the token entity of the reset view the catalog names. nil when the
// call is none, or its user or token is not what the spec can state.
func (rc *ruleCtx) resetTokenCheck(e *facts.Expr, names []string, sc *scope, out *[]allium.Stmt) *value {
	b := rc.b
	view := ""
	for _, n := range names {
		if v, ok := b.lang.ResetTokenChecks[n]; ok && n != "" {
			view = v
			break
		}
	}
	if view == "" || len(e.Args()) != 2 || len(e.Keywords()) != 0 {
		return nil
	}
	rv, ok := b.lang.ResetViews[view]
	if !ok {
		return nil
	}
	u := rc.eval(&e.Args()[0], sc, out, false)
	tok := rc.eval(&e.Args()[1], sc, out, false)
	ent := b.userEntity()
	info := b.entByName[ent]
	if u.kind != vEntity || u.ent != ent || u.expr == nil || tok.kind != vParam || info == nil ||
		!rc.useResetToken(&rv, ent, info, sc, e.Line()) {
		// The arguments are evaluated once: a check the spec cannot
		// state is an unknown value, as an uncatalogued call is.
		return unknownValue
	}
	rc.useParam(tok.param)
	t := &allium.Ident{Name: tok.param}
	return exprValue(&allium.Binary{Op: allium.OpAnd,
		X: &allium.Member{X: t, Name: "is_valid"},
		Y: &allium.Binary{Op: allium.OpEq, X: &allium.Member{X: t, Name: "user"}, Y: u.expr}})
}
