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
