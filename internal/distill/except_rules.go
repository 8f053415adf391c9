package distill

import (
	"maps"
	"slices"
	"strconv"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/compare"
	"github.com/distill/distill/internal/facts"
)

// Failure rules from except handlers.
//
// A guard that raises (`if not user.activated: raise StopAuthentication`)
// becomes a precondition of the rule, wherever it sits: in the handler or
// in a helper the walk inlined. When a try around it catches that
// exception and its handler changes something (counts a failed login,
// then re-raises), the handler's outcomes are a rule of their own: the
// same trigger, the preconditions before the guard, and the guard failed.
// One such rule per guard the handler catches (by the raised class or one
// of its bases), as an if whose branch ends the request gives a
// "Rejected" rule.

// raiseTag is the exception a guard raises: the raised expression (the
// class, or its call) and the file it is written in.
type raiseTag struct {
	exc  *facts.Expr
	file *facts.File
	// assigned: what the rule had assigned when the guard ran.
	assigned map[string]allium.Expr
}

// raisedExc is the exception the last statement of body raises: the
// class of `raise C(...)` or `raise C`; nil for a bare re-raise or any
// other end.
func raisedExc(body []facts.Stmt) *facts.Expr {
	if len(body) == 0 {
		return nil
	}
	last := &body[len(body)-1]
	if last.Kind != facts.StmtRaise || last.Value == nil {
		return nil
	}
	switch e := last.Value; e.Kind {
	case facts.ExprCall:
		return e.X
	case facts.ExprName, facts.ExprAttr:
		return e
	}
	return nil
}

// tagRaises marks the preconditions added to rc.body from at on as
// guards that raise what the last statement of ends raises.
func (rc *ruleCtx) tagRaises(at int, ends []facts.Stmt, sc *scope) {
	exc := raisedExc(ends)
	if exc == nil || at >= len(rc.body) {
		return
	}
	for _, s := range rc.body[at:] {
		req, ok := s.(*allium.Requires)
		if !ok {
			continue
		}
		if rc.raises == nil {
			rc.raises = map[*allium.Requires]raiseTag{}
		}
		if _, seen := rc.raises[req]; !seen {
			rc.raises[req] = raiseTag{exc: exc, file: sc.file, assigned: maps.Clone(rc.assigned)}
		}
	}
}

// catches reports whether handler h catches the exception t raises: a
// bare except, the class itself, or one of its bases (by name, so that a
// base outside the code read, Exception, still counts).
func (rc *ruleCtx) catches(h *facts.Handler, t raiseTag, sc *scope) bool {
	if h.Type == nil {
		return true
	}
	types := []facts.Expr{*h.Type}
	if h.Type.Kind == facts.ExprTuple {
		types = h.Type.Args()
	}
	raised := facts.LastSegment(t.exc.Raw())
	if t.exc.Kind == facts.ExprName {
		raised = t.exc.Name()
	}
	var names []string
	if cr := rc.b.ix.class(t.file, t.exc); cr != nil {
		rc.b.classAndBases(cr, func(c *classRef) bool {
			names = append(names, c.class.Name)
			for i := range c.class.Bases {
				names = append(names, facts.LastSegment(c.class.Bases[i].Raw()))
			}
			return false
		})
	} else {
		names = []string{raised}
	}
	for i := range types {
		name := facts.LastSegment(types[i].Raw())
		if types[i].Kind == facts.ExprName {
			name = types[i].Name()
		}
		if name != "" && slices.Contains(names, name) {
			return true
		}
	}
	return false
}

// exceptRules walks the handlers of try statement s, whose body added
// rc.body[from:], and records a failure rule for each guard there that a
// handler with outcomes catches. before is what the rule had assigned
// when the try began: a handler runs before what the body assigns after
// the guard that failed.
func (rc *ruleCtx) exceptRules(s *facts.Stmt, from int, before map[string]allium.Expr, sc *scope) {
	if len(rc.raises) == 0 || from >= len(rc.body) {
		return
	}
	guards := rc.body[from:]
	handlers := s.Handlers()
	for hi := range handlers {
		h := &handlers[hi]
		var caught []int
		for i, st := range guards {
			if req, ok := st.(*allium.Requires); ok {
				if t, tagged := rc.raises[req]; tagged && rc.catches(h, t, sc) {
					caught = append(caught, from+i)
				}
			}
		}
		if len(caught) == 0 {
			continue
		}
		extra, effects, params := rc.handlerEffects(h, before, sc)
		if onlyLets(effects) {
			continue
		}
		extra = sameRows(extra, effects, rc.body[:caught[0]])
		for _, k := range caught {
			rc.failurePath(h, k, extra, effects, params, before, sc)
		}
	}
}

// handlerEffects walks an except body apart from the rule: the lets and
// preconditions it adds and its outcomes, leaving the rule as it was.
// Only handlers that catch a guard of the body are walked.
func (rc *ruleCtx) handlerEffects(h *facts.Handler, before map[string]allium.Expr, sc *scope) (extra, effects []allium.Stmt, hparams []string) {
	saved := rc.snapshot()
	rc.assigned = maps.Clone(before)
	hsc := *sc
	hsc.vars = cloneVars(sc.vars)
	hsc.returned = false
	rc.stmts(h.Body, &hsc, &effects)
	extra, hparams = slices.Clone(rc.body[saved.body:]), rc.params
	// What the handler left out is not the rule's.
	rc.restoreRule(saved)
	if onlyLets(effects) {
		// Nothing to state: the walk was a look, and what it could not
		// read is no part of the rule.
		rc.restoreNotes(saved)
	}
	return extra, effects, hparams
}

// failurePath records the rule for guard rc.body[k] failing: the
// preconditions before it, its negation, and the handler's outcomes.
func (rc *ruleCtx) failurePath(h *facts.Handler, k int, extra, effects []allium.Stmt, params []string, before map[string]allium.Expr, sc *scope) {
	guard := rc.body[k].(*allium.Requires)
	tag := rc.raises[guard]
	x := rc.b.newRuleCtx(rc.h, rc.name+"Fails")
	x.auth, x.userVal, x.deps = rc.auth, rc.userVal, rc.deps
	x.body = slices.Clone(rc.body[:k])
	for _, c := range compare.Conjuncts(negate(guard.Cond)) {
		x.body = append(x.body, &allium.Requires{Meta: guard.Meta, Cond: c})
	}
	x.params, x.paramSet = slices.Clone(params), map[string]bool{}
	for _, p := range params {
		x.paramSet[p] = true
	}
	x.lets, x.assigned = maps.Clone(rc.lets), maps.Clone(rc.assigned)
	x.paramReqs = maps.Clone(rc.paramReqs)
	x.ensures = effects
	x.body = append(x.body, extra...)
	x.ensures = countedFrom(settledIfs(x.ensures, x.body), tag.assigned, before)
	x.line = h.Line
	if sc.file != rc.h.file {
		// A rule's line is in its handler's file: a helper's except
		// clause is not; the handler is where the rule starts.
		x.line = rc.h.fn.Line
	}
	if onlyLets(x.ensures) {
		return
	}
	rc.paths = append(rc.paths, x)
}

// settledIfs reads the conditional outcomes of list against the
// preconditions of body: an if whose condition is required is its
// branch; one whose condition is ruled out happens never.
func settledIfs(list, body []allium.Stmt) []allium.Stmt {
	required := map[string]bool{}
	for _, s := range body {
		if r, ok := s.(*allium.Requires); ok {
			required[exprKey(r.Cond)] = true
		}
	}
	var out []allium.Stmt
	for _, s := range list {
		ifs, ok := s.(*allium.If)
		if !ok || len(ifs.Branches) != 1 {
			out = append(out, s)
			continue
		}
		cond := ifs.Branches[0].Cond
		switch {
		case required[exprKey(cond)]:
			out = append(out, settledIfs(ifs.Branches[0].Body, body)...)
		case required[exprKey(negate(cond))]:
			out = append(out, settledIfs(ifs.Else, body)...)
		default:
			out = append(out, s)
		}
	}
	return out
}

// sameRows drops from extra, the lets a handler's walk added, those bound
// to what a let of prefix is bound to, and names that let instead in
// extra and effects: the handler's own lookup of a row the rule already
// names (a failure handler finding the user again by the login) is that
// row. prefix is the shortest of the failure rules' preconditions, so the
// let is bound in every one of them.
func sameRows(extra, effects, prefix []allium.Stmt) []allium.Stmt {
	var kept []allium.Stmt
	for _, s := range extra {
		if let, ok := s.(*allium.Let); ok {
			if same := sameLet(prefix, let); same != "" {
				renameIdent(&ruleCtx{body: extra, ensures: effects}, let.Name, same)
				continue
			}
		}
		kept = append(kept, s)
	}
	return kept
}

// sameLet is the name of a let of body bound to what let is bound to;
// "" when there is none.
func sameLet(body []allium.Stmt, let *allium.Let) string {
	key := exprKey(let.Value)
	for _, s := range body {
		if l, ok := s.(*allium.Let); ok && l.Name != let.Name && exprKey(l.Value) == key {
			return l.Name
		}
	}
	return ""
}

// countedFrom reads the counters list steps (c = c + 1) from the number
// the rule had set them to before the guard failed (assigned, beyond what
// was set before the try): a failed-login counter cleared by the checks
// that passed, then counted, ends at 1.
func countedFrom(list []allium.Stmt, assigned, before map[string]allium.Expr) []allium.Stmt {
	out := slices.Clone(list)
	for i, s := range out {
		as, ok := s.(*allium.Assign)
		if !ok {
			continue
		}
		bin, ok := as.Value.(*allium.Binary)
		if !ok || bin.Op != allium.OpAdd || exprKey(bin.X) != exprKey(as.Target) {
			continue
		}
		key := exprKey(as.Target)
		from, set := assigned[key].(*allium.Lit)
		step, isLit := bin.Y.(*allium.Lit)
		if !set || !isLit || before[key] != nil || from.Kind != allium.LitNumber || step.Kind != allium.LitNumber {
			continue
		}
		a, errA := strconv.Atoi(from.Text)
		b, errB := strconv.Atoi(step.Text)
		if errA != nil || errB != nil {
			continue
		}
		out[i] = &allium.Assign{Meta: as.Meta, Target: as.Target, Value: &allium.Lit{Kind: allium.LitNumber, Text: strconv.Itoa(a + b)}}
	}
	return out
}
