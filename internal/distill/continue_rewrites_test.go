package distill

import (
	"testing"

	"github.com/distill/distill/internal/facts"
)

// TestContinueRewriteBounded: blocks that continue on both sides, one
// after another, would double the statements withoutContinues copies
// after each (2^40 here): it gives up once maxContinueCopies are spent,
// and the loop is read as any loop it cannot follow, instead of hanging.
// A body with one such block is still rewritten.
func TestContinueRewriteBounded(t *testing.T) {
	name := func(n string) *facts.Expr {
		return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: n, Raw: n})
	}
	cont := facts.NewStmt(facts.StmtSpec{Kind: facts.StmtContinue})
	block := func() facts.Stmt {
		inner := func(c string) facts.Stmt {
			return facts.NewStmt(facts.StmtSpec{Kind: facts.StmtIf, Cond: name(c), Body: []facts.Stmt{cont}})
		}
		return facts.NewStmt(facts.StmtSpec{Kind: facts.StmtIf, Cond: name("a"), Body: []facts.Stmt{inner("b")}, Else: []facts.Stmt{inner("c")}})
	}
	call := facts.NewStmt(facts.StmtSpec{Kind: facts.StmtExpr, Value: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, X: name("f"), Raw: "f()"})})
	var many []facts.Stmt
	for range 40 {
		many = append(many, block())
	}
	many = append(many, call)
	if _, ok := withoutContinues(many); ok {
		t.Errorf("40 blocks continuing on both sides were rewritten; want the rewrite refused")
	}
	one, ok := withoutContinues([]facts.Stmt{block(), call})
	if !ok || len(one) != 1 || one[0].Kind != facts.StmtIf {
		t.Errorf("one block: got %d statements (ok %v), want it rewritten into one if", len(one), ok)
	}
}
