package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A guard of a handler that only tests that the request gave an input
// (`if not refresh_token: raise UnauthorizedException(...)`) is input validation,
// left out of the rule. But when the input is a token the rule then
// verifies, the test is that the request presents one, a precondition of
// its own beside the token's validity (boilerplate's refresh and logout):
//
//	requires: exists refresh_token
//	requires: refresh_token.is_valid

// presenceGuard is such a guard, left out when it was walked.
type presenceGuard struct {
	file *facts.File
	line int
}

// guardLeftOut leaves out the guard of s, whose condition did not
// translate and which turns the request away when its condition is
// failsWhen; a test that an input was given is kept aside (presence) in
// case the input turns out to be a token.
func (rc *ruleCtx) guardLeftOut(s *facts.Stmt, failsWhen bool, sc *scope) {
	if failsWhen && rc.keyGuard(s.Cond, sc) {
		return // said by the surface the rule is provided on
	}
	rc.untranslated(sc, s.Line(), LeftOutGuard, "a guard")
	if sc.inlined {
		return // a helper's own check of its argument (return None)
	}
	x := s.Cond
	if failsWhen {
		if x == nil || x.Kind != facts.ExprUnary || x.Op() != "not" {
			return
		}
		x = x.X
	}
	if x == nil || x.Kind != facts.ExprName {
		return
	}
	var scratch []allium.Stmt
	if v := rc.eval(x, sc, &scratch, false); v.kind == vParam && v.param != "" {
		if rc.presence == nil {
			rc.presence = map[string]presenceGuard{}
		}
		rc.presence[v.param] = presenceGuard{file: sc.file, line: s.Line()}
	}
}

// presented states the guard kept aside for param, now verified as a
// token: it must be presented (exists param), and the guard is no longer
// left out.
func (rc *ruleCtx) presented(param string) {
	g, ok := rc.presence[param]
	if !ok {
		return
	}
	delete(rc.presence, param)
	text := g.file.Path + ":" + itoa(g.line) + ": a guard left out of rule "
	note := text + rc.name
	if rc.b.notes[note] {
		delete(rc.b.notes, note)
		delete(rc.b.ruleNoteWriters, note)
		rc.leftOutNotes = slices.DeleteFunc(rc.leftOutNotes, func(n string) bool { return n == text })
		rc.b.stats.LeftOut[LeftOutGuard]--
		if rc.b.stats.LeftOut[LeftOutGuard] == 0 {
			delete(rc.b.stats.LeftOut, LeftOutGuard)
		}
		rc.b.stats.Untranslated--
	}
	rc.body = append(rc.body, &allium.Requires{Meta: rc.b.meta(g.file, g.line),
		Cond: &allium.Unary{Op: allium.OpExists, X: &allium.Ident{Name: param}}})
}
