package fetch_test

import (
	"io/fs"
	"os"
	"testing"

	"github.com/distill/distill/internal/fetch"
	"github.com/distill/distill/internal/fetch/fetchtest"
)

// readAll reads every regular file of fsys and returns the bytes read.
func readAll(tb testing.TB, fsys fs.FS) int64 {
	var total int64
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := fs.ReadFile(fsys, p)
		total += int64(len(data))
		return err
	})
	if err != nil {
		tb.Fatal(err)
	}
	return total
}

func benchRepo(b *testing.B) (*fetchtest.Server, string) {
	srv := fetchtest.NewServer(b)
	srv.AddRepo("py", fetchtest.GeneratePython(b, 200, 8<<10)) // 200 files of ~8 KiB
	return srv, srv.URL("py")
}

// BenchmarkFetchColdAndRead clones into an empty cache over loopback HTTP
// and reads every file from the object store.
func BenchmarkFetchColdAndRead(b *testing.B) {
	_, url := benchRepo(b)
	var size int64
	for b.Loop() {
		cache, err := os.MkdirTemp(b.TempDir(), "cache")
		if err != nil {
			b.Fatal(err)
		}
		res, err := (&fetch.Fetcher{CacheDir: cache}).Fetch(b.Context(), fetch.Request{Name: "py", URL: url})
		if err != nil {
			b.Fatal(err)
		}
		if !res.Fetched {
			b.Fatal("cold fetch did not transfer")
		}
		size = readAll(b, res.Tree)
		b.StopTimer()
		os.RemoveAll(cache)
		b.StartTimer()
	}
	b.SetBytes(size)
}

// BenchmarkFetchWarmAndRead is the nightly rerun with nothing changed: a
// ref listing, no transfer, then reading every file.
func BenchmarkFetchWarmAndRead(b *testing.B) {
	_, url := benchRepo(b)
	f := &fetch.Fetcher{CacheDir: b.TempDir()}
	if _, err := f.Fetch(b.Context(), fetch.Request{Name: "py", URL: url}); err != nil {
		b.Fatal(err)
	}
	var size int64
	for b.Loop() {
		res, err := f.Fetch(b.Context(), fetch.Request{Name: "py", URL: url})
		if err != nil {
			b.Fatal(err)
		}
		if res.Fetched {
			b.Fatal("warm fetch transferred objects")
		}
		size = readAll(b, res.Tree)
	}
	b.SetBytes(size)
}
