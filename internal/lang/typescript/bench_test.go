package typescript

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"slices"
	"syscall"
	"testing"
	"time"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/syntax"
)

// corpusEnv names a directory of TypeScript/JavaScript sources to
// benchmark on, e.g. an unpacked npm package (`npm pack rxjs@7.8.1`: its
// src/ is 1.5 MB of TypeScript, dist/cjs its JavaScript build). Nothing
// is vendored: without the variable the benchmarks skip.
const corpusEnv = "DISTILL_TS_CORPUS"

func corpus(b *testing.B) (files []facts.Source, size int64) {
	b.Helper()
	root := os.Getenv(corpusEnv)
	if root == "" {
		b.Skipf("set %s to a directory of .ts/.js sources", corpusEnv)
	}
	exts := New().Extensions()
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() || !slices.Contains(exts, path.Ext(p)) {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		files = append(files, facts.Source{Path: filepath.ToSlash(rel), Data: data})
		size += int64(len(data))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	if len(files) == 0 {
		b.Skipf("no sources under %s", root)
	}
	return files, size
}

func benchmarkCorpus(b *testing.B, run func(context.Context, *syntax.Parser, facts.Source) error) {
	files, size := corpus(b)
	p := syntax.NewParser(0)
	defer p.Close()
	ctx := context.Background()
	b.SetBytes(size)
	b.ReportAllocs()
	cpuStart := cpuTime()
	for b.Loop() {
		for _, f := range files {
			if err := run(ctx, p, f); err != nil {
				b.Fatal(err)
			}
		}
	}
	secs := b.Elapsed().Seconds()
	b.ReportMetric(float64(len(files))*float64(b.N)/secs, "files/s")
	// On a shared host wall time swings with other load; process CPU
	// time gives a comparable figure.
	if cpu := (cpuTime() - cpuStart).Seconds(); cpu > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/cpu/1e6, "MB/cpu-s")
	}
}

func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkParseOnly is bare tree-sitter parsing of the corpus, each file
// with the grammar its extension selects: the floor extraction is
// measured against.
func BenchmarkParseOnly(b *testing.B) {
	benchmarkCorpus(b, func(ctx context.Context, p *syntax.Parser, f facts.Source) error {
		g, _ := grammarFor(f.Path)
		_, err := p.Parse(ctx, g, f.Data, nil)
		return err
	})
}

// BenchmarkExtract is parsing plus fact extraction (issue 13's goal: at
// most 1.5x BenchmarkParseOnly).
func BenchmarkExtract(b *testing.B) {
	ts := New()
	benchmarkCorpus(b, func(ctx context.Context, p *syntax.Parser, f facts.Source) error {
		_, err := ts.Extract(ctx, p, f)
		return err
	})
}

// BenchmarkParseAndCopy parses and copies the tree out of C without
// walking it: what any walker pays before its first node.
func BenchmarkParseAndCopy(b *testing.B) {
	benchmarkCorpus(b, func(ctx context.Context, p *syntax.Parser, f facts.Source) error {
		g, _ := grammarFor(f.Path)
		_, err := p.Parse(ctx, g, f.Data, func(syntax.Node) error { return nil })
		return err
	})
}
