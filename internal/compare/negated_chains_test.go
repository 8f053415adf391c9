package compare

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestNegatedChainsFold: not over an or-chain reads as the and of the
// negated parts, and not over an and-chain as the or of them, so that
// not (a or b) and not a and not b are one clause; a chain negated only
// in part, or not negated, stays apart.
func TestNegatedChainsFold(t *testing.T) {
	id := func(n string) allium.Expr { return &allium.Member{X: &allium.Ident{Name: "user"}, Name: n} }
	bin := func(op string, x, y allium.Expr) allium.Expr { return &allium.Binary{Op: op, X: x, Y: y} }
	not := func(x allium.Expr) allium.Expr { return &allium.Unary{Op: allium.OpNot, X: x} }
	tests := []struct {
		name       string
		negated    func() allium.Expr
		same, diff func() allium.Expr
	}{
		{
			name:    "not (a or b or c)",
			negated: func() allium.Expr { return not(bin(allium.OpOr, bin(allium.OpOr, id("a"), id("b")), id("c"))) },
			same: func() allium.Expr {
				return bin(allium.OpAnd, not(id("c")), bin(allium.OpAnd, not(id("b")), not(id("a"))))
			},
			diff: func() allium.Expr { return bin(allium.OpAnd, not(id("a")), bin(allium.OpAnd, id("b"), not(id("c")))) },
		},
		{
			name:    "not (a and b)",
			negated: func() allium.Expr { return not(bin(allium.OpAnd, id("a"), id("b"))) },
			same:    func() allium.Expr { return bin(allium.OpOr, not(id("a")), not(id("b"))) },
			diff:    func() allium.Expr { return bin(allium.OpAnd, not(id("a")), not(id("b"))) },
		},
		{
			name: "not (x = null or x <= y): nested negations fold too",
			negated: func() allium.Expr {
				return not(bin(allium.OpOr, bin(allium.OpEq, id("x"), &allium.Lit{Kind: allium.LitNull, Text: "null"}), bin(allium.OpLe, id("x"), id("y"))))
			},
			same: func() allium.Expr {
				return bin(allium.OpAnd, bin(allium.OpGt, id("x"), id("y")), &allium.Unary{Op: allium.OpExists, X: id("x")})
			},
			diff: func() allium.Expr { return bin(allium.OpGt, id("x"), id("y")) },
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := exprKey(normExpr(tt.negated()))
			if want := exprKey(normExpr(tt.same())); got != want {
				t.Errorf("normalised %s = %s, want %s", tt.name, got, want)
			}
			if other := exprKey(normExpr(tt.diff())); got == other {
				t.Errorf("normalised %s = %s, the same as %s", tt.name, got, other)
			}
		})
	}
}
