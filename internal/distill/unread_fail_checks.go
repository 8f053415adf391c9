package distill

import (
	"slices"

	"github.com/distill/distill/internal/facts"
)

// A helper that answers None when a check fails creates its row only
// when every check passed (mealie's generate_reset_token,
// services/user_services/password_reset_service.py:17):
//
//	user = self.db.users.get_one(email, "email", any_case=True)
//	if user is None:
//	    return None
//	...
//	return self.db.tokens_pw_reset.create(save_token)
//
// A check the walk reads becomes one of the helper's fail conditions
// (absent_results.go), which a caller raising on the absent result
// requires. One it cannot read (the row came from a lookup it could not
// follow) used to vanish, and the create after it was stated as if it
// always happened. The rest of the helper is now left out instead, as
// the rest after an early return on an unreadable row condition is
// (helperReturned): the spec says less, but nothing the code guards is
// stated as unconditional.
//
// When the caller turns the failure answer into the request's failure
// (admin_management_users.py:76, `if not token_entry: raise
// HTTPException(500)`), the unread check is a guard of the request like
// any other: the caller's guard is noted as left out, and the effects
// stay, as they do under any guard the walk cannot read.

// unreadFailCheck counts s, a check of an inlined helper answering None
// (or False, or a failure result) whose condition the walk could not
// read, when that condition reads a row or a value the walk could not
// follow. A bare return, and a test of a request input's presence, keep
// the old reading: the caller says whether it holds.
func (rc *ruleCtx) unreadFailCheck(s *facts.Stmt, sc *scope) {
	if sc.unreadFails == nil || s.Cond == nil || len(s.Body) != 1 || s.Body[0].Value == nil || !readsUnreadRow(s.Cond, sc) {
		return
	}
	*sc.unreadFails++
}

// unreadFailCount is how many unread checks the helper sc walks made so
// far; 0 outside a helper.
func (sc *scope) unreadFailCount() int {
	if sc.unreadFails == nil {
		return 0
	}
	return *sc.unreadFails
}

// readsUnreadRow reports a condition naming a local or parameter of the
// helper bound to a row, or to a value the walk could not follow (the
// result of a lookup it could not read).
func readsUnreadRow(cond *facts.Expr, sc *scope) bool {
	return readsLocal(cond, sc, func(v *value) bool {
		switch v.kind {
		case vUnknown, vEntity, vLookup, vNew:
			return true
		}
		return false
	})
}

// markRaisedFails records the call s makes when s assigns a helper's
// result and the statement after it ends the request with a failure on a
// test of that result (`if not token_entry: raise`, `if (E.isLeft(done))
// throwErr()`). When that statement, in the handler itself, ends the
// request with a success instead (`if token_entry is None: return None`),
// the call is answered (markAnsweredCall).
func (rc *ruleCtx) markRaisedFails(s *facts.Stmt, rest []facts.Stmt, sc *scope) {
	if s.Kind != facts.StmtAssign || len(s.Targets) != 1 || s.Targets[0].Kind != facts.ExprName || s.Value == nil || len(rest) == 0 {
		return
	}
	call := s.Value // await e is e itself
	g := &rest[0]
	if call.Kind != facts.ExprCall || g.Kind != facts.StmtIf || len(g.Else()) > 0 || g.Cond == nil || len(g.Body) == 0 {
		return
	}
	name := s.Targets[0].Name()
	if !g.Cond.Any(func(x *facts.Expr) bool { return x.Kind == facts.ExprName && x.Name() == name }) {
		return
	}
	switch {
	case rc.failureEnd(&g.Body[len(g.Body)-1], sc):
		if rc.raisedFails == nil {
			rc.raisedFails = map[*facts.Expr]bool{}
		}
		rc.raisedFails[call] = true
	case !sc.inlined && rc.endsRequest(g.Body, sc):
		if rc.answeredCalls == nil {
			rc.answeredCalls = map[*facts.Expr]bool{}
		}
		rc.answeredCalls[call] = true
	}
}

// markAnsweredCall records the call the handler's own statement s returns
// or makes without keeping its result: what the called helper answers on
// a failed check is the request's answer, so the outcomes after that
// check happen only when it passed.
func (rc *ruleCtx) markAnsweredCall(s *facts.Stmt, sc *scope) {
	if sc.inlined || s.Kind != facts.StmtReturn && s.Kind != facts.StmtExpr || s.Value == nil || s.Value.Kind != facts.ExprCall {
		return
	}
	if rc.answeredCalls == nil {
		rc.answeredCalls = map[*facts.Expr]bool{}
	}
	rc.answeredCalls[s.Value] = true
}

// logStripped is s without the logging calls its body makes before it
// returns (mealie's `self.logger.error(...)` then `return None`,
// password_reset_service.py:21): a check that logs its failure answers as
// one that does not. s itself when its body has no such calls, or has
// anything else.
func (rc *ruleCtx) logStripped(s *facts.Stmt) *facts.Stmt {
	n := len(s.Body)
	if n < 2 || s.Body[n-1].Kind != facts.StmtReturn {
		return s
	}
	for i := range s.Body[:n-1] {
		if !rc.logCall(&s.Body[i]) {
			return s
		}
	}
	cp := *s
	cp.Body = s.Body[n-1:]
	return &cp
}

// logCall reports a statement that only calls a method of a logger
// (logger.error(...), self.logger.warning(...)).
func (rc *ruleCtx) logCall(s *facts.Stmt) bool {
	if s.Kind != facts.StmtExpr || s.Value == nil || s.Value.Kind != facts.ExprCall || s.Value.X == nil || s.Value.X.Kind != facts.ExprAttr {
		return false
	}
	recv := s.Value.X.X
	for recv != nil && recv.Kind == facts.ExprCall {
		recv = recv.X // logging.getLogger(__name__).error(...)
		if recv != nil && recv.Kind == facts.ExprAttr {
			recv = recv.X
		}
	}
	if recv == nil {
		return false
	}
	name := recv.Name()
	if recv.Kind != facts.ExprName && recv.Kind != facts.ExprAttr {
		return false
	}
	return slices.Contains(rc.b.lang.LoggerNames, name) || name == "logging"
}
