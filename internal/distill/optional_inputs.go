package distill

import (
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// optionalInput reads `if data.field:` (or `if field := data.field:`)
// where data is a request shape that declares field optional
// (`field: bool | None = None`): the request may leave it out, and what
// the block does happens only when it is given. The condition is then
// `exists field`; nil when the test is of anything else.
func (rc *ruleCtx) optionalInput(e *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	if x := rc.unrequiredFormField(e, sc, out); x != nil {
		return x
	}
	return rc.shapeFieldGiven(e, sc, out, func(file *facts.File, f *facts.Assignment) bool {
		return rc.b.declaredOptional(file, f.Annotation, f.Value)
	})
}

// unrequiredFormField is `exists field` for e, a read by key of a form's
// cleaned input (form.cleaned_data.get("register_email"),
// form.cleaned_data["register_email"]) where the form declares the field
// one the request may leave out (catalog shapes.optional_options:
// forms.EmailField(required=False)). A combined login and registration
// form holds both forms' fields that way, and what a view does when one
// is given (finalize_registration when register_email is) is no outcome
// of the other. nil for anything else.
func (rc *ruleCtx) unrequiredFormField(e *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	sh := rc.b.lang.Shapes
	if e == nil || sh == nil || len(sh.OptionalOptions) == 0 {
		return nil
	}
	var dict, key *facts.Expr
	switch e.Kind {
	case facts.ExprCall:
		if e.Method() != "get" || len(e.Args()) != 1 || len(e.Keywords()) != 0 || e.X == nil {
			return nil
		}
		dict, key = e.X.X, &e.Args()[0]
	case facts.ExprSubscript:
		dict, key = e.X, e.Y
	default:
		return nil
	}
	if dict == nil || key == nil || key.Kind != facts.ExprString {
		return nil
	}
	d := rc.eval(dict, sc, out, false)
	if d.kind != vReqDict || d.shape == nil || d.rawInput {
		return nil
	}
	f, _ := rc.b.classAssignment(d.shape, key.Value(), func(a *facts.Assignment) bool {
		return a.Value != nil && a.Value.Kind == facts.ExprCall
	})
	if f == nil || !optionalOption(f.Value, sh.OptionalOptions) {
		return nil
	}
	return rc.inputGiven(e, sc, out)
}

// optionalOption reports a field declaration given one of the options
// that let the request leave the field out, with the value that does
// (required=False; a literal compared without regard to case).
func optionalOption(decl *facts.Expr, options map[string]string) bool {
	for _, kw := range decl.Keywords() {
		text := kw.Value.Raw()
		if text == "" {
			text = kw.Value.Value() // a literal: false
		}
		if want, ok := options[kw.Name]; ok && strings.EqualFold(text, want) {
			return true
		}
	}
	return false
}

// shapeFieldGiven is `exists field` for e, a read of a field of a request
// shape that the request may leave out by the shape's declaration of it
// (mayOmit); nil for anything else.
func (rc *ruleCtx) shapeFieldGiven(e *facts.Expr, sc *scope, out *[]allium.Stmt, mayOmit func(*facts.File, *facts.Assignment) bool) allium.Expr {
	if e == nil || e.Kind != facts.ExprAttr || e.X == nil {
		return nil
	}
	recv := rc.eval(e.X, sc, out, false)
	if recv.kind != vShape || recv.shape == nil || recv.parts != nil {
		return nil
	}
	f, file := rc.b.classAssignment(recv.shape, e.Name(), func(*facts.Assignment) bool { return true })
	if f == nil || !mayOmit(file, f) {
		return nil
	}
	return rc.inputGiven(e, sc, out)
}

// declaredOptional reports a declaration (a class-level field of a request
// shape, a handler's parameter) whose type admits None (`x: str | None`,
// `Optional[str]`) or whose default is None.
func (b *builder) declaredOptional(file *facts.File, annotation, value *facts.Expr) bool {
	if value != nil && value.Kind == facts.ExprNone {
		return true
	}
	if annotation == nil {
		return false
	}
	_, optional, _ := b.annotationType(file, annotation)
	return optional
}

// inputGiven is `exists input` for e, a read of a request input (a trigger
// parameter): the request gave it. nil when e is no input.
func (rc *ruleCtx) inputGiven(e *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	v := rc.eval(e, sc, out, false)
	if v.kind != vParam {
		return nil
	}
	x := rc.valueExpr(v)
	if x == nil {
		return nil
	}
	return &allium.Unary{Op: allium.OpExists, X: x}
}
