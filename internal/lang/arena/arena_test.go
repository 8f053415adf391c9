package arena

import (
	"strings"
	"testing"
	"unsafe"

	"github.com/distill/distill/internal/facts"
)

func TestIntern(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", MaxInterned+1)
	tests := []struct {
		name   string
		a, b   string
		shared bool
	}{
		{"short, from bytes then a string", "self", "self", true},
		{"at the bound", strings.Repeat("y", MaxInterned), strings.Repeat("y", MaxInterned), true},
		{"beyond the bound", long, long, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a Arena
			defer a.Release()
			buf := []byte(tt.a)
			x := a.Intern(buf)
			buf[0] = '!' // the caller's buffer is its own again
			y := a.InternString(strings.Clone(tt.b))
			if x != tt.a || y != tt.b {
				t.Fatalf("Intern = %q, InternString = %q, want %q and %q", x, y, tt.a, tt.b)
			}
			if shared := unsafe.StringData(x) == unsafe.StringData(y); shared != tt.shared {
				t.Errorf("one string for both = %v, want %v", shared, tt.shared)
			}
		})
	}
}

// TestReleaseStartsAfresh: after Release the strings handed out keep
// their values and a new walk does not share them.
func TestReleaseStartsAfresh(t *testing.T) {
	t.Parallel()
	var a Arena
	x := a.Intern([]byte("user"))
	a.Release()
	y := a.Intern([]byte("user"))
	defer a.Release()
	if x != "user" || y != "user" {
		t.Fatalf("got %q and %q", x, y)
	}
	if unsafe.StringData(x) == unsafe.StringData(y) {
		t.Error("a released table still answered")
	}
}

// TestKeepGivesStableAddresses: every expression kept has its own address,
// which later Keeps (filling a slab, starting the next) do not move.
func TestKeepGivesStableAddresses(t *testing.T) {
	t.Parallel()
	var a Arena
	var kept []*facts.Expr
	for i := range 3 * maxSlab {
		e := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprInt, Value: strings.Repeat("1", i%5+1), Line: i + 1})
		kept = append(kept, a.Keep(e))
	}
	seen := map[*facts.Expr]bool{}
	for i, p := range kept {
		if seen[p] {
			t.Fatalf("expression %d shares an address", i)
		}
		seen[p] = true
		if p.Line() != i+1 || p.Value() != strings.Repeat("1", i%5+1) {
			t.Fatalf("expression %d = line %d value %q, moved or overwritten", i, p.Line(), p.Value())
		}
	}
}
