package score

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/distill"
	"github.com/distill/distill/internal/manifest"
	"github.com/distill/distill/internal/source"
)

var (
	update = flag.Bool("update", false, "rewrite each corpus service's distilled.allium golden")
	corpus = flag.String("corpus", filepath.Join("..", "..", "testdata", "realworld"),
		"`DIR` holding one directory per service with src/ and expected.allium")
	detail = flag.Bool("detail", false, "list every service's missing and extra items")
)

// enforcedFloors are the languages whose corpus TestRealWorld holds to the
// floors: a mean below its floor fails the build, so a change that loses
// fidelity cannot land. Python's reached issue 9's floors, TypeScript's
// the same floors under issue 13.
var enforcedFloors = map[string]bool{"python": true, "typescript": true}

// floors are issue 9's targets for the mean over the corpus: recall 0.8 for
// entities and fields, 0.7 for rules, requires and ensures; precision 0.8
// everywhere.
var floors = [NumCategories]struct{ Precision, Recall float64 }{
	Entities: {0.8, 0.8},
	Fields:   {0.8, 0.8},
	Config:   {0.8, 0},
	Rules:    {0.8, 0.7},
	Requires: {0.8, 0.7},
	Ensures:  {0.8, 0.7},
}

// corpusService is one directory of the corpus ready to be scored.
type corpusService struct {
	name, dir string
}

func corpusServices(t *testing.T) []corpusService {
	t.Helper()
	dirs, err := filepath.Glob(filepath.Join(*corpus, "*"))
	if err != nil {
		t.Fatal(err)
	}
	var out []corpusService
	for _, dir := range dirs {
		src, err1 := os.Stat(filepath.Join(dir, "src"))
		_, err2 := os.Stat(filepath.Join(dir, "expected.allium"))
		if err1 != nil || err2 != nil || !src.IsDir() {
			// A service still being assembled, or not a service at all.
			continue
		}
		out = append(out, corpusService{name: filepath.Base(dir), dir: dir})
	}
	return out
}

// TestRealWorld distils every corpus service, scores it against its
// expected spec and prints the table. It always checks that the yardstick
// is sound (each expected spec parses, passes our checker and scores 1
// against itself; so does each distilled spec) and pins distill's output
// with a golden; it holds the languages of enforcedFloors to the floors.
func TestRealWorld(t *testing.T) {
	services := corpusServices(t)
	if len(services) == 0 {
		t.Skipf("no service with src/ and expected.allium under %s", *corpus)
	}
	d := distill.New(distill.Options{})
	defer d.Close()
	var rows []Row
	var details strings.Builder
	for _, svc := range services {
		t.Run(svc.name, func(t *testing.T) {
			expected := loadExpected(t, svc)
			checkSelfScore(t, expected)

			out := distilService(t, d, svc)
			checkGolden(t, svc, out)
			checkSelfScore(t, out.Module)
			// Issue 9 wants 0 checker errors on every distilled spec; that is
			// the distiller's tests' to assert, here it is only reported.
			if cd := allium.Check(out.Module, allium.CheckOptions{File: svc.name}); cd.HasErrors() {
				t.Logf("distilled spec has %d checker error(s): %v", len(cd.Errors()), cd.Errors())
			}

			r := ScoreIn(out.Module, expected, loadScope(t, svc))
			for _, s := range r.StaleScope {
				t.Errorf("%s: stale scope line: %s", filepath.Join(svc.dir, "scope.txt"), s)
			}
			rows = append(rows, Row{Service: svc.name, Language: serviceLanguage(t, svc, out), Result: r})
			if *detail {
				writeDetail(&details, svc.name, r)
			}
		})
	}
	var table bytes.Buffer
	if err := WriteTable(&table, rows); err != nil {
		t.Fatal(err)
	}
	t.Log("\n" + table.String() + details.String())

	// Each language's corpus is held to the floors on its own mean.
	for _, lang := range RowLanguages(rows) {
		checkFloors(t, lang, Means(InLanguage(rows, lang)))
	}
}

// checkFloors reports (or, for a language of enforcedFloors, fails on) every category
// whose mean over one language's services is below its floor.
func checkFloors(t *testing.T, lang string, means [NumCategories]Mean) {
	t.Helper()
	for _, c := range Categories {
		m, f := means[c], floors[c]
		var low []string
		if m.PrecisionN > 0 && m.Precision < f.Precision {
			low = append(low, fmt.Sprintf("precision %.3f < %.2f", m.Precision, f.Precision))
		}
		if m.RecallN > 0 && m.Recall < f.Recall {
			low = append(low, fmt.Sprintf("recall %.3f < %.2f", m.Recall, f.Recall))
		}
		if len(low) == 0 {
			continue
		}
		if enforcedFloors[lang] {
			t.Errorf("%s %s: mean %s", lang, c, strings.Join(low, ", "))
		} else {
			t.Logf("below the floor (not enforced): %s %s: mean %s", lang, c, strings.Join(low, ", "))
		}
	}
}

// serviceLanguage is the corpus a service counts in: the "language:" line
// of its SOURCE when it has one, else the language distill read it in
// (several joined with "+", a corpus of their own).
func serviceLanguage(t *testing.T, svc corpusService, out *distill.Output) string {
	t.Helper()
	text, err := os.ReadFile(filepath.Join(svc.dir, "SOURCE"))
	if err != nil && !os.IsNotExist(err) {
		t.Fatal(err)
	}
	for line := range strings.Lines(string(text)) {
		if v, ok := strings.CutPrefix(line, "language:"); ok {
			return strings.TrimSpace(v)
		}
	}
	return strings.Join(out.Languages, "+")
}

// loadExpected parses a service's expected spec and reports every
// diagnostic of our parser and checker: the spec is written by hand, and a
// disagreement between it and our checker is either a mistake in the spec
// or a rule our checker gets wrong; both need a person.
func loadExpected(t *testing.T, svc corpusService) *allium.Module {
	t.Helper()
	path := filepath.Join(svc.dir, "expected.allium")
	text, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	m, pd := allium.Parse(path, text)
	if pd.HasErrors() {
		t.Errorf("expected spec does not parse:\n%v", pd.Errors())
	}
	if cd := allium.Check(m, allium.CheckOptions{File: path}); cd.HasErrors() {
		t.Errorf("expected spec fails our checker:\n%v", cd.Errors())
	}
	return m
}

// loadScope reads the service's scope.txt, when it has one: what its
// expected spec deliberately leaves out (see Scope).
func loadScope(t *testing.T, svc corpusService) Scope {
	t.Helper()
	path := filepath.Join(svc.dir, "scope.txt")
	f, err := os.Open(path)
	if os.IsNotExist(err) {
		return Scope{}
	}
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := ParseScope(path, f)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// checkSelfScore: a spec scored against itself matches every item, or the
// normal form or the alignment loses something and every score is suspect.
func checkSelfScore(t *testing.T, m *allium.Module) {
	t.Helper()
	self := Score(m, m)
	for _, c := range Categories {
		n := self.Counts[c]
		if n.Matched != n.Expected || n.Matched != n.Distilled {
			t.Errorf("self-score %s: %d matched of %d; unmatched: %q", c, n.Matched, n.Expected, self.Missing[c])
		}
	}
}

func distilService(t *testing.T, d *distill.Distiller, svc corpusService) *distill.Output {
	t.Helper()
	return distilDir(t, d, svc.name, filepath.Join(svc.dir, "src"))
}

// distilDir distils the service whose files are under dir.
func distilDir(t *testing.T, d *distill.Distiller, name, dir string) *distill.Output {
	t.Helper()
	set, err := source.Select(context.Background(), os.DirFS(dir), source.Options{
		Include: manifest.DefaultInclude(), Exclude: manifest.DefaultExclude(), MaxFileSize: manifest.DefaultMaxFileSize,
	})
	if err != nil {
		t.Fatal(err)
	}
	out, err := d.Distill(context.Background(), distill.Input{Service: name, Files: set.Files})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// checkGolden compares distill's output, printed as internal/distill's
// goldens are (provenance, then the notes), with distilled.allium beside
// the expected spec. The golden pins behaviour; the expected spec is what
// is scored.
func checkGolden(t *testing.T, svc corpusService, out *distill.Output) {
	t.Helper()
	var buf bytes.Buffer
	buf.Write(allium.Print(out.Module, allium.PrintOptions{Provenance: true}))
	buf.WriteString("\n-- distill notes:\n")
	for _, n := range out.Notes {
		buf.WriteString("--   " + strings.ReplaceAll(n, "\n", " ") + "\n")
	}
	path := filepath.Join(svc.dir, "distilled.allium")
	if *update {
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if os.IsNotExist(err) {
		t.Logf("no golden %s yet; run with -update to write it", path)
		return
	}
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(string(want), buf.String()); diff != "" {
		t.Errorf("distilled spec differs from %s (-golden +now; run with -update when the change is intended):\n%s", path, diff)
	}
}

func writeDetail(b *strings.Builder, service string, r Result) {
	b.WriteString("\n" + service + "\n")
	for _, c := range Categories {
		for _, s := range r.Missing[c] {
			b.WriteString("  - " + c.String() + "  " + s + "\n")
		}
		for _, s := range r.Extra[c] {
			b.WriteString("  + " + c.String() + "  " + s + "\n")
		}
	}
}
