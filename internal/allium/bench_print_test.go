package allium

import (
	"os"
	"testing"
)

// BenchmarkPrint prints every corpus file (parsed once, outside the timer).
// Bytes are the printed output, so MB/s compares with BenchmarkParse.
func BenchmarkPrint(b *testing.B) {
	for _, opt := range []PrintOptions{{}, {Provenance: true}} {
		name := "plain"
		if opt.Provenance {
			name = "provenance"
		}
		b.Run(name, func(b *testing.B) {
			files := corpusFiles(b)
			if len(files) == 0 {
				b.Fatal("no corpus files")
			}
			var models []*Module
			size := 0
			for _, f := range files {
				src, err := os.ReadFile(f)
				if err != nil {
					b.Fatal(err)
				}
				m, diags := Parse(f, src)
				if len(diags) > 0 {
					b.Fatalf("%s does not parse: %v", f, diags)
				}
				if opt.Provenance {
					setProvenance(m, "services/app.py")
				}
				models = append(models, m)
				size += len(Print(m, opt))
			}
			b.SetBytes(int64(size))
			b.ReportAllocs()
			for b.Loop() {
				for _, m := range models {
					Print(m, opt)
				}
			}
		})
	}
}
