package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// optionalInputOr reads `input || other`, an input the request may leave
// out (its schema marks it optional) with another value the rule reads in
// its place, as input ?? other: the input when given, the other value
// when not. Medusa's reset-password route looks the user up by
// validated.email || decoded?.email (api/routes/admin/users/
// reset-password.ts:115-116; AdminResetPasswordRequest's email is
// email?: string, :176-178): the address the body gives, else the one the
// token carries. Without it the lookup was unread and the whole rule left
// out. nil unless the left side is such an input and the right side a
// name or attribute path the walk reads as a value (a call evaluated here
// would be cached with its effects left in scratch, as in inputOrInput).
func (rc *ruleCtx) optionalInputOr(e *facts.Expr, sc *scope) *value {
	if e.Op() != "or" || e.X == nil || e.Y == nil || !namePath(e.X) || !namePath(e.Y) {
		return nil
	}
	var scratch []allium.Stmt
	x := rc.eval(e.X, sc, &scratch, false)
	if x.kind != vParam || !(x.optional || rc.schemaOptional[x.param] || rc.optionalInput(e.X, sc, &scratch) != nil) {
		return nil
	}
	var fallback []allium.Stmt
	y := rc.eval(e.Y, sc, &fallback, false)
	if y.kind != vExpr || y.expr == nil || len(fallback) > 0 {
		return nil
	}
	if _, lit := y.expr.(*allium.Lit); lit {
		return nil // a literal default is constantDefault's and inputDefault's
	}
	xe := rc.valueExpr(x)
	if xe == nil {
		return nil
	}
	return exprValue(&allium.Binary{Op: allium.OpCoalesce, X: xe, Y: y.expr})
}
