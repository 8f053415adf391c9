package distill

import (
	"slices"
	"strconv"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A handler may write its success inside the test and its refusal after
// it:
//
//	user.logins = user.logins + 1
//	if user.status == "active":
//	    db.session.commit()
//	    return "ok"
//	abort(403)
//
// The walk reads an if whose body ends the request as a path of its own
// and goes on with the rest under the negated test, as the success; here
// the rest is the refusal. When the body adds no outcome of its own (it
// only commits) the path is dropped and the rule that goes on states the
// outcomes before the test under `requires: user.status != active`, the
// guard inverted. The shape is the guard written the other way round:
//
//	if not user.status == "active":
//	    abort(403)
//	db.session.commit()
//	return "ok"
//
// which runs the same statements in the same cases (the rest ends the
// request either way), so it is walked so. The same holds of an if whose
// else refuses (`if ok: <success> else: abort(403)`), read until now as
// the rest under the negated test, and of the refusal written first with
// the success in the else.
//
// Only when outcomes were stated before the test: with none, the path
// the success makes states its own outcomes under the test and the
// refusal states none, which reads right already; and a test that only
// picks between two answers (kutt's `if (req.isHTML) render else 400`
// inside a refusal) has nothing to misplace.

// successFirst is list[i:] rewritten as a guard followed by the success,
// when list[i] is such an if in a handler's own body. Two forms:
//   - no else, a body that ends with a return that is no failure, and a
//     rest of list that ends with a failure;
//   - an else, one branch of which ends with a failure while the other
//     does not (`if ok: <success> else: abort(403)`, or the refusal
//     first with the success in the else); the refusal becomes the
//     guard, the other branch and the rest of list follow it.
//
// The refusal must answer no success of its own anywhere (a second
// success would be a path inside it). A test of a request key or a
// form's button (key_splits.go, actionKey) or of a webhook's event kind
// keeps its reading as a rule of its own; so does a helper the rule
// inlines, whose refusal may be the caller's to catch. out holds the
// outcomes stated so far. nil otherwise.
func (rc *ruleCtx) successFirst(list []facts.Stmt, i int, sc *scope, out []allium.Stmt) []facts.Stmt {
	s := &list[i]
	if !sc.top || sc.inlined || s.Kind != facts.StmtIf || s.Cond == nil || len(s.Body) == 0 || onlyLets(out) {
		return nil
	}
	// The handler's own body ends where list does: an error answer
	// written as its last statement (Express's res.status(403).send())
	// ends the request there.
	atEnd := len(rc.h.fn.Body()) > 0 && &list[len(list)-1] == &rc.h.fn.Body()[len(rc.h.fn.Body())-1]
	var refusal, success []facts.Stmt
	negated := true // the guard is the if's test negated
	switch els := s.Else(); {
	case len(els) == 0:
		last := &s.Body[len(s.Body)-1]
		if i+1 >= len(list) || last.Kind != facts.StmtReturn || rc.refusalEnd(s.Body, sc, false) {
			return nil
		}
		refusal, success = list[i+1:], s.Body
		if !rc.onlyRefuses(refusal, sc, atEnd) {
			return nil
		}
		if last := &refusal[len(refusal)-1]; rc.errorAnswer(last) {
			// The answer ended the request by ending the handler; in
			// the guard it must end it by itself.
			refusal = append(slices.Clone(refusal), facts.NewStmt(facts.StmtSpec{Kind: facts.StmtReturn, Line: last.Line()}))
		}
	case rc.onlyRefuses(els, sc, false) && !rc.onlyRefuses(s.Body, sc, false):
		refusal, success = els, append(slices.Clone(s.Body), list[i+1:]...)
	case rc.onlyRefuses(s.Body, sc, false) && !rc.onlyRefuses(els, sc, false):
		refusal, success = s.Body, append(slices.Clone(els), list[i+1:]...)
		negated = false
	default:
		return nil
	}
	if testsAKey(s) {
		return nil
	}
	var scratch []allium.Stmt
	if key, _ := rc.actionKey(s.Cond, sc, &scratch); key != "" {
		return nil
	}
	if rc.dispatchKind(s.Cond, sc, &scratch) != "" {
		return nil
	}
	guard := facts.NewStmt(facts.StmtSpec{Kind: facts.StmtIf, Line: s.Line(), Body: refusal})
	guard.Cond = s.Cond
	if negated {
		guard.Cond = new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprUnary, X: s.Cond, Line: s.Cond.Line()}).WithOp("not"))
	}
	return append([]facts.Stmt{guard}, success...)
}

// onlyRefuses reports a list that ends with a refusal (refusalEnd) and
// answers no success anywhere in it: every return in it, at any depth,
// ends a refusal of its own.
func (rc *ruleCtx) onlyRefuses(list []facts.Stmt, sc *scope, atEnd bool) bool {
	return rc.refusalEnd(list, sc, atEnd) && !rc.answersSuccess(list, sc)
}

// answersSuccess reports a return in list, at any depth, that ends no
// refusal.
func (rc *ruleCtx) answersSuccess(list []facts.Stmt, sc *scope) bool {
	for j := range list {
		st := &list[j]
		if st.Kind == facts.StmtReturn && !rc.refusalEnd(list[:j+1], sc, false) {
			return true
		}
		if rc.answersSuccess(st.Body, sc) || rc.answersSuccess(st.Else(), sc) || rc.answersSuccess(st.Finally(), sc) {
			return true
		}
		for _, h := range st.Handlers() {
			if rc.answersSuccess(h.Body, sc) {
				return true
			}
		}
	}
	return false
}

// refusalEnd reports a list whose last statement ends the request with a
// failure (failureEnd), or is a bare return right after an error answer
// (`res.status(403).send("no"); return`), or, when the list ends the
// handler (atEnd), is that error answer itself.
func (rc *ruleCtx) refusalEnd(list []facts.Stmt, sc *scope, atEnd bool) bool {
	n := len(list)
	if n == 0 {
		return false
	}
	last := &list[n-1]
	switch {
	case rc.failureEnd(last, sc):
		return true
	case last.Kind == facts.StmtReturn && last.Value == nil:
		return n >= 2 && rc.errorAnswer(&list[n-2])
	}
	return atEnd && rc.errorAnswer(last)
}

// errorAnswer reports an expression statement that answers the request
// with an error status through one of the handler's parameters: a chain
// of calls on it one of which is given a 4xx or 5xx number first
// (res.status(403).send(...), res.sendStatus(401), reply.code(404)).
func (rc *ruleCtx) errorAnswer(s *facts.Stmt) bool {
	if s.Kind != facts.StmtExpr || s.Value == nil {
		return false
	}
	status := false
	e := s.Value
	for e != nil && (e.Kind == facts.ExprCall || e.Kind == facts.ExprAttr) {
		if args := e.Args(); e.Kind == facts.ExprCall && len(args) > 0 && args[0].Kind == facts.ExprInt {
			n, err := strconv.Atoi(args[0].Value())
			status = status || err == nil && n >= 400 && n < 600
		}
		e = e.X
	}
	if !status || e == nil || e.Kind != facts.ExprName {
		return false
	}
	return slices.ContainsFunc(rc.h.fn.Params, func(p facts.Param) bool { return p.Name == e.Name() })
}
