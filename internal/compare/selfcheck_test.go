package compare

import (
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

func parseFile(t testing.TB, path string) *allium.Module {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, diags := allium.Parse(path, src)
	if diags.HasErrors() {
		t.Fatalf("%s: %v", path, diags)
	}
	return m
}

// TestSelfCompare: comparing a spec with itself gives it back (printed
// without provenance), and the shared spec checks clean, for every corpus
// file and every comparison fixture.
func TestSelfCompare(t *testing.T) {
	files, _ := filepath.Glob("../allium/testdata/corpus/*.allium")
	// Every spec under testdata/: the comparison fixtures and their
	// goldens, the real services' expected specs, the realworld groups'
	// hand-written shared specs.
	_ = filepath.WalkDir("../../testdata", func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".allium") {
			files = append(files, path)
		}
		return nil
	})
	if len(files) == 0 {
		t.Fatal("no corpus files")
	}
	for _, f := range files {
		t.Run(strings.TrimPrefix(filepath.ToSlash(f), "../"), func(t *testing.T) {
			m := parseFile(t, f)
			want := string(allium.Print(m, allium.PrintOptions{}))
			res, err := Compare([]Variant{{ID: "a", File: f, Module: m}, {ID: "b", File: f, Module: parseFile(t, f)}}, Options{})
			if err != nil {
				t.Fatal(err)
			}
			if errs := allium.Check(res.Shared, allium.CheckOptions{File: "shared"}).Errors(); len(errs) > 0 {
				t.Errorf("shared spec has errors: %v", errs)
			}
			got := string(allium.Print(res.Shared, allium.PrintOptions{}))
			if got != want {
				t.Errorf("self-compare changed the spec; dropped: %v\n%s", res.Dropped, lineDiff(want, got))
			}
			for _, a := range res.Aligned {
				if !a.InShared {
					t.Errorf("%s %s/%s not shared in a self-compare", a.Kind, a.Parent, a.Name)
				}
			}
		})
	}
}
