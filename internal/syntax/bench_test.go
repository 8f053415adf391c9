package syntax

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
)

// stdlibCorpus reads every .py file of the local Python standard library
// (without site-packages), or skips the benchmark when there is none.
func stdlibCorpus(b *testing.B) (files [][]byte, size int64) {
	b.Helper()
	out, err := exec.Command("python3", "-c", `import sysconfig;print(sysconfig.get_paths()["stdlib"])`).Output()
	if err != nil {
		b.Skipf("no python3: %v", err)
	}
	root := strings.TrimSpace(string(out))
	err = filepath.WalkDir(root, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil
		}
		if d.IsDir() && d.Name() == "site-packages" {
			return filepath.SkipDir
		}
		if d.Type().IsRegular() && strings.HasSuffix(path, ".py") {
			data, err := os.ReadFile(path)
			if err == nil {
				files = append(files, data)
				size += int64(len(data))
			}
		}
		return nil
	})
	if err != nil || len(files) == 0 {
		b.Skipf("no stdlib sources under %s: %v", root, err)
	}
	return files, size
}

func benchmarkWalk(b *testing.B, walk func(Node) error) {
	files, size := stdlibCorpus(b)
	p := NewParser(0)
	defer p.Close()
	ctx := context.Background()
	b.SetBytes(size)
	cpuStart := cpuTime()
	for b.Loop() {
		for _, f := range files {
			if _, err := p.Parse(ctx, Python(), f, walk); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(len(files))*float64(b.N)/b.Elapsed().Seconds(), "files/s")
	if cpu := (cpuTime() - cpuStart).Seconds(); cpu > 0 {
		b.ReportMetric(float64(size)*float64(b.N)/cpu/1e6, "MB/cpu-s")
	}
}

// cpuTime is the process's user plus system CPU time: on a shared host it
// is a steadier measure than wall time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkParse is bare parsing: the floor for any extraction.
func BenchmarkParse(b *testing.B) {
	benchmarkWalk(b, nil)
}

// BenchmarkFlatten is parsing plus the copy of the tree into Go memory
// that every walk starts with.
func BenchmarkFlatten(b *testing.B) {
	benchmarkWalk(b, func(Node) error { return nil })
}

// BenchmarkVisitAll visits every node through Children and reads its
// kind: the cost of a walk that descends everywhere.
func BenchmarkVisitAll(b *testing.B) {
	var kinds int
	var visit func(n Node)
	visit = func(n Node) {
		kinds += int(n.Kind())
		for _, c := range n.Children() {
			visit(c)
		}
	}
	benchmarkWalk(b, func(root Node) error { visit(root); return nil })
}
