package pipeline_test

// The fault-injection suite (issue 10): one test per way a nightly run used
// to lose data or leave its output directory inconsistent. Each runs end
// to end over the loopback git server and asserts two things after the
// fault: nothing outside the run's own outputs changed, and the output
// directory is one consistent generation.

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"net/url"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/fetch/fetchtest"
	"github.com/distill/distill/internal/manifest"
	"github.com/distill/distill/internal/pipeline"
	"github.com/distill/distill/internal/summary"
)

// faultOrg is a small organisation: repository "accounts" (the Flask
// service under services/accounts, group reset) and repository "api" (the
// FastAPI service at the root, group reset, and its models package as an
// ungrouped service). The output directory lives in parent next to files
// that are no run's business.
type faultOrg struct {
	srv      *fetchtest.Server
	accounts string // work trees
	api      string
	parent   string
	out      string
	cache    string
	catalog  *catalog.Catalog
	logs     *syncBuffer
	extra    string // more manifest repositories, appended to repos:
}

func newFaultOrg(t *testing.T) *faultOrg {
	t.Helper()
	o := &faultOrg{srv: fetchtest.NewServer(t), parent: t.TempDir(), cache: t.TempDir(), logs: &syncBuffer{}}
	o.out = filepath.Join(o.parent, "out")
	o.accounts = o.srv.AddRepo("accounts", func(dir string) {
		copyService(t, "flask_accounts", dir, "services/accounts")
		fetchtest.Commit(t, dir, "import")
	})
	o.api = o.srv.AddRepo("api", func(dir string) {
		copyService(t, "fastapi_accounts", dir, ".")
		fetchtest.Commit(t, dir, "import")
	})
	// Neighbours of the output directory.
	writeFile(t, filepath.Join(o.parent, "neighbour.txt"), "not distill's\n")
	writeFile(t, filepath.Join(o.parent, "other", "keep.md"), "# mine\n")
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	o.catalog = cat
	return o
}

func slogTo(b *syncBuffer) *slog.Logger {
	return slog.New(slog.NewTextHandler(b, &slog.HandlerOptions{Level: slog.LevelDebug}))
}

func parseSpec(rel string, b []byte) (*allium.Module, error) {
	m, diags := allium.Parse(rel, b)
	if diags.HasErrors() {
		return nil, diags.Err()
	}
	return m, nil
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// yaml is the organisation's manifest; drop removes a block of it.
func (o *faultOrg) yaml(drop ...string) string {
	y := fmt.Sprintf(`version: 1
defaults:
  exclude: ["**/tests/**", "**/migrations/**", "**/alembic/**"]
groups:
  - name: reset
repos:
  - name: accounts
    url: %s
    services:
      - name: accounts
        path: services/accounts
        group: reset
  - name: api
    url: %s
    services:
      - name: accounts
        path: .
        group: reset
      - name: models
        path: app/models
%s`, o.srv.URL("accounts"), o.srv.URL("api"), o.extra)
	for _, d := range drop {
		y = strings.Replace(y, d, "", 1)
	}
	return y
}

func (o *faultOrg) config(t *testing.T, drop ...string) pipeline.Config {
	t.Helper()
	m, err := manifest.Parse([]byte(o.yaml(drop...)), "faults.yaml", lookupEnv)
	if err != nil {
		t.Fatalf("manifest: %v", err)
	}
	return pipeline.Config{
		Manifest: m, OutDir: o.out, CacheDir: o.cache, Workers: 2, CloneWorkers: 2,
		Provenance: true, Catalog: o.catalog, ToolVersion: "faults-test", LookupEnv: lookupEnv,
		Logger: slogTo(o.logs),
	}
}

// fileState is what a path holds: file bytes, a symlink target or a
// directory.
type fileState struct {
	Kind, Content string
}

// snapshot records every path under root.
func snapshot(t *testing.T, root string) map[string]fileState {
	t.Helper()
	out := map[string]fileState{}
	err := filepath.WalkDir(root, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(root, p)
		rel = filepath.ToSlash(rel)
		switch {
		case d.IsDir():
			out[rel] = fileState{Kind: "dir"}
		case d.Type()&fs.ModeSymlink != 0:
			target, err := os.Readlink(p)
			if err != nil {
				return err
			}
			out[rel] = fileState{Kind: "link", Content: target}
		default:
			b, err := os.ReadFile(p)
			if err != nil {
				return err
			}
			out[rel] = fileState{Kind: "file", Content: string(b)}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

// foreign is the part of the parent directory that is not the output
// directory's own generation: neighbours, and the files in out that the
// generation does not own (and the directories holding them).
func (o *faultOrg) foreign(t *testing.T) map[string]fileState {
	t.Helper()
	owned := map[string]bool{}
	for _, rel := range readState(t, o.out).Outputs {
		owned["out/"+rel] = true
	}
	all := snapshot(t, o.parent)
	out := map[string]fileState{}
	for rel, st := range all {
		switch {
		case owned[rel], rel == "out", rel == "out/.distill.lock", rel == "out/.distill", strings.HasPrefix(rel, "out/.distill/"):
			continue
		case st.Kind == "dir" && rel != "." && !hasForeignBelow(rel, all, owned):
			continue // a directory of outputs only
		}
		out[rel] = st
	}
	return out
}

func hasForeignBelow(dir string, all map[string]fileState, owned map[string]bool) bool {
	if dir == "out" {
		return true
	}
	for rel, st := range all {
		if strings.HasPrefix(rel, dir+"/") && st.Kind != "dir" && !owned[rel] && !strings.HasPrefix(rel, "out/.distill") {
			return true
		}
	}
	return false
}

// checkForeignUnchanged asserts that the run touched nothing but its own
// outputs.
func (o *faultOrg) checkForeignUnchanged(t *testing.T, before map[string]fileState) {
	t.Helper()
	if diff := cmp.Diff(before, o.foreign(t)); diff != "" {
		t.Errorf("files outside the run's own outputs changed (-before +after):\n%s", diff)
	}
}

type stateFile struct {
	Services map[string]struct {
		SpecDigest string `json:"spec_digest"`
		Commit     string `json:"commit"`
	} `json:"services"`
	Outputs []string `json:"outputs"`
}

func readState(t *testing.T, out string) stateFile {
	t.Helper()
	var st stateFile
	b, err := os.ReadFile(filepath.Join(out, ".distill", "state.json"))
	if errors.Is(err, fs.ErrNotExist) {
		return st
	}
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, &st); err != nil {
		t.Fatalf("state.json: %v", err)
	}
	return st
}

func sha(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

// checkGeneration asserts that out holds one consistent generation: every
// file the state lists exists, the tables agree with the specs on disk and
// with each other, run.json and the state describe the same services, no
// temporary file or staging directory is left, and every spec parses.
// An output directory with no run yet must hold no output at all.
func checkGeneration(t *testing.T, out string) {
	t.Helper()
	parent, base := filepath.Split(out)
	entries, _ := os.ReadDir(parent)
	for _, e := range entries {
		if strings.HasPrefix(e.Name(), "."+base+".distill-next-") {
			t.Errorf("a staging directory is left beside the outputs: %s", e.Name())
		}
	}
	checkGenerationInside(t, out)
}

// checkGenerationInside is checkGeneration without the staging check:
// after a SIGKILL the staging directory may remain until the next run.
func checkGenerationInside(t *testing.T, out string) {
	t.Helper()
	st := readState(t, out)
	if st.Outputs == nil {
		for _, f := range []string{"run.json", summary.ServicesFile, summary.ConstructsFile} {
			if _, err := os.Stat(filepath.Join(out, f)); err == nil {
				t.Errorf("%s exists without a state that lists it", f)
			}
		}
		return
	}
	for _, rel := range st.Outputs {
		if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(rel))); err != nil {
			t.Errorf("the generation lists %s, which is missing: %v", rel, err)
		}
	}
	files := readTree(t, out)
	for rel, b := range files {
		if strings.Contains(filepath.Base(rel), ".tmp-") {
			t.Errorf("temporary file left: %s", rel)
		}
		if strings.HasSuffix(rel, ".allium") && slices.Contains(st.Outputs, rel) {
			if _, diags := parseSpec(rel, b); diags != nil {
				t.Errorf("%s does not parse: %v", rel, diags)
			}
		}
	}
	var rec struct {
		Services int            `json:"services"`
		Status   map[string]int `json:"status"`
		Only     []string       `json:"only"`
	}
	if err := json.Unmarshal(files["run.json"], &rec); err != nil {
		t.Fatalf("run.json: %v", err)
	}
	services, err := summary.ReadAll[summary.ServiceRow](filepath.Join(out, summary.ServicesFile))
	if err != nil {
		t.Fatal(err)
	}
	withSpec := map[string]int32{}
	specs := map[string]bool{}
	for _, row := range services {
		id := row.Repo + "/" + row.Service
		if row.SpecPath == nil {
			if row.Status != pipeline.StatusFailed {
				t.Errorf("%s: status %s without a spec", id, row.Status)
			}
			continue
		}
		specs[*row.SpecPath] = true
		b, ok := files[*row.SpecPath]
		if !ok {
			t.Errorf("%s: spec %s is missing", id, *row.SpecPath)
			continue
		}
		if row.SpecDigest == nil || sha(b) != *row.SpecDigest {
			t.Errorf("%s: spec %s does not match its row's digest (a mix of two runs)", id, *row.SpecPath)
		}
		if e, ok := st.Services[id]; !ok || e.SpecDigest != sha(b) {
			t.Errorf("%s: state does not record the spec on disk", id)
		}
		withSpec[id] = row.Constructs
	}
	for _, rel := range st.Outputs {
		if strings.HasPrefix(rel, "specs/") && !specs[rel] {
			t.Errorf("spec %s is in the generation but no services row names it", rel)
		}
	}
	if len(rec.Only) == 0 && rec.Services != len(services) {
		t.Errorf("run.json counts %d services, services.parquet has %d rows", rec.Services, len(services))
	}
	constructs, err := summary.ReadAll[summary.ConstructRow](filepath.Join(out, summary.ConstructsFile))
	if err != nil {
		t.Fatal(err)
	}
	per := map[string]int32{}
	for _, c := range constructs {
		per[c.Repo+"/"+c.Service]++
	}
	for id, n := range per {
		if _, ok := withSpec[id]; !ok {
			t.Errorf("summary.parquet has %d rows of %s, which has no spec", n, id)
		}
	}
	for id, n := range withSpec {
		if per[id] != n {
			t.Errorf("%s: %d construct rows, its services row says %d", id, per[id], n)
		}
	}
	comparisons, err := summary.ReadAll[summary.ComparisonRow](filepath.Join(out, summary.ComparisonsFile))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range comparisons {
		if _, ok := files["shared/"+c.Group+".allium"]; !ok {
			t.Errorf("comparisons.parquet has group %s without its shared spec", c.Group)
			break
		}
	}
}

func TestFaultForeignFilesAreNeverRemoved(t *testing.T) {
	o := newFaultOrg(t)
	// A directory distill did not create, holding someone's work.
	writeFile(t, filepath.Join(o.out, "notes.docx"), "quarterly review")
	writeFile(t, filepath.Join(o.out, "specs", "handmade.allium"), "-- allium: 3\n")

	t.Run("refused without --force-out", func(t *testing.T) {
		before := snapshot(t, o.parent)
		_, err := pipeline.Run(context.Background(), o.config(t))
		if !errors.Is(err, pipeline.ErrForeignOut) {
			t.Fatalf("err = %v, want ErrForeignOut", err)
		}
		for _, want := range []string{o.out, "notes.docx", "specs/", "--force-out"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("message %q does not mention %q", err, want)
			}
		}
		if diff := cmp.Diff(before, snapshot(t, o.parent)); diff != "" {
			t.Errorf("a refused run changed files (-before +after):\n%s", diff)
		}
	})

	t.Run("--force-out keeps the other files", func(t *testing.T) {
		before := o.foreign(t)
		cfg := o.config(t)
		cfg.ForceOut = true
		runFixture(t, cfg)
		o.checkForeignUnchanged(t, before)
		checkGeneration(t, o.out)
	})

	t.Run("a rerun removes only what the previous run recorded", func(t *testing.T) {
		// Files added since: a report someone saved, notes among the specs.
		writeFile(t, filepath.Join(o.out, "reports", "reset-review.md"), "looks fine\n")
		writeFile(t, filepath.Join(o.out, "specs", "api", "NOTES.txt"), "ask about models\n")
		before := o.foreign(t)
		res := runFixture(t, o.config(t, "      - name: models\n        path: app/models\n"))
		if len(res.Services) != 2 {
			t.Fatalf("%d services, want 2", len(res.Services))
		}
		if _, err := os.Stat(filepath.Join(o.out, "specs", "api", "models.allium")); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("the removed service's spec is still there (%v)", err)
		}
		o.checkForeignUnchanged(t, before)
		checkGeneration(t, o.out)
	})
}

func TestFaultFailedFetchKeepsLastGoodSpec(t *testing.T) {
	o := newFaultOrg(t)
	first := runFixture(t, o.config(t))
	good := serviceByID(t, first, "api/accounts")
	specBefore := readTree(t, filepath.Join(o.out, "specs"))
	rowsBefore := constructRowsOf(t, o.out, "api")
	before := o.foreign(t)

	// The repository's credentials expire: every request is refused.
	o.srv.RequireToken("api", "rotated")
	res := runFixture(t, o.config(t))
	for _, id := range []string{"api/accounts", "api/models"} {
		s := serviceByID(t, res, id)
		if s.Status != pipeline.StatusStale || !strings.Contains(s.Error, "authentication") ||
			s.LastGoodCommit != good.Commit || s.LastGoodAt.IsZero() {
			t.Errorf("%s: status %s, error %q, last good %q at %v; want stale with the fetch error and commit %s",
				id, s.Status, s.Error, s.LastGoodCommit, s.LastGoodAt, good.Commit)
		}
	}
	if diff := cmp.Diff(specBefore, readTree(t, filepath.Join(o.out, "specs"))); diff != "" {
		t.Errorf("specs changed although nothing could be fetched (-before +after):\n%s", diff)
	}
	if diff := cmp.Diff(rowsBefore, constructRowsOf(t, o.out, "api")); diff != "" {
		t.Errorf("the stale repository's summary rows changed (-before +after):\n%s", diff)
	}
	rows := readArrow(t, filepath.Join(o.out, summary.ServicesFile)).rowMaps(t)
	api := findRows(rows, map[string]any{"repo": "api", "service": "accounts"})
	if len(api) != 1 || api[0]["status"] != "stale" || api[0]["last_good_commit"] != good.Commit ||
		api[0]["last_good_at"] == nil || api[0]["error"] == nil || api[0]["spec_path"] != "specs/api/accounts.allium" {
		t.Errorf("services.parquet row of a stale service: %v", api)
	}
	var rec struct {
		Stale []struct {
			Service        string `json:"service"`
			Error          string `json:"error"`
			LastGoodCommit string `json:"last_good_commit"`
		} `json:"stale"`
	}
	b, _ := os.ReadFile(filepath.Join(o.out, "run.json"))
	if err := json.Unmarshal(b, &rec); err != nil || len(rec.Stale) != 2 {
		t.Errorf("run.json does not list the two stale services: %s", b)
	}
	o.checkForeignUnchanged(t, before)
	checkGeneration(t, o.out)

	// Two nights in a row: still the same last good spec.
	res = runFixture(t, o.config(t))
	if s := serviceByID(t, res, "api/models"); s.Status != pipeline.StatusStale || s.LastGoodCommit != good.Commit {
		t.Errorf("second failed night: %s %q", s.Status, s.LastGoodCommit)
	}
	checkGeneration(t, o.out)

	// Credentials fixed: back to normal, nothing stale.
	o.srv.RequireToken("api", tokenValue)
	cfg := o.config(t)
	cfg.Manifest.Repos[1].Auth.TokenEnv = tokenEnv
	res = runFixture(t, cfg)
	if n := res.Count(pipeline.StatusStale); n != 0 {
		t.Errorf("%d services still stale after the fetch works again: %v", n, statuses(res))
	}
	checkGeneration(t, o.out)
}

func constructRowsOf(t *testing.T, out, repo string) []summary.ConstructRow {
	t.Helper()
	rows, err := summary.ReadAll[summary.ConstructRow](filepath.Join(out, summary.ConstructsFile))
	if err != nil {
		t.Fatal(err)
	}
	return slices.DeleteFunc(rows, func(r summary.ConstructRow) bool { return r.Repo != repo })
}

func TestFaultOnlyKeepsEveryOtherRow(t *testing.T) {
	o := newFaultOrg(t)
	runFixture(t, o.config(t))
	servicesBefore, _ := summary.ReadAll[summary.ServiceRow](filepath.Join(o.out, summary.ServicesFile))
	comparisonsBefore, _ := summary.ReadAll[summary.ComparisonRow](filepath.Join(o.out, summary.ComparisonsFile))
	sharedBefore := readTree(t, filepath.Join(o.out, "shared"))
	modelsRows := constructRowsOf(t, o.out, "api")

	t.Run("a selected member re-compares its group", func(t *testing.T) {
		fetchtest.WriteFile(t, o.accounts, "services/accounts/app/limits.py", "MAX_RESET_REQUESTS_PER_HOUR = 5\n")
		fetchtest.Commit(t, o.accounts, "limit resets")
		before := o.foreign(t)
		cfg := o.config(t)
		cfg.Only = []string{"accounts"}
		res := runFixture(t, cfg)
		if diff := cmp.Diff(map[string]string{"accounts/accounts": pipeline.StatusOK}, statuses(res)); diff != "" {
			t.Errorf("statuses (-want +got):\n%s", diff)
		}
		services, _ := summary.ReadAll[summary.ServiceRow](filepath.Join(o.out, summary.ServicesFile))
		if len(services) != 3 {
			t.Fatalf("services.parquet has %d rows after --only, want all 3", len(services))
		}
		for i := 1; i < 3; i++ { // api/accounts and api/models: kept as they were
			if diff := cmp.Diff(servicesBefore[i], services[i]); diff != "" {
				t.Errorf("row of %s/%s changed (-before +after):\n%s", services[i].Repo, services[i].Service, diff)
			}
		}
		comparisons, _ := summary.ReadAll[summary.ComparisonRow](filepath.Join(o.out, summary.ComparisonsFile))
		if len(comparisons) == 0 {
			t.Error("comparisons.parquet is empty after --only")
		}
		found := false
		for _, c := range comparisons {
			if c.Kind == summary.KindConfig && slices.Contains(c.LocalNames, "max_reset_requests_per_hour") {
				found = true
			}
		}
		if !found {
			t.Log("the new config did not reach the comparison (distiller naming); group was still re-compared")
		}
		if rows := constructRowsOf(t, o.out, "api"); len(rows) != len(modelsRows) {
			t.Errorf("api rows: %d, want %d kept", len(rows), len(modelsRows))
		}
		o.checkForeignUnchanged(t, before)
		checkGeneration(t, o.out)
	})

	t.Run("an ungrouped selection leaves the groups alone", func(t *testing.T) {
		sharedNow := readTree(t, filepath.Join(o.out, "shared"))
		comparisonsNow, _ := summary.ReadAll[summary.ComparisonRow](filepath.Join(o.out, summary.ComparisonsFile))
		before := o.foreign(t)
		cfg := o.config(t)
		cfg.Only = []string{"api/models"}
		runFixture(t, cfg)
		if diff := cmp.Diff(sharedNow, readTree(t, filepath.Join(o.out, "shared"))); diff != "" {
			t.Errorf("shared specs changed (-before +after):\n%s", diff)
		}
		comparisons, _ := summary.ReadAll[summary.ComparisonRow](filepath.Join(o.out, summary.ComparisonsFile))
		if diff := cmp.Diff(comparisonsNow, comparisons); diff != "" {
			t.Errorf("comparison rows changed (-before +after):\n%s", diff)
		}
		o.checkForeignUnchanged(t, before)
		checkGeneration(t, o.out)
	})
	_ = sharedBefore
	_ = comparisonsBefore
}

func TestFaultInterruptKeepsThePreviousRun(t *testing.T) {
	o := newFaultOrg(t)
	runFixture(t, o.config(t))
	whole := snapshot(t, o.parent)

	fetchtest.WriteFile(t, o.api, "app/limits.py", "MAX_API_KEYS_PER_USER = 5\n")
	fetchtest.Commit(t, o.api, "limit api keys")
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	cfg := o.config(t)
	cfg.Progress = &cancellingProgress{cancel: cancel}
	_, err := pipeline.Run(ctx, cfg)
	var ie *pipeline.InterruptedError
	if !errors.As(err, &ie) || !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want an InterruptedError wrapping context.Canceled", err)
	}
	if ie.Previous.IsZero() || !strings.Contains(err.Error(), "previous run") {
		t.Errorf("the message does not say the previous run was kept: %v", err)
	}
	// Byte for byte what it was: the new specs never showed.
	if diff := cmp.Diff(whole, snapshot(t, o.parent)); diff != "" {
		t.Errorf("an interrupted run changed the directory (-before +after):\n%s", diff)
	}
	checkGeneration(t, o.out)

	// What a SIGKILL leaves (a staging directory, a temporary file of an
	// older version) is cleaned by the next run.
	before := o.foreign(t)
	stage := filepath.Join(o.parent, ".out.distill-next-12345")
	writeFile(t, filepath.Join(stage, "specs", "api", "accounts.allium"), "-- half")
	tmp := filepath.Join(o.out, "specs", "api", ".accounts.allium.tmp-98765")
	writeFile(t, tmp, "-- half")
	runFixture(t, o.config(t))
	for _, p := range []string{stage, tmp} {
		if _, err := os.Stat(p); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("%s was not cleaned (%v)", p, err)
		}
	}
	o.checkForeignUnchanged(t, before)
	checkGeneration(t, o.out)
}

func TestFaultAtInURLPathIsNotACredential(t *testing.T) {
	o := newFaultOrg(t)
	o.srv.AddRepo("team@corp", func(dir string) {
		copyService(t, "django_accounts", dir, ".")
		fetchtest.Commit(t, dir, "import")
	})
	o.extra = fmt.Sprintf("  - name: corp\n    url: %s\n    services:\n      - name: accounts\n        path: .\n", o.srv.URL("team@corp"))
	before := o.foreign(t)
	res := runFixture(t, o.config(t))
	corp := serviceByID(t, res, "corp/accounts")
	if corp.Status != pipeline.StatusOK || corp.URL != o.srv.URL("team@corp") {
		t.Errorf("corp: status %s (%s), url %q; want ok with the URL as written", corp.Status, corp.Error, corp.URL)
	}
	if strings.Contains(o.logs.String(), "***") {
		t.Errorf("a URL without credentials was logged as if it had some:\n%s", o.logs.String())
	}
	rows := readArrow(t, filepath.Join(o.out, summary.ServicesFile)).rowMaps(t)
	if r := findRows(rows, map[string]any{"repo": "corp"}); len(r) != 1 || r[0]["url"] != o.srv.URL("team@corp") {
		t.Errorf("services.parquet row of corp: %v", r)
	}
	o.checkForeignUnchanged(t, before)
	checkGeneration(t, o.out)
}

func TestFaultEchoedCredentialsAreRedacted(t *testing.T) {
	o := newFaultOrg(t)
	o.srv.AddRepo("vault", func(dir string) {
		copyService(t, "django_accounts", dir, ".")
		fetchtest.Commit(t, dir, "import")
	})
	o.srv.RequireToken("vault", tokenValue)
	o.srv.EchoCredentials("vault")
	o.extra = fmt.Sprintf("  - name: vault\n    url: %s\n    auth:\n      token_env: %s\n    services:\n      - name: accounts\n        path: .\n",
		o.srv.URL("vault"), tokenEnv)
	before := o.foreign(t)
	res := runFixture(t, o.config(t))
	vault := serviceByID(t, res, "vault/accounts")
	if vault.Status != pipeline.StatusFailed {
		t.Fatalf("vault: status %s, want failed", vault.Status)
	}
	t.Logf("vault error: %s", vault.Error)
	if len(vault.Error) > 1200 || strings.ContainsAny(vault.Error, "\n\r") {
		t.Errorf("the quoted server body is not bounded to one short line (%d bytes): %q", len(vault.Error), vault.Error)
	}
	forms := []string{
		tokenValue,
		base64.StdEncoding.EncodeToString([]byte("x-access-token:" + tokenValue)),
		url.QueryEscape(tokenValue),
	}
	texts := map[string]string{"error": vault.Error, "log": o.logs.String()}
	for rel, b := range readTree(t, o.out) {
		texts["out/"+rel] = string(b)
	}
	for rel, b := range readTree(t, o.cache) {
		texts["cache/"+rel] = string(b)
	}
	for where, text := range texts {
		for _, f := range forms {
			if strings.Contains(text, f) {
				t.Errorf("the token (as %q) leaked into %s", f, where)
			}
		}
	}
	o.checkForeignUnchanged(t, before)
	checkGeneration(t, o.out)
}

func TestFaultOddFileNamesAndDeclaredEncodings(t *testing.T) {
	o := newFaultOrg(t)
	fetchtest.WriteFile(t, o.api, "app/bad\nname.py", "X = 1\n")
	fetchtest.WriteFile(t, o.api, "app/legacy.py", "# -*- coding: latin-1 -*-\nGREETING = 'caf\xe9'\nLEGACY_LIMIT = 5\n")
	fetchtest.Commit(t, o.api, "odd files")
	before := o.foreign(t)
	res := runFixture(t, o.config(t))
	api := serviceByID(t, res, "api/accounts")
	if api.Status != pipeline.StatusOK {
		t.Fatalf("api/accounts: %s %s; one odd file must not fail the service", api.Status, api.Error)
	}
	if !slices.Contains(api.Skipped, `app/bad\nname.py: file name has a control character`) {
		t.Errorf("skipped %q lacks the escaped odd name", api.Skipped)
	}
	for _, s := range api.Skipped {
		if strings.Contains(s, "legacy.py") {
			t.Errorf("a file that declares its encoding was skipped: %s", s)
		}
	}
	for rel, b := range readTree(t, o.out) {
		if bytes.Contains(b, []byte("bad\nname")) {
			t.Errorf("%s holds the raw file name with its newline", rel)
		}
	}
	o.checkForeignUnchanged(t, before)
	checkGeneration(t, o.out)
}

func TestFaultMessagesNameWhatToDo(t *testing.T) {
	o := newFaultOrg(t)
	missing := filepath.Join(t.TempDir(), "gone")
	docs := t.TempDir()
	writeFile(t, filepath.Join(docs, "README.md"), "# docs only\n")
	o.srv.AddRepo("private", func(dir string) {
		copyService(t, "django_accounts", dir, ".")
		fetchtest.Commit(t, dir, "import")
	})
	o.srv.RequireToken("private", "the-right-one")
	o.extra = fmt.Sprintf(`  - name: local
    url: %s
    services:
      - name: api
        path: .
  - name: docs
    url: %s
    services:
      - name: site
        path: .
  - name: private
    url: %s
    auth:
      token_env: %s
    services:
      - name: accounts
        path: .
`, missing, docs, o.srv.URL("private"), tokenEnv)
	before := o.foreign(t)
	res := runFixture(t, o.config(t))

	for _, id := range []string{"local/api", "docs/site", "private/accounts"} {
		t.Logf("%s: %s", id, serviceByID(t, res, id).Error)
	}
	local := serviceByID(t, res, "local/api")
	if strings.Count(local.Error, missing) != 1 || !strings.Contains(local.Error, "not found: "+missing) || strings.Contains(local.Error, "parse URL") {
		t.Errorf("missing local path: %q; want \"not found: %s\" once, no \"parse URL\"", local.Error, missing)
	}
	site := serviceByID(t, res, "docs/site")
	if site.Status != pipeline.StatusFailed || !strings.Contains(site.Error, "no Python or TypeScript file (.py, .ts") {
		t.Errorf("a service with no file of a supported language: %s %q; want failed saying so", site.Status, site.Error)
	}
	private := serviceByID(t, res, "private/accounts")
	if !strings.Contains(private.Error, "repository private") || !strings.Contains(private.Error, tokenEnv) {
		t.Errorf("authentication failure %q does not name the repository and %s", private.Error, tokenEnv)
	}
	o.checkForeignUnchanged(t, before)
	checkGeneration(t, o.out)
}
