package distill

import (
	"slices"
	"testing"

	"github.com/distill/distill/internal/facts"
)

// TestIndexMemoForgetsDefinitions: canonical and names answer from a memo,
// and a name the build defines after a lookup (setClass, setFunc,
// setConst) changes what they answer next. Module m imports Y from n;
// m.Y follows the import to n.Y until m.Y itself is defined.
func TestIndexMemoForgetsDefinitions(t *testing.T) {
	cases := []struct {
		name   string
		define func(ix *index)
	}{
		{"class", func(ix *index) { ix.setClass("m.Y", &classRef{}) }},
		{"function", func(ix *index) { ix.setFunc("m.Y", &funcRef{}) }},
		{"constant", func(ix *index) { ix.setConst("m.Y", &constRef{}) }},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			m := &facts.File{Module: "m", Imports: []facts.Import{{Module: "n", Name: "Y", Bound: "Y", Target: "n.Y"}}}
			ix := newIndex([]*facts.File{m})
			y := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: "Y", Raw: "Y"})
			for range 2 { // the second answer is the memo's
				if got := ix.canonical("m.Y"); got != "n.Y" {
					t.Fatalf("canonical(m.Y) before the definition = %q, want n.Y", got)
				}
				if got := ix.names(m, &y); !slices.Equal(got, []string{"n.Y", "Y"}) {
					t.Fatalf("names(Y) in m before the definition = %q, want [n.Y Y]", got)
				}
			}
			tc.define(ix)
			if got := ix.canonical("m.Y"); got != "m.Y" {
				t.Errorf("canonical(m.Y) after the definition = %q, want m.Y", got)
			}
			if got := ix.names(m, &y); !slices.Equal(got, []string{"m.Y", "Y"}) {
				t.Errorf("names(Y) in m after the definition = %q, want [m.Y Y]", got)
			}
		})
	}
}
