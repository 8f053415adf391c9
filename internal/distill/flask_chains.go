package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
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
	if !sc.top || sc.inlined || len(s.Else()) != 1 || s.Else()[0].Kind != facts.StmtIf || rc.endsRequest(s.Body, sc) {
		return false, false
	}
	if !rc.elseChainEnds(&s.Else()[0], sc) {
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
	rc.path(s.Line(), notCond, s.Else(), sc, *out, presence, false)
	first := *s
	first.SetElse(nil)
	return true, rc.ifStmt(&first, sc, out)
}

// elseChainEnds reports an if whose body goes on and whose else ends the
// request, directly or as the final else of an elif chain.
func (rc *ruleCtx) elseChainEnds(s *facts.Stmt, sc *scope) bool {
	if len(s.Else()) == 0 || rc.endsRequest(s.Body, sc) {
		return false
	}
	if rc.endsRequest(s.Else(), sc) {
		return true
	}
	return len(s.Else()) == 1 && s.Else()[0].Kind == facts.StmtIf && rc.elseChainEnds(&s.Else()[0], sc)
}

// presenceTest reports a condition that only tests whether a request
// input was sent: inputPresence, or `"password" in request.form` (either
// way round, under any number of nots).
func (rc *ruleCtx) presenceTest(e *facts.Expr, sc *scope, out *[]allium.Stmt) bool {
	if e == nil {
		return false
	}
	if e.Kind == facts.ExprUnary && e.Op() == "not" {
		return rc.presenceTest(e.X, sc, out)
	}
	if e.Kind == facts.ExprCompare && (e.Op() == "in" || e.Op() == "not in") && e.X != nil && e.Y != nil && e.X.Kind == facts.ExprString {
		return rc.eval(e.Y, sc, out, false).kind == vReqDict
	}
	_, ok := rc.inputPresence(e, sc, out)
	return ok
}

// partialEnd handles, at a handler's top level, an if whose body ends the
// request on some of its paths only (and whose else, if any, never does):
//
//	if request.method == "POST" and password_login_enabled:
//	    try:
//	        user = User.get_by_email(request.form["email"])
//	        if user and user.verify_password(request.form["password"]):
//	            login_user(user)
//	            return redirect(next_path)
//	        flash("Wrong email or password.")
//	    except NoResultFound:
//	        flash("Wrong email or password.")
//
// The body is walked as a path of its own under the condition, at top
// level, so that the ifs inside it that end the request become paths with
// their guards as preconditions; what falls through goes on to the rest
// of the handler with no precondition, and the outcomes it may have had
// in the body are not stated there. It reports whether it handled s, and
// whether the walk ended.
func (rc *ruleCtx) partialEnd(s *facts.Stmt, cond allium.Expr, sc *scope, out *[]allium.Stmt) (handled, ends bool) {
	if !sc.top || len(s.Body) == 0 || rc.endsRequest(s.Body, sc) || !rc.endsAfterWork(s.Body) {
		return false, false
	}
	if len(s.Else()) > 0 && (rc.endsRequest(s.Else(), sc) || rc.endsAfterWork(s.Else())) {
		return false, false
	}
	rc.b.stats.GuardsSeen++
	n := len(rc.paths)
	rc.path(s.Line(), cond, s.Body, sc, *out, true, false)
	if cond == nil {
		// The paths inside keep their own guards, not this one; outcomes
		// under this one alone are not stated.
		rc.untranslated(sc, s.Line(), LeftOutGuard, "a guard")
		if len(rc.paths) == n+1 && rc.paths[n].line == s.Line() {
			rc.paths = append(rc.paths[:n], rc.paths[n].paths...)
		}
	}
	if len(s.Else()) == 0 {
		return true, false
	}
	// The else (an elif that flashes a message) holds only when the
	// condition does not.
	other := facts.NewStmt(facts.StmtSpec{Kind: facts.StmtIf, Line: s.Line(), Body: s.Else(),
		Cond: new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprUnary, X: s.Cond, Line: s.Cond.Line()}).WithOp("not"))})
	return true, rc.ifStmt(&other, sc, out)
}

// endsAfterWork reports a block somewhere in list that does something and
// then returns (`login_user(user); return redirect(...)`), as opposed to
// guards that only turn the request away (`if not allowed: return
// render(...)`). Telling the user why is not doing something: a message
// for the next page (flash(...), a catalogued plumbing call) or a flag left
// in the framework's session for it (session["bad_link"] = True) before the
// return still only turns the request away.
func (rc *ruleCtx) endsAfterWork(list []facts.Stmt) bool {
	found := false
	var visit func(block []facts.Stmt)
	visit = func(block []facts.Stmt) {
		if n := len(block); n >= 2 && block[n-1].Kind == facts.StmtReturn && block[n-2].Kind != facts.StmtReturn &&
			slices.ContainsFunc(block[:n-1], func(s facts.Stmt) bool { return !rc.notice(&s) }) {
			found = true
		}
		for i := range block {
			if found {
				return
			}
			s := &block[i]
			visit(s.Body)
			for j := range s.Handlers() {
				visit(s.Handlers()[j].Body)
			}
			visit(s.Else())
		}
	}
	visit(list)
	return found
}

// notice reports a statement that only tells the user something on the
// next page: a catalogued plumbing call (flash("Invalid link")) or a
// literal flag stored in the framework's session (session["bad_link"] =
// True).
func (rc *ruleCtx) notice(s *facts.Stmt) bool {
	l := rc.b.lang
	switch {
	case s.Kind == facts.StmtExpr && s.Value != nil && s.Value.Kind == facts.ExprCall:
		e := s.Value
		return catalog.MatchAny(l.PlumbingCalls, e.Resolved(), e.Raw()) || (e.Method() != "" && catalog.Match(l.PlumbingCalls, e.Method()))
	case s.Kind == facts.StmtAssign && len(s.Targets) == 1 && s.Targets[0].Kind == facts.ExprSubscript && s.Value != nil:
		switch s.Value.Kind {
		case facts.ExprBool, facts.ExprString, facts.ExprInt, facts.ExprNone:
			return rc.isSessionStore(s.Targets[0].X)
		}
	}
	return false
}
