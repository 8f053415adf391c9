package allium

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"
)

// FuzzParse checks that the parser survives any input: it returns, never
// panics, and reports well-formed diagnostics.
func FuzzParse(f *testing.F) {
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
	f.Fuzz(func(t *testing.T, src []byte) {
		m, diags := Parse("fuzz.allium", src)
		if m == nil {
			t.Fatal("Parse returned a nil module")
		}
		if len(diags) > maxDiagnostics {
			t.Fatalf("%d diagnostics, cap is %d", len(diags), maxDiagnostics)
		}
		for _, d := range diags {
			if d.Line < 1 || d.Col < 1 || d.Msg == "" || d.File != "fuzz.allium" {
				t.Fatalf("malformed diagnostic %+v", d)
			}
		}
		if len(src) < 4096 {
			_, _ = ParseExpr(string(src))
		}
	})
}

// BenchmarkParse parses the whole corpus as one text.
func BenchmarkParse(b *testing.B) {
	files := corpusFiles(b)
	if len(files) == 0 {
		b.Skip("no corpus files")
	}
	var all bytes.Buffer
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			b.Fatal(err)
		}
		all.Write(src)
		all.WriteByte('\n')
	}
	src := all.Bytes()
	if _, diags := Parse("corpus.allium", src); len(diags) > 0 {
		b.Fatalf("corpus does not parse cleanly: %v", diags)
	}
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	for b.Loop() {
		Parse("corpus.allium", src)
	}
}
