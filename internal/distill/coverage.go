package distill

import "github.com/distill/distill/internal/allium"

// stateHandler records a handler whose walk saw an effect, with the rules
// made from it.
func (b *builder) stateHandler(made []*ruleOut) {
	b.stats.StateHandlers++
	rules := make([]*allium.Rule, 0, len(made))
	for _, r := range made {
		rules = append(rules, r.rule)
	}
	b.stateRules = append(b.stateRules, rules)
}

// countEmitted counts, in the final module, the requires clauses and the
// ensures outcomes, and the state-writing handlers that still have a rule.
// A clause shared by two rules (a rejection rule restates the handler's
// preconditions and outcomes so far) is counted once.
func (b *builder) countEmitted(m *allium.Module) {
	inSpec := map[*allium.Rule]bool{}
	seen := map[allium.Stmt]bool{}
	for _, r := range m.Rules {
		inSpec[r] = true
		allium.WalkStmts(r.Body, func(s allium.Stmt) bool {
			if seen[s] {
				return false
			}
			switch x := s.(type) {
			case *allium.Requires:
				seen[s] = true
				b.stats.RequiresEmitted++
			case *allium.Ensures:
				countOutcomes(x.Body, seen, &b.stats.EnsuresEmitted)
				return false
			}
			return true
		})
	}
	for _, rules := range b.stateRules {
		for _, r := range rules {
			if inSpec[r] {
				b.stats.StateHandlersRuled++
				break
			}
		}
	}
}

// countOutcomes counts the outcomes of an ensures block: assignments,
// expression statements (creations, removals, messages, emitted
// triggers) and lets that bind a created instance, inside for and if
// blocks too.
func countOutcomes(list []allium.Stmt, seen map[allium.Stmt]bool, n *int) {
	allium.WalkStmts(list, func(s allium.Stmt) bool {
		if seen[s] {
			return false
		}
		switch x := s.(type) {
		case *allium.Assign, *allium.ExprStmt:
			seen[s] = true
			*n++
		case *allium.Let:
			if allium.IsCreation(x.Value) {
				seen[s] = true
				*n++
			}
		}
		return true
	})
}
