package summary_test

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/summary"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// TestSchemaGolden pins the schema text that the README quotes; a change
// to a row type shows up here as a reviewable diff.
func TestSchemaGolden(t *testing.T) {
	t.Parallel()
	tests := []struct {
		golden string
		schema string
	}{
		{"summary.schema", summary.Schema[summary.ConstructRow]()},
		{"services.schema", summary.Schema[summary.ServiceRow]()},
		{"comparisons.schema", summary.Schema[summary.ComparisonRow]()},
	}
	for _, tc := range tests {
		t.Run(tc.golden, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join("testdata", tc.golden)
			if *update {
				if err := os.WriteFile(path, []byte(tc.schema+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if diff := cmp.Diff(string(want), tc.schema+"\n"); diff != "" {
				t.Errorf("schema differs from %s (-want +got):\n%s", path, diff)
			}
		})
	}
}
