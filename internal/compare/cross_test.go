package compare

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestCrossCorpus compares unrelated corpus specs pairwise and all together,
// at quorum 1 so that as much as possible lands in the shared spec: the
// union of two specs is where name clashes and dangling references arise,
// and the shared spec must still check clean.
func TestCrossCorpus(t *testing.T) {
	files, _ := filepath.Glob("../allium/testdata/corpus/*.allium")
	var vs []Variant
	for _, f := range files {
		vs = append(vs, Variant{ID: filepath.Base(f), File: f, Module: parseFile(t, f)})
	}
	check := func(name string, in []Variant, q int) {
		res, err := Compare(in, Options{Required: func(int) int { return q }})
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if errs := allium.Check(res.Shared, allium.CheckOptions{File: "shared"}).Errors(); len(errs) > 0 {
			t.Errorf("%s quorum %d: shared spec has errors: %v", name, q, errs)
		}
	}
	for i := range vs {
		for j := i + 1; j < len(vs); j++ {
			check(vs[i].ID+"+"+vs[j].ID, []Variant{vs[i], vs[j]}, 1)
		}
	}
	check("all", vs, 1)
	check("all", vs, 2)
}

// TestInvalidVariants: variants that themselves fail the checker (the
// checker's own error fixtures) still give a shared spec without errors.
func TestInvalidVariants(t *testing.T) {
	files, _ := filepath.Glob("../allium/testdata/check/*.allium")
	if len(files) == 0 {
		t.Skip("no checker fixtures")
	}
	for _, f := range files {
		src := parseFileLoose(t, f)
		if src == nil {
			continue
		}
		res, err := Compare([]Variant{{ID: "a", Module: src}, {ID: "b", Module: parseFileLoose(t, f)}}, Options{})
		if err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		if errs := allium.Check(res.Shared, allium.CheckOptions{File: "shared"}).Errors(); len(errs) > 0 {
			t.Errorf("%s: shared spec has errors: %v", filepath.Base(f), errs)
		}
	}
}

// parseFileLoose parses a file that may not check; nil when it does not
// parse.
func parseFileLoose(t *testing.T, path string) *allium.Module {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, diags := allium.Parse(path, src)
	if diags.HasErrors() {
		return nil
	}
	return m
}
