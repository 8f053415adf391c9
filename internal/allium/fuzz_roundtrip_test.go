package allium

import (
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// FuzzRoundTrip checks the printer against the parser on arbitrary text. For
// any input that parses without errors, printing (as `distill fmt` does, with
// provenance) and reparsing gives an equal model, positions aside, and
// printing that model again gives the same text. Inputs with errors must
// still print without panicking: the parser returns partial models and
// callers may print them.
func FuzzRoundTrip(f *testing.F) {
	for _, dir := range []string{"corpus", "parse"} {
		files, err := filepath.Glob(filepath.Join("testdata", dir, "*.allium"))
		if err != nil {
			f.Fatal(err)
		}
		for _, file := range files {
			src, err := os.ReadFile(file)
			if err != nil {
				f.Fatal(err)
			}
			f.Add(src)
		}
	}
	opt := PrintOptions{Provenance: true}
	f.Fuzz(func(t *testing.T, src []byte) {
		m, diags := Parse("fuzz.allium", src)
		out1 := Print(m, opt)
		if len(diags) > 0 {
			return
		}
		if reason := knownParserBug(src); reason != "" {
			t.Skip(reason)
		}
		m2, diags := Parse("printed.allium", out1)
		if len(diags) > 0 {
			t.Fatalf("printed text does not parse: %v\ninput:\n%s\nprinted:\n%s", diags, src, out1)
		}
		// reflect.DeepEqual on position-free models is much faster than
		// cmp.Equal, which keeps the fuzzer's throughput up; cmp only
		// explains a failure.
		if !reflect.DeepEqual(withoutPos(m), withoutPos(m2)) {
			t.Fatalf("parse(print(m)) differs from m (-want +got):\n%s\ninput:\n%s\nprinted:\n%s",
				cmp.Diff(m, m2, ignorePos), src, out1)
		}
		if out2 := Print(m2, opt); string(out2) != string(out1) {
			t.Fatalf("print is not idempotent (-first +second):\n%s", cmp.Diff(string(out1), string(out2)))
		}
	})
}

// withoutPos zeroes every position in m (in place) and returns it. Doc,
// comments, Blank and provenance stay: they are part of the model.
func withoutPos(m *Module) *Module {
	zeroPos(reflect.ValueOf(m))
	return m
}

var posType = reflect.TypeOf(Pos{})

func zeroPos(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			zeroPos(v.Elem())
		}
	case reflect.Slice:
		for i := range v.Len() {
			zeroPos(v.Index(i))
		}
	case reflect.Struct:
		if v.Type() == posType {
			if v.CanSet() {
				v.SetZero()
			}
			return
		}
		for i := range v.NumField() {
			zeroPos(v.Field(i))
		}
	}
}

// knownParserBug recognises inputs that hit a reported parser bug which
// breaks the round trip for reasons outside the printer, so that fuzzing
// goes on looking for printer bugs. TestRoundTripKnownParserBugs fails once
// the bug is fixed, as a reminder to delete the case here.
//
// Bug 1: in an entity, value or variant body, a member "name: Type" whose
// next line is indented deeper than its own line is classified with that
// line's tokens (looksLikeFieldType peeks across the line break, which
// continues the clause): it becomes a derived value whose expression is the
// type name. Printed, the next member sits at the same indentation and the
// member reads back as a field. It happens when the first member shares the
// line of the opening brace, or when member indentation grows.
func knownParserBug(src []byte) string {
	lines := strings.Split(string(src), "\n")
	for i, line := range lines {
		// The member that ends the line: after the opening brace and after
		// the last comma of a single-line body.
		text := line
		if k := strings.LastIndexByte(text, '{'); k >= 0 {
			text = text[k+1:]
		}
		if k := strings.LastIndexByte(text, ','); k >= 0 {
			text = text[k+1:]
		}
		if !fieldLikeRE.MatchString(text) {
			continue
		}
		for _, next := range lines[i+1:] {
			trimmed := strings.TrimSpace(strings.TrimSuffix(next, "\r"))
			if trimmed == "" || strings.HasPrefix(trimmed, "--") {
				continue
			}
			if indentOf(next) > indentOf(line) {
				return "member followed by a deeper-indented line (parser bug 1)"
			}
			break
		}
	}
	return ""
}

// fieldLikeRE matches "name: Type" or "name: Type?" with nothing after it
// but a comment: the member form bug 1 misreads.
var fieldLikeRE = regexp.MustCompile(`^\s*[A-Za-z_][A-Za-z0-9_]*\s*:\s*[A-Z][A-Za-z0-9_/-]*\s*\??\s*(--.*)?\r?$`)

func indentOf(line string) int {
	n := 0
	for _, c := range line {
		switch c {
		case ' ':
			n++
		case '\t':
			n += 4
		default:
			return n
		}
	}
	return n
}

// parserBugInputs are minimal inputs for the parser bugs knownParserBug
// recognises: each parses without errors but does not survive print/parse.
var parserBugInputs = []struct{ name, src string }{
	{"member on brace line", "-- allium: 3\nentity N {n: String\n    e: Integer\n}\n"},
	{"member indentation grows", "-- allium: 3\nentity N {\n  n: String\n    e: Integer\n}\n"},
	{"member after comma on brace line", "-- allium: 3\nentity N {, n: String\n e: Integer}\n"},
}

func TestRoundTripKnownParserBugs(t *testing.T) {
	for _, tt := range parserBugInputs {
		t.Run(tt.name, func(t *testing.T) {
			if knownParserBug([]byte(tt.src)) == "" {
				t.Fatal("knownParserBug does not recognise the input")
			}
			m, diags := Parse("bug.allium", []byte(tt.src))
			if len(diags) > 0 {
				t.Fatalf("input does not parse: %v", diags)
			}
			out := Print(m, PrintOptions{Provenance: true})
			m2, _ := Parse("printed.allium", out)
			if cmp.Equal(m, m2, ignorePos) {
				t.Fatalf("the round trip now holds: the parser bug is fixed; remove it from knownParserBug and parserBugInputs")
			}
			t.Skipf("known parser bug, reported to the lead: %s", tt.name)
		})
	}
}
