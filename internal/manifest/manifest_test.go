package manifest

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// testEnv is the environment the fixtures see: ACME_GIT_TOKEN and
// ACME_SSH_KEY are set, EMPTY_TOKEN is set but empty, nothing else is.
func testEnv(name string) (string, bool) {
	switch name {
	case "ACME_GIT_TOKEN":
		return "ghp_envSecretValue0123456789abcdefABCDEF", true
	case "ACME_SSH_KEY":
		return "-----BEGIN OPENSSH PRIVATE KEY-----envsecret", true
	case "EMPTY_TOKEN":
		return "", true
	}
	return "", false
}

// envSecrets are the values testEnv hands out; no error may show them.
var envSecrets = []string{"envSecretValue", "envsecret"}

// errorAnnotation finds the expectations written into invalid fixtures:
// a comment with ERROR "regexp" says a problem matching regexp is reported on
// that line. Several may follow one #.
var errorAnnotation = regexp.MustCompile(`ERROR "((?:[^"\\]|\\.)*)"`)

type expectation struct {
	line int
	rx   *regexp.Regexp
}

func readExpectations(t *testing.T, data []byte) []expectation {
	t.Helper()
	var out []expectation
	for i, line := range strings.Split(string(data), "\n") {
		_, comment, ok := strings.Cut(line, "# ERROR")
		if !ok {
			continue
		}
		for _, m := range errorAnnotation.FindAllStringSubmatch("ERROR"+comment, -1) {
			rx, err := regexp.Compile(strings.ReplaceAll(m[1], `\"`, `"`))
			if err != nil {
				t.Fatalf("line %d: bad expectation %q: %v", i+1, m[1], err)
			}
			out = append(out, expectation{line: i + 1, rx: rx})
		}
	}
	return out
}

// TestInvalidFixtures checks every fixture under testdata/invalid: each
// annotated problem is reported on its line, and nothing else is.
func TestInvalidFixtures(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("testdata/invalid/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, file := range files {
		t.Run(filepath.Base(file), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(file)
			if err != nil {
				t.Fatal(err)
			}
			want := readExpectations(t, data)
			if len(want) == 0 {
				t.Fatalf("%s has no ERROR annotations", file)
			}
			m, err := Parse(data, file, testEnv)
			if m != nil {
				t.Errorf("Parse returned a manifest along with an error")
			}
			var verr *ValidationError
			if !errors.As(err, &verr) {
				t.Fatalf("Parse error = %v (%T), want *ValidationError", err, err)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("errors.Is(err, ErrInvalid) = false")
			}
			problems := slices.Clone(verr.Problems)
			for _, w := range want {
				i := slices.IndexFunc(problems, func(p Problem) bool {
					return p.Line == w.line && w.rx.MatchString(p.Msg)
				})
				if i < 0 {
					t.Errorf("line %d: no problem matching %q; got:\n%s", w.line, w.rx, verr)
					continue
				}
				problems = slices.Delete(problems, i, i+1)
			}
			for _, p := range problems {
				t.Errorf("unexpected problem: %s", p)
			}
			checkProblemList(t, verr, file)
		})
	}
}

// checkProblemList checks what every ValidationError must satisfy: sorted
// problems naming the file, and an Error text with one file:line:col line
// per problem that shows no secret from the environment.
func checkProblemList(t *testing.T, verr *ValidationError, file string) {
	t.Helper()
	if len(verr.Problems) == 0 {
		t.Fatalf("ValidationError without problems")
	}
	sorted := slices.IsSortedFunc(verr.Problems, func(a, b Problem) int {
		if a.Line != b.Line {
			return a.Line - b.Line
		}
		return a.Col - b.Col
	})
	if !sorted {
		t.Errorf("problems are not sorted by position:\n%s", verr)
	}
	lines := strings.Split(verr.Error(), "\n")
	if len(lines) != len(verr.Problems) {
		t.Errorf("Error() has %d lines for %d problems", len(lines), len(verr.Problems))
	}
	for i, p := range verr.Problems {
		if p.File != file {
			t.Errorf("problem %q names file %q, want %q", p.Msg, p.File, file)
		}
		prefix := fmt.Sprintf("%s:%d:%d: ", file, p.Line, p.Col)
		switch {
		case p.Line == 0:
			prefix = file + ": "
		case p.Col == 0:
			prefix = fmt.Sprintf("%s:%d: ", file, p.Line)
		}
		if i < len(lines) && lines[i] != prefix+p.Msg {
			t.Errorf("Error() line %d = %q, want %q", i, lines[i], prefix+p.Msg)
		}
	}
	for _, s := range envSecrets {
		if strings.Contains(verr.Error(), s) {
			t.Errorf("error text shows the secret %q:\n%s", s, verr)
		}
	}
}
