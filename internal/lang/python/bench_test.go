package python

import (
	"context"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/syntax"
)

// stdlibSources reads every .py file of the local Python standard library
// (without site-packages), or skips when there is none.
func stdlibSources(b *testing.B) (files []facts.Source, size int64) {
	b.Helper()
	out, err := exec.Command("python3", "-c", `import sysconfig;print(sysconfig.get_paths()["stdlib"])`).Output()
	if err != nil {
		b.Skipf("no python3: %v", err)
	}
	root := strings.TrimSpace(string(out))
	_ = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && d.Name() == "site-packages" {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() && strings.HasSuffix(path, ".py") {
			if data, err := os.ReadFile(path); err == nil {
				rel, _ := filepath.Rel(root, path)
				files = append(files, facts.Source{Path: filepath.ToSlash(rel), Data: data})
				size += int64(len(data))
			}
		}
		return nil
	})
	if len(files) == 0 {
		b.Skipf("no stdlib sources under %s", root)
	}
	return files, size
}

func benchmarkStdlib(b *testing.B, run func(context.Context, *syntax.Parser, facts.Source) error) {
	files, size := stdlibSources(b)
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
	b.ReportMetric(float64(size)*float64(b.N)/secs/1e6, "MB/s")
	b.ReportMetric(float64(len(files))*float64(b.N)/secs, "files/s")
	// On a shared host wall time swings with other load; process CPU
	// time (parse and walk are single-threaded, GC runs beside them)
	// gives a comparable figure.
	if cpu := (cpuTime() - cpuStart).Seconds(); cpu > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/cpu/1e6, "MB/cpu-s")
	}
}

// cpuTime is the process's user plus system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkParseOnly is bare tree-sitter parsing of the standard library.
func BenchmarkParseOnly(b *testing.B) {
	benchmarkStdlib(b, func(ctx context.Context, p *syntax.Parser, f facts.Source) error {
		_, err := p.Parse(ctx, syntax.Python(), f.Data, nil)
		return err
	})
}

// BenchmarkExtract is parsing plus fact extraction; the target is within
// 2x of BenchmarkParseOnly.
func BenchmarkExtract(b *testing.B) {
	py := New()
	benchmarkStdlib(b, func(ctx context.Context, p *syntax.Parser, f facts.Source) error {
		_, err := py.Extract(ctx, p, f)
		return err
	})
}
