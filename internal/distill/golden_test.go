package distill

import (
	"bytes"
	"context"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/manifest"
	"github.com/distill/distill/internal/source"
)

var update = flag.Bool("update", false, "rewrite the golden specs")

// fixtures are the service directories distilled by the golden tests,
// relative to this package.
var fixtures = map[string]string{
	"flask_accounts":      "../../testdata/services/flask_accounts",
	"fastapi_accounts":    "../../testdata/services/fastapi_accounts",
	"django_accounts":     "../../testdata/services/django_accounts",
	"express_accounts":    "../../testdata/services/express_accounts",
	"nest_invitations":    "../../testdata/services/nest_invitations",
	"next_password_reset": "../../testdata/services/next_password_reset",
	"reset_a":             "../../testdata/variants/reset_a",
	"reset_b":             "../../testdata/variants/reset_b",
	"reset_c":             "../../testdata/variants/reset_c",
	"reset_d":             "../../testdata/variants/reset_d",
	"merge_x":             "../../testdata/variants/merge_x",
	"merge_y":             "../../testdata/variants/merge_y",
}

func loadService(t testing.TB, dir string) []source.File {
	t.Helper()
	set, err := source.Select(context.Background(), os.DirFS(dir), source.Options{
		Include: manifest.DefaultInclude(), Exclude: manifest.DefaultExclude(), MaxFileSize: 1 << 20,
	})
	if err != nil {
		t.Fatal(err)
	}
	return set.Files
}

func distillFixture(t testing.TB, d *Distiller, name string) *Output {
	t.Helper()
	dir := fixtures[name]
	if _, err := os.Stat(dir); err != nil {
		t.Skipf("fixture %s not present: %v", name, err)
	}
	out, err := d.Distill(context.Background(), Input{Service: name, Files: loadService(t, dir)})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// TestGolden distils every fixture service and compares the spec, printed
// with provenance, with testdata/golden/<service>.allium.
func TestGolden(t *testing.T) {
	d := New(Options{})
	for name := range fixtures {
		t.Run(name, func(t *testing.T) {
			out := distillFixture(t, d, name)
			var buf bytes.Buffer
			buf.Write(allium.Print(out.Module, allium.PrintOptions{Provenance: true}))
			buf.WriteString("\n-- distill notes:\n")
			for _, n := range out.Notes {
				buf.WriteString("--   " + strings.ReplaceAll(n, "\n", " ") + "\n")
			}
			got := buf.Bytes()
			path := filepath.Join("testdata", "golden", name+".allium")
			if *update {
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run with -update)", err)
			}
			if diff := cmp.Diff(string(want), string(got)); diff != "" {
				t.Errorf("%s spec differs (-want +got):\n%s", name, diff)
			}
		})
	}
}

// TestFixturesCheckClean: every emitted spec passes the checker with no
// errors and is a fixed point of parse then print.
func TestFixturesCheckClean(t *testing.T) {
	d := New(Options{})
	for name := range fixtures {
		t.Run(name, func(t *testing.T) {
			out := distillFixture(t, d, name)
			for _, prov := range []bool{false, true} {
				text := allium.Print(out.Module, allium.PrintOptions{Provenance: prov})
				parsed, pd := allium.Parse(name+".allium", text)
				if pd.HasErrors() {
					t.Fatalf("printed spec does not parse: %v\n%s", pd.Errors(), text)
				}
				if diags := allium.Check(parsed, allium.CheckOptions{File: name}); diags.HasErrors() {
					t.Fatalf("spec fails the checker: %v\n%s", diags.Errors(), text)
				}
				again := allium.Print(parsed, allium.PrintOptions{})
				if !prov {
					if diff := cmp.Diff(string(text), string(again)); diff != "" {
						t.Errorf("parse+print is not a fixed point (-print +reprint):\n%s", diff)
					}
				}
			}
			if out.Stats.FilesParsed == 0 {
				t.Error("no file parsed")
			}
		})
	}
}

// TestCompareFixturesAreGoldens: the distilled specs the compare fixtures
// hold (testdata/compare/distilled-*/) are copies of this package's
// goldens, so a change to a golden that is not carried over fails here
// instead of leaving compare's tests on a stale spec.
func TestCompareFixturesAreGoldens(t *testing.T) {
	copies, err := filepath.Glob("../../testdata/compare/distilled-*/*.allium")
	if err != nil || len(copies) == 0 {
		t.Fatalf("no distilled compare fixtures: %v", err)
	}
	for _, c := range copies {
		name := strings.TrimSuffix(filepath.Base(c), ".allium")
		if _, ok := fixtures[name]; !ok {
			t.Errorf("%s is not the golden of a fixture of this package", c)
			continue
		}
		got, err1 := os.ReadFile(c)
		want, err2 := os.ReadFile(filepath.Join("testdata", "golden", name+".allium"))
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from testdata/golden/%s.allium: copy the golden over", c, name)
		}
	}
}
