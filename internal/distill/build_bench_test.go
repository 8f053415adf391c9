package distill

import (
	"context"
	"runtime"
	"testing"
	"time"
)

// BenchmarkLargeBuild times the build alone (everything after the facts
// are extracted and prepared: Distiller.buildModule) on the service of
// -large.dir; each iteration extracts the files afresh, untimed, since the
// build reads facts that prepare rewrote. It reports the medians of
//
//	build-s, build-cpu-s   wall and CPU time (user + system, all threads)
//	build-alloc-MB         bytes the build allocates
func BenchmarkLargeBuild(b *testing.B) {
	set, workers := largeService(b)
	ctx := context.Background()
	var wall, cpu, alloc []float64
	b.ResetTimer()
	for range b.N {
		b.StopTimer()
		d := New(Options{Workers: workers})
		in := Input{Service: "large", Files: set.Files}
		todo, ids, err := d.plan(in)
		if err != nil {
			b.Fatal(err)
		}
		patterns, err := d.patterns(in.Service, ids)
		if err != nil {
			b.Fatal(err)
		}
		out := &Output{Languages: ids}
		files, err := d.extract(ctx, todo, in, out)
		if err != nil {
			b.Fatal(err)
		}
		if err := d.prepare(ctx, in.Service, files); err != nil {
			b.Fatal(err)
		}
		runtime.GC()
		var ms runtime.MemStats
		runtime.ReadMemStats(&ms)
		before := ms.TotalAlloc
		b.StartTimer()
		start, c := time.Now(), cpuTime()
		if err := d.buildModule(ctx, in.Service, patterns, files, out); err != nil {
			b.Fatal(err)
		}
		wall = append(wall, time.Since(start).Seconds())
		cpu = append(cpu, cpuTime()-c)
		b.StopTimer()
		runtime.ReadMemStats(&ms)
		alloc = append(alloc, float64(ms.TotalAlloc-before)/1e6)
		d.Close()
		b.StartTimer()
	}
	b.StopTimer()
	b.ReportMetric(median(wall), "build-s")
	b.ReportMetric(median(cpu), "build-cpu-s")
	b.ReportMetric(median(alloc), "build-alloc-MB")
}
