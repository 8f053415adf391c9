package pipeline

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/manifest"
	"github.com/distill/distill/internal/summary"
)

// Flags of BenchmarkMerge (after -args; scripts/bench.sh passes
// MERGE_SERVICES and MERGE_SHARDS).
var (
	benchMergeServices = flag.Int("merge.services", 10000, "BenchmarkMerge: services in the synthetic organisation")
	benchMergeShards   = flag.Int("merge.shards", 4, "BenchmarkMerge: shard outputs to merge")
)

// benchMergeSpec is the real spec every synthetic service carries: a
// distilled Flask service of 28 files, so the construct rows per service
// are those of a real one.
const benchMergeSpec = "testdata/golden/specs/flask-accounts/accounts.allium"

// BenchmarkMerge is `distill merge` over synthetic shard outputs: an
// organisation of -merge.services services (five per repository, no
// group) split into -merge.shards shards by the real shard hash, each
// shard output written as run --shard writes one (specs, services.parquet,
// summary.parquet, run.json, state). Building them is not timed; each
// iteration merges into a new output directory. The groups are left out:
// comparing them is compare's cost, measured by its own benchmarks, and
// the same in a sharded run as in an unsharded one. Figures are reported,
// never asserted; what is asserted is that every service is merged ok.
//
// Metrics: services, construct_rows (rows of summary.parquet merged),
// vmhwm_MB (the process's peak resident set during the merges), heap_MB (the heap memory held from the OS after a merge, HeapSys less
// HeapReleased: near the live heap's high-water mark, which the runtime
// does not report).
func BenchmarkMerge(b *testing.B) {
	services, shards := *benchMergeServices, *benchMergeShards
	root := b.TempDir()
	m, dirs, rows := writeSyntheticShards(b, root, services, shards)
	ctx := context.Background()
	// The shard outputs were built in this process: hand their memory back
	// and start the resident-set peak from here.
	debug.FreeOSMemory()
	_ = os.WriteFile("/proc/self/clear_refs", []byte("5"), 0)
	var peak uint64
	b.ResetTimer()
	for i := 0; b.Loop(); i++ {
		out := filepath.Join(root, fmt.Sprintf("out-%d", i))
		res, err := Merge(ctx, Config{Manifest: m, OutDir: out, ToolVersion: "bench"}, dirs)
		if err != nil {
			b.Fatalf("merge: %v", err)
		}
		if n := res.Count(StatusOK); n != services {
			b.Fatalf("%d of %d services merged ok", n, services)
		}
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		peak = max(peak, ms.HeapSys-ms.HeapReleased)
		b.StopTimer()
		if err := os.RemoveAll(out); err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
	}
	b.ReportMetric(float64(services), "services")
	b.ReportMetric(float64(rows), "construct_rows")
	b.ReportMetric(float64(peak)/1e6, "heap_MB")
	b.ReportMetric(float64(vmHWM())/1e6, "vmhwm_MB")
}

// vmHWM is the process's peak resident set since the last reset (VmHWM in
// /proc/self/status), in bytes; 0 where there is none. Here: the merges'.
func vmHWM() uint64 {
	data, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(data), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmHWM:"); ok {
			kb, _ := strconv.ParseUint(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), 10, 64)
			return kb << 10
		}
	}
	return 0
}

// writeSyntheticShards writes the manifest and the shard outputs of an
// organisation of n services into root, and returns the manifest, the
// shard directories and the number of construct rows over all shards.
func writeSyntheticShards(b *testing.B, root string, n, count int) (*manifest.Manifest, []string, int) {
	b.Helper()
	src, err := os.ReadFile(benchMergeSpec)
	if err != nil {
		b.Fatal(err)
	}
	mod, diags := allium.Parse(benchMergeSpec, src)
	if diags.HasErrors() {
		b.Fatalf("%s: %v", benchMergeSpec, diags.Err())
	}
	cons := constructs(mod)
	const perRepo = 5
	var yml strings.Builder
	yml.WriteString("version: 1\nrepos:\n")
	repos := (n + perRepo - 1) / perRepo
	for r := range repos {
		fmt.Fprintf(&yml, "  - name: repo-%05d\n    url: https://git.example.com/org/repo-%05d.git\n    services:\n", r, r)
		for s := range min(perRepo, n-r*perRepo) {
			fmt.Fprintf(&yml, "      - {name: svc-%d, path: svc-%d, language: python}\n", s, s)
		}
	}
	m, err := manifest.Parse([]byte(yml.String()), "synthetic.yaml", nil)
	if err != nil {
		b.Fatalf("synthetic manifest: %v", err)
	}

	specDigest := digestBytes(src)
	started := time.Date(2026, 12, 1, 2, 30, 0, 0, time.UTC)
	dirs := make([]string, count)
	total := 0
	for i := range count {
		sh := Shard{Index: i, Count: count}
		dir := filepath.Join(root, fmt.Sprintf("shard-%d", i))
		dirs[i] = dir
		st := state{Version: 1, Services: map[string]stateEntry{}}
		var svcRows []summary.ServiceRow
		var conRows []summary.ConstructRow
		rec := runRecord{Tool: "distill", ToolVersion: "bench", ManifestDigest: m.Digest, CatalogDigest: "bench",
			Started: started, Finished: started.Add(time.Minute), Status: map[string]int{}, Failed: []failedEntry{},
			Stale: []staleEntry{}, Groups: []string{}, Outputs: []string{},
			Shard: &shardRecord{Index: i, Count: count, ManifestDigest: m.Digest, ToolVersion: "bench", Repos: []string{}}}
		for _, repo := range m.Repos {
			if !sh.Holds(repo.Name) {
				continue
			}
			rec.Shard.Repos = append(rec.Shard.Repos, repo.Name)
			for _, svc := range repo.Services {
				rel := specRel(repo.Name, svc.Name)
				s := ServiceResult{Repo: repo.Name, Service: svc.Name, URL: repo.URL, Commit: strings.Repeat("ab", 20),
					Language: "python", Status: StatusOK, Started: started, SpecPath: rel, SpecDigest: specDigest,
					FilesRead: 28, Entities: 7, Rules: 12, ConfigParams: 6, Constructs: len(cons)}
				svcRows = append(svcRows, serviceRow(&s))
				for _, c := range cons {
					conRows = append(conRows, constructRow(&s, c, nil))
				}
				path := filepath.Join(dir, filepath.FromSlash(rel))
				if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
					b.Fatal(err)
				}
				if err := os.WriteFile(path, src, 0o644); err != nil {
					b.Fatal(err)
				}
				st.Services[s.ID()] = stateEntry{InputKey: "bench", Commit: s.Commit, Language: "python", SpecDigest: specDigest,
					FilesRead: 28, Entities: 7, Rules: 12, ConfigParams: 6, GoodAt: started}
				rec.Services++
				rec.Status[StatusOK]++
			}
			rec.Repos++
		}
		total += len(conRows)
		if err := writeTable(filepath.Join(dir, summary.ServicesFile), svcRows); err != nil {
			b.Fatal(err)
		}
		if err := writeTable(filepath.Join(dir, summary.ConstructsFile), conRows); err != nil {
			b.Fatal(err)
		}
		for name, v := range map[string]any{"run.json": rec, stateFile: st} {
			data, err := json.Marshal(v)
			if err != nil {
				b.Fatal(err)
			}
			path := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				b.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				b.Fatal(err)
			}
		}
	}
	return m, dirs, total
}
