package distill

import (
	"slices"

	"github.com/distill/distill/internal/facts"
)

// A helper that refuses with False or None on a check (mealie's
// EmailService.send_email: `if not self.settings.SMTP_ENABLE: return
// False` then `return self.sender.send(...)`, services/email/
// email_service.py:41-45) says under which conditions it did nothing.
// A caller that tests the answer turns those conditions into its own
// preconditions or branches (absent_results.go, success_flags.go). A
// caller that ignores the answer (ForgotPassword's send_reset_email calls
// send_forgot_password as a statement of its own, which returns
// send_email's answer, password_reset_service.py:46) says nothing of
// them, and what the helper does after the refusal happens only when the
// refusal was not taken: the mail is sent only when SMTP is enabled. The
// refusal is then read as a bare return of a helper that gives nothing
// back is (modeReturn): the rest of the helper is stated under the
// negated condition, or left out with a note when the spec cannot state
// it (helperReturned).

// markIgnoredCall records the call s makes when nothing tests its
// result: a call that is a statement of its own, the call an inlined
// helper whose own answer is ignored returns, or a call whose result is
// kept in a local that no later condition of the function reads
// (mealie's SendTestEmail keeps it for its response, `status =
// service.send_test_email(data.email)` then `return
// EmailSuccess(success=status, ...)`, routes/admin/admin_email.py:30-35).
func (rc *ruleCtx) markIgnoredCall(s *facts.Stmt, sc *scope) {
	if s.Value == nil || s.Value.Kind != facts.ExprCall {
		return
	}
	switch s.Kind {
	case facts.StmtExpr:
	case facts.StmtReturn:
		if !sc.inlined || !sc.ignored {
			return
		}
	case facts.StmtAssign:
		if len(s.Targets) != 1 || s.Targets[0].Kind != facts.ExprName || rc.testedLater(s.Targets[0].Name(), s.Line(), sc) {
			return
		}
	default:
		return
	}
	if rc.ignoredCalls == nil {
		rc.ignoredCalls = map[*facts.Expr]bool{}
	}
	rc.ignoredCalls[s.Value] = true
}

// ignoredRefusal reports an if of an inlined helper whose answer nothing
// reads that only refuses (return False, return None, after logging at
// most): a check whose failure the caller never sees.
func (rc *ruleCtx) ignoredRefusal(s *facts.Stmt, sc *scope) bool {
	if !sc.ignored || s.Cond == nil {
		return false
	}
	fs := rc.logStripped(s)
	return len(fs.Body) == 1 && fs.Body[0].Value != nil && failReturn(fs, sc)
}

// testedLater reports whether the function sc walks may test name after
// line: a condition, a conditional expression or a Boolean operator
// reading it, a read of one of its attributes or items, or, in a helper whose answer its caller may test, a return
// of it. It reports true when the function is not known.
func (rc *ruleCtx) testedLater(name string, line int, sc *scope) bool {
	fn := sc.helper
	if !sc.inlined {
		fn = rc.h.fn
	}
	if fn == nil || line < fn.Line || line > fn.EndLine {
		return true
	}
	reads := func(x *facts.Expr) bool {
		return x.Any(func(y *facts.Expr) bool { return y.Kind == facts.ExprName && y.Name() == name })
	}
	tests := func(x *facts.Expr) bool {
		return x.Any(func(y *facts.Expr) bool {
			switch y.Kind {
			case facts.ExprCond, facts.ExprBoolOp:
				return reads(y)
			case facts.ExprUnary:
				return y.Op() == "not" && reads(y)
			case facts.ExprAttr, facts.ExprSubscript:
				// token.key: a None answer would fail here, so the
				// function relies on the helper's answer being there
				// (openwisp's ObtainAuthToken reads create_auth_token's
				// token, api/views.py:73-74).
				return y.X != nil && y.X.Kind == facts.ExprName && y.X.Name() == name
			}
			return false
		})
	}
	tested := false
	facts.Walk(fn.Body(), func(st *facts.Stmt) bool {
		if tested || st.Line() <= line {
			return !tested
		}
		switch {
		case st.Cond != nil && reads(st.Cond), tests(st.Value), tests(st.Cond), tests(st.Iter()):
			tested = true
		case slices.ContainsFunc(st.Targets, func(t facts.Expr) bool { return tests(&t) }):
			tested = true
		case st.Kind == facts.StmtReturn && st.Value != nil && sc.inlined && !sc.ignored && reads(st.Value):
			tested = true
		}
		return !tested
	})
	return tested
}
