package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// sameEither reads `a or b` whose two sides the walk reads as one and the
// same row, the entity a trigger parameter names, as that row. Polar's
// backoffice admin dependency authenticates the request twice, by the
// session cookie and by the impersonation cookie, and keeps the one found
// (user_session = orig_user_session or user_session, backoffice/
// dependencies.py:14-19); both calls read as the caller's user_session, so
// the value is that session, and the tests that follow (is None, then
// user.is_admin, :21-27) are tests of it. Read as a condition instead, the
// or became exists user_session, a boolean, and `is None` of it the
// nonsense (exists user_session) != null with the admin check lost. nil
// unless both sides are names or attribute paths (a call evaluated here
// would be cached with its effects in scratch) that evaluate to the same
// row.
func (rc *ruleCtx) sameEither(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	if e.Op() != "or" || e.X == nil || e.Y == nil || !namePath(e.X) || !namePath(e.Y) {
		return nil
	}
	var scratch []allium.Stmt
	x, y := rc.eval(e.X, sc, &scratch, false), rc.eval(e.Y, sc, &scratch, false)
	if len(scratch) > 0 || x.kind != vEntity || y.kind != vEntity || x.ent == "" || x.ent != y.ent || x.param == "" || x.param != y.param {
		return nil
	}
	xe, ye := rc.valueExpr(x), rc.valueExpr(y)
	if xe == nil || ye == nil || exprKey(xe) != exprKey(ye) {
		return nil
	}
	return x
}

// isTruthTest reports an expression that is a test (exists x, not x, a
// comparison, and/or of tests): true or false, never null.
func isTruthTest(x allium.Expr) bool {
	switch x := x.(type) {
	case *allium.Unary:
		return x.Op == allium.OpExists || x.Op == allium.OpNot
	case *allium.Binary:
		switch x.Op {
		case allium.OpEq, allium.OpNe, allium.OpLt, allium.OpLe, allium.OpGt, allium.OpGe, allium.OpIn, allium.OpNotIn, allium.OpImplies:
			return true
		case allium.OpAnd, allium.OpOr:
			return isTruthTest(x.X) && isTruthTest(x.Y)
		}
	}
	return false
}
