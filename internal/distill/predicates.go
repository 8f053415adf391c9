package distill

import (
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// withoutDocstring is a function body less its docstring.
func withoutDocstring(body []facts.Stmt) []facts.Stmt {
	if len(body) > 0 && body[0].Kind == facts.StmtExpr && body[0].Value != nil && body[0].Value.Kind == facts.ExprString {
		return body[1:]
	}
	return body
}

// emptyGuardedReturn reads a predicate method that first answers False
// when a value it checks is empty and then returns a verification:
//
//	def verify_password(self, password):
//	    if not password or not self.password:
//	        return False
//	    return bcrypt.checkpw(password.encode(), self.password)
//
// The early answer adds nothing the verification does not already say (an
// empty password or hash does not verify), so the method's value is the
// returned verification. It returns that expression, or nil when fn is not
// of this shape or the returned value is no verification.
func (rc *ruleCtx) emptyGuardedReturn(fn *facts.Function) *facts.Expr {
	body := withoutDocstring(fn.Body())
	if len(body) != 2 {
		return nil
	}
	guard, ret := body[0], body[1]
	if guard.Kind != facts.StmtIf || len(guard.Else()) > 0 || len(guard.Body) != 1 || ret.Kind != facts.StmtReturn || ret.Value == nil {
		return nil
	}
	if r := guard.Body[0]; r.Kind != facts.StmtReturn || r.Value == nil || r.Value.Kind != facts.ExprBool || r.Value.Value() != "false" {
		return nil
	}
	if !emptinessTests(guard.Cond) {
		return nil
	}
	x := ret.Value
	if x.Kind != facts.ExprCall || !catalog.MatchAny(rc.b.lang.VerifyCalls, x.Resolved(), x.Raw()) {
		return nil
	}
	return x
}

// emptinessTests reports whether e only tests values for emptiness:
// `not a`, `a is None`, joined by or.
func emptinessTests(e *facts.Expr) bool {
	switch {
	case e == nil:
		return false
	case e.Kind == facts.ExprBoolOp && e.Op() == "or":
		return emptinessTests(e.X) && emptinessTests(e.Y)
	case e.Kind == facts.ExprUnary && e.Op() == "not":
		return e.X != nil && (e.X.Kind == facts.ExprName || e.X.Kind == facts.ExprAttr)
	case e.Kind == facts.ExprCompare && (e.Op() == "is" || e.Op() == "==") && e.Y != nil && e.Y.Kind == facts.ExprNone:
		return e.X != nil && (e.X.Kind == facts.ExprName || e.X.Kind == facts.ExprAttr)
	}
	return false
}

// charsetArg reports whether a call is s.encode("utf-8"),
// b.decode("utf-8") or Node's buf.toString('hex'): the same text in
// another shape, as with no argument.
func charsetArg(method string, e *facts.Expr) bool {
	return (method == "encode" || method == "decode" || method == "toString") && len(e.Args()) == 1 && e.Args()[0].Kind == facts.ExprString && len(e.Keywords()) == 0
}
