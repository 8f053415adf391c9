package distill

// A form view makes its form with keyword arguments its get_form_kwargs
// adds to (kwargs["user"] = self.request.user), and the form's constructor
// keeps them: self.user = user, or kwargs["instance"] = user, the row a
// model form changes (django-oscar's ConfirmPasswordForm and UserForm).
// A framework password form (PasswordChangeForm) made so is the signed-in
// user's: its save sets that user's password. The getters are the
// catalog's (shapes.form_kwargs_getters).

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// viewFormKwargs evaluates the entries the view's kwargs getters set, by
// name; nil when it has none.
func (rc *ruleCtx) viewFormKwargs(cr *classRef, h *handler, sc *scope) map[string]*value {
	b := rc.b
	var kwargs map[string]*value
	for _, name := range b.lang.Shapes.FormKwargsGetters {
		fr := b.ix.method(cr, name)
		if fr == nil {
			continue
		}
		self := b.selfName()
		gsc := &scope{file: fr.file, vars: map[string]*value{self: sc.vars[self]}, top: true, cls: h.class, stack: sc.stack, depth: sc.depth}
		if gsc.vars[self] == nil {
			gsc.vars[self] = &value{kind: vPlumbing}
		}
		facts.Walk(fr.fn.Body(), func(s *facts.Stmt) bool {
			if s.Kind != facts.StmtAssign || len(s.Targets) != 1 || s.Value == nil {
				return true
			}
			key, ok := stringKeyOf(&s.Targets[0])
			if !ok {
				return true
			}
			if kwargs == nil {
				kwargs = map[string]*value{}
			}
			var scratch []allium.Stmt
			kwargs[key] = rc.eval(s.Value, gsc, &scratch, false)
			return true
		})
	}
	return kwargs
}

// stringKeyOf is the key of an assignment target d["key"] on a plain name.
func stringKeyOf(t *facts.Expr) (string, bool) {
	if t.Kind != facts.ExprSubscript || t.X == nil || t.X.Kind != facts.ExprName || t.Y == nil || t.Y.Kind != facts.ExprString {
		return "", false
	}
	return t.Y.Value(), true
}

// keepFormKwargs sets on form what its constructor keeps of kwargs: a
// parameter stored on self (self.user = user), or given on as the row the
// form changes (kwargs["instance"] = user). A constructor that hands its
// keyword arguments on to the base's, super().__init__(*args, **kwargs),
// leaves them to that one: django-allauth's ChangePasswordForm.__init__
// forwards them (account/forms.py:602-603) to UserForm.__init__(self,
// user=None, ...), which keeps self.user = user (forms.py:533-534).
func (rc *ruleCtx) keepFormKwargs(form *value, kwargs map[string]*value) {
	b := rc.b
	if form.shape == nil || len(kwargs) == 0 {
		return
	}
	for _, ctor := range b.lang.ConstructorNames {
		for _, cr := range b.ix.lineage(form.shape) {
			fr := b.ix.funcs[qual(cr.qual(), ctor)]
			if fr == nil {
				continue
			}
			if fr.class == nil || b.shapes[fr.class.QualName] == nil {
				return
			}
			if !rc.keepCtorKwargs(form, fr, ctor, kwargs) {
				return
			}
		}
		return
	}
}

// keepCtorKwargs binds what the constructor fr keeps of kwargs on form and
// reports whether it hands its own keyword arguments on to the base's
// constructor (super().ctor(..., **kwargs)), which then reads the rest.
func (rc *ruleCtx) keepCtorKwargs(form *value, fr *funcRef, ctor string, kwargs map[string]*value) bool {
	b := rc.b
	params := map[string]*value{}
	spread := ""
	for _, p := range fr.fn.Params {
		if p.Kind == facts.ParamVarKeyword {
			spread = p.Name
		} else if v := kwargs[p.Name]; v != nil {
			params[p.Name] = v
		}
	}
	keep := func(attr string, v *value) {
		if form.attrs == nil {
			form.attrs = map[string]*value{}
		}
		form.attrs[attr] = v
	}
	forwards := false
	facts.Walk(fr.fn.Body(), func(s *facts.Stmt) bool {
		if spread != "" && s.Kind == facts.StmtExpr && s.Value != nil && isSuperCall(s.Value, ctor) &&
			slices.ContainsFunc(s.Value.Keywords(), func(k facts.Keyword) bool {
				return k.Name == "**" && k.Value.Kind == facts.ExprName && k.Value.Name() == spread
			}) {
			forwards = true
		}
		if s.Kind != facts.StmtAssign || len(s.Targets) != 1 || s.Value == nil {
			return true
		}
		var v *value
		if s.Value.Kind == facts.ExprName {
			v = params[s.Value.Name()]
		} else if key, ok := spreadTake(s.Value, spread); ok {
			v = kwargs[key]
		}
		if v == nil {
			return true
		}
		t := &s.Targets[0]
		if t.Kind == facts.ExprAttr && b.isSelf(t.X) {
			keep(t.Name(), v)
		} else if key, ok := stringKeyOf(t); ok && t.X.Name() == spread && catalog.Match(b.lang.Shapes.InstanceAttrs, key) {
			keep(key, v)
		}
		return true
	})
	return forwards
}

// A constructor may take a keyword argument out of its **kwargs before it
// hands the rest on: django-allauth's ResetPasswordKeyForm.__init__ keeps
// self.user = kwargs.pop("user", None) (account/forms.py:664) and
// ReauthenticateForm self.user = kwargs.pop("user") (forms.py:711). That
// keeps the view's kwargs["user"] as a named parameter would.

// spreadTake is the key of kwargs.pop("key"[, default]) or
// kwargs.get("key"[, default]) on the constructor's **kwargs parameter.
func spreadTake(e *facts.Expr, spread string) (string, bool) {
	if spread == "" || e.Kind != facts.ExprCall || e.X == nil || e.X.Kind != facts.ExprAttr || e.X.X == nil ||
		e.X.X.Kind != facts.ExprName || e.X.X.Name() != spread || (e.X.Name() != "pop" && e.X.Name() != "get") {
		return "", false
	}
	args := e.Args()
	if len(args) == 0 || len(args) > 2 || args[0].Kind != facts.ExprString {
		return "", false
	}
	return args[0].Value(), true
}

// bindPasswordForm binds the form parameter of a form_valid handler to a
// framework password form the view names as its form class, made for the
// user its kwargs give, and states what validating it requires; false
// when the view's form is none.
func (rc *ruleCtx) bindPasswordForm(cr *classRef, h *handler, kwargs map[string]*value, sc *scope) bool {
	b := rc.b
	for _, name := range b.lang.Shapes.ClassFields {
		cf, _ := b.classField(cr, name)
		if cf == nil || cf.Kind != facts.ExprName && cf.Kind != facts.ExprAttr {
			continue
		}
		form := facts.LastSegment(cf.Raw())
		input := b.lang.PasswordForms[form]
		user := kwargs["user"]
		if input == "" || user == nil || user.kind != vEntity {
			return false
		}
		pf := &passwordForm{user: user, input: input, old: b.lang.PasswordFormOldInputs[form], validated: b.lang.PasswordFormValidatedInputs[form]}
		sc.vars[h.fn.Params[1].Name] = &value{kind: vPlumbing, pwForm: pf}
		rc.passwordFormChecks(pf, sc, h.fn.Line)
		return true
	}
	return false
}

// A form a view makes hands its constructor what the request carries
// besides the user's input: Oscar's AccountAuthView builds
// EmailAuthenticationForm(**self.get_login_form_kwargs(bind_data)) with
// kwargs["host"] = self.request.get_host() (customer/views.py:138), and
// the form keeps it, `def __init__(self, host, ...): self.host = host`
// (customer/forms.py:77), for clean_redirect_url to check the address
// against. self.host is no field the user posts; read as one, the request
// host became a trigger input. A name the constructor keeps from its own
// parameters is what the code handed it.

// ctorKept reports that a constructor of shape assigns self.name from its
// own parameters (self.host = host, self.user = kwargs.pop("user")) and
// the shape declares no field of that name.
func (b *builder) ctorKept(shape *classRef, name string) bool {
	if shape == nil || slices.ContainsFunc(b.shapeFieldsWithBases(shape), func(f facts.Assignment) bool { return f.Name == name }) {
		return false
	}
	for _, ctor := range b.lang.ConstructorNames {
		fr := b.ix.method(shape, ctor)
		if fr == nil || len(fr.fn.Params) < 2 {
			continue
		}
		self := fr.fn.Params[0].Name
		params := map[string]bool{}
		for _, p := range fr.fn.Params[1:] {
			params[p.Name] = p.Name != ""
		}
		kept := false
		facts.Walk(fr.fn.Body(), func(s *facts.Stmt) bool {
			if kept || s.Kind != facts.StmtAssign || len(s.Targets) != 1 || s.Value == nil {
				return !kept
			}
			t := &s.Targets[0]
			if t.Kind != facts.ExprAttr || t.Name() != name || t.X == nil || t.X.Kind != facts.ExprName || t.X.Name() != self {
				return true
			}
			kept = s.Value.Any(func(x *facts.Expr) bool { return x.Kind == facts.ExprName && params[x.Name()] })
			return !kept
		})
		if kept {
			return true
		}
	}
	return false
}
