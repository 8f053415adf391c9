package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// Django's password forms do the work themselves:
//
//	f = SetPasswordForm(user, kwargs)   # or cls.form(user, kwargs), form = SetPasswordForm
//	if f.is_valid():
//	    user = f.save()
//
// save() sets the user's password from the new-password input and returns
// the user: user.password = hash(new_password1).

// passwordForm is a catalogued password form made for a user.
type passwordForm struct {
	user  *value
	input string // the request input that holds the new password
	old   string // the input holding the current password it verifies, if any
	// validated is the input the password validators run on when it is
	// not input (the repeated one, for Django's forms); "" for input.
	validated string
}

// passwordFormCall reads the construction of a password form (directly or
// through the class's form attribute) and its save(). It reports false
// for any other call.
func (rc *ruleCtx) passwordFormCall(e *facts.Expr, method string, recv *value, sc *scope, out *[]allium.Stmt) (*value, bool) {
	forms := rc.b.lang.PasswordForms
	if len(forms) == 0 {
		return nil, false
	}
	if method == "save" && recv != nil && recv.pwForm != nil {
		pf := recv.pwForm
		f := rc.b.passwordField(pf.user.ent)
		p := rc.paramValue(pf.input)
		if f == nil || p.kind != vParam {
			return nil, false
		}
		rc.useParam(p.param)
		rc.touch(pf.user)
		f.used = true
		rc.b.stats.EffectsSeen++
		*out = append(*out, &allium.Assign{Meta: rc.b.meta(sc.file, e.Line()), Target: &allium.Member{X: pf.user.expr, Name: f.name},
			Value: &allium.Call{Fun: &allium.Ident{Name: "hash"}, Args: []allium.Arg{{Value: &allium.Ident{Name: p.param}}}}})
		return pf.user, true
	}
	input, form := "", ""
	switch {
	case method == "":
		form = facts.LastSegment(e.Raw())
	case recv != nil && sc.cls != nil && e.X != nil && rc.b.isReceiverExpr(e.X.X):
		// form = SetPasswordForm on the class; cls.form(user, data).
		if cr := rc.b.ix.classes[sc.cls.QualName]; cr != nil {
			if cf, _ := rc.b.classField(cr, method); cf != nil && (cf.Kind == facts.ExprName || cf.Kind == facts.ExprAttr) {
				form = facts.LastSegment(cf.Raw())
			}
		}
	}
	input = forms[form]
	// The user is the forms' first parameter, given by position or by
	// name (PasswordChangeForm(user=request.user, data=request.POST)).
	who := e.Keyword("user")
	if len(e.Args()) > 0 {
		who = &e.Args()[0]
	}
	if input == "" || who == nil {
		return nil, false
	}
	u := rc.eval(who, sc, out, false)
	if u.kind != vEntity {
		return nil, false
	}
	return &value{kind: vPlumbing, pwForm: &passwordForm{user: u, input: input, old: rc.b.lang.PasswordFormOldInputs[form], validated: rc.b.lang.PasswordFormValidatedInputs[form]}}, true
}
