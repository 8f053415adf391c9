package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// chainedOnce reads a chained assignment whose value is made by a call
// (project.code = project.badge_key = str(uuid4()), healthchecks'
// accounts/views.py:354): Python computes the value once and every target
// holds it, so the spec binds it once (let code = random_key()) and gives
// each target that binding, never two calls that would read as two
// values. It reports false for one target, for a target that is no name
// or attribute, and for a value that is no call or that the spec states
// with no call in it (the same value either way): the caller then reads
// each target as before.
func (rc *ruleCtx) chainedOnce(s *facts.Stmt, sc *scope, out *[]allium.Stmt) bool {
	if len(s.Targets) < 2 || s.Value == nil {
		return false
	}
	for i := range s.Targets {
		if !readableTarget(&s.Targets[i]) {
			return false
		}
	}
	if s.Value.Kind != facts.ExprCall {
		return false
	}
	bn := bindingName(s.Targets[0].Name())
	if bn == "" {
		return false
	}
	x := rc.tr(s.Value, sc, out)
	if x == nil || !hasCall(x) {
		// Nothing the spec states, or a value with no call in it (now):
		// each target is read as before.
		return false
	}
	if rc.lets[bn] || rc.paramSet[bn] {
		bn = bn + "_" + itoa(len(rc.lets)+1)
	}
	rc.lets[bn] = true
	*out = append(*out, &allium.Let{Meta: rc.b.meta(sc.file, s.Line()), Name: bn, Value: x})
	// A local no Python code can name stands for the value.
	local := "chained value " + bn
	sc.vars[local] = exprValue(&allium.Ident{Name: bn})
	defer delete(sc.vars, local)
	ref := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: local, Raw: local, Line: s.Line()})
	for i := range s.Targets {
		rc.assign(&s.Targets[i], &ref, sc, out, s.Line())
	}
	return true
}

// readableTarget reports an assignment target that is a name or an
// attribute of a chain of names (project.code).
func readableTarget(t *facts.Expr) bool {
	for t != nil && t.Kind == facts.ExprAttr {
		t = t.X
	}
	return t != nil && t.Kind == facts.ExprName
}

// hasCall reports an expression with a call in it.
func hasCall(x allium.Expr) bool {
	found := false
	allium.Inspect(x, func(e allium.Expr) bool {
		if _, ok := e.(*allium.Call); ok {
			found = true
		}
		return !found
	})
	return found
}
