package allium

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// Error fixtures under testdata/parse state the diagnostics they expect in
// comments, in the manner of go/parser's error tests:
//
//	requires x -- ERROR "regexp"   a diagnostic on this line matches regexp
//	-- ERROR-NEXT "regexp"         a diagnostic on the next line matches regexp
//
// Every expectation must be met and every diagnostic must be expected.

var errorMarkRE = regexp.MustCompile(`--\s*ERROR(-NEXT)?\s+("(?:[^"\\]|\\.)*")`)

type expectedDiag struct {
	line int
	rx   *regexp.Regexp
}

func readExpectations(t *testing.T, src []byte) []expectedDiag {
	t.Helper()
	var out []expectedDiag
	for i, line := range strings.Split(string(src), "\n") {
		for _, m := range errorMarkRE.FindAllStringSubmatch(line, -1) {
			// The pattern is a regexp between double quotes; \" stands
			// for a quote, every other backslash is the regexp's.
			pattern := strings.ReplaceAll(m[2][1:len(m[2])-1], `\"`, `"`)
			rx, err := regexp.Compile(pattern)
			if err != nil {
				t.Fatalf("line %d: bad ERROR regexp %q: %v", i+1, pattern, err)
			}
			n := i + 1
			if m[1] != "" {
				n++
			}
			out = append(out, expectedDiag{line: n, rx: rx})
		}
	}
	return out
}

func TestParseErrorFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "parse", "*.allium"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 15 {
		t.Fatalf("found %d error fixtures, want at least 15", len(files))
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			want := readExpectations(t, src)
			if len(want) == 0 {
				t.Fatal("fixture states no expected diagnostics")
			}
			_, diags := Parse(f, src)
			matched := make([]bool, len(diags))
			for _, w := range want {
				found := false
				for i, d := range diags {
					if d.Line == w.line && w.rx.MatchString(d.Msg) {
						matched[i], found = true, true
					}
				}
				if !found {
					t.Errorf("line %d: no diagnostic matching %q", w.line, w.rx)
				}
			}
			for i, d := range diags {
				if !matched[i] {
					t.Errorf("unexpected diagnostic %s", d)
				}
				if d.File != f || d.Line < 1 || d.Col < 1 || d.Severity != SeverityError || !strings.HasPrefix(d.Code, "P") {
					t.Errorf("malformed diagnostic %+v", d)
				}
			}
		})
	}
}
