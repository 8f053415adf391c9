package compare

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestSizeTestNormalForm: a length or count compared with zero by != reads
// as > 0 (neither is ever negative); other comparisons are left alone.
func TestSizeTestNormalForm(t *testing.T) {
	tests := []struct{ a, b string }{
		{"length(password) != 0", "length(password) > 0"},
		{"0 != length(name)", "length(name) > 0"},
		{"users.count != 0", "users.count > 0"},
		{"not (length(password) = 0)", "length(password) > 0"},
	}
	for _, tt := range tests {
		if ka, kb := key(t, tt.a), key(t, tt.b); ka != kb {
			t.Errorf("%s reads %q, %s reads %q: want the same", tt.a, ka, tt.b, kb)
		}
	}
	for _, pair := range [][2]string{
		{"balance != 0", "balance > 0"},                   // may be negative
		{"length(password) != 1", "length(password) > 1"}, // not a test against zero
	} {
		if key(t, pair[0]) == key(t, pair[1]) {
			t.Errorf("%s and %s read alike; they differ", pair[0], pair[1])
		}
	}
}

func key(t *testing.T, src string) string {
	t.Helper()
	e, err := allium.ParseExpr(src)
	if err != nil {
		t.Fatalf("%s: %v", src, err)
	}
	return exprKey(e)
}
