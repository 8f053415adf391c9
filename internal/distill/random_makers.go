package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A function of the service that only builds a value from a random
// source and returns it makes a fresh random value, whatever it does with
// the draws (redash's generate_token(length): characters picked by
// random.SystemRandom().choice, joined). Its call reads as random_key(),
// as a catalogued random call does (the catalog's random_calls):
//
//	def regenerate_api_key(self):
//	    self.api_key = generate_token(40)    ->    user.api_key = random_key()

// makesRandomValue reports whether fn's body is only assignments to local
// names and returns (a docstring aside), with a call of a catalogued random
// source among them: nothing it does outlives the call but the value.
func (b *builder) makesRandomValue(fn *facts.Function) bool {
	random, returns := false, false
	drawsRandom := func(e *facts.Expr) bool {
		return e.Kind == facts.ExprCall && e.X != nil && catalog.MatchAny(b.lang.RandomCalls, e.Resolved(), e.X.Raw)
	}
	for i := range fn.Body {
		s := &fn.Body[i]
		switch s.Kind {
		case facts.StmtAssign:
			for j := range s.Targets {
				if !localNames(&s.Targets[j]) {
					return false
				}
			}
		case facts.StmtReturn:
			if s.Value == nil {
				return false
			}
			returns = true
		case facts.StmtExpr:
			if s.Value == nil || s.Value.Kind != facts.ExprString {
				return false
			}
			continue
		default:
			return false
		}
		if s.Value != nil && s.Value.Any(drawsRandom) {
			random = true
		}
	}
	return random && returns
}

// localNames reports whether an assignment target only binds local names
// (x, or a tuple of them), changing nothing outside the function.
func localNames(t *facts.Expr) bool {
	switch t.Kind {
	case facts.ExprName:
		return true
	case facts.ExprTuple, facts.ExprList:
		for i := range t.Args {
			if !localNames(&t.Args[i]) {
				return false
			}
		}
		return true
	}
	return false
}

// randomKey is the value of a fresh random draw: random_key().
func randomKey() *value {
	return exprValue(&allium.Call{Fun: &allium.Ident{Name: "random_key"}})
}
