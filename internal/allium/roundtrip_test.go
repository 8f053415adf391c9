package allium

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// checkRoundTrip asserts the two properties the printer promises for a model
// m that came from parsing: printing and reparsing gives m back (positions
// aside), and printing the reparsed model gives the same text (fmt is a fixed
// point). It returns the printed text.
func checkRoundTrip(t testing.TB, name string, m *Module, opt PrintOptions) []byte {
	t.Helper()
	out1 := Print(m, opt)
	m2, diags := Parse(name+" (printed)", out1)
	if len(diags) > 0 {
		t.Fatalf("%s: printed text does not parse: %v\n%s", name, diags, out1)
	}
	if diff := cmp.Diff(m, m2, ignorePos); diff != "" {
		t.Fatalf("%s: parse(print(m)) differs from m (-want +got):\n%s\nprinted:\n%s", name, diff, out1)
	}
	out2 := Print(m2, opt)
	if diff := cmp.Diff(string(out1), string(out2)); diff != "" {
		t.Fatalf("%s: print is not a fixed point (-first +second):\n%s", name, diff)
	}
	return out1
}

// TestPrintRoundTripCorpus runs every corpus file through print and parse in
// both print modes. Without provenance the parsed model has none, so the
// plain mode is also what `distill fmt` does to a hand-written spec.
func TestPrintRoundTripCorpus(t *testing.T) {
	files := corpusFiles(t)
	if len(files) == 0 {
		t.Fatal("no corpus files")
	}
	for _, f := range files {
		for _, opt := range []PrintOptions{{}, {Provenance: true}} {
			t.Run(fmt.Sprintf("%s/provenance=%v", filepath.Base(f), opt.Provenance), func(t *testing.T) {
				src, err := os.ReadFile(f)
				if err != nil {
					t.Fatal(err)
				}
				m, diags := Parse(f, src)
				if len(diags) > 0 {
					t.Fatalf("parse: %v", diags)
				}
				checkRoundTrip(t, f, m, opt)
			})
		}
	}
}

// TestPrintRoundTripProvenance sets a distinct provenance on every construct
// of every corpus file and checks that it survives print -> parse: each one
// is written as a "-- source:" line and read back onto the same construct.
func TestPrintRoundTripProvenance(t *testing.T) {
	for _, f := range corpusFiles(t) {
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			m, diags := Parse(f, src)
			if len(diags) > 0 {
				t.Fatalf("parse: %v", diags)
			}
			n := setProvenance(m, "services/"+strings.TrimSuffix(filepath.Base(f), ".allium")+".py")
			if n < 20 {
				t.Fatalf("set provenance on only %d constructs; the walk is missing nodes", n)
			}
			out := checkRoundTrip(t, f, m, PrintOptions{Provenance: true})
			if got := strings.Count(string(out), "-- source: services/"); got != n {
				t.Errorf("printed %d source lines, want one per construct (%d)", got, n)
			}
			// Without the option the same model prints no source lines, and
			// parses back to the model without provenance.
			plain := Print(m, PrintOptions{})
			if strings.Contains(string(plain), "-- source:") {
				t.Errorf("plain print contains source lines:\n%s", plain)
			}
			m3, diags := Parse(f, plain)
			if len(diags) > 0 {
				t.Fatalf("parse of plain print: %v", diags)
			}
			clearProvenance(m)
			if diff := cmp.Diff(m, m3, ignorePos); diff != "" {
				t.Errorf("plain print of a model with provenance (-want +got):\n%s", diff)
			}
		})
	}
}

// setProvenance gives every Meta reachable from m a provenance in file, with
// a line number unique to the construct, and returns how many it set.
func setProvenance(m *Module, file string) int {
	n := 0
	walkModel(reflect.ValueOf(m), func(_ string, v reflect.Value) {
		if v.Type() != metaType || !v.CanAddr() {
			return
		}
		n++
		meta := v.Addr().Interface().(*Meta)
		meta.Prov = &Provenance{File: file, Line: 100 + n}
	})
	return n
}

func clearProvenance(m *Module) {
	walkModel(reflect.ValueOf(m), func(_ string, v reflect.Value) {
		if v.Type() == metaType && v.CanAddr() {
			v.Addr().Interface().(*Meta).Prov = nil
		}
	})
}
