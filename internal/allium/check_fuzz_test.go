package allium

import (
	"os"
	"path/filepath"
	"testing"
)

// checkSeeds returns the corpus and checker fixtures as fuzz seeds.
func checkSeeds(tb testing.TB) [][]byte {
	tb.Helper()
	var out [][]byte
	for _, pattern := range []string{"testdata/corpus/*.allium", "testdata/check/*.allium"} {
		files, err := filepath.Glob(filepath.FromSlash(pattern))
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range files {
			src, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			out = append(out, src)
		}
	}
	return out
}

// FuzzCheck parses arbitrary text and checks whatever module comes out: the
// checker must not panic, and its output must be sorted and use only
// documented codes.
func FuzzCheck(f *testing.F) {
	for _, src := range checkSeeds(f) {
		f.Add(src)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		m, _ := Parse("fuzz.allium", src)
		if m == nil {
			return
		}
		ds := Check(m, CheckOptions{File: "fuzz.allium"})
		sorted := append(Diagnostics(nil), ds...)
		sorted.Sort()
		for i, d := range ds {
			if d != sorted[i] {
				t.Fatalf("diagnostics not sorted: %v", ds)
			}
			if _, ok := LookupCheckCode(d.Code); !ok {
				t.Fatalf("undocumented code %s: %v", d.Code, d)
			}
		}
	})
}

// BenchmarkCheckCorpus measures Check over the whole parsed corpus (parsing
// is done once, outside the loop).
func BenchmarkCheckCorpus(b *testing.B) {
	files, _ := filepath.Glob(filepath.Join("testdata", "corpus", "*.allium"))
	if len(files) == 0 {
		b.Skip("no corpus")
	}
	var mods []*Module
	for _, f := range files {
		m, _ := parseFixture(b, f)
		mods = append(mods, m)
	}
	b.ReportAllocs()
	for b.Loop() {
		for _, m := range mods {
			Check(m, CheckOptions{File: "bench.allium"})
		}
	}
}
