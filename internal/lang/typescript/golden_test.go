package typescript

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/syntax"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/golden")

// servicesDir holds small hand-written services, one directory each, in
// the styles the extractor must read: Express with Mongoose (CommonJS),
// NestJS with TypeORM and class-validator, Next.js with Prisma (pages
// and app routers, a TSX page with a server action).
const servicesDir = "testdata/src"

// serviceSources reads the TypeScript and JavaScript files of one
// service in path order, with paths relative to the service root.
func serviceSources(t testing.TB, dir string) []facts.Source {
	t.Helper()
	exts := New().Extensions()
	var out []facts.Source
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() || !slices.Contains(exts, path.Ext(p)) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
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
	if err != nil {
		t.Fatal(err)
	}
	var services []string
	for _, e := range entries {
		if e.IsDir() {
			services = append(services, e.Name())
		}
	}
	if len(services) == 0 {
		t.Fatal("no fixture services")
	}
	for _, svc := range services {
		t.Run(svc, func(t *testing.T) {
			t.Parallel()
			p := syntax.NewParser(0)
			defer p.Close()
			var files []*facts.File
			for _, src := range serviceSources(t, filepath.Join(servicesDir, svc)) {
				f, err := New().Extract(context.Background(), p, src)
				if err != nil {
					t.Fatal(err)
				}
				if f.Stats.ErrorNodes+f.Stats.MissingNodes > 0 {
					t.Errorf("%s: syntax errors at lines %v", src.Path, f.Stats.ErrorLines)
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

// TestNoOrphanGoldens fails on a golden file whose service is gone.
func TestNoOrphanGoldens(t *testing.T) {
	t.Parallel()
	goldens, err := filepath.Glob(filepath.Join("testdata", "golden", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	for _, g := range goldens {
		svc := strings.TrimSuffix(filepath.Base(g), ".json")
		if _, err := os.Stat(filepath.Join(servicesDir, svc)); err != nil {
			t.Errorf("%s has no service %s: %v", g, svc, err)
		}
	}
}

// writeGolden writes atomically so an interrupted -update leaves the old
// golden intact.
func writeGolden(t *testing.T, name string, data []byte) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	tmp, err := os.CreateTemp(filepath.Dir(name), ".golden-*")
	if err != nil {
		t.Fatal(err)
	}
	defer os.Remove(tmp.Name())
	if _, err := tmp.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := tmp.Chmod(0o644); err != nil {
		t.Fatal(err)
	}
	if err := tmp.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Rename(tmp.Name(), name); err != nil {
		t.Fatal(err)
	}
}
