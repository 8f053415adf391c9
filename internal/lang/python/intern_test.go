package python

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/distill/distill/internal/lang/arena"
)

// TestInternedStrings: the names, chains and short literals of a file
// that repeat are one string each (the facts of a large service hold
// millions of them), and long literals are left alone.
func TestInternedStrings(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", arena.MaxInterned+1)
	tests := []struct {
		name   string
		a, b   string // the two assigned expressions, each on its own line
		shared bool
	}{
		{"name", "user", "user", true},
		{"dotted chain", "self.session.user", "self.session.user", true},
		{"int", "3600", "3600", true},
		{"short string", `"utf-8"`, `'utf-8'`, true},
		{"long string", `"` + long + `"`, `"` + long + `"`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := extract(t, "m.py", "A = "+tt.a+"\nB = "+tt.b+"\n")
			if len(f.Constants) != 2 {
				t.Fatalf("constants = %d, want 2", len(f.Constants))
			}
			x, y := f.Constants[0].Value, f.Constants[1].Value
			sx, sy := x.Raw()+x.Value(), y.Raw()+y.Value() // the one of the two set
			if sx != sy || sx == "" {
				t.Fatalf("values %q and %q, want equal and not empty", sx, sy)
			}
			px, py := x.Raw(), y.Raw()
			if px == "" {
				px, py = x.Value(), y.Value()
			}
			if shared := unsafe.StringData(px) == unsafe.StringData(py); shared != tt.shared {
				t.Errorf("%q: one string for both = %v, want %v", px, shared, tt.shared)
			}
		})
	}
}
