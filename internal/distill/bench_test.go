package distill

import (
	"context"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/lang/python"
	"github.com/distill/distill/internal/source"
	"github.com/distill/distill/internal/syntax"
)

// stdlibFiles reads the local Python standard library (the top-level
// modules of the newest python3.x under /usr/lib), or skips.
func stdlibFiles(b *testing.B) ([]source.File, int64) {
	dirs, _ := filepath.Glob("/usr/lib/python3*")
	if len(dirs) == 0 {
		b.Skip("no Python standard library under /usr/lib")
	}
	dir := dirs[len(dirs)-1]
	var files []source.File
	var total int64
	entries, err := os.ReadDir(dir)
	if err != nil {
		b.Skip(err)
	}
	for _, e := range entries {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".py") {
			continue
		}
		data, err := os.ReadFile(filepath.Join(dir, e.Name()))
		if err != nil || len(data) > 1<<20 {
			continue
		}
		files = append(files, source.File{Path: e.Name(), Data: data})
		total += int64(len(data))
	}
	if len(files) == 0 {
		b.Skip("no files")
	}
	return files, total
}

// BenchmarkDistillStdlib distils the standard library's top-level modules
// as one service; the sub-benchmark "parse" is bare tree-sitter parsing of
// the same files, the bar distillation is measured against.
func BenchmarkDistillStdlib(b *testing.B) {
	files, total := stdlibFiles(b)
	report := func(b *testing.B, start time.Time) {
		secs := time.Since(start).Seconds()
		b.ReportMetric(float64(total)*float64(b.N)/secs/1e6, "MB/s")
		b.ReportMetric(float64(len(files))*float64(b.N)/secs, "files/s")
	}
	b.Run("parse", func(b *testing.B) {
		p := syntax.NewParser(time.Minute)
		defer p.Close()
		g := syntax.Python()
		b.ResetTimer()
		start := time.Now()
		for range b.N {
			for _, f := range files {
				if _, err := p.Parse(context.Background(), g, f.Data, func(syntax.Node) error { return nil }); err != nil {
					b.Fatal(err)
				}
			}
		}
		report(b, start)
	})
	b.Run("extract", func(b *testing.B) {
		p := syntax.NewParser(time.Minute)
		defer p.Close()
		py := python.New()
		b.ResetTimer()
		start := time.Now()
		for range b.N {
			for _, f := range files {
				if _, err := py.Extract(context.Background(), p, facts.Source{Path: f.Path, Data: f.Data}); err != nil {
					b.Fatal(err)
				}
			}
		}
		report(b, start)
	})
	b.Run("distill", func(b *testing.B) {
		d := New(Options{})
		_ = runtime.GOMAXPROCS(0)
		b.ResetTimer()
		start := time.Now()
		for range b.N {
			if _, err := d.Distill(context.Background(), Input{Service: "stdlib", Files: files}); err != nil {
				b.Fatal(err)
			}
		}
		report(b, start)
	})
}
