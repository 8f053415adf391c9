package pipeline_test

import (
	"context"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/fetch/fetchtest"
	"github.com/distill/distill/internal/manifest"
	"github.com/distill/distill/internal/pipeline"
	"github.com/distill/distill/internal/syntax"
)

// cloneExtra names more directories to serve as repositories in
// BenchmarkRunVsCloneParse, beside the services of testdata/realworld;
// scripts/bench.sh passes the Python standard library, so that the batch
// holds one large repository as a real organisation does.
var cloneExtra = flag.String("clone.extra", "", "BenchmarkRunVsCloneParse: comma-separated directories served as extra repositories")

// cloneParallel is how many clones the baseline runs at once (issue 12's
// yardstick: `git clone --depth 1`, eight in parallel).
const cloneParallel = 8

// BenchmarkRunVsCloneParse measures issue 12's batch goal: a cold `distill
// run` (clone, distil, compare, Parquet tables) of several real
// repositories against the least any tool of its kind must do with them —
// `git clone --depth 1` of each, eight at a time, then a bare tree-sitter
// parse of their Python files on every core. The repositories are the
// services of testdata/realworld and the -clone.extra directories, served
// by git's smart-HTTP backend on loopback; both sides fetch from the same
// server. Each iteration runs both, alternately.
//
// Metrics: baseline_s (clone_s + parse_s), run_s, x_baseline (run_s /
// baseline_s), repos, files, src_MB; and where the run's time went:
// last_service_end_s (when the service that finished last was done),
// last_service_fetch_s and last_service_distill_s (its two stages), and
// after_services_s (compare, Parquet and the outputs, after it).
func BenchmarkRunVsCloneParse(b *testing.B) {
	if _, err := exec.LookPath("git"); err != nil {
		b.Skip("no git on PATH: the baseline runs git clone")
	}
	dirs := realworldSources(b)
	for _, d := range strings.Split(*cloneExtra, ",") {
		if d = strings.TrimSpace(d); d != "" {
			dirs = append(dirs, d)
		}
	}
	srv := fetchtest.NewServer(b)
	var names []string
	files, bytes := 0, int64(0)
	for i, dir := range dirs {
		name := fmt.Sprintf("repo%02d-%s", i, filepath.Base(filepath.Dir(dir)))
		if filepath.Base(dir) != "src" {
			name = fmt.Sprintf("repo%02d-%s", i, filepath.Base(dir))
		}
		n, sz := copyPython(b, dir, nil)
		files, bytes = files+n, bytes+sz
		srv.AddRepo(name, func(repo string) {
			copyPython(b, dir, &repo)
			fetchtest.Commit(b, repo, "vendored for the benchmark")
		})
		names = append(names, name)
	}
	var text strings.Builder
	text.WriteString("version: 1\ndefaults:\n  depth: 1\n  timeout: 10m\nrepos:\n")
	for _, n := range names {
		fmt.Fprintf(&text, "  - name: %s\n    url: %q\n    services:\n      - name: svc\n        path: \".\"\n        language: python\n", n, srv.URL(n))
	}
	m, err := manifest.Parse([]byte(text.String()), "bench.yaml", func(string) (string, bool) { return "", false })
	if err != nil {
		b.Fatalf("manifest: %v\n%s", err, text.String())
	}
	cat, err := catalog.Default()
	if err != nil {
		b.Fatal(err)
	}

	var cloneTimes, parseTimes, runTimes []float64
	var lastEnd, lastFetch, lastDistill, tail []float64
	for b.Loop() {
		b.StopTimer()
		root := b.TempDir()
		b.StartTimer()

		t0 := time.Now()
		cloned := cloneAll(b, srv, names, filepath.Join(root, "clones"))
		t1 := time.Now()
		parseTree(b, cloned)
		t2 := time.Now()
		cloneTimes = append(cloneTimes, t1.Sub(t0).Seconds())
		parseTimes = append(parseTimes, t2.Sub(t1).Seconds())

		cfg := pipeline.Config{
			Manifest: m, OutDir: filepath.Join(root, "out"), CacheDir: filepath.Join(root, "cache"),
			Provenance: true, Catalog: cat, ToolVersion: "bench",
		}
		t3 := time.Now()
		res, err := pipeline.Run(context.Background(), cfg)
		runTimes = append(runTimes, time.Since(t3).Seconds())
		if err != nil {
			b.Fatalf("run: %v", err)
		}
		// Where the run's time went: the service that finished last
		// (its fetch and distillation) and what followed it (compare,
		// Parquet, the output swap) until Run returned.
		var last serviceTiming
		for _, s := range res.Services {
			t := serviceTiming{
				end:     s.Started.Sub(res.Started) + s.Fetch + s.Distill,
				fetch:   s.Fetch,
				distill: s.Distill,
			}
			if t.end > last.end {
				last = t
			}
		}
		lastEnd = append(lastEnd, last.end.Seconds())
		lastFetch = append(lastFetch, last.fetch.Seconds())
		lastDistill = append(lastDistill, last.distill.Seconds())
		tail = append(tail, runTimes[len(runTimes)-1]-last.end.Seconds())

		b.StopTimer()
		if err := os.RemoveAll(root); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	c, p, r := median(cloneTimes), median(parseTimes), median(runTimes)
	b.ReportMetric(c, "clone_s")
	b.ReportMetric(p, "parse_s")
	b.ReportMetric(c+p, "baseline_s")
	b.ReportMetric(r, "run_s")
	b.ReportMetric(r/(c+p), "x_baseline")
	b.ReportMetric(median(lastEnd), "last_service_end_s")
	b.ReportMetric(median(lastFetch), "last_service_fetch_s")
	b.ReportMetric(median(lastDistill), "last_service_distill_s")
	b.ReportMetric(median(tail), "after_services_s")
	b.ReportMetric(float64(len(names)), "repos")
	b.ReportMetric(float64(files), "files")
	b.ReportMetric(float64(bytes)/1e6, "src_MB")
}

// serviceTiming is when a service of the run finished, counted from the
// run's start, and what its fetch and distillation took.
type serviceTiming struct{ end, fetch, distill time.Duration }

// realworldSources lists testdata/realworld/*/src.
func realworldSources(b *testing.B) []string {
	dirs, err := filepath.Glob(filepath.Join("..", "..", "testdata", "realworld", "*", "src"))
	if err != nil || len(dirs) == 0 {
		b.Fatalf("no testdata/realworld/*/src (%v)", err)
	}
	return dirs
}

// copyPython counts the Python files under src (below 1 MiB, as the
// manifest's default selection reads) and, with a destination, copies them
// there. It returns the count and their size.
func copyPython(b *testing.B, src string, dst *string) (int, int64) {
	n, total := 0, int64(0)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(p, ".py") {
			return err
		}
		info, err := d.Info()
		if err != nil || info.Size() >= 1<<20 {
			return err
		}
		n, total = n+1, total+info.Size()
		if dst == nil {
			return nil
		}
		rel, _ := filepath.Rel(src, p)
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		out := filepath.Join(*dst, rel)
		if err := os.MkdirAll(filepath.Dir(out), 0o755); err != nil {
			return err
		}
		return os.WriteFile(out, data, 0o644)
	})
	if err != nil {
		b.Fatalf("reading %s: %v", src, err)
	}
	return n, total
}

// cloneAll runs `git clone --depth 1` of every repository, cloneParallel
// at a time, into dir, and returns dir.
func cloneAll(b *testing.B, srv *fetchtest.Server, names []string, dir string) string {
	var g errgroup.Group
	g.SetLimit(cloneParallel)
	for _, n := range names {
		g.Go(func() error {
			cmd := exec.Command("git", "clone", "--quiet", "--depth", "1", srv.URL(n), filepath.Join(dir, n))
			if out, err := cmd.CombinedOutput(); err != nil {
				return fmt.Errorf("git clone %s: %v\n%s", n, err, out)
			}
			return nil
		})
	}
	if err := g.Wait(); err != nil {
		b.Fatal(err)
	}
	return dir
}

// parseTree parses every Python file under dir with bare tree-sitter on
// GOMAXPROCS workers, each with its own parser, reading the files as it
// goes: the least a tool that reads the code must do after the clone.
func parseTree(b *testing.B, dir string) {
	var paths []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if d.IsDir() && d.Name() == ".git" {
			return filepath.SkipDir
		}
		if !d.IsDir() && strings.HasSuffix(p, ".py") {
			paths = append(paths, p)
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	sort.Strings(paths)
	g := syntax.Python()
	var next atomic.Int64
	var wg sync.WaitGroup
	for range runtime.GOMAXPROCS(0) {
		wg.Go(func() {
			p := syntax.NewParser(time.Minute)
			defer p.Close()
			for {
				i := int(next.Add(1)) - 1
				if i >= len(paths) {
					return
				}
				data, err := os.ReadFile(paths[i])
				if err != nil {
					b.Error(err)
					return
				}
				if _, err := p.Parse(context.Background(), g, data, nil); err != nil {
					b.Error(err)
				}
			}
		})
	}
	wg.Wait()
}

// median of xs (0 for none); xs is sorted in place.
func median(xs []float64) float64 {
	if len(xs) == 0 {
		return 0
	}
	sort.Float64s(xs)
	return xs[len(xs)/2]
}
