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
	"syscall"
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

// cloneTimeline prints, for each iteration of BenchmarkRunVsCloneParse,
// when each service of the run started, was fetched and was distilled.
var cloneTimeline = flag.Bool("clone.timeline", false, "BenchmarkRunVsCloneParse: print each service's fetch and distillation, from the run's start")

// cloneKnown primes each iteration of BenchmarkRunVsCloneParse with an
// untimed run (another tool version) into the same output directory, then
// empties the fetch cache: the timed run fetches and distils everything
// as a cold one does, but knows from the previous state how large each
// repository is (a new distill release on a fresh machine).
var cloneKnown = flag.Bool("clone.known", false, "BenchmarkRunVsCloneParse: time a run that fetches and distils everything but has the previous run's state")

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
// after_services_s (compare, Parquet and the outputs, after it); and the
// CPU seconds of each side (clone_cpu_s, parse_cpu_s, run_cpu_s), the
// server's included, as the machine may be shared.
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
	var cloneCPU, parseCPU, runCPU []float64
	var lastEnd, lastFetch, lastDistill, tail []float64
	for b.Loop() {
		b.StopTimer()
		root := b.TempDir()
		b.StartTimer()

		t0, c0 := time.Now(), cpuSeconds()
		cloned := cloneAll(b, srv, names, filepath.Join(root, "clones"))
		t1, c1 := time.Now(), cpuSeconds()
		parseTree(b, cloned)
		t2, c2 := time.Now(), cpuSeconds()
		cloneTimes = append(cloneTimes, t1.Sub(t0).Seconds())
		parseTimes = append(parseTimes, t2.Sub(t1).Seconds())
		cloneCPU = append(cloneCPU, c1-c0)
		parseCPU = append(parseCPU, c2-c1)

		cfg := pipeline.Config{
			Manifest: m, OutDir: filepath.Join(root, "out"), CacheDir: filepath.Join(root, "cache"),
			Provenance: true, Catalog: cat, ToolVersion: "bench",
		}
		if *cloneKnown {
			b.StopTimer()
			prime := cfg
			prime.ToolVersion = "bench-prime"
			if _, err := pipeline.Run(context.Background(), prime); err != nil {
				b.Fatalf("priming run: %v", err)
			}
			if err := os.RemoveAll(cfg.CacheDir); err != nil {
				b.Fatal(err)
			}
			b.StartTimer()
		}
		t3, c3 := time.Now(), cpuSeconds()
		res, err := pipeline.Run(context.Background(), cfg)
		runTimes = append(runTimes, time.Since(t3).Seconds())
		runCPU = append(runCPU, cpuSeconds()-c3)
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
		if *cloneTimeline {
			printTimeline(b, res)
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
	b.ReportMetric(median(cloneCPU), "clone_cpu_s")
	b.ReportMetric(median(parseCPU), "parse_cpu_s")
	b.ReportMetric(median(runCPU), "run_cpu_s")
	b.ReportMetric(median(lastEnd), "last_service_end_s")
	b.ReportMetric(median(lastFetch), "last_service_fetch_s")
	b.ReportMetric(median(lastDistill), "last_service_distill_s")
	b.ReportMetric(median(tail), "after_services_s")
	b.ReportMetric(float64(len(names)), "repos")
	b.ReportMetric(float64(files), "files")
	b.ReportMetric(float64(bytes)/1e6, "src_MB")
}

// cpuSeconds is the CPU time (user and system) this process and its
// waited-for children have used so far: the git clients of the baseline and
// the git http-backend processes that serve both sides are children.
func cpuSeconds() float64 {
	var self, kids syscall.Rusage
	if syscall.Getrusage(syscall.RUSAGE_SELF, &self) != nil || syscall.Getrusage(syscall.RUSAGE_CHILDREN, &kids) != nil {
		return 0
	}
	tv := func(t syscall.Timeval) float64 { return float64(t.Sec) + float64(t.Usec)/1e6 }
	return tv(self.Utime) + tv(self.Stime) + tv(kids.Utime) + tv(kids.Stime)
}

// printTimeline logs each service's start, fetch and distillation, counted
// from the run's start, in the order they ended.
func printTimeline(b *testing.B, res *pipeline.Result) {
	ss := append([]pipeline.ServiceResult(nil), res.Services...)
	end := func(s *pipeline.ServiceResult) time.Duration { return s.Started.Sub(res.Started) + s.Fetch + s.Distill }
	sort.SliceStable(ss, func(i, j int) bool { return end(&ss[i]) < end(&ss[j]) })
	var text strings.Builder
	for i := range ss {
		s := &ss[i]
		fmt.Fprintf(&text, "%-40s files %5d  start %6.2fs  fetched %6.2fs  distilled %6.2fs (%5.2fs)\n", s.ID(), s.FilesRead,
			s.Started.Sub(res.Started).Seconds(), (s.Started.Sub(res.Started) + s.Fetch).Seconds(), end(s).Seconds(), s.Distill.Seconds())
	}
	fmt.Fprintf(&text, "run returned at %.2fs\n", res.Finished.Sub(res.Started).Seconds())
	fmt.Fprint(os.Stderr, text.String())
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
