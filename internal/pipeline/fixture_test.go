package pipeline_test

// The end-to-end fixture: real git repositories built from the fixture
// services, served over loopback with git's smart HTTP protocol, and the
// helpers that read a run's outputs back (Parquet through arrow-go, which
// shares no code with the parquet-go writer).

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/fetch/fetchtest"
	"github.com/distill/distill/internal/manifest"
	"github.com/distill/distill/internal/pipeline"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// The private repository's token. It must never appear in any output, log
// line or error; it is long and distinctive so a leak cannot hide.
const (
	tokenEnv   = "DISTILL_E2E_TOKEN"
	tokenValue = "tok-e2e-7f3a9c1d5b2e8f40-secret"
	// A wrong token for the same private repository: it is sent, refused,
	// and must not come back in the error.
	wrongTokenEnv   = "DISTILL_E2E_WRONG_TOKEN"
	wrongTokenValue = "tok-e2e-wrong-0b1c2d3e4f-secret"
)

// servicesDir is the repository's fixture services, relative to this
// package's directory.
var servicesDir = filepath.Join("..", "..", "testdata", "services")

// e2eFixture is one test's git server, repositories and manifest.
type e2eFixture struct {
	srv      *fetchtest.Server
	fastapi  string // work tree of the fastapi-accounts repository
	manifest *manifest.Manifest
	yaml     string // the manifest's text, for variations
	catalog  *catalog.Catalog
	cache    string
}

// lookupEnv is the environment the runs see: only the private repository's
// token is set. Injected rather than t.Setenv so tests stay independent of
// the process environment.
func lookupEnv(name string) (string, bool) {
	switch name {
	case tokenEnv:
		return tokenValue, true
	case wrongTokenEnv:
		return wrongTokenValue, true
	}
	return "", false
}

// copyService copies a fixture service's files into dir/prefix, keeping
// bytes exactly (the fixtures hold a non-UTF-8 file on purpose).
func copyService(t *testing.T, service, dir, prefix string) {
	t.Helper()
	src := filepath.Join(servicesDir, service)
	err := filepath.WalkDir(src, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, err := filepath.Rel(src, p)
		if err != nil {
			return err
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		fetchtest.WriteFile(t, dir, filepath.ToSlash(filepath.Join(prefix, rel)), string(data))
		return nil
	})
	if err != nil {
		t.Fatalf("copy fixture %s: %v", service, err)
	}
}

// brokenPython is a file with a syntax error; the service that holds it
// must still distil, with the error counted.
const brokenPython = "def broken(:\n    return ]\n"

// newFixture builds the repositories and the manifest:
//
//	flask-accounts   service under services/accounts; read at annotated
//	                 tag v1.0, while main has moved on (a later commit adds
//	                 LATER_LIMIT, which must not reach the spec) and a
//	                 branch "feature" exists. A second service's path does
//	                 not exist in the tree.
//	fastapi-accounts service at the root, read at branch "release", whose
//	                 second commit adds a file with a syntax error; an
//	                 ungrouped second service "models" (app/models).
//	django-accounts  private: basic auth with the token from tokenEnv; read
//	                 at the remote's HEAD (main, two commits).
//	django-mirror    the same repository with a wrong token.
//	ghost            never created: the server answers 404.
func newFixture(t *testing.T) *e2eFixture {
	t.Helper()
	srv := fetchtest.NewServer(t)
	f := &e2eFixture{srv: srv, cache: t.TempDir()}

	srv.AddRepo("flask-accounts", func(dir string) {
		fetchtest.WriteFile(t, dir, "README.md", "# accounts monorepo\n")
		fetchtest.Commit(t, dir, "readme")
		copyService(t, "flask_accounts", dir, "services/accounts")
		fetchtest.Commit(t, dir, "add the accounts service")
		fetchtest.Git(t, dir, "tag", "-a", "v1.0", "-m", "release 1.0")
		fetchtest.Git(t, dir, "checkout", "--quiet", "-b", "feature")
		fetchtest.WriteFile(t, dir, "services/accounts/app/feature.py", "FEATURE_LIMIT = 7\n")
		fetchtest.Commit(t, dir, "feature work")
		fetchtest.Git(t, dir, "checkout", "--quiet", "main")
		fetchtest.WriteFile(t, dir, "services/accounts/app/later.py", "LATER_LIMIT = 99\n")
		fetchtest.Commit(t, dir, "after the release")
	})
	f.fastapi = srv.AddRepo("fastapi-accounts", func(dir string) {
		copyService(t, "fastapi_accounts", dir, ".")
		fetchtest.Commit(t, dir, "import")
		fetchtest.Git(t, dir, "checkout", "--quiet", "-b", "release")
		fetchtest.WriteFile(t, dir, "app/broken_syntax.py", brokenPython)
		fetchtest.Commit(t, dir, "work in progress")
		fetchtest.Git(t, dir, "checkout", "--quiet", "main")
	})
	srv.AddRepo("django-accounts", func(dir string) {
		fetchtest.WriteFile(t, dir, "README.md", "# django accounts\n")
		fetchtest.Commit(t, dir, "readme")
		copyService(t, "django_accounts", dir, ".")
		fetchtest.Commit(t, dir, "import")
	})
	srv.RequireToken("django-accounts", tokenValue)

	yaml := fmt.Sprintf(`version: 1
defaults:
  exclude: ["**/tests/**", "**/migrations/**", "**/alembic/**"]
  timeout: 2m
groups:
  - name: password-reset
repos:
  - name: flask-accounts
    url: %s
    ref: v1.0
    services:
      - name: accounts
        path: services/accounts
        language: python
        group: password-reset
      - name: billing
        path: services/billing
  - name: fastapi-accounts
    url: %s
    ref: release
    services:
      - name: accounts
        path: .
        language: python
        group: password-reset
      - name: models
        path: app/models
  - name: django-accounts
    url: %s
    auth:
      token_env: %s
    services:
      - name: accounts
        path: .
        group: password-reset
  - name: django-mirror
    url: %s
    auth:
      token_env: %s
    services:
      - name: accounts
        path: .
  - name: ghost
    url: %s
    services:
      - name: api
        path: .
`, srv.URL("flask-accounts"), srv.URL("fastapi-accounts"), srv.URL("django-accounts"), tokenEnv,
		srv.URL("django-accounts"), wrongTokenEnv, srv.URL("ghost"))
	m, err := manifest.Parse([]byte(yaml), "e2e.yaml", lookupEnv)
	if err != nil {
		t.Fatalf("fixture manifest: %v", err)
	}
	f.manifest, f.yaml = m, yaml
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	f.catalog = cat
	return f
}

// config is a run of the fixture's manifest into out, logging into logs.
func (f *e2eFixture) config(out string, logs *syncBuffer) pipeline.Config {
	return pipeline.Config{
		Manifest:     f.manifest,
		OutDir:       out,
		CacheDir:     f.cache,
		Workers:      2,
		CloneWorkers: 4,
		Provenance:   true,
		Catalog:      f.catalog,
		ToolVersion:  "e2e-test",
		LookupEnv:    lookupEnv,
		Logger:       slog.New(slog.NewTextHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	}
}

// syncBuffer is a log sink safe for the run's concurrent writers.
type syncBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *syncBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.Write(p)
}

func (b *syncBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// runFixture runs the pipeline and fails the test on a run-level error.
func runFixture(t *testing.T, cfg pipeline.Config) *pipeline.Result {
	t.Helper()
	res, err := pipeline.Run(context.Background(), cfg)
	if err != nil {
		t.Fatalf("Run: %v", err)
	}
	return res
}

// statuses maps "repo/service" to its status.
func statuses(res *pipeline.Result) map[string]string {
	out := map[string]string{}
	for i := range res.Services {
		out[res.Services[i].ID()] = res.Services[i].Status
	}
	return out
}

// serviceByID finds a service's result.
func serviceByID(t *testing.T, res *pipeline.Result, id string) pipeline.ServiceResult {
	t.Helper()
	for _, s := range res.Services {
		if s.ID() == id {
			return s
		}
	}
	t.Fatalf("no result for %s", id)
	return pipeline.ServiceResult{}
}

// readTree returns every regular file under root by slash path relative to
// root.
func readTree(t *testing.T, root string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		out[filepath.ToSlash(rel)] = b
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// goldenOutputs are the human-facing outputs compared with goldens.
func goldenOutputs(t *testing.T, out string) map[string][]byte {
	t.Helper()
	got := map[string][]byte{}
	for rel, b := range readTree(t, out) {
		if strings.HasPrefix(rel, "specs/") || strings.HasPrefix(rel, "shared/") || strings.HasPrefix(rel, "reports/") {
			got[rel] = b
		}
	}
	return got
}

// checkGoldens compares specs, shared specs and reports with
// testdata/golden, file set and bytes; -update rewrites the goldens.
func checkGoldens(t *testing.T, out string) {
	t.Helper()
	golden := filepath.Join("testdata", "golden")
	got := goldenOutputs(t, out)
	if *update {
		if err := os.RemoveAll(golden); err != nil {
			t.Fatal(err)
		}
		for rel, b := range got {
			p := filepath.Join(golden, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := readTree(t, golden)
	for _, rel := range sortedKeys(want) {
		g, ok := got[rel]
		if !ok {
			t.Errorf("output %s is missing (golden has it)", rel)
			continue
		}
		if !bytes.Equal(g, want[rel]) {
			t.Errorf("output %s differs from its golden (run with -update and review the diff):\n%s", rel, firstDiff(string(want[rel]), string(g)))
		}
	}
	for _, rel := range sortedKeys(got) {
		if _, ok := want[rel]; !ok {
			t.Errorf("unexpected output %s (no golden)", rel)
		}
	}
}

// firstDiff shows the first differing line of two texts.
func firstDiff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d:\n  want %q\n  got  %q", i+1, w, g)
		}
	}
	return "(same lines, different bytes)"
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// checkNoPartialFiles asserts that no temporary file is left under out and
// that every spec there parses.
func checkNoPartialFiles(t *testing.T, out string) {
	t.Helper()
	for rel, b := range readTree(t, out) {
		if strings.Contains(filepath.Base(rel), ".tmp") {
			t.Errorf("temporary file left behind: %s", rel)
		}
		if strings.HasSuffix(rel, ".allium") {
			if _, diags := allium.Parse(rel, b); diags.HasErrors() {
				t.Errorf("%s does not parse: %v", rel, diags.Err())
			}
		}
	}
}

// checkNoSecret asserts that the token appears in no file under each root
// and not in text.
func checkNoSecret(t *testing.T, text string, roots ...string) {
	t.Helper()
	for _, root := range roots {
		for rel, b := range readTree(t, root) {
			for _, tok := range []string{tokenValue, wrongTokenValue} {
				if bytes.Contains(b, []byte(tok)) {
					t.Errorf("a token leaked into %s", filepath.Join(root, rel))
				}
			}
		}
	}
	for _, tok := range []string{tokenValue, wrongTokenValue} {
		if strings.Contains(text, tok) {
			t.Errorf("a token leaked into the log")
		}
	}
}

// arrowTable is a Parquet file decoded by arrow-go, by column name.
type arrowTable struct {
	schema *arrow.Schema
	rows   int
	cols   map[string]arrow.Array // each column concatenated into one array
}

// readArrow reads a Parquet file with arrow-go.
func readArrow(t *testing.T, path string) arrowTable {
	t.Helper()
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatalf("arrow-go cannot open %s: %v", path, err)
	}
	defer pf.Close()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatalf("arrow-go cannot read %s: %v", path, err)
	}
	defer tbl.Release()
	out := arrowTable{schema: tbl.Schema(), rows: int(tbl.NumRows()), cols: map[string]arrow.Array{}}
	for i := range int(tbl.NumCols()) {
		chunks := tbl.Column(i).Data().Chunks()
		var arr arrow.Array
		if len(chunks) == 1 {
			arr = chunks[0]
			arr.Retain()
		} else {
			arr, err = array.Concatenate(chunks, memory.DefaultAllocator)
			if err != nil {
				t.Fatal(err)
			}
		}
		t.Cleanup(arr.Release)
		out.cols[tbl.Schema().Field(i).Name] = arr
	}
	return out
}

// value returns row i of a column as a Go value: nil for NULL, string,
// int32, int64, float64, bool, time.Time (for timestamps, after checking the unit
// is milliseconds and the zone UTC) or []any for lists.
func (a arrowTable) value(t *testing.T, col string, i int) any {
	t.Helper()
	arr, ok := a.cols[col]
	if !ok {
		t.Fatalf("no column %q", col)
	}
	return arrowValue(t, col, arr, i)
}

func arrowValue(t *testing.T, col string, arr arrow.Array, i int) any {
	t.Helper()
	if arr.IsNull(i) {
		return nil
	}
	switch x := arr.(type) {
	case *array.String:
		return x.Value(i)
	case *array.Int32:
		return x.Value(i)
	case *array.Int64:
		return x.Value(i)
	case *array.Float64:
		return x.Value(i)
	case *array.Boolean:
		return x.Value(i)
	case *array.Timestamp:
		tt := x.DataType().(*arrow.TimestampType)
		if tt.Unit != arrow.Millisecond || tt.TimeZone != "UTC" {
			t.Fatalf("column %s: timestamp unit %s zone %q, want milliseconds in UTC", col, tt.Unit, tt.TimeZone)
		}
		return x.Value(i).ToTime(tt.Unit)
	case *array.List:
		start, end := x.ValueOffsets(i)
		out := []any{}
		for j := start; j < end; j++ {
			out = append(out, arrowValue(t, col, x.ListValues(), int(j)))
		}
		return out
	case *array.Dictionary:
		return arrowValue(t, col, x.Dictionary(), x.GetValueIndex(i))
	}
	t.Fatalf("column %s: unexpected arrow type %s", col, arr.DataType())
	return nil
}

// rowMaps returns every row as column name -> value.
func (a arrowTable) rowMaps(t *testing.T) []map[string]any {
	t.Helper()
	out := make([]map[string]any, a.rows)
	for i := range out {
		out[i] = map[string]any{}
		for _, f := range a.schema.Fields() {
			out[i][f.Name] = a.value(t, f.Name, i)
		}
	}
	return out
}

// findRows returns the rows whose columns equal every given value.
func findRows(rows []map[string]any, where map[string]any) []map[string]any {
	var out []map[string]any
	for _, r := range rows {
		ok := true
		for k, v := range where {
			if !reflect.DeepEqual(r[k], v) {
				ok = false
				break
			}
		}
		if ok {
			out = append(out, r)
		}
	}
	return out
}

// withoutTimings drops the columns that legitimately change between runs.
func withoutTimings(rows []map[string]any) []map[string]any {
	out := make([]map[string]any, len(rows))
	for i, r := range rows {
		c := map[string]any{}
		for k, v := range r {
			switch k {
			case "started_at", "fetch_ms", "distill_ms", "total_ms":
				continue
			}
			c[k] = v
		}
		out[i] = c
	}
	return out
}
