package summary_test

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/summary"
)

var syntheticKinds = []string{summary.KindEntity, summary.KindField, summary.KindRule, summary.KindRequires, summary.KindEnsures, summary.KindConfig}

// syntheticConstruct is the i-th row of a large, realistic-looking
// summary: a few hundred services of a few hundred constructs each.
func syntheticConstruct(i int) summary.ConstructRow {
	service := i / 400
	kind := syntheticKinds[i%len(syntheticKinds)]
	r := summary.ConstructRow{
		Repo:       fmt.Sprintf("repo-%03d", service/4),
		Commit:     fmt.Sprintf("%040x", service*7919),
		Service:    fmt.Sprintf("service-%d", service%4),
		Kind:       kind,
		Name:       fmt.Sprintf("construct_%d", i),
		Text:       fmt.Sprintf("rule Construct%d {\n    when: Something%d(user)\n    requires: user.status = active\n    ensures: user.attempts = %d\n}", i, i%97, i%13),
		SourceFile: ptr(fmt.Sprintf("app/module_%d/handlers.py", i%50)),
		SourceLine: ptr(int32(i%900 + 1)),
	}
	if i%3 == 0 {
		r.Group = ptr(fmt.Sprintf("group-%d", service%5))
		r.InShared = ptr(i%2 == 0)
	}
	if kind == summary.KindConfig {
		r.Value = ptr(fmt.Sprintf("%d.minutes", i%120))
	}
	if kind == summary.KindRequires || kind == summary.KindEnsures {
		r.Parent = ptr(fmt.Sprintf("Construct%d", i-1))
	}
	return r
}

// writeSynthetic writes n synthetic rows in batches and calls observe
// after each batch.
func writeSynthetic(tb testing.TB, path string, n, batch int, observe func(written int)) {
	tb.Helper()
	w, err := summary.Create[summary.ConstructRow](path)
	if err != nil {
		tb.Fatal(err)
	}
	defer w.Abort()
	rows := make([]summary.ConstructRow, 0, batch)
	for i := 0; i < n; {
		rows = rows[:0]
		for ; len(rows) < batch && i < n; i++ {
			rows = append(rows, syntheticConstruct(i))
		}
		if err := w.Write(rows...); err != nil {
			tb.Fatal(err)
		}
		if observe != nil {
			observe(i)
		}
	}
	if err := w.Close(); err != nil {
		tb.Fatal(err)
	}
}

func TestRowGroupsAreFlushedWhileWriting(t *testing.T) {
	t.Parallel()
	const n = 2*summary.RowsPerGroup + 5_000
	path := filepath.Join(t.TempDir(), summary.ConstructsFile)
	writeSynthetic(t, path, n, 777, nil)

	_, af := openArrow(t, path)
	var sizes []int64
	for rg := range af.meta.NumRowGroups() {
		sizes = append(sizes, af.meta.RowGroup(rg).NumRows())
	}
	want := []int64{summary.RowsPerGroup, summary.RowsPerGroup, 5_000}
	if fmt.Sprint(sizes) != fmt.Sprint(want) {
		t.Errorf("row groups of %v rows, want %v", sizes, want)
	}
	if bad := nonZstdChunks(t, af.meta); len(bad) > 0 {
		t.Errorf("column chunks not zstd-compressed: %v", bad)
	}
	got, err := summary.ReadAll[summary.ConstructRow](path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != n {
		t.Fatalf("read %d rows, want %d", len(got), n)
	}
	for _, i := range []int{0, summary.RowsPerGroup - 1, summary.RowsPerGroup, n - 1} {
		if diff := cmp.Diff(syntheticConstruct(i), got[i]); diff != "" {
			t.Errorf("row %d after the round trip (-want +got):\n%s", i, diff)
		}
	}
}

// liveHeap is the heap still reachable after a collection. Two
// collections, because sync.Pool (where the zstd encoders wait between
// pages) keeps its contents through the first one.
func liveHeap() uint64 {
	runtime.GC()
	runtime.GC()
	var m runtime.MemStats
	runtime.ReadMemStats(&m)
	return m.HeapAlloc
}

// TestWriterMemoryIsBounded writes 200k rows (about 60 MB of row data)
// and checks that the live heap does not grow with the row count: what is
// live after 200k rows is close to what was live after the first row
// groups. Byte bounds, not timings.
func TestWriterMemoryIsBounded(t *testing.T) {
	if testing.Short() {
		t.Skip("writes 200k rows")
	}
	const n, batch = 200_000, 1_000
	path := filepath.Join(t.TempDir(), summary.ConstructsFile)
	base := liveHeap()
	var early, peak uint64
	writeSynthetic(t, path, n, batch, func(written int) {
		if written%(5*batch) != 0 {
			return
		}
		h := liveHeap()
		if h < base {
			h = base
		}
		h -= base
		peak = max(peak, h)
		if written == 3*summary.RowsPerGroup {
			early = h
		}
	})
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d rows, file %.1f MB; live heap above baseline: %.1f MB after %d rows, peak %.1f MB",
		n, mb(info.Size()), mb(int64(early)), 3*summary.RowsPerGroup, mb(int64(peak)))
	// Bounded, the heap moves by well under a megabyte between 30k and
	// 200k rows; with a single row group it grows by about 9 MB even on
	// this very compressible data.
	const slack = 4 << 20
	if peak > early+slack {
		t.Errorf("live heap grew from %.1f MB to %.1f MB while writing: it follows the row count", mb(int64(early)), mb(int64(peak)))
	}
}

func mb(n int64) float64 { return float64(n) / (1 << 20) }

// BenchmarkWriteConstructs writes 100k summary rows per iteration and
// reports rows/s, MB/s of Allium text written, and the bytes allocated.
func BenchmarkWriteConstructs(b *testing.B) {
	const n = 100_000
	rows := make([]summary.ConstructRow, n)
	var textBytes int64
	for i := range rows {
		rows[i] = syntheticConstruct(i)
		r := rows[i]
		textBytes += int64(len(r.Repo) + len(r.Commit) + len(r.Service) + len(r.Kind) + len(r.Name) + len(r.Text))
	}
	dir := b.TempDir()
	b.SetBytes(textBytes)
	b.ReportAllocs()
	var fileSize int64
	for i := 0; b.Loop(); i++ {
		path := filepath.Join(dir, fmt.Sprintf("bench-%d.parquet", i))
		w, err := summary.Create[summary.ConstructRow](path)
		if err != nil {
			b.Fatal(err)
		}
		for start := 0; start < n; start += 1_000 {
			if err := w.Write(rows[start : start+1_000]...); err != nil {
				b.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			b.Fatal(err)
		}
		if info, err := os.Stat(path); err == nil {
			fileSize = info.Size()
		}
		os.Remove(path)
	}
	b.ReportMetric(float64(n)*float64(b.N)/b.Elapsed().Seconds(), "rows/s")
	b.ReportMetric(mb(fileSize), "file-MB")
}

// BenchmarkWriterHeap writes 200k rows per iteration and reports the peak
// live heap while writing, to show that memory stays flat.
func BenchmarkWriterHeap(b *testing.B) {
	for i := 0; b.Loop(); i++ {
		path := filepath.Join(b.TempDir(), summary.ConstructsFile)
		base := liveHeap()
		var peak uint64
		writeSynthetic(b, path, 200_000, 1_000, func(written int) {
			if written%20_000 == 0 {
				if h := liveHeap(); h > base {
					peak = max(peak, h-base)
				}
			}
		})
		b.ReportMetric(mb(int64(peak)), "peak-live-heap-MB")
	}
}
