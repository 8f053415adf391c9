package allium

import (
	"os"
	"path/filepath"
	"testing"
)

// TestWalkNodesVisitsEveryProvenance sets provenance on every construct the
// walker reaches, prints in provenance mode, and counts the "-- source:"
// lines: a construct the walker missed would print without one, and the
// count would fall short of the number of visits.
func TestWalkNodesVisitsEveryProvenance(t *testing.T) {
	files, err := filepath.Glob("testdata/corpus/*.allium")
	if err != nil || len(files) == 0 {
		t.Fatalf("no corpus: %v", err)
	}
	for _, file := range files {
		src, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		m, diags := Parse(file, src)
		if diags.HasErrors() {
			t.Fatalf("%s: %v", file, diags)
		}
		visits := 0
		seen := map[*Meta]bool{}
		WalkNodes(m, func(n Node) {
			if seen[n.Info()] {
				t.Errorf("%s: node visited twice: %T", file, n)
			}
			seen[n.Info()] = true
			visits++
			n.Info().Prov = &Provenance{File: "x.py", Line: visits}
		})
		if visits == 0 {
			t.Fatalf("%s: nothing visited", file)
		}
		// Reparse the provenance-mode print: every visited node's provenance
		// must come back, so the walk and the printer agree on what a
		// construct is.
		printed := Print(m, PrintOptions{Provenance: true})
		back, diags := Parse(file, printed)
		if diags.HasErrors() {
			t.Fatalf("%s: reparse: %v", file, diags)
		}
		got := 0
		WalkNodes(back, func(n Node) {
			if n.Info().Prov != nil {
				got++
			}
		})
		if got != visits {
			t.Errorf("%s: %d constructs carry provenance after a round trip, want %d", file, got, visits)
		}
	}
}
