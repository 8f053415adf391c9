package fetch_test

import (
	"context"
	"encoding/base64"
	"errors"
	"io"
	"io/fs"
	"log/slog"
	"net"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/distill/distill/internal/fetch"
	"github.com/distill/distill/internal/fetch/fetchtest"
)

const secretToken = "ghp_SuperSecretToken1234567890"

func TestFetchErrors(t *testing.T) {
	srv := fetchtest.NewServer(t)
	srv.AddRepo("svc", fetchtest.SampleRepo(t, nil))
	srv.AddRepo("private", fetchtest.SampleRepo(t, nil))
	srv.RequireToken("private", secretToken)
	// A commit behind main's tip, neither tagged nor a branch: not advertised.
	var unadvertised string
	srv.AddRepo("linear", func(dir string) {
		fetchtest.WriteFile(t, dir, "a.py", "A = 1\n")
		unadvertised = fetchtest.Commit(t, dir, "one")
		fetchtest.WriteFile(t, dir, "a.py", "A = 2\n")
		fetchtest.Commit(t, dir, "two")
	})

	tests := []struct {
		name      string
		repo      string
		url       string // overrides srv.URL(repo)
		ref       string
		token     string
		want      error
		wantInMsg string
		maxReqs   int // requests the server may see (no retries); 0 = don't check
	}{
		{name: "unknown repository", repo: "missing", want: fetch.ErrNotFound, wantInMsg: "missing", maxReqs: 1},
		{name: "no token", repo: "private", want: fetch.ErrAuth, maxReqs: 1},
		{name: "wrong token", repo: "private", token: "wrong-token-value", want: fetch.ErrAuth, maxReqs: 1},
		{name: "token in URL and wrong", repo: "private", url: strings.Replace(srv.URL("private"), "http://", "http://x-access-token:"+secretToken+"x@", 1), want: fetch.ErrAuth},
		{name: "unknown branch", repo: "svc", ref: "no-such-branch", want: fetch.ErrBadRef, wantInMsg: "no-such-branch"},
		{name: "short hash not a tip", repo: "linear", ref: unadvertised[:8], want: fetch.ErrBadRef, wantInMsg: "full 40-character hash"},
		{name: "unadvertised commit refused", repo: "linear", ref: unadvertised, want: fetch.ErrBadRef, wantInMsg: "refuses"},
		{name: "plain http to a remote host", url: "http://example.com/org/repo.git", wantInMsg: "loopback"},
		{name: "unsupported scheme", url: "ftp://example.com/repo", wantInMsg: "unsupported scheme"},
		{name: "missing local path", url: filepath.Join(t.TempDir(), "nope"), want: fetch.ErrNotFound},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			url := tc.url
			if url == "" {
				url = srv.URL(tc.repo)
			}
			before := srv.Requests(tc.repo)
			f := newFetcher(t)
			_, err := f.Fetch(t.Context(), fetch.Request{Name: "team/" + tc.name, URL: url, Ref: tc.ref, Auth: fetch.Auth{Token: tc.token}})
			if err == nil {
				t.Fatal("Fetch succeeded, want an error")
			}
			if tc.want != nil && !errors.Is(err, tc.want) {
				t.Errorf("error %q is not %v", err, tc.want)
			}
			msg := err.Error()
			t.Log(msg)
			if !strings.Contains(msg, "team/"+tc.name) {
				t.Errorf("error %q does not name the repository", msg)
			}
			if tc.wantInMsg != "" && !strings.Contains(msg, tc.wantInMsg) {
				t.Errorf("error %q does not mention %q", msg, tc.wantInMsg)
			}
			if strings.Contains(msg, secretToken) || strings.Contains(msg, "wrong-token-value") {
				t.Errorf("error leaks the token: %q", msg)
			}
			if tc.maxReqs > 0 {
				if got := srv.Requests(tc.repo) - before; got > tc.maxReqs {
					t.Errorf("server saw %d requests, want at most %d (no retry)", got, tc.maxReqs)
				}
			}
		})
	}
}

func TestFetchWithToken(t *testing.T) {
	srv := fetchtest.NewServer(t)
	var sample fetchtest.Sample
	srv.AddRepo("private", fetchtest.SampleRepo(t, &sample))
	srv.RequireToken("private", secretToken)

	var logs strings.Builder
	f := newFetcher(t)
	f.Logger = slog.New(slog.NewTextHandler(&syncWriter{w: &logs}, &slog.HandlerOptions{Level: slog.LevelDebug}))
	srv.FailNext("private", http.StatusServiceUnavailable, 1) // also log a retry
	res, err := f.Fetch(t.Context(), fetch.Request{Name: "private", URL: srv.URL("private"), Auth: fetch.Auth{Token: secretToken}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Commit != sample.Second {
		t.Errorf("Commit = %s, want %s", res.Commit, sample.Second)
	}
	if !strings.Contains(logs.String(), "retrying") {
		t.Errorf("no retry logged:\n%s", logs.String())
	}
	if strings.Contains(logs.String(), secretToken) {
		t.Errorf("log leaks the token:\n%s", logs.String())
	}
	// Nor does the cache keep it on disk.
	err = filepath.WalkDir(f.CacheDir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		data, err := os.ReadFile(p)
		if err == nil && strings.Contains(string(data), secretToken) {
			t.Errorf("%s contains the token", p)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

type syncWriter struct {
	mu sync.Mutex
	w  *strings.Builder
}

func (s *syncWriter) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.w.Write(p)
}

func TestFetchRetriesTransient(t *testing.T) {
	tests := []struct {
		name     string
		failures int
		retries  int
		wantErr  error
	}{
		{"recovers after two 503s", 2, 3, nil},
		{"gives up after the retries", 5, 2, fetch.ErrTransient},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := fetchtest.NewServer(t)
			srv.AddRepo("svc", fetchtest.SampleRepo(t, nil))
			srv.FailNext("svc", http.StatusServiceUnavailable, tc.failures)
			f := newFetcher(t)
			f.Retries = tc.retries
			_, err := f.Fetch(t.Context(), fetch.Request{Name: "svc", URL: srv.URL("svc")})
			if !errors.Is(err, tc.wantErr) && !(tc.wantErr == nil && err == nil) {
				t.Fatalf("err = %v, want %v", err, tc.wantErr)
			}
			if tc.wantErr != nil {
				if got, want := srv.Requests("svc"), tc.retries+1; got != want {
					t.Errorf("server saw %d requests, want %d (1 + %d retries)", got, want, tc.retries)
				}
			}
		})
	}
}

func TestFetchConnectionRefusedIsTransient(t *testing.T) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := l.Addr().String()
	l.Close() // nothing listens there now
	f := newFetcher(t)
	f.Retries = 1
	_, err = f.Fetch(t.Context(), fetch.Request{Name: "gone", URL: "http://" + addr + "/repo.git"})
	if !errors.Is(err, fetch.ErrTransient) {
		t.Fatalf("err = %v, want ErrTransient", err)
	}
}

func TestFetchUnadvertisedCommitAllowed(t *testing.T) {
	srv := fetchtest.NewServer(t)
	var first string
	dir := srv.AddRepo("linear", func(dir string) {
		fetchtest.WriteFile(t, dir, "a.py", "A = 1\n")
		first = fetchtest.Commit(t, dir, "one")
		fetchtest.WriteFile(t, dir, "b.py", "B = 2\n")
		fetchtest.Commit(t, dir, "two")
	})
	fetchtest.Git(t, dir, "config", "uploadpack.allowReachableSHA1InWant", "true")

	f := newFetcher(t)
	res, err := f.Fetch(t.Context(), fetch.Request{Name: "linear", URL: srv.URL("linear"), Ref: first})
	if err != nil {
		t.Fatal(err)
	}
	if res.Commit != first || res.Ref != first || !res.Fetched {
		t.Errorf("Commit, Ref, Fetched = %s, %s, %v; want %s, %s, true", res.Commit, res.Ref, res.Fetched, first, first)
	}
	if exists(res.Tree, "b.py") || readFile(t, res.Tree, "a.py") != "A = 1\n" {
		t.Errorf("tree is not the first commit's")
	}
	// Its short hash now resolves from the cache.
	short, err := f.Fetch(t.Context(), fetch.Request{Name: "linear", URL: srv.URL("linear"), Ref: first[:9]})
	if err != nil {
		t.Fatal(err)
	}
	if short.Commit != first || short.Fetched {
		t.Errorf("short hash: Commit, Fetched = %s, %v; want %s, false", short.Commit, short.Fetched, first)
	}
}

func TestFetchRecoversCorruptCache(t *testing.T) {
	tests := []struct {
		name    string
		corrupt func(t *testing.T, entry string)
	}{
		{"garbage config", func(t *testing.T, entry string) {
			writeFile(t, filepath.Join(entry, "config"), "[[[ not a config")
		}},
		{"objects removed", func(t *testing.T, entry string) {
			if err := os.RemoveAll(filepath.Join(entry, "objects")); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(entry, "objects", "pack"), 0o755); err != nil {
				t.Fatal(err)
			}
		}},
		{"truncated packs", func(t *testing.T, entry string) {
			packs, _ := filepath.Glob(filepath.Join(entry, "objects", "pack", "*.pack"))
			if len(packs) == 0 {
				t.Fatal("no pack files in the cache entry")
			}
			for _, p := range packs {
				writeFile(t, p, "PACK")
			}
		}},
		{"half-created entry", func(t *testing.T, entry string) {
			if err := os.RemoveAll(entry); err != nil {
				t.Fatal(err)
			}
			if err := os.MkdirAll(filepath.Join(entry, "objects"), 0o755); err != nil {
				t.Fatal(err)
			}
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			srv := fetchtest.NewServer(t)
			var sample fetchtest.Sample
			srv.AddRepo("svc", fetchtest.SampleRepo(t, &sample))
			f := newFetcher(t)
			req := fetch.Request{Name: "svc", URL: srv.URL("svc")}
			if _, err := f.Fetch(t.Context(), req); err != nil {
				t.Fatal(err)
			}
			entries, _ := filepath.Glob(filepath.Join(f.CacheDir, "svc-*.git"))
			if len(entries) != 1 {
				t.Fatalf("cache entries %v, want one svc-*.git", entries)
			}
			tc.corrupt(t, entries[0])

			res, err := f.Fetch(t.Context(), req)
			if err != nil {
				t.Fatalf("Fetch over a damaged cache: %v", err)
			}
			if res.Commit != sample.Second {
				t.Errorf("Commit = %s, want %s", res.Commit, sample.Second)
			}
			if got := readFile(t, res.Tree, "app/models.py"); got != "class User:\n    pass\n" {
				t.Errorf("app/models.py = %q", got)
			}
		})
	}
}

func writeFile(t *testing.T, p, content string) {
	t.Helper()
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestFetchCancelled(t *testing.T) {
	srv := fetchtest.NewServer(t)
	srv.AddRepo("svc", fetchtest.SampleRepo(t, nil))
	// Every request fails transiently, so the fetch sits in its backoff.
	srv.FailNext("svc", http.StatusBadGateway, 1000)
	f := &fetch.Fetcher{CacheDir: t.TempDir(), Retries: 100, Backoff: time.Hour}

	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() {
		_, err := f.Fetch(ctx, fetch.Request{Name: "svc", URL: srv.URL("svc")})
		done <- err
	}()
	for srv.Requests("svc") == 0 {
		time.Sleep(time.Millisecond)
	}
	cancel()
	err := <-done // with a one-hour backoff, returning at all shows ctx is honoured
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}

	// An already cancelled context fails before any request.
	before := srv.Requests("svc")
	_, err = f.Fetch(ctx, fetch.Request{Name: "svc", URL: srv.URL("svc")})
	if !errors.Is(err, context.Canceled) {
		t.Errorf("err = %v, want context.Canceled", err)
	}
	if srv.Requests("svc") != before {
		t.Errorf("a cancelled fetch reached the server")
	}
}

func TestFetchConcurrentSameURL(t *testing.T) {
	srv := fetchtest.NewServer(t)
	var sample fetchtest.Sample
	srv.AddRepo("svc", fetchtest.SampleRepo(t, &sample))
	srv.AddRepo("other", fetchtest.SampleRepo(t, nil))
	cache := t.TempDir()

	const workers = 6
	var wg sync.WaitGroup
	results := make([]*fetch.Result, workers)
	errs := make([]error, workers)
	for i := range workers {
		wg.Go(func() {
			// Separate Fetchers sharing a cache, as two runs would.
			f := &fetch.Fetcher{CacheDir: cache}
			repo := "svc"
			if i%3 == 2 {
				repo = "other"
			}
			results[i], errs[i] = f.Fetch(t.Context(), fetch.Request{Name: repo, URL: srv.URL(repo)})
		})
	}
	wg.Wait()
	transferred := 0
	for i := range workers {
		if errs[i] != nil {
			t.Fatalf("worker %d: %v", i, errs[i])
		}
		if i%3 != 2 {
			if results[i].Fetched {
				transferred++
			}
			if results[i].Commit != sample.Second {
				t.Errorf("worker %d: Commit = %s", i, results[i].Commit)
			}
		}
		if got := readFile(t, results[i].Tree, "app/models.py"); got != "class User:\n    pass\n" {
			t.Errorf("worker %d: app/models.py = %q", i, got)
		}
	}
	// Serialised per URL: exactly one of the svc fetches transferred objects.
	if transferred != 1 {
		t.Errorf("%d fetches of svc transferred objects, want 1", transferred)
	}
}

func TestFetchLocal(t *testing.T) {
	var sample fetchtest.Sample
	gitDir := t.TempDir()
	fetchtest.InitRepo(t, gitDir)
	fetchtest.SampleRepo(t, &sample)(gitDir)
	plain := t.TempDir()
	writeFile(t, filepath.Join(plain, "main.py"), "print(1)\n")

	tests := []struct {
		name       string
		url        string
		ref        string
		wantCommit string
		wantFile   string
	}{
		{"git work tree path", gitDir, "", sample.Second, "app/models.py"},
		{"file URL at a branch", "file://" + gitDir, "feature", sample.Feature, "app/feature.py"},
		{"plain directory", plain, "", "", "main.py"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res, err := newFetcher(t).Fetch(t.Context(), fetch.Request{Name: tc.name, URL: tc.url, Ref: tc.ref})
			if err != nil {
				t.Fatal(err)
			}
			if res.Commit != tc.wantCommit {
				t.Errorf("Commit = %q, want %q", res.Commit, tc.wantCommit)
			}
			if !exists(res.Tree, tc.wantFile) {
				t.Errorf("%s missing", tc.wantFile)
			}
		})
	}

	_, err := newFetcher(t).Fetch(t.Context(), fetch.Request{Name: "plain", URL: plain, Ref: "main"})
	if !errors.Is(err, fetch.ErrBadRef) {
		t.Errorf("ref on a plain directory: err = %v, want ErrBadRef", err)
	}
}

func TestTreeFS(t *testing.T) {
	srv := fetchtest.NewServer(t)
	srv.AddRepo("svc", fetchtest.SampleRepo(t, nil))
	res, err := newFetcher(t).Fetch(t.Context(), fetch.Request{Name: "svc", URL: srv.URL("svc")})
	if err != nil {
		t.Fatal(err)
	}
	if err := fstest.TestFS(res.Tree, "README.md", "app/main.py", "app/util/helpers.py", "app/models.py", "app/data.bin", "app/alias.py", "app/escape.py"); err != nil {
		t.Fatal(err)
	}

	links := []struct {
		name, target, content string
	}{
		{"app/alias.py", "models.py", "class User:\n    pass\n"},
		{"app/escape.py", "../README.md", "# sample\n"},
	}
	for _, l := range links {
		fi, err := fs.Lstat(res.Tree, l.name)
		if err != nil {
			t.Fatal(err)
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			t.Errorf("Lstat(%s).Mode = %v, want a symlink", l.name, fi.Mode())
		}
		target, err := fs.ReadLink(res.Tree, l.name)
		if err != nil || target != l.target {
			t.Errorf("ReadLink(%s) = %q, %v; want %q", l.name, target, err, l.target)
		}
		if got := readFile(t, res.Tree, l.name); got != l.content {
			t.Errorf("read through %s = %q, want %q", l.name, got, l.content)
		}
	}
	fi, err := fs.Stat(res.Tree, "app/main.py")
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() != int64(len("def main():\n    return 1\n")) || !fi.Mode().IsRegular() {
		t.Errorf("Stat(app/main.py) = size %d mode %v", fi.Size(), fi.Mode())
	}
	if _, err := fs.ReadLink(res.Tree, "app/main.py"); err == nil {
		t.Errorf("ReadLink of a regular file succeeded")
	}
	if _, err := fs.Stat(res.Tree, "app/nope.py"); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Stat of a missing file: %v, want ErrNotExist", err)
	}
	closer, ok := res.Tree.(io.Closer)
	if !ok {
		t.Fatal("git tree does not implement io.Closer")
	}
	if err := closer.Close(); err != nil {
		t.Fatal(err)
	}
	if got := readFile(t, res.Tree, "README.md"); got != "# sample\n" {
		t.Errorf("read after Close = %q", got)
	}
}

// TestFetchEchoedCredentials: a server that quotes the Authorization header
// (base64 of "x-access-token:TOKEN") and the URL-encoded token in its
// error body gets neither into the error, and the body is cut short.
func TestFetchEchoedCredentials(t *testing.T) {
	srv := fetchtest.NewServer(t)
	srv.AddRepo("echo", fetchtest.SampleRepo(t, nil))
	srv.RequireToken("echo", secretToken)
	srv.EchoCredentials("echo")
	_, err := newFetcher(t).Fetch(t.Context(), fetch.Request{Name: "echo", URL: srv.URL("echo"), Auth: fetch.Auth{Token: secretToken}})
	if !errors.Is(err, fetch.ErrAuth) {
		t.Fatalf("err = %v, want ErrAuth", err)
	}
	msg := err.Error()
	for _, leak := range []string{secretToken, base64.StdEncoding.EncodeToString([]byte("x-access-token:" + secretToken)), url.QueryEscape(secretToken)} {
		if strings.Contains(msg, leak) {
			t.Errorf("the error holds %q: %s", leak, msg)
		}
	}
	if len(msg) > 800 || strings.ContainsAny(msg, "\n\r") || !strings.Contains(msg, "more bytes not shown") {
		t.Errorf("the server body is not bounded to one line (%d bytes): %q", len(msg), msg)
	}
}

func TestFetchMissingLocalPath(t *testing.T) {
	missing := filepath.Join(t.TempDir(), "gone")
	_, err := newFetcher(t).Fetch(t.Context(), fetch.Request{Name: "local", URL: missing})
	if !errors.Is(err, fetch.ErrNotFound) {
		t.Fatalf("err = %v, want ErrNotFound", err)
	}
	if want := "repository local: not found: " + missing; err.Error() != want {
		t.Errorf("err = %q, want %q", err, want)
	}
}
