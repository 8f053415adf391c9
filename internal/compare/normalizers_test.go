package compare

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestNormaliserNamesFold: in a lookup's field or a call's argument, the
// functions distill writes for the catalog's normaliser_calls match the
// bare value, as lowercase(x) does; another call does not.
func TestNormaliserNamesFold(t *testing.T) {
	call := func(fn string) allium.Expr {
		return &allium.Call{Fun: &allium.Ident{Name: fn}, Args: []allium.Arg{{Value: &allium.Ident{Name: "email"}}}}
	}
	bare := exprKey(&allium.Ident{Name: "email"})
	tests := []struct {
		fn   string
		fold bool
	}{
		{"lowercase", true},
		{"lowercase_domain", true},
		{"uppercase", true},
		{"titlecase", true},
		{"nfkc", true},
		{"hash", false},
	}
	for _, tt := range tests {
		if got := exprKey(stripNormalizer(call(tt.fn))) == bare; got != tt.fold {
			t.Errorf("%s(email) folds to email: %v, want %v", tt.fn, got, tt.fold)
		}
	}
}

// TestNegatedOrderingsFold: an ordering under not reads as its converse
// (not now >= t.expires is t.expires > now), so a clause a derived value
// expands to matches the one written out.
func TestNegatedOrderingsFold(t *testing.T) {
	now, exp := &allium.Ident{Name: "now"}, &allium.Member{X: &allium.Ident{Name: "t"}, Name: "expires"}
	bin := func(op string, x, y allium.Expr) *allium.Binary { return &allium.Binary{Op: op, X: x, Y: y} }
	not := func(x allium.Expr) allium.Expr { return &allium.Unary{Op: allium.OpNot, X: x} }
	tests := []struct {
		name       string
		negated    allium.Expr
		same, diff allium.Expr
	}{
		{"not now >= expires", not(bin(allium.OpGe, now, exp)), bin(allium.OpGt, exp, now), bin(allium.OpGe, exp, now)},
		{"not now > expires", not(bin(allium.OpGt, now, exp)), bin(allium.OpGe, exp, now), bin(allium.OpGt, exp, now)},
		{"not expires < now", not(bin(allium.OpLt, exp, now)), bin(allium.OpGe, exp, now), bin(allium.OpGt, exp, now)},
		{"not expires <= now", not(bin(allium.OpLe, exp, now)), bin(allium.OpGt, exp, now), bin(allium.OpGe, exp, now)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := exprKey(normExpr(tt.negated))
			if want := exprKey(normExpr(tt.same)); got != want {
				t.Errorf("normalised %s = %s, want %s", tt.name, got, want)
			}
			if other := exprKey(normExpr(tt.diff)); got == other {
				t.Errorf("normalised %s = %s, the same as %s", tt.name, got, other)
			}
		})
	}
}
