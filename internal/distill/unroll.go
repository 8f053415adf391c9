package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// maxUnroll bounds the literal lists a loop is unrolled over.
const maxUnroll = 4

// unrollLiteralLoop walks a loop over a short literal list of values
// (for token in [access_token, refresh_token]: blacklist it) once per
// value, as the code runs it: each value's outcomes are the rule's. A
// body that breaks, continues or returns is left to the general reading.
// It reports whether it walked the loop.
func (rc *ruleCtx) unrollLiteralLoop(s *facts.Stmt, sc *scope, out *[]allium.Stmt) bool {
	it := s.Iter
	if it == nil || (it.Kind != facts.ExprList && it.Kind != facts.ExprTuple) || len(it.Args) == 0 || len(it.Args) > maxUnroll {
		return false
	}
	jumps := false
	facts.Walk(s.Body, func(st *facts.Stmt) bool {
		switch st.Kind {
		case facts.StmtBreak, facts.StmtContinue, facts.StmtReturn, facts.StmtRaise:
			jumps = true
		}
		return !jumps
	})
	if jumps || len(s.Else) > 0 {
		return false
	}
	name := s.Targets[0].Name
	for i := range it.Args {
		// A scope of its own per value: calls in the body are worked out
		// again for each.
		each := *sc
		each.vars = cloneVars(sc.vars)
		each.vars[name] = rc.eval(&it.Args[i], sc, out, false)
		rc.stmts(s.Body, &each, out)
	}
	return true
}
