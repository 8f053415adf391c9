package distill

import (
	"slices"

	"github.com/distill/distill/internal/facts"
)

// adminGate reports a dependency of the service that answers only
// administrators: its own body ends the request unless a user's admin
// field (catalog admin_fields) is true, `if not user.is_admin: raise`,
// and it takes nothing from the request but plumbing (the request object)
// and other dependencies, so the user it tests is the one the request authenticates,
// not one the caller names. Polar's backoffice runs get_admin before
// every route (backoffice/dependencies.py:10-29, mounted by
// backoffice/__init__.py:35): without it the backoffice's rules were read
// as open to any visitor.
func (b *builder) adminGate(fr *funcRef) bool {
	for i := range fr.fn.Params {
		p := &fr.fn.Params[i]
		if dep, _ := b.paramDependency(fr.file, p); dep != nil {
			continue
		}
		if b.plumbingAnnotation(p) {
			continue // the request object, a session
		}
		return false
	}
	return slices.ContainsFunc(fr.fn.Body(), func(s facts.Stmt) bool {
		if s.Kind != facts.StmtIf || len(s.Else()) > 0 || !raises(s.Body) {
			return false
		}
		c := s.Cond
		if c == nil || c.Kind != facts.ExprUnary || c.Op() != "not" || c.X == nil || c.X.Kind != facts.ExprAttr {
			return false
		}
		return slices.Contains(b.lang.Auth.AdminFields, c.X.Name())
	})
}

// plumbingAnnotation reports a parameter annotated with a type the
// framework hands a handler as plumbing (catalog plumbing_types: the
// request object, a database session), no input of the request.
func (b *builder) plumbingAnnotation(p *facts.Param) bool {
	return p.Annotation != nil && slices.Contains(b.lang.PlumbingTypes, facts.LastSegment(p.Annotation.Raw()))
}
