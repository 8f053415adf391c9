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
	if rc.loopHasEffects(s) || rc.b.bodyCallsWriter(s.Body, sc.file, 0, map[*facts.Function]bool{}) {
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

// bodyCallsWriter reports statements that call a function of the service
// which sets a field of an object, itself or through the functions it
// calls (two calls deep): a loop the walk does not follow over such a
// body changes state it leaves unsaid. dispatch's user update
// (auth/service.py:231-234) loops over the organisations the view put on
// the request (auth/views.py:196) calling create_or_update_organization_
// role, which sets organization_role.role (auth/service.py:147): the
// user's role in the organisation changes, which the rule left out
// without a note.
func (b *builder) bodyCallsWriter(body []facts.Stmt, f *facts.File, depth int, seen map[*facts.Function]bool) bool {
	found := false
	eachStmtExpr(body, func(y *facts.Expr) {
		if found || y.Kind != facts.ExprCall {
			return
		}
		fr := b.ix.function(f, y)
		if fr == nil || seen[fr.fn] {
			return
		}
		seen[fr.fn] = true
		found = b.assignsField(fr.fn.Body()) || depth < 2 && b.bodyCallsWriter(fr.fn.Body(), fr.file, depth+1, seen)
	})
	return found
}

// assignsField reports an assignment in body to an attribute named as a
// field of one of the service's entities (organization_role.role): an
// attribute of a data frame (dataframe.index, incident/metrics.py:73)
// is no stored state.
func (b *builder) assignsField(body []facts.Stmt) bool {
	if b.fieldNames == nil {
		b.fieldNames = map[string]bool{}
		for _, ent := range b.entByName {
			for name := range ent.attrs {
				b.fieldNames[name] = true
			}
		}
	}
	has := false
	facts.Walk(body, func(st *facts.Stmt) bool {
		if st.Kind == facts.StmtAssign && len(st.Targets) > 0 && st.Targets[0].Kind == facts.ExprAttr && b.fieldNames[st.Targets[0].Name()] {
			has = true
		}
		return !has
	})
	return has
}
