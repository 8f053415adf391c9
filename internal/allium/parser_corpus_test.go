package allium

import (
	"fmt"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
	"os"
	"path/filepath"
	"reflect"
	"testing"
)

// corpusFiles lists the hand-written specs under testdata/corpus.
func corpusFiles(t testing.TB) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", "corpus", "*.allium"))
	if err != nil {
		t.Fatal(err)
	}
	return files
}

func TestParseCorpus(t *testing.T) {
	files := corpusFiles(t)
	if len(files) == 0 {
		t.Skip("no corpus files yet")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			m, diags := Parse(f, src)
			for _, d := range diags {
				t.Errorf("%s", d)
			}
			if m.Version != 3 {
				t.Errorf("Version = %d, want 3", m.Version)
			}
		})
	}
}

// ignorePos compares models regardless of where they were parsed from.
var ignorePos = cmpopts.IgnoreTypes(Pos{})

// TestRoundTripCorpus checks that the printer and the parser agree: printing
// a parsed corpus file and parsing the result gives the same model, and
// printing is a fixed point.
func TestRoundTripCorpus(t *testing.T) {
	files := corpusFiles(t)
	if len(files) == 0 {
		t.Skip("no corpus files yet")
	}
	for _, f := range files {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			m1, diags := Parse(f, src)
			if len(diags) > 0 {
				t.Fatalf("parse: %v", diags)
			}
			out1 := Print(m1, PrintOptions{})
			m2, diags := Parse(f+" (printed)", out1)
			if len(diags) > 0 {
				t.Fatalf("parse of printed text: %v\n%s", diags, out1)
			}
			if diff := cmp.Diff(m1, m2, ignorePos); diff != "" {
				t.Errorf("parse(print(parse(x))) differs from parse(x) (-want +got):\n%s", diff)
			}
			out2 := Print(m2, PrintOptions{})
			if diff := cmp.Diff(string(out1), string(out2)); diff != "" {
				t.Errorf("print is not a fixed point (-first +second):\n%s", diff)
			}
		})
	}
}

// TestParsePositionsEverywhere checks that every construct and expression of
// every corpus file carries a position from the text.
func TestParsePositionsEverywhere(t *testing.T) {
	for _, f := range corpusFiles(t) {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		m, _ := Parse(f, src)
		n := 0
		walkModel(reflect.ValueOf(m), func(path string, v reflect.Value) {
			n++
			switch x := v.Interface().(type) {
			case Meta:
				if !x.Pos.IsValid() {
					t.Errorf("%s: %s has no position", f, path)
				}
			case ExprPos:
				if !x.P.IsValid() {
					t.Errorf("%s: %s has no position", f, path)
				}
			}
		})
		if n == 0 {
			t.Errorf("%s: walked nothing", f)
		}
	}
}

var (
	metaType    = reflect.TypeOf(Meta{})
	exprPosType = reflect.TypeOf(ExprPos{})
)

// walkModel calls visit for every Meta and ExprPos reachable from v.
func walkModel(v reflect.Value, visit func(path string, v reflect.Value)) {
	var walk func(path string, v reflect.Value)
	walk = func(path string, v reflect.Value) {
		switch v.Kind() {
		case reflect.Pointer, reflect.Interface:
			if !v.IsNil() {
				walk(path, v.Elem())
			}
		case reflect.Slice:
			for i := range v.Len() {
				walk(fmt.Sprintf("%s[%d]", path, i), v.Index(i))
			}
		case reflect.Struct:
			if v.Type() == metaType || v.Type() == exprPosType {
				visit(path, v)
				return
			}
			for i := range v.NumField() {
				walk(path+"."+v.Type().Field(i).Name, v.Field(i))
			}
		}
	}
	walk("Module", v)
}
