package python

import (
	"context"
	"testing"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/syntax"
)

// TestNoFunctionDocs: with facts.Source.NoFunctionDocs a function's
// docstring is left out of Function.Doc (and still out of its body); a
// class's is kept, which the build reads.
func TestNoFunctionDocs(t *testing.T) {
	t.Parallel()
	src := `class Cmd:
    """Purge expired tokens."""

    def handle(self):
        """Run it."""
        return 1

def helper():
    "One line."
    def inner():
        """Nested."""
        pass
    return inner
`
	tests := []struct {
		name   string
		noDocs bool
		want   []string // Cmd, Cmd.handle, helper, inner
	}{
		{"kept by default", false, []string{"Purge expired tokens.", "Run it.", "One line.", "Nested."}},
		{"left out when asked", true, []string{"Purge expired tokens.", "", "", ""}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			p := syntax.NewParser(0)
			defer p.Close()
			f, err := New().Extract(context.Background(), p, facts.Source{Path: "m.py", Data: []byte(src), NoFunctionDocs: tt.noDocs})
			if err != nil {
				t.Fatal(err)
			}
			helper := &f.Functions[0]
			inner := helper.Body()[0].Func()
			got := []string{f.Classes[0].Doc, f.Classes[0].Methods[0].Doc, helper.Doc, inner.Doc}
			for i := range got {
				if got[i] != tt.want[i] {
					t.Errorf("doc %d = %q, want %q", i, got[i], tt.want[i])
				}
			}
			// The docstring is never a statement of the body.
			if n := len(f.Classes[0].Methods[0].Body()); n != 1 {
				t.Errorf("handle has %d statements, want 1 (the return)", n)
			}
		})
	}
}
