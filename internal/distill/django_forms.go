package distill

// Django's form views (FormView, CreateView, UpdateView) handle a POST by
// making the view's form, validating it and, when it is valid, calling
// form_valid(form): that method is the handler, its form the view's form
// class, valid, so the form's validators are the rule's preconditions.

import (
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// formHandler reports a form view's valid-form handler (form_valid).
func (b *builder) formHandler(m *facts.Function) bool {
	return b.lang.Shapes != nil && catalog.Match(b.lang.Shapes.FormHandlers, m.Name) && len(m.Params) == 2
}

// bindValidForm binds the form parameter of a form_valid handler to the
// view's form class, sets what the view's get_form puts on it, and runs
// its validators.
func (rc *ruleCtx) bindValidForm(h *handler, sc *scope) {
	b := rc.b
	if h.class == nil || !b.formHandler(h.fn) {
		return
	}
	cr := b.ix.classes[h.class.QualName]
	if cr == nil {
		return
	}
	kwargs := rc.viewFormKwargs(cr, h, sc)
	shape := rc.viewFormClass(cr)
	if shape == nil {
		rc.bindPasswordForm(cr, h, kwargs, sc)
		return
	}
	form := &value{kind: vShape, shape: shape}
	rc.keepFormKwargs(form, kwargs)
	rc.viewForm = &viewForm{cr: cr, form: form, kwargs: kwargs}
	sc.vars[h.fn.Params[1].Name] = form
	// form.user = self.request.user in get_form.
	for _, name := range b.lang.Shapes.FormGetters {
		fr := b.ix.method(cr, name)
		if fr == nil {
			continue
		}
		facts.Walk(fr.fn.Body(), func(s *facts.Stmt) bool {
			if s.Kind != facts.StmtAssign || len(s.Targets) != 1 || s.Value == nil {
				return true
			}
			t := &s.Targets[0]
			if t.Kind == facts.ExprAttr && t.X != nil && t.X.Kind == facts.ExprName && t.X.Name() == "form" {
				self := b.selfName()
				gsc := &scope{file: fr.file, vars: map[string]*value{self: sc.vars[self]}, top: true, cls: h.class, stack: sc.stack, depth: sc.depth}
				if gsc.vars[self] == nil {
					gsc.vars[self] = &value{kind: vPlumbing}
				}
				if form.attrs == nil {
					form.attrs = map[string]*value{}
				}
				form.attrs[t.Name()] = rc.eval(s.Value, gsc, &rc.ensures, false)
			}
			return true
		})
	}
	valid := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Line: h.fn.Line,
		X: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, Name: "is_valid", Line: h.fn.Line,
			X: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: h.fn.Params[1].Name, Line: h.fn.Line})})})
	rc.formValidators(valid, sc, &rc.ensures)
}

// viewForm is the form a form view's handler was given, and the
// keyword arguments it was made with as read before the view's dispatch.
type viewForm struct {
	cr     *classRef
	form   *value
	kwargs map[string]*value
}

// A view's get_form_kwargs may hand the form what its dispatch kept on
// self: django-allauth's PasswordResetFromKeyView keeps the user its
// token names, self.reset_user = token_form.reset_user
// (account/views.py:633), and gives it as kwargs["user"]
// (views.py:675-679); ResetPasswordKeyForm keeps it as self.user
// (forms.py:664) and its save() sets that user's password (forms.py:670-671).
// The framework calls get_form_kwargs after dispatch, so what it hands
// over is read again once the dispatch is walked.

// rebindFormKwargs keeps on the handler's form each keyword argument
// given as an attribute of the view (kwargs["user"] = self.reset_user)
// that holds, after the view's dispatch, a row it did not hold before.
// Only such entries are read again, from what the view keeps: the getter
// was walked once already, and what it leaves out is counted there.
func (rc *ruleCtx) rebindFormKwargs(h *handler, sc *scope) {
	vf := rc.viewForm
	b := rc.b
	if vf == nil {
		return
	}
	view := sc.vars[b.selfName()]
	if view == nil || len(view.attrs) == 0 {
		return
	}
	changed := map[string]*value{}
	for _, name := range b.lang.Shapes.FormKwargsGetters {
		fr := b.ix.method(vf.cr, name)
		if fr == nil {
			continue
		}
		facts.Walk(fr.fn.Body(), func(s *facts.Stmt) bool {
			if s.Kind != facts.StmtAssign || len(s.Targets) != 1 || s.Value == nil ||
				s.Value.Kind != facts.ExprAttr || s.Value.X == nil {
				return true
			}
			key, ok := stringKeyOf(&s.Targets[0])
			if !ok {
				return true
			}
			var v *value
			if b.isSelf(s.Value.X) {
				v = view.attrs[s.Value.Name()]
			} else if v = rc.keptObjectAttr(fr, s.Value, view, sc, h); v == nil {
				return true
			}
			if before := vf.kwargs[key]; v != nil && v.kind == vEntity && (before == nil || before.kind != vEntity) {
				changed[key] = v
			}
			return true
		})
	}
	rc.keepFormKwargs(vf.form, changed)
}

// keptObjectAttr is an attribute read off an object the view's dispatch
// kept on self (kwargs["user"] = self._process.user), read after dispatch
// with self the view: django-allauth's CompletePasswordResetView keeps the
// reset-by-code process it resumes from the session (account/views.py:
// 720-724) and hands the form its user (:746), a property that finds the
// user by the id the process state keeps (code_verification.py:26-35).
// A row so found is bound by the attribute's name as one found in
// dispatch is. nil when x is no attribute of an object kept on self, or
// reading it states anything (what it does would be lost here).
func (rc *ruleCtx) keptObjectAttr(getter *funcRef, x *facts.Expr, view *value, sc *scope, h *handler) *value {
	b := rc.b
	if x.X.Kind != facts.ExprAttr || !b.isSelf(x.X.X) {
		return nil
	}
	if kept := view.attrs[x.X.Name()]; kept == nil || kept.kind != vObject {
		return nil
	}
	gsc := &scope{file: getter.file, vars: map[string]*value{b.selfName(): view}, top: true, cls: h.class, stack: sc.stack, depth: sc.depth}
	var stated []allium.Stmt
	v := rc.eval(x, gsc, &stated, false)
	if len(stated) > 0 {
		return nil
	}
	if v.kind == vLookup {
		v = rc.bindLookup(x.Name(), v, sc, &rc.ensures, x.Line())
	}
	return v
}

// viewFormClass is the form class a form view makes: its form_class
// attribute, or what its get_form_class returns (a class, or a form nested
// in the view).
func (rc *ruleCtx) viewFormClass(cr *classRef) *classRef {
	b := rc.b
	for _, name := range b.lang.Shapes.ClassFields {
		if cf, file := b.classField(cr, name); cf != nil {
			if shape := b.ix.class(file, cf); shape != nil && b.shapes[shape.qual()] != nil {
				return shape
			}
			if shape := b.settingClass(file, cf); shape != nil && b.shapes[shape.qual()] != nil {
				return shape // serializer_class = api_settings.NAME
			}
		}
	}
	for _, name := range b.lang.Shapes.FormClassGetters {
		fr := b.ix.method(cr, name)
		if fr == nil {
			continue
		}
		var found *classRef
		facts.Walk(fr.fn.Body(), func(s *facts.Stmt) bool {
			if s.Kind != facts.StmtReturn || s.Value == nil || found != nil {
				return found == nil
			}
			v := s.Value
			if v.Kind == facts.ExprAttr && b.isSelf(v.X) {
				found = b.nestedShape(cr.class, v.Name())
			} else if shape := b.ix.class(fr.file, v); shape != nil && b.shapes[shape.qual()] != nil {
				found = shape
			}
			return found == nil
		})
		if found != nil {
			return found
		}
	}
	return nil
}

// shapeConfigName names the bound a shape's field constraint sets: the
// plain name (max_name_length), or, when another bound of a different
// value already has it, the name with the shape's stem
// (max_add_web_authn_name_length for AddWebAuthnForm).
func (b *builder) shapeConfigName(name string, shape *classRef, lit allium.Expr) string {
	ci := b.configByKey["literal:"+name]
	if ci == nil || sameLit(ci.value, lit) {
		return name
	}
	stem := shape.class.Name
	for _, suf := range []string{"Serializer", "Form", "Schema", "Input", "Request"} {
		if s := strings.TrimSuffix(stem, suf); s != stem && s != "" {
			stem = s
			break
		}
	}
	stem = snake(stem)
	if !isSnake(stem) {
		return name
	}
	for _, p := range []string{"max_", "min_"} {
		if rest, ok := strings.CutPrefix(name, p); ok {
			return p + stem + "_" + rest
		}
	}
	return stem + "_" + name
}
