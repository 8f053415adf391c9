package fetchtest

import (
	"bytes"
	"fmt"
	"io"
	"net/http"
	"net/http/cgi"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"testing"
)

// Server is a git smart HTTP server for one test. Create it with NewServer;
// it stops when the test ends.
type Server struct {
	tb      testing.TB
	root    string
	http    *httptest.Server
	backend http.Handler

	mu       sync.Mutex
	repos    map[string]string // name -> directory
	tokens   map[string]string // name -> required token
	failures map[string][]int  // name -> queued status codes to answer with
	requests map[string]int    // name -> all requests seen
	packs    map[string]int    // name -> git-upload-pack POSTs (object transfers)
	echo     map[string]bool   // name -> refuse with a body echoing the credentials
}

// repoNamePattern allows "@" so that tests can serve a repository whose
// URL has an "@" in its path (which is not a credential).
var repoNamePattern = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._@-]*$`)

// NewServer starts a server on 127.0.0.1. It is closed by tb.Cleanup.
func NewServer(tb testing.TB) *Server {
	tb.Helper()
	execPath := strings.TrimSpace(runGit(tb, "", "--exec-path"))
	backendPath := filepath.Join(execPath, "git-http-backend")
	if _, err := os.Stat(backendPath); err != nil {
		tb.Fatalf("git http-backend not found: %v", err)
	}
	s := &Server{
		tb:       tb,
		root:     tb.TempDir(),
		repos:    map[string]string{},
		tokens:   map[string]string{},
		failures: map[string][]int{},
		requests: map[string]int{},
		packs:    map[string]int{},
		echo:     map[string]bool{},
	}
	s.backend = &cgi.Handler{
		Path: backendPath,
		Dir:  s.root,
		Env: append(gitEnv(),
			"GIT_PROJECT_ROOT="+s.root,
			"GIT_HTTP_EXPORT_ALL=1",
		),
		// http-backend reports refused wants and the like on stderr; the
		// client sees the protocol error, the test log need not.
		Stderr: io.Discard,
	}
	s.http = httptest.NewServer(http.HandlerFunc(s.serve))
	tb.Cleanup(s.Close)
	return s
}

// Close stops the server. It is safe to call more than once.
func (s *Server) Close() { s.http.Close() }

// Root is the directory under which repositories are created.
func (s *Server) Root() string { return s.root }

// AddRepo creates a repository named name (git init -b main, with a fixed
// identity and dates), calls build with its work tree directory to add
// files and commits, and serves it. It returns the directory.
func (s *Server) AddRepo(name string, build func(dir string)) string {
	s.tb.Helper()
	if !repoNamePattern.MatchString(name) {
		s.tb.Fatalf("fetchtest: invalid repository name %q", name)
	}
	dir := filepath.Join(s.root, name)
	InitRepo(s.tb, dir)
	if build != nil {
		build(dir)
	}
	s.mu.Lock()
	s.repos[name] = dir
	s.mu.Unlock()
	return dir
}

// URL is the clone URL of the named repository. Names never added answer 404.
func (s *Server) URL(name string) string { return s.http.URL + "/" + name + ".git" }

// BaseURL is the server's root URL (http://127.0.0.1:port).
func (s *Server) BaseURL() string { return s.http.URL }

// RequireToken makes the named repository require HTTP basic auth whose
// password is token (any username). A missing credential answers 401, a
// wrong one 403.
func (s *Server) RequireToken(name, token string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.tokens[name] = token
}

// EchoCredentials makes the named repository refuse every request with
// 403 and an error body that quotes the request's Authorization header,
// the password URL-encoded, and a long tail: what a misconfigured proxy
// does, and what must never reach an output.
func (s *Server) EchoCredentials(name string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.echo[name] = true
}

// FailNext makes the next n requests for the named repository answer with
// status (e.g. 503) before reaching git, to exercise retries.
func (s *Server) FailNext(name string, status, n int) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for range n {
		s.failures[name] = append(s.failures[name], status)
	}
}

// Requests is the number of HTTP requests seen for the named repository.
func (s *Server) Requests(name string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.requests[name]
}

// PackRequests is the number of git-upload-pack POSTs (object transfers)
// for the named repository; ref listings are not counted.
func (s *Server) PackRequests(name string) int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.packs[name]
}

func (s *Server) serve(w http.ResponseWriter, r *http.Request) {
	first, _, _ := strings.Cut(strings.TrimPrefix(r.URL.Path, "/"), "/")
	name := strings.TrimSuffix(first, ".git")

	s.mu.Lock()
	_, known := s.repos[name]
	token, needsToken := s.tokens[name]
	echo := s.echo[name]
	var failWith int
	if known {
		s.requests[name]++
		if q := s.failures[name]; len(q) > 0 {
			failWith, s.failures[name] = q[0], q[1:]
		}
		if r.Method == http.MethodPost && strings.HasSuffix(r.URL.Path, "/git-upload-pack") && failWith == 0 {
			s.packs[name]++
		}
	}
	s.mu.Unlock()

	switch {
	case !known:
		http.Error(w, "repository not found", http.StatusNotFound)
		return
	case failWith != 0:
		http.Error(w, "injected failure", failWith)
		return
	case echo:
		_, password, _ := r.BasicAuth()
		body := "request refused\nAuthorization: " + r.Header.Get("Authorization") +
			"\nretry with ?access_token=" + url.QueryEscape(password) + "\n" + strings.Repeat("<p>proxy diagnostics</p>\n", 400)
		http.Error(w, body, http.StatusForbidden)
		return
	case needsToken:
		_, password, ok := r.BasicAuth()
		if !ok {
			w.Header().Set("WWW-Authenticate", `Basic realm="fetchtest"`)
			http.Error(w, "authentication required", http.StatusUnauthorized)
			return
		}
		if password != token {
			http.Error(w, "permission denied", http.StatusForbidden)
			return
		}
	}
	// Serve the work tree repository at root/name; http-backend finds the
	// .git directory inside it.
	r2 := r.Clone(r.Context())
	r2.URL.Path = "/" + name + strings.TrimPrefix(r.URL.Path, "/"+first)
	s.backend.ServeHTTP(w, r2)
}

// gitEnv isolates git from the machine's user and system configuration and
// fixes identities and dates so that commit hashes are reproducible.
func gitEnv() []string {
	return []string{
		"GIT_CONFIG_NOSYSTEM=1",
		"GIT_CONFIG_GLOBAL=" + os.DevNull,
		"GIT_AUTHOR_NAME=Fetch Test",
		"GIT_AUTHOR_EMAIL=fetchtest@example.invalid",
		"GIT_COMMITTER_NAME=Fetch Test",
		"GIT_COMMITTER_EMAIL=fetchtest@example.invalid",
		"GIT_AUTHOR_DATE=2024-01-02T03:04:05Z",
		"GIT_COMMITTER_DATE=2024-01-02T03:04:05Z",
		"GIT_TERMINAL_PROMPT=0",
	}
}

func runGit(tb testing.TB, dir string, args ...string) string {
	tb.Helper()
	cmd := exec.Command("git", args...)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), gitEnv()...)
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Run(); err != nil {
		tb.Fatalf("git %s in %s: %v\n%s", strings.Join(args, " "), dir, err, stderr.String())
	}
	return stdout.String()
}

// Git runs the git command line in dir with an isolated configuration and
// returns its standard output; a failure ends the test.
func Git(tb testing.TB, dir string, args ...string) string {
	tb.Helper()
	return runGit(tb, dir, args...)
}

// InitRepo creates dir (if needed) and runs `git init -b main` in it.
func InitRepo(tb testing.TB, dir string) {
	tb.Helper()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		tb.Fatal(err)
	}
	runGit(tb, dir, "init", "--quiet", "-b", "main")
}

// WriteFile writes content to dir/rel, creating parent directories.
func WriteFile(tb testing.TB, dir, rel, content string) {
	tb.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		tb.Fatal(err)
	}
}

// Symlink creates the symbolic link dir/rel pointing at target.
func Symlink(tb testing.TB, dir, rel, target string) {
	tb.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		tb.Fatal(err)
	}
	if err := os.Symlink(target, p); err != nil {
		tb.Fatal(err)
	}
}

// Commit stages everything in dir, commits with message and returns the
// new commit's full hash.
func Commit(tb testing.TB, dir, message string) string {
	tb.Helper()
	runGit(tb, dir, "add", "-A")
	runGit(tb, dir, "commit", "--quiet", "--allow-empty", "-m", message)
	return Head(tb, dir)
}

// Head returns the full hash of HEAD in dir.
func Head(tb testing.TB, dir string) string {
	tb.Helper()
	return strings.TrimSpace(runGit(tb, dir, "rev-parse", "HEAD"))
}

// RevParse returns the full hash that rev names in dir.
func RevParse(tb testing.TB, dir, rev string) string {
	tb.Helper()
	return strings.TrimSpace(runGit(tb, dir, "rev-parse", rev+"^{commit}"))
}

// Sample describes the commits of the repository SampleRepo builds.
type Sample struct {
	First, Second string // commits on main, oldest first; Second is main's tip
	Feature       string // tip of branch "feature" (branched from First)
	TagV1         string // commit tagged v1.0 (annotated), = First
}

// SampleRepo returns a build function for AddRepo that creates a small
// service repository:
//
//	main:    "first" (app/*.py, app/data.bin, README.md), tagged v1.0 (annotated)
//	         "second" (adds app/models.py, a link inside app and one escaping it)
//	feature: from "first", adds app/feature.py
//
// The commit hashes are stored into *out when the build runs.
func SampleRepo(tb testing.TB, out *Sample) func(dir string) {
	return func(dir string) {
		tb.Helper()
		WriteFile(tb, dir, "README.md", "# sample\n")
		WriteFile(tb, dir, "app/main.py", "def main():\n    return 1\n")
		WriteFile(tb, dir, "app/util/helpers.py", "X = 1\n")
		WriteFile(tb, dir, "app/data.bin", "\x00\x01\x02binary")
		first := Commit(tb, dir, "first")
		Git(tb, dir, "tag", "-a", "v1.0", "-m", "release 1.0")

		Git(tb, dir, "checkout", "--quiet", "-b", "feature")
		WriteFile(tb, dir, "app/feature.py", "FEATURE = True\n")
		feature := Commit(tb, dir, "feature work")
		Git(tb, dir, "checkout", "--quiet", "main")

		WriteFile(tb, dir, "app/models.py", "class User:\n    pass\n")
		Symlink(tb, dir, "app/alias.py", "models.py")
		Symlink(tb, dir, "app/escape.py", "../README.md")
		second := Commit(tb, dir, "second")
		if out != nil {
			*out = Sample{First: first, Second: second, Feature: feature, TagV1: first}
		}
	}
}

// GeneratePython writes n generated Python modules of roughly size bytes
// each under dir/pkg and commits them; used by benchmarks.
func GeneratePython(tb testing.TB, n, size int) func(dir string) {
	return func(dir string) {
		tb.Helper()
		for i := range n {
			var b strings.Builder
			fmt.Fprintf(&b, "\"\"\"Generated module %d.\"\"\"\nfrom datetime import timedelta\n\n", i)
			for j := 0; b.Len() < size; j++ {
				fmt.Fprintf(&b, "TOKEN_EXPIRY_%d = timedelta(hours=%d)\n\n", j, j%24+1)
				fmt.Fprintf(&b, "def handler_%d_%d(user, token):\n    if not user:\n        raise ValueError(\"missing user %d\")\n    token.used = True\n    return token\n\n", i, j, j)
			}
			WriteFile(tb, dir, fmt.Sprintf("pkg/sub%02d/module_%03d.py", i%10, i), b.String())
		}
		Commit(tb, dir, "generated")
	}
}
