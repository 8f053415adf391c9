package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// errorChain handles, at a handler's top level, an if/elif chain whose
// branches flag an error and go on (flash a message, set a 400 status)
// while only its final else does the work and ends the request:
//
//	if "password" not in request.form: flash(...); status = 400
//	elif len(request.form["password"]) < 6: flash(...); status = 400
//	else: <work>; return redirect(...)
//
// The else is a path of its own under the negated conditions (each elif
// adds its own as the path walks on), as splitPaths does for an else that
// ends. The walk goes on with the first branch alone, under its
// condition, since the elif branches fall through to what follows too.
// It reports whether it handled s, and whether the walk ended.
func (rc *ruleCtx) errorChain(s *facts.Stmt, cond allium.Expr, sc *scope, out *[]allium.Stmt) (handled, ends bool) {
	if !sc.top || sc.inlined || len(s.Else) != 1 || s.Else[0].Kind != facts.StmtIf || rc.endsRequest(s.Body, sc) {
		return false, false
	}
	if !rc.elseChainEnds(&s.Else[0], sc) {
		return false, false
	}
	rc.b.stats.GuardsSeen++
	var notCond allium.Expr
	if cond != nil {
		notCond = negate(cond)
	}
	// `"password" not in request.form`, `not request.form["password"]`:
	// that the input is there at all is no precondition of the spec.
	presence := rc.presenceTest(s.Cond, sc, out)
	if presence {
		notCond = nil
	}
	rc.path(s.Line, notCond, s.Else, sc, *out, presence)
	first := *s
	first.Else = nil
	return true, rc.ifStmt(&first, sc, out)
}

// elseChainEnds reports an if whose body goes on and whose else ends the
// request, directly or as the final else of an elif chain.
func (rc *ruleCtx) elseChainEnds(s *facts.Stmt, sc *scope) bool {
	if len(s.Else) == 0 || rc.endsRequest(s.Body, sc) {
		return false
	}
	if rc.endsRequest(s.Else, sc) {
		return true
	}
	return len(s.Else) == 1 && s.Else[0].Kind == facts.StmtIf && rc.elseChainEnds(&s.Else[0], sc)
}

// presenceTest reports a condition that only tests whether a request
// input was sent: inputPresence, or `"password" in request.form` (either
// way round, under any number of nots).
func (rc *ruleCtx) presenceTest(e *facts.Expr, sc *scope, out *[]allium.Stmt) bool {
	if e == nil {
		return false
	}
	if e.Kind == facts.ExprUnary && e.Op == "not" {
		return rc.presenceTest(e.X, sc, out)
	}
	if e.Kind == facts.ExprCompare && (e.Op == "in" || e.Op == "not in") && e.X != nil && e.Y != nil && e.X.Kind == facts.ExprString {
		return rc.eval(e.Y, sc, out, false).kind == vReqDict
	}
	_, ok := rc.inputPresence(e, sc, out)
	return ok
}
