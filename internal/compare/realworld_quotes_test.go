package compare_test

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/compare"
)

// TestRealWorldReportQuotes: over the real-world groups, expected and
// distilled, every text the report quotes of a variant is made of words
// its (sliced) spec holds, and none is left in the shared spec's names.
// The variant of token-refresh whose Token a kind field tells apart
// (fastapi-boilerplate) is split into one entity per kind in the working
// copy; its members were quoted in the shared names before they kept
// their map to the variant's own.
func TestRealWorldReportQuotes(t *testing.T) {
	t.Parallel()
	// Words the report puts before a variant's text.
	lead := map[string]bool{"extra": true, "precondition": true, "other": true, "outcome": true, "binding": true,
		"also": true, "does": true, "not": true, "ensure": true, "ensures": true, "written": true}
	dirs, _ := filepath.Glob(filepath.Join(groupsDir, "*"))
	for _, what := range []string{"expected", "distilled"} {
		for _, dir := range dirs {
			if st, err := os.Stat(dir); err != nil || !st.IsDir() {
				continue
			}
			var vs []compare.Variant
			src := map[string]string{}
			for _, m := range readMembers(t, filepath.Join(dir, "members.txt")) {
				full := parseSpec(t, filepath.Join(servicesDir, m.service, what+".allium"))
				rules := m.rules
				if what == "distilled" {
					rules = flowRules(t, full, parseSpec(t, filepath.Join(servicesDir, m.service, "expected.allium")), m.rules)
				}
				sl, _ := compare.Slice(full, rules)
				vs = append(vs, compare.Variant{ID: m.service, Module: sl})
				src[m.service] = string(allium.Print(sl, allium.PrintOptions{}))
			}
			res, err := compare.Compare(vs, compare.Options{})
			if err != nil {
				t.Fatal(err)
			}
			check := func(v, text string, inShared bool) {
				if inShared {
					t.Errorf("%s/%s %s: quoted in the shared names: %s", what, filepath.Base(dir), v, text)
					return
				}
				words := strings.FieldsFunc(strings.TrimSuffix(text, "..."), func(r rune) bool {
					return r != '_' && (r < 'a' || r > 'z') && (r < 'A' || r > 'Z') && (r < '0' || r > '9')
				})
				for _, w := range words {
					if !lead[w] && !strings.Contains(src[v], w) {
						t.Errorf("%s/%s %s: %q is not in its spec: %s", what, filepath.Base(dir), v, w, text)
					}
				}
			}
			rep := compare.BuildReport(res, compare.ReportOptions{})
			for _, rm := range append(rep.Merge, rep.DifferingOutcomes...) {
				for _, cl := range rm.Clauses {
					for _, h := range cl.Held {
						check(h.Variant, h.Text, h.Aligned)
					}
				}
			}
			for _, vr := range rep.PerVariant {
				for _, d := range append(append([]compare.Difference{}, vr.Beyond...), vr.Differs...) {
					if d.Detail != "" && d.Detail != "no default" {
						check(vr.ID, d.Detail, d.Aligned)
					}
				}
			}
		}
	}
}
