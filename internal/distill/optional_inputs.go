package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// optionalInput reads `if data.field:` (or `if field := data.field:`)
// where data is a request shape that declares field optional
// (`field: bool | None = None`): the request may leave it out, and what
// the block does happens only when it is given. The condition is then
// `exists field`; nil when the test is of anything else.
func (rc *ruleCtx) optionalInput(e *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	return rc.shapeFieldGiven(e, sc, out, func(file *facts.File, f *facts.Assignment) bool {
		return rc.b.declaredOptional(file, f.Annotation, f.Value)
	})
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
