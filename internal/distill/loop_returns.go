package distill

import (
	"github.com/distill/distill/internal/facts"
)

// Loops the walk does not follow. A while loop repeats its body until a
// condition the walk cannot count on; neither what its body writes nor
// what it returns is one pass of straight-line code. So, as a for loop
// over something that is not a query:
//
//   - a body that assigns a field is an outcome left out, with a note;
//   - the locals it rebinds are unknown after it;
//   - a value it returns makes the function's answer unknown.
//
// The last one matters for a helper whose only other return is None:
// healthchecks' Profile.choose_next_report_date (hc/accounts/models.py:
// 370-383) answers None when reports are off and otherwise the date a
// `while True:` loop finds. Read without the loop, it answered None, and
// the notifications view's `profile.next_report_date =
// profile.choose_next_report_date()` (hc/accounts/views.py:555) was stated
// as next_report_date = null, a line the code does only for reports off.

// whileStmt reads a while loop as a loop left out.
func (rc *ruleCtx) whileStmt(s *facts.Stmt, sc *scope) {
	rc.unfollowedLoop(s, sc)
}

// unfollowedLoop reads loop s, a while loop or a for loop over something
// that is not a query, as the walk does not follow it: its effects noted,
// the locals it rebinds forgotten, a value it returns the answer unknown.
func (rc *ruleCtx) unfollowedLoop(s *facts.Stmt, sc *scope) {
	if rc.loopHasEffects(s) {
		rc.b.stats.EffectsSeen++
		rc.untranslated(sc, s.Line(), LeftOutLoop, "a loop")
	} else if loopCalls(s) {
		rc.callingLoops++
	}
	rc.rowsFilledInBody(sc, s)
	rc.forgetLoopLocals(sc, s)
	unreadLoopReturns(s, sc)
}

// unreadLoopReturns makes the answer of the inlined function sc walks
// unknown when the body of loop s, which the walk did not follow, returns
// a value: beside what the function returns elsewhere, that value is one
// the walk never read (setRet keeps a value over None, and two values
// make the answer mixed).
func unreadLoopReturns(s *facts.Stmt, sc *scope) {
	if !sc.inlined || !returnsInBody(s.Body) {
		return
	}
	sc.setRet(unknownValue)
}

// returnsInBody reports a return of a value (not None) in list or in the
// blocks nested in it, local functions aside: what they return is theirs.
func returnsInBody(list []facts.Stmt) bool {
	found := false
	facts.Walk(list, func(st *facts.Stmt) bool {
		if st.Kind == facts.StmtFunction {
			return false
		}
		if st.Kind == facts.StmtReturn && st.Value != nil && st.Value.Kind != facts.ExprNone {
			found = true
		}
		return !found
	})
	return found
}
