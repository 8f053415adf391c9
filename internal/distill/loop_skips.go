package distill

import "github.com/distill/distill/internal/facts"

// A loop may pass over the rows it does not work on with a guard that
// skips to the next one (mealie's ShoppingListService.
// remove_recipe_ingredients_from_list, services/household_services/
// shopping_lists.py:433-435 and 480-482):
//
//	for ref in refs:
//	    if ref.recipe_id != recipe_id:
//	        continue
//	    <changes to ref>
//
// The changes happen only to the rows the test lets through. Read as they
// were, the loop changed every row. skipsRead is the body with each such
// guard and what follows it read as `if not test: <the rest>`.

// skipsRead is body with a top-level `if test: continue` (no else) and
// the statements after it rewritten as `if not test: <the rest>`, the rest
// rewritten the same way; body itself when it has no such guard.
func skipsRead(body []facts.Stmt) []facts.Stmt {
	for i := range body {
		s := &body[i]
		if s.Kind != facts.StmtIf || s.Cond == nil || len(s.Else()) > 0 || len(s.Body) != 1 || s.Body[0].Kind != facts.StmtContinue {
			continue
		}
		rest := facts.NewStmt(facts.StmtSpec{Kind: facts.StmtIf, Line: s.Line(), Body: skipsRead(body[i+1:])})
		rest.Cond = new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprUnary, X: s.Cond, Line: s.Cond.Line()}).WithOp("not"))
		out := make([]facts.Stmt, 0, i+1)
		out = append(out, body[:i]...)
		return append(out, rest)
	}
	return body
}
