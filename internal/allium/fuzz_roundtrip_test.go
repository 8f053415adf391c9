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
		if bannerShapedComments(m) {
			t.Skip("comments shaped like a section banner (parser bug 2)")
		}
		if commentEndsInCR(m) {
			t.Skip("comment text ending in a carriage return (parser bug 3)")
		}
		m2, diags := Parse("printed.allium", out1)
		if len(diags) > 0 {
			t.Fatalf("printed text does not parse: %v\ninput:\n%s\nprinted:\n%s", diags, src, out1)
		}
		// The printer places each variant after its base entity (and
		// variants of undeclared bases last), so the model read back has
		// them in that order.
		m.Variants = variantsInPrintOrder(m)
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

// variantsInPrintOrder returns m's variants in the order Print writes them.
func variantsInPrintOrder(m *Module) []*Variant {
	var out []*Variant
	for _, n := range entitiesWithVariants(m.Entities, m.Variants) {
		if v, ok := n.(*Variant); ok {
			out = append(out, v)
		}
	}
	return out
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

// but a comment: the member form bug 1 misreads.
var fieldLikeRE = regexp.MustCompile(`^\s*[A-Za-z_][A-Za-z0-9_]*\s*:\s*([A-Za-z0-9_-]+/)?[A-Z][A-Za-z0-9_]*\s*\??\s*(--.*)?\r?$`)

// bannerShapedComments reports whether any run of comment lines in m (doc,
// header, trailer, annotation body) reads as a section banner: a dash line,
// a section title, a dash line.
//
// Bug 2: the parser drops such a run wherever it stands, as layout. In the
// input the three lines need not have been a banner (the first dash line was
// a trailing comment on a code line, say), so they are kept as a doc comment;
// printed, they are three comment lines and vanish on the next parse.
func bannerShapedComments(m *Module) bool {
	found := false
	check := func(lines []string) {
		for i := 0; i+2 < len(lines); i++ {
			if isDashText(lines[i]) && isDashText(lines[i+2]) {
				if _, ok := sectionBoilerplate[strings.TrimSpace(lines[i+1])]; ok {
					found = true
				}
			}
		}
	}
	check(m.Header)
	check(m.Trailer)
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Struct:
			switch x := v.Interface().(type) {
			case Meta:
				check(x.Doc)
				return
			case Annotation:
				check(x.Lines)
			}
			for i := range v.NumField() {
				walk(v.Field(i))
			}
		}
	}
	walk(reflect.ValueOf(m))
	return found
}

// commentEndsInCR reports whether a trailing or doc comment of m ends in
// "\r".
//
// Bug 3: the lexer keeps a carriage return inside a comment ("--\r " gives
// the comment "\r") but strips one at the end of a line, so such a comment
// cannot be written back: printed at the end of its line the "\r" is lost.
func commentEndsInCR(m *Module) bool {
	found := false
	var walk func(v reflect.Value)
	walk = func(v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(v.Elem())
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(v.Index(i))
			}
		case reflect.Struct:
			switch x := v.Interface().(type) {
			case Meta:
				found = found || strings.HasSuffix(x.Comment, "\r")
				for _, d := range x.Doc {
					found = found || strings.HasSuffix(d, "\r")
				}
				return
			case Edge:
				found = found || strings.HasSuffix(x.Comment, "\r")
			}
			for i := range v.NumField() {
				walk(v.Field(i))
			}
		}
	}
	walk(reflect.ValueOf(m))
	for _, l := range append(append([]string{}, m.Header...), m.Trailer...) {
		found = found || strings.HasSuffix(l, "\r")
	}
	return found
}

func isDashText(s string) bool {
	s = strings.TrimSpace(s)
	return len(s) >= 2 && strings.Trim(s, "-") == ""
}

// parserBugInputs are minimal inputs for the parser bugs the fuzz target
// skips: each parses without errors but does not survive print/parse.
var parserBugInputs = []struct{ name, src string }{
	{"comment ending in carriage return", "-- allium: 3\nenum A {}  --\r \n"},
	{"banner-shaped doc comment", "-- allium: 3\nentity A {\n    x: Integer\n} -- ----\n-- Rules\n-- ----\nentity B {}\n"},
}

func TestRoundTripKnownParserBugs(t *testing.T) {
	for _, tt := range parserBugInputs {
		t.Run(tt.name, func(t *testing.T) {
			m, diags := Parse("bug.allium", []byte(tt.src))
			if len(diags) > 0 {
				t.Fatalf("input does not parse: %v", diags)
			}
			if !bannerShapedComments(m) && !commentEndsInCR(m) {
				t.Fatal("the fuzz target's filters do not recognise the input")
			}
			out := Print(m, PrintOptions{Provenance: true})
			m2, _ := Parse("printed.allium", out)
			if cmp.Equal(m, m2, ignorePos) {
				t.Fatalf("the round trip now holds: the parser bug is fixed; remove its filter and its case in parserBugInputs")
			}
			t.Skipf("known parser bug, reported to the lead: %s", tt.name)
		})
	}
}
