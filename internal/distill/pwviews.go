package distill

// Framework password-change views (dj-rest-auth's and allauth's
// PasswordChangeView) change the signed-in user's password in a POST the
// service's subclass inherits: there is no code of the service to walk,
// so the catalog (password_views) says what that POST reads and does:
//
//	class PasswordChangeView(BasePasswordChangeView): ...
//
//	rule PasswordChange {
//	    when: PasswordChange(user, old_password, new_password1, new_password2)
//	    requires: verify(old_password, user.password)
//	    requires: new_password1 = new_password2
//	    ensures: user.password = hash(new_password1)
//	}
//
// with the configured password validators as for a password form, and
// the user model's own override of the setter run as written.

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// passwordView is the catalog entry of the framework view cr inherits its
// POST from; nil when it has none.
func (b *builder) passwordView(cr *classRef) *catalog.PasswordView {
	return inheritedEntry(b, cr, b.lang.PasswordViews)
}

// inheritedEntry is the entry of views (a catalog map from a framework
// class to what it does) of the first class cr inherits from, in name
// order; nil when it inherits none.
func inheritedEntry[T any](b *builder, cr *classRef, views map[string]T) *T {
	for _, base := range sortedKeys(views) {
		if b.matchBases(cr, []string{base}) {
			v := views[base]
			return &v
		}
	}
	return nil
}

// passwordViewHandler is the POST a view class inherits from a framework
// password-change view; nil when the class writes its own.
func (b *builder) passwordViewHandler(f *facts.File, c *facts.Class, cr *classRef) *handler {
	pv := b.passwordView(cr)
	if pv == nil || pv.New == "" {
		return nil
	}
	for i := range c.Methods {
		if c.Methods[i].Name == "post" {
			return nil
		}
	}
	// A view whose POST goes through its form (Django's FormView): a
	// form_valid of the service's, or another form, answers otherwise.
	for _, own := range pv.Own {
		if b.ix.method(cr, own) != nil {
			return nil
		}
	}
	if pv.Form != "" {
		if form, file := b.classField(cr, pv.FormArg); form != nil && !b.catalogedForm(file, form, pv.Form, pv.Overrides, nil) {
			return nil
		}
	}
	fn := &facts.Function{Name: "post", QualName: c.QualName + ".post", Line: c.Line}
	return &handler{file: f, fn: fn, class: c, name: pascal(viewStem(c.Name)), pwView: pv}
}

// passwordViewRule states what the inherited POST does for the signed-in
// user: the current password verified, the new one checked as a password
// form checks it, and set through the user's setter.
func (rc *ruleCtx) passwordViewRule(pv *catalog.PasswordView, sc *scope) {
	b := rc.b
	u := rc.currentUser()
	if u.kind != vEntity {
		return
	}
	line := rc.h.fn.Line
	f := b.passwordField(u.ent)
	if f == nil {
		return
	}
	if pv.Old != "" {
		if old := rc.paramValue(pv.Old); old.kind == vParam {
			rc.useParam(old.param)
			f.used = true
			rc.touch(u)
			rc.requires(&allium.Call{Fun: &allium.Ident{Name: "verify"}, Args: []allium.Arg{
				{Value: &allium.Ident{Name: old.param}}, {Value: &allium.Member{X: u.expr, Name: f.name}}}}, sc, line)
		}
	}
	rc.passwordFormChecks(&passwordForm{user: u, input: pv.New, validated: pv.Validated}, sc, line)
	rc.setPasswordThrough(u, pv.New, pv.Setter, sc, line) // reset_views.go
}

// serviceValidators runs the configured password validators that are
// classes of the service (a validator refusing the current password) on
// the new password pw of the user u: their failures are preconditions.
func (rc *ruleCtx) serviceValidators(u, pw *value, sc *scope, line int) {
	b := rc.b
	pv := b.lang.PasswordValidators
	if pv == nil || pv.Method == "" {
		return
	}
	_, entries := b.passwordValidatorEntries()
	for _, entry := range entries {
		name, _ := validatorEntry(entry)
		cr := b.ix.classes[name]
		if cr == nil {
			continue
		}
		fr := b.ix.method(cr, pv.Method)
		if fr == nil {
			continue
		}
		const pwVar, userVar = "__validator_password", "__validator_user"
		sc.vars[pwVar], sc.vars[userVar] = pw, u
		call := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Line: line, Args: []facts.Expr{
			facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: pwVar, Line: line}), facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: userVar, Line: line})}})
		var discard []allium.Stmt // a validator's effects are no outcome
		rc.inline(fr, &value{kind: vPlumbing}, call, sc, &discard)
		delete(sc.vars, pwVar)
		delete(sc.vars, userVar)
	}
}
