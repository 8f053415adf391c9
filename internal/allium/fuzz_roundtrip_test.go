package allium

import (
	"os"
	"reflect"
	"path/filepath"
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
