package python

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/syntax"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// servicesDir holds the fixture services shared by the whole repository.
const servicesDir = "../../../testdata/services"

// serviceSources reads the .py files of one fixture service in path
// order. Files that are not UTF-8 are left out, as the source stage does.
func serviceSources(t testing.TB, dir string) []facts.Source {
	t.Helper()
	var out []facts.Source
	err := filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() || filepath.Ext(path) != ".py" {
			return nil
		}
		data, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		if !utf8.Valid(data) {
			return nil
		}
		rel, err := filepath.Rel(dir, path)
		if err != nil {
			return err
		}
		out = append(out, facts.Source{Path: filepath.ToSlash(rel), Data: data})
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.SortFunc(out, func(a, b facts.Source) int { return strings.Compare(a.Path, b.Path) })
	return out
}

// TestGoldenServices extracts every fixture service and compares the
// facts, as indented JSON, with testdata/golden/<service>.json.
func TestGoldenServices(t *testing.T) {
	t.Parallel()
	entries, err := os.ReadDir(servicesDir)
	if os.IsNotExist(err) {
		t.Skip("no fixture services")
	}
	if err != nil {
		t.Fatal(err)
	}
	var services []string
	for _, e := range entries {
		if e.IsDir() {
			services = append(services, e.Name())
		}
	}
	for _, svc := range services {
		t.Run(svc, func(t *testing.T) {
			t.Parallel()
			p := syntax.NewParser(0)
			defer p.Close()
			var files []*facts.File
			srcs := serviceSources(t, filepath.Join(servicesDir, svc))
			if len(srcs) == 0 {
				t.Skip("no Python file (a fixture of another language)")
			}
			for _, src := range srcs {
				f, err := New().Extract(context.Background(), p, src)
				if err != nil {
					t.Fatal(err)
				}
				files = append(files, f)
			}
			got, err := json.MarshalIndent(files, "", "  ")
			if err != nil {
				t.Fatal(err)
			}
			got = append(got, '\n')
			golden := filepath.Join("testdata", "golden", svc+".json")
			if *update {
				writeGolden(t, golden, got)
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run with -update to create it)", err)
			}
			if !bytes.Equal(want, got) {
				t.Errorf("%s differs; run go test -update and review the diff:\n%s", golden, cmp.Diff(string(want), string(got)))
			}
		})
	}
}

// writeGolden writes atomically so an interrupted -update leaves the old
// golden intact.
func writeGolden(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".golden-*")
	if err != nil {
		t.Fatal(err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := tmp.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		t.Fatal(err)
	}
}
