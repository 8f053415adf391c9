package fetch_test

import (
	"io/fs"
	"testing"
	"time"

	"github.com/distill/distill/internal/fetch"
	"github.com/distill/distill/internal/fetch/fetchtest"
)

// newFetcher returns a Fetcher with its own cache and fast retries.
func newFetcher(t *testing.T) *fetch.Fetcher {
	t.Helper()
	return &fetch.Fetcher{CacheDir: t.TempDir(), Backoff: time.Millisecond}
}

func readFile(t *testing.T, fsys fs.FS, name string) string {
	t.Helper()
	data, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatalf("read %s: %v", name, err)
	}
	return string(data)
}

func exists(fsys fs.FS, name string) bool {
	_, err := fs.Stat(fsys, name)
	return err == nil
}

func TestFetchRefs(t *testing.T) {
	srv := fetchtest.NewServer(t)
	var sample fetchtest.Sample
	srv.AddRepo("svc", fetchtest.SampleRepo(t, &sample))

	tests := []struct {
		name        string
		ref         string
		wantCommit  string
		wantRef     string
		wantFile    string // must exist
		wantMissing string // must not exist
	}{
		{"remote HEAD", "", sample.Second, "refs/heads/main", "app/models.py", "app/feature.py"},
		{"branch", "feature", sample.Feature, "refs/heads/feature", "app/feature.py", "app/models.py"},
		{"full branch ref", "refs/heads/main", sample.Second, "refs/heads/main", "app/models.py", "app/feature.py"},
		{"annotated tag", "v1.0", sample.TagV1, "refs/tags/v1.0", "app/main.py", "app/models.py"},
		{"commit at a tip", sample.Feature, sample.Feature, sample.Feature, "app/feature.py", "app/models.py"},
		{"short hash of a tip", sample.Second[:10], sample.Second, sample.Second, "app/models.py", "app/feature.py"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := newFetcher(t)
			res, err := f.Fetch(t.Context(), fetch.Request{Name: "svc", URL: srv.URL("svc"), Ref: tc.ref})
			if err != nil {
				t.Fatalf("Fetch: %v", err)
			}
			if res.Commit != tc.wantCommit {
				t.Errorf("Commit = %s, want %s", res.Commit, tc.wantCommit)
			}
			if res.Ref != tc.wantRef {
				t.Errorf("Ref = %q, want %q", res.Ref, tc.wantRef)
			}
			if !res.Fetched {
				t.Errorf("Fetched = false on an empty cache")
			}
			if !exists(res.Tree, tc.wantFile) {
				t.Errorf("%s missing from tree", tc.wantFile)
			}
			if exists(res.Tree, tc.wantMissing) {
				t.Errorf("%s present in tree, should not be at this ref", tc.wantMissing)
			}
			if got := readFile(t, res.Tree, "app/main.py"); got != "def main():\n    return 1\n" {
				t.Errorf("app/main.py = %q", got)
			}
		})
	}
}

func TestFetchCachedAndUpdated(t *testing.T) {
	srv := fetchtest.NewServer(t)
	var sample fetchtest.Sample
	dir := srv.AddRepo("svc", fetchtest.SampleRepo(t, &sample))
	f := newFetcher(t)
	req := fetch.Request{Name: "svc", URL: srv.URL("svc")}

	first, err := f.Fetch(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	if !first.Fetched || first.Commit != sample.Second {
		t.Fatalf("first fetch: Fetched=%v Commit=%s, want true %s", first.Fetched, first.Commit, sample.Second)
	}
	packs := srv.PackRequests("svc")

	again, err := f.Fetch(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	if again.Fetched || again.Commit != sample.Second {
		t.Errorf("unchanged refetch: Fetched=%v Commit=%s, want false %s", again.Fetched, again.Commit, sample.Second)
	}
	if got := srv.PackRequests("svc"); got != packs {
		t.Errorf("unchanged refetch transferred objects: %d pack requests, want %d", got, packs)
	}

	// A full hash already cached needs no request at all.
	before := srv.Requests("svc")
	byHash, err := f.Fetch(t.Context(), fetch.Request{Name: "svc", URL: srv.URL("svc"), Ref: sample.Second})
	if err != nil {
		t.Fatal(err)
	}
	if byHash.Fetched || srv.Requests("svc") != before {
		t.Errorf("cached full hash: Fetched=%v, requests %d -> %d", byHash.Fetched, before, srv.Requests("svc"))
	}

	// A new commit on the remote is picked up, on top of the shallow cache.
	fetchtest.WriteFile(t, dir, "app/new.py", "NEW = 1\n")
	third := fetchtest.Commit(t, dir, "third")
	resolved, err := f.ResolveRemote(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	if resolved != third {
		t.Errorf("ResolveRemote = %s, want %s", resolved, third)
	}
	updated, err := f.Fetch(t.Context(), req)
	if err != nil {
		t.Fatal(err)
	}
	if !updated.Fetched || updated.Commit != third {
		t.Errorf("after a push: Fetched=%v Commit=%s, want true %s", updated.Fetched, updated.Commit, third)
	}
	if got := readFile(t, updated.Tree, "app/new.py"); got != "NEW = 1\n" {
		t.Errorf("app/new.py = %q", got)
	}
	// The earlier result still reads (objects are never removed).
	if exists(first.Tree, "app/new.py") || !exists(first.Tree, "app/models.py") {
		t.Errorf("earlier tree changed")
	}
}
