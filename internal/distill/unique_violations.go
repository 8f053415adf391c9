package distill

import (
	"slices"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A write the database refuses for a duplicate of a unique column, caught
// and turned into the request's failure (catalog unique_violations), by
// the error's type (Python's `except IntegrityError: raise ...`) or by its
// code:
//
//	try {
//	  return await this.user.create({ data: { name, email, passwordHash } })
//	} catch (e) {
//	  if (e.code === 'P2002') throw new httpErrors.BadRequest('Email already registered')
//	  throw e
//	}
//
// The request succeeds only when no row has the unique values the body
// creates its row with: requires: not exists User{email}.

// duplicateRefusal is the line of the handler of try s that refuses the
// request on a unique violation, 0 when none does.
func (b *builder) duplicateRefusal(s *facts.Stmt) int {
	uv := b.lang.UniqueViolations
	if uv == nil {
		return 0
	}
	for _, h := range s.Handlers() {
		// except IntegrityError: db.session.rollback(); raise AlreadyRegistered()
		if h.Type != nil && catalog.MatchAny(uv.Classes, h.Type.Resolved(), h.Type.Raw()) && raises(h.Body) {
			return h.Line
		}
	}
	if len(uv.Codes) == 0 {
		return 0
	}
	line := 0
	for _, h := range s.Handlers() {
		facts.Walk(h.Body, func(st *facts.Stmt) bool {
			if line == 0 && st.Kind == facts.StmtIf && uniqueViolationTest(uv, st.Cond) && raises(st.Body) {
				line = st.Line()
			}
			return line == 0
		})
	}
	return line
}

// uniqueViolationTest reports a test of an error's code against a unique
// violation's (e.code === 'P2002', either way round), alone or as a part
// of a conjunction that also narrows the error's type (e instanceof
// Prisma.PrismaClientKnownRequestError && e.code === 'P2002'): the code
// is what tells the violation.
func uniqueViolationTest(uv *catalog.UniqueViolations, c *facts.Expr) bool {
	if c != nil && c.Kind == facts.ExprBoolOp && c.Op() == "and" {
		return slices.ContainsFunc(conjuncts(c), func(part *facts.Expr) bool { return uniqueViolationTest(uv, part) })
	}
	if c == nil || c.Kind != facts.ExprCompare || c.Op() != "==" || c.X == nil || c.Y == nil {
		return false
	}
	for _, pair := range [][2]*facts.Expr{{c.X, c.Y}, {c.Y, c.X}} {
		attr, code := pair[0], pair[1]
		if attr.Kind == facts.ExprAttr && slices.Contains(uv.CodeAttrs, attr.Name()) &&
			(code.Kind == facts.ExprString || code.Kind == facts.ExprInt) && slices.Contains(uv.Codes, code.Value()) {
			return true
		}
	}
	return false
}

// raises reports a body that ends the request by throwing.
func raises(body []facts.Stmt) bool {
	return slices.ContainsFunc(body, func(s facts.Stmt) bool { return s.Kind == facts.StmtRaise })
}
