package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A conditional expression whose branches are calls of the service's own
// helpers runs one of them:
//
//	return self._clean_login(data) if is_login else self._clean_register(data)
//
// (pretalx's UserForm.clean, person/interfaces/forms/auth.py:377-393).
// What one branch's helper refuses, it refuses only when that branch is
// taken: _clean_register's validate_email_unique (person/validators.py:
// 17-27, an address no user has, compared case-insensitively) is required
// only of a registration. Evaluated as one expression, the preconditions
// both helpers stated were all dropped (a requires of one branch is not
// the rule's); each branch is now walked under its side of the test, as
// an if's branches are, so its guards are stated `not <test> or <guard>`
// and `<test> or <guard>` (nestedGuard).

// condCalls walks the branches of e, a conditional expression whose test
// the spec can state and whose branches both call a helper of the
// service, each under its side of the test. It gives the branches' value
// when both give the same one, unknownValue when they differ, and nil
// (nothing walked) for any other expression.
func (rc *ruleCtx) condCalls(e *facts.Expr, sc *scope, out *[]allium.Stmt, stmtCtx bool) *value {
	if e.X == nil || e.Y == nil || e.Test() == nil || !rc.serviceCall(e.X, sc) || !rc.serviceCall(e.Y, sc) {
		return nil
	}
	test := rc.cond(e.Test(), sc, out)
	if test == nil {
		test = rc.inputsGivenCond(e.Test(), sc, out, 0)
	}
	if test == nil || constantExpr(test) {
		return nil
	}
	top, under := sc.top, sc.under
	defer func() { sc.top, sc.under = top, under }()
	sc.top, sc.under = false, andUnder(under, test)
	x := rc.eval(e.X, sc, out, stmtCtx)
	sc.under = andUnder(under, negate(test))
	y := rc.eval(e.Y, sc, out, stmtCtx)
	if x == y {
		return x
	}
	return unknownValue
}

// serviceCall reports a call of a function of the service, or of a method
// of the walked class (or one of its bases) through its receiver.
func (rc *ruleCtx) serviceCall(e *facts.Expr, sc *scope) bool {
	if e.Kind != facts.ExprCall || e.Raw() == "" {
		return false
	}
	if e.Method() == "" {
		return rc.b.ix.function(sc.file, e) != nil
	}
	if sc.cls == nil || e.X == nil || !rc.b.isReceiverExpr(e.X.X) {
		return false
	}
	cr := rc.b.ix.classes[sc.cls.QualName]
	return cr != nil && rc.b.ix.method(cr, e.Method()) != nil
}

// inputsGivenCond states a test that inputs were given (`is_login =
// data.get("login_email") and data.get("login_password")`, then `if
// is_login`): `exists login_email and exists login_password`. A local is
// read through its one assignment in the function being walked. nil for
// anything else, and for a flag's value, which is no presence test.
func (rc *ruleCtx) inputsGivenCond(e *facts.Expr, sc *scope, out *[]allium.Stmt, depth int) allium.Expr {
	if e == nil || depth > 4 {
		return nil
	}
	switch e.Kind {
	case facts.ExprUnary:
		if e.Op() != "not" {
			return nil
		}
		if x := rc.inputsGivenCond(e.X, sc, out, depth+1); x != nil {
			return negate(x)
		}
		return nil
	case facts.ExprBoolOp:
		if e.Op() != "and" || e.X == nil || e.Y == nil {
			return nil
		}
		x, y := rc.inputsGivenCond(e.X, sc, out, depth+1), rc.inputsGivenCond(e.Y, sc, out, depth+1)
		if x == nil || y == nil {
			return nil
		}
		return &allium.Binary{Op: allium.OpAnd, X: x, Y: y}
	case facts.ExprName:
		if v := sc.vars[e.Name()]; v != nil && v.kind == vUnknown && sc.helper != nil {
			if a := soleAssignment(sc.helper.Body(), e.Name()); a != nil {
				return rc.inputsGivenCond(a, sc, out, depth+1)
			}
		}
	}
	if positive, ok := rc.inputPresence(e, sc, out); !ok || !positive {
		return nil
	}
	var scratch []allium.Stmt // read before: nothing new to state
	v := rc.eval(e, sc, &scratch, false)
	if v.kind != vParam || v.param == "" || rc.flagInputs[v.param] {
		return nil
	}
	rc.useParam(v.param) // the test reads it: the trigger takes it
	return &allium.Unary{Op: allium.OpExists, X: &allium.Ident{Name: v.param}}
}

// soleAssignment is the value of the one plain assignment to name among
// the top-level statements of body; nil when there is none or more.
func soleAssignment(body []facts.Stmt, name string) *facts.Expr {
	var found *facts.Expr
	n := 0
	for i := range body {
		s := &body[i]
		if s.Kind != facts.StmtAssign || len(s.Targets) != 1 || s.Targets[0].Kind != facts.ExprName || s.Targets[0].Name() != name {
			continue
		}
		found = s.Value
		n++
	}
	if n != 1 {
		return nil
	}
	return found
}
