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
	if e == nil || e.Kind != facts.ExprAttr || e.X == nil {
		return nil
	}
	recv := rc.eval(e.X, sc, out, false)
	if recv.kind != vShape || recv.shape == nil || recv.parts != nil {
		return nil
	}
	f, file := rc.b.classAssignment(recv.shape, e.Name, func(*facts.Assignment) bool { return true })
	if f == nil || !rc.b.optionalDecl(file, f) {
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

// optionalDecl reports a class-level declaration whose type admits None
// (`x: str | None`, `Optional[str]`) or whose default is None.
func (b *builder) optionalDecl(file *facts.File, f *facts.Assignment) bool {
	if f.Value != nil && f.Value.Kind == facts.ExprNone {
		return true
	}
	if f.Annotation == nil {
		return false
	}
	_, optional, _ := b.annotationType(file, f.Annotation)
	return optional
}
