package pipeline_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/fetch/fetchtest"
	"github.com/distill/distill/internal/manifest"
	"github.com/distill/distill/internal/pipeline"
	"github.com/distill/distill/internal/summary"
)

// TestRunEndToEnd runs the batch job over real git repositories served on
// loopback. The subtests share one server and build one after another on
// the same output directory: cold run, rerun, push, --only.
func TestRunEndToEnd(t *testing.T) {
	f := newFixture(t)
	out := filepath.Join(t.TempDir(), "out")
	logs := &syncBuffer{}

	started := time.Now()
	first := runFixture(t, f.config(out, logs))
	finished := time.Now()

	t.Run("statuses", func(t *testing.T) {
		want := map[string]string{
			"flask-accounts/accounts":   pipeline.StatusOK,
			"flask-accounts/billing":    pipeline.StatusFailed,
			"fastapi-accounts/accounts": pipeline.StatusOK,
			"fastapi-accounts/models":   pipeline.StatusOK,
			"django-accounts/accounts":  pipeline.StatusOK,
			"django-mirror/accounts":    pipeline.StatusFailed,
			"ghost/api":                 pipeline.StatusFailed,
		}
		if diff := cmp.Diff(want, statuses(first)); diff != "" {
			t.Errorf("statuses (-want +got):\n%s", diff)
		}
		// Results come in manifest order whatever order workers finished in.
		var order []string
		for _, s := range first.Services {
			order = append(order, s.ID())
		}
		wantOrder := []string{"flask-accounts/accounts", "flask-accounts/billing", "fastapi-accounts/accounts",
			"fastapi-accounts/models", "django-accounts/accounts", "django-mirror/accounts", "ghost/api"}
		if diff := cmp.Diff(wantOrder, order); diff != "" {
			t.Errorf("result order (-want +got):\n%s", diff)
		}
	})

	t.Run("goldens", func(t *testing.T) {
		checkGoldens(t, out)
		spec, err := os.ReadFile(filepath.Join(out, "specs", "flask-accounts", "accounts.allium"))
		if err != nil {
			t.Fatal(err)
		}
		// The tag is read, not main's tip, nor the feature branch.
		for _, absent := range []string{"later", "feature_limit"} {
			if bytes.Contains(bytes.ToLower(spec), []byte(absent)) {
				t.Errorf("flask spec mentions %q, which exists only after tag v1.0", absent)
			}
		}
	})

	t.Run("failures", func(t *testing.T) {
		ghost := serviceByID(t, first, "ghost/api")
		for _, want := range []string{"ghost", "not found", "127.0.0.1"} {
			if !strings.Contains(ghost.Error, want) {
				t.Errorf("ghost error %q does not mention %q", ghost.Error, want)
			}
		}
		mirror := serviceByID(t, first, "django-mirror/accounts")
		for _, want := range []string{"repository django-mirror", "authentication failed"} {
			if !strings.Contains(mirror.Error, want) {
				t.Errorf("wrong-token error %q does not mention %q", mirror.Error, want)
			}
		}
		billing := serviceByID(t, first, "flask-accounts/billing")
		if !strings.Contains(billing.Error, "services/billing") || !strings.Contains(billing.Error, "does not exist") {
			t.Errorf("billing error %q does not say its path is missing", billing.Error)
		}
		if _, err := os.Stat(filepath.Join(out, "specs", "ghost")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("a failed repository left a spec directory: %v", err)
		}
	})

	t.Run("parse errors are counted, not fatal", func(t *testing.T) {
		// The release branch adds one file with a syntax error on top of the
		// fixture's own (legacy) one.
		fa := serviceByID(t, first, "fastapi-accounts/accounts")
		if fa.Status != pipeline.StatusOK || fa.ParseErrors != 2 {
			t.Errorf("fastapi-accounts/accounts: status %s, parse errors %d; want ok with 2", fa.Status, fa.ParseErrors)
		}
	})

	t.Run("services.parquet", func(t *testing.T) {
		tbl := readArrow(t, filepath.Join(out, summary.ServicesFile))
		rows := tbl.rowMaps(t)
		if len(rows) != 7 {
			t.Fatalf("services.parquet has %d rows, want 7", len(rows))
		}
		ghost := findRows(rows, map[string]any{"repo": "ghost", "service": "api"})
		if len(ghost) != 1 {
			t.Fatalf("ghost rows: %d", len(ghost))
		}
		if ghost[0]["status"] != "failed" || ghost[0]["spec_path"] != nil {
			t.Errorf("ghost row: status %v spec_path %v, want failed and NULL", ghost[0]["status"], ghost[0]["spec_path"])
		}
		if msg, _ := ghost[0]["error"].(string); !strings.Contains(msg, "repository ghost") {
			t.Errorf("ghost row error %q does not name the repository", msg)
		}
		dj := findRows(rows, map[string]any{"repo": "django-accounts", "service": "accounts"})[0]
		if dj["status"] != "ok" || dj["error"] != nil || dj["group_name"] != "password-reset" || dj["language"] != "python" {
			t.Errorf("django row: %v", dj)
		}
		if dj["url"] != f.srv.URL("django-accounts") {
			t.Errorf("django row url %v, want %s", dj["url"], f.srv.URL("django-accounts"))
		}
		if c, _ := dj["commit"].(string); len(c) != 40 {
			t.Errorf("django row commit %q is not a full hash", c)
		}
		// The coverage columns carry the distiller's counters.
		djRes := serviceByID(t, first, "django-accounts/accounts")
		if djRes.Handlers == 0 || djRes.StateHandlers == 0 || djRes.GuardsSeen == 0 || djRes.RequiresEmitted == 0 ||
			djRes.EffectsSeen == 0 || djRes.EnsuresEmitted == 0 {
			t.Errorf("django coverage has a zero where the fixture has handlers, guards and effects: %+v", djRes.Coverage)
		}
		wantCov := map[string]any{
			"handlers": int32(djRes.Handlers), "state_handlers": int32(djRes.StateHandlers),
			"state_handlers_with_rules": int32(djRes.StateHandlersRuled),
			"guards_seen":               int32(djRes.GuardsSeen), "requires_emitted": int32(djRes.RequiresEmitted),
			"effects_seen": int32(djRes.EffectsSeen), "ensures_emitted": int32(djRes.EnsuresEmitted),
			"dropped_by_checker": int32(djRes.DroppedByChecker), "dropped_unparsable": int32(djRes.DroppedUnparsable),
		}
		reasons, counts, total := []any{}, []any{}, int32(0)
		for _, rc := range djRes.LeftOut {
			reasons, counts, total = append(reasons, rc.Reason), append(counts, int32(rc.Count)), total+int32(rc.Count)
		}
		wantCov["left_out"], wantCov["left_out_reasons"], wantCov["left_out_counts"] = total, reasons, counts
		for col, want := range wantCov {
			if diff := cmp.Diff(want, dj[col]); diff != "" {
				t.Errorf("django row %s (-want +got):\n%s", col, diff)
			}
		}
		if ghost[0]["handlers"] != int32(0) || ghost[0]["left_out"] != int32(0) || len(ghost[0]["left_out_reasons"].([]any)) != 0 {
			t.Errorf("ghost row coverage: handlers %v left_out %v reasons %v", ghost[0]["handlers"], ghost[0]["left_out"], ghost[0]["left_out_reasons"])
		}
		models := findRows(rows, map[string]any{"repo": "fastapi-accounts", "service": "models"})[0]
		if models["group_name"] != nil {
			t.Errorf("ungrouped service has group_name %v, want NULL", models["group_name"])
		}
		for _, r := range rows {
			at, ok := r["started_at"].(time.Time)
			if !ok {
				t.Fatalf("started_at is %T", r["started_at"])
			}
			if at.Location() != time.UTC || !at.Equal(at.Truncate(time.Millisecond)) {
				t.Errorf("%s/%s started_at %v is not whole milliseconds in UTC", r["repo"], r["service"], at)
			}
			if at.Before(started.Truncate(time.Millisecond)) || at.After(finished) {
				t.Errorf("%s/%s started_at %v is outside the run [%v, %v]", r["repo"], r["service"], at, started, finished)
			}
		}
	})

	t.Run("summary.parquet", func(t *testing.T) {
		tbl := readArrow(t, filepath.Join(out, summary.ConstructsFile))
		rows := tbl.rowMaps(t)
		flaskCommit := serviceByID(t, first, "flask-accounts/accounts").Commit
		// app/config.py:11 is RESET_TOKEN_EXPIRY_HOURS = 1; every variant has a
		// reset token expiry, so it is in the shared spec.
		cfg := findRows(rows, map[string]any{"repo": "flask-accounts", "service": "accounts", "kind": "config", "name": "reset_token_expiry"})
		if len(cfg) != 1 {
			t.Fatalf("flask reset_token_expiry config rows: %d, want 1", len(cfg))
		}
		wantCfg := map[string]any{
			"repo": "flask-accounts", "commit": flaskCommit, "service": "accounts", "group_name": "password-reset",
			"kind": "config", "parent": nil, "name": "reset_token_expiry",
			"text": "reset_token_expiry: Duration = 1.hour", "value": "1.hour", "value_number": 3600.0,
			"source_file": "services/accounts/app/config.py", "source_line": int32(11), "in_shared": true,
		}
		if diff := cmp.Diff(wantCfg, cfg[0]); diff != "" {
			t.Errorf("config row (-want +got):\n%s", diff)
		}
		// app/auth/routes.py:138 is def request_password_reset(), in every
		// variant, so in the shared spec.
		rule := findRows(rows, map[string]any{"repo": "flask-accounts", "kind": "rule", "name": "RequestPasswordReset"})
		if len(rule) != 1 {
			t.Fatalf("flask RequestPasswordReset rule rows: %d, want 1", len(rule))
		}
		if rule[0]["source_file"] != "services/accounts/app/auth/routes.py" || rule[0]["source_line"] != int32(138) || rule[0]["in_shared"] != true {
			t.Errorf("rule row: %v", rule[0])
		}
		if text, _ := rule[0]["text"].(string); !strings.HasPrefix(text, "rule RequestPasswordReset {\n    when: RequestPasswordReset(email)\n") {
			t.Errorf("rule row text:\n%s", text)
		}
		// Grouped services carry their group and a non-NULL in_shared; the
		// ungrouped one neither. Failed services have no rows.
		perService := map[string]int{}
		for _, r := range rows {
			id := r["repo"].(string) + "/" + r["service"].(string)
			perService[id]++
			grouped := r["service"] == "accounts"
			if grouped && (r["group_name"] != "password-reset" || r["in_shared"] == nil) {
				t.Errorf("%s %s %v: group %v in_shared %v", id, r["kind"], r["name"], r["group_name"], r["in_shared"])
			}
			if !grouped && (r["group_name"] != nil || r["in_shared"] != nil) {
				t.Errorf("%s %s %v: group %v in_shared %v, want NULLs", id, r["kind"], r["name"], r["group_name"], r["in_shared"])
			}
		}
		for _, s := range first.Services {
			want := s.Constructs
			if perService[s.ID()] != want {
				t.Errorf("%s: %d rows, result says %d constructs", s.ID(), perService[s.ID()], want)
			}
			if s.Status == pipeline.StatusOK && want == 0 {
				t.Errorf("%s: no construct rows", s.ID())
			}
		}
		if perService["ghost/api"] != 0 || perService["flask-accounts/billing"] != 0 {
			t.Errorf("failed services have rows: %v", perService)
		}
	})

	t.Run("no secret anywhere", func(t *testing.T) {
		checkNoSecret(t, logs.String(), out, f.cache)
		checkNoPartialFiles(t, out)
	})

	firstSummary := readArrow(t, filepath.Join(out, summary.ConstructsFile)).rowMaps(t)
	firstServices := readArrow(t, filepath.Join(out, summary.ServicesFile)).rowMaps(t)
	firstOutputs := goldenOutputs(t, out)
	packs := func() map[string]int {
		return map[string]int{
			"flask-accounts":   f.srv.PackRequests("flask-accounts"),
			"fastapi-accounts": f.srv.PackRequests("fastapi-accounts"),
			"django-accounts":  f.srv.PackRequests("django-accounts"),
		}
	}

	t.Run("rerun is unchanged", func(t *testing.T) {
		before := packs()
		again := runFixture(t, f.config(out, logs))
		want := map[string]string{
			"flask-accounts/accounts":   pipeline.StatusUnchanged,
			"flask-accounts/billing":    pipeline.StatusFailed,
			"fastapi-accounts/accounts": pipeline.StatusUnchanged,
			"fastapi-accounts/models":   pipeline.StatusUnchanged,
			"django-accounts/accounts":  pipeline.StatusUnchanged,
			"django-mirror/accounts":    pipeline.StatusFailed,
			"ghost/api":                 pipeline.StatusFailed,
		}
		if diff := cmp.Diff(want, statuses(again)); diff != "" {
			t.Errorf("statuses (-want +got):\n%s", diff)
		}
		if diff := cmp.Diff(before, packs()); diff != "" {
			t.Errorf("an unchanged rerun transferred objects (-before +after):\n%s", diff)
		}
		if diff := cmp.Diff(firstOutputs, goldenOutputs(t, out)); diff != "" {
			t.Errorf("specs, shared specs or reports changed (-first +rerun):\n%s", diff)
		}
		if diff := cmp.Diff(firstSummary, readArrow(t, filepath.Join(out, summary.ConstructsFile)).rowMaps(t)); diff != "" {
			t.Errorf("summary.parquet rows changed (-first +rerun):\n%s", diff)
		}
		// Apart from status and timings, the service rows are the same.
		norm := func(rows []map[string]any) []map[string]any {
			rows = withoutTimings(rows)
			for _, r := range rows {
				if r["status"] == pipeline.StatusUnchanged {
					r["status"] = pipeline.StatusOK
				}
			}
			return rows
		}
		again2 := readArrow(t, filepath.Join(out, summary.ServicesFile)).rowMaps(t)
		if diff := cmp.Diff(norm(firstServices), norm(again2)); diff != "" {
			t.Errorf("services.parquet rows changed beyond status and timings (-first +rerun):\n%s", diff)
		}
		checkNoSecret(t, logs.String(), out, f.cache)
	})

	t.Run("only", func(t *testing.T) {
		cfg := f.config(out, logs)
		cfg.Only = []string{"django-accounts"}
		res := runFixture(t, cfg)
		if diff := cmp.Diff(map[string]string{"django-accounts/accounts": pipeline.StatusUnchanged}, statuses(res)); diff != "" {
			t.Errorf("--only statuses (-want +got):\n%s", diff)
		}
		// Specs, shared specs and reports of services outside the selection
		// stay as they were: a one-member comparison must not replace the
		// group's shared spec.
		if diff := cmp.Diff(firstOutputs, goldenOutputs(t, out)); diff != "" {
			t.Errorf("outputs changed by an --only run (-before +after):\n%s", diff)
		}
		// The next full run still knows the others are unchanged.
		full := runFixture(t, f.config(out, logs))
		for id, st := range statuses(full) {
			if st == pipeline.StatusOK {
				t.Errorf("%s was distilled again after an --only run although nothing changed", id)
			}
		}
	})

	t.Run("push to one repository", func(t *testing.T) {
		before := packs()
		fetchtest.Git(t, f.fastapi, "checkout", "--quiet", "release")
		fetchtest.WriteFile(t, f.fastapi, "app/limits.py", "MAX_API_KEYS_PER_USER = 5\n")
		fetchtest.Commit(t, f.fastapi, "limit api keys")
		res := runFixture(t, f.config(out, logs))
		want := map[string]string{
			"flask-accounts/accounts":   pipeline.StatusUnchanged,
			"flask-accounts/billing":    pipeline.StatusFailed,
			"fastapi-accounts/accounts": pipeline.StatusOK,
			"fastapi-accounts/models":   pipeline.StatusOK,
			"django-accounts/accounts":  pipeline.StatusUnchanged,
			"django-mirror/accounts":    pipeline.StatusFailed,
			"ghost/api":                 pipeline.StatusFailed,
		}
		if diff := cmp.Diff(want, statuses(res)); diff != "" {
			t.Errorf("statuses (-want +got):\n%s", diff)
		}
		after := packs()
		if after["fastapi-accounts"] <= before["fastapi-accounts"] {
			t.Errorf("the pushed repository was not fetched again")
		}
		if after["flask-accounts"] != before["flask-accounts"] || after["django-accounts"] != before["django-accounts"] {
			t.Errorf("unchanged repositories were fetched: before %v after %v", before, after)
		}
		now := goldenOutputs(t, out)
		for _, rel := range []string{"specs/flask-accounts/accounts.allium", "specs/django-accounts/accounts.allium", "specs/fastapi-accounts/models.allium"} {
			if !bytes.Equal(now[rel], firstOutputs[rel]) {
				t.Errorf("%s changed", rel)
			}
		}
		if c := serviceByID(t, res, "fastapi-accounts/accounts").Commit; c != fetchtest.Head(t, f.fastapi) {
			t.Errorf("fastapi commit %s, want the pushed %s", c, fetchtest.Head(t, f.fastapi))
		}
		checkNoSecret(t, logs.String(), out, f.cache)
		checkNoPartialFiles(t, out)
	})

	t.Run("damaged spec is made again", func(t *testing.T) {
		django := filepath.Join(out, "specs", "django-accounts", "accounts.allium")
		want, err := os.ReadFile(django)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(django, append(want, "-- edited by hand\n"...), 0o644); err != nil {
			t.Fatal(err)
		}
		flask := filepath.Join(out, "specs", "flask-accounts", "accounts.allium")
		if err := os.Remove(flask); err != nil {
			t.Fatal(err)
		}
		res := runFixture(t, f.config(out, logs))
		for _, id := range []string{"django-accounts/accounts", "flask-accounts/accounts"} {
			if st := serviceByID(t, res, id).Status; st != pipeline.StatusOK {
				t.Errorf("%s: status %s, want ok (its spec on disk no longer matched)", id, st)
			}
		}
		if got, _ := os.ReadFile(django); !bytes.Equal(got, want) {
			t.Errorf("django spec not restored")
		}
		if got, _ := os.ReadFile(flask); !bytes.Equal(got, firstOutputs["specs/flask-accounts/accounts.allium"]) {
			t.Errorf("flask spec not restored")
		}
	})

	t.Run("service removed from the manifest", func(t *testing.T) {
		const block = "      - name: models\n        path: app/models\n"
		if !strings.Contains(f.yaml, block) {
			t.Fatal("fixture manifest changed; update this test")
		}
		m, err := manifest.Parse([]byte(strings.Replace(f.yaml, block, "", 1)), "e2e.yaml", lookupEnv)
		if err != nil {
			t.Fatal(err)
		}
		cfg := f.config(out, logs)
		cfg.Manifest = m
		res := runFixture(t, cfg)
		if len(res.Services) != 6 {
			t.Errorf("%d services, want 6", len(res.Services))
		}
		if _, err := os.Stat(filepath.Join(out, "specs", "fastapi-accounts", "models.allium")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("the removed service's spec is still there (%v)", err)
		}
		rows := readArrow(t, filepath.Join(out, summary.ConstructsFile)).rowMaps(t)
		if n := len(findRows(rows, map[string]any{"repo": "fastapi-accounts", "service": "models"})); n != 0 {
			t.Errorf("summary.parquet still has %d rows of the removed service", n)
		}
	})
}

// blockingProgress holds a run inside Start until released, so that a
// second run can try the same output directory meanwhile.
type blockingProgress struct {
	started chan struct{}
	release chan struct{}
}

func (p *blockingProgress) Start(int, int) {
	close(p.started)
	<-p.release
}
func (p *blockingProgress) RepoDone(string, error)             {}
func (p *blockingProgress) ServiceDone(pipeline.ServiceResult) {}
func (p *blockingProgress) Finish()                            {}

// cancellingProgress cancels the run when the first service is done.
type cancellingProgress struct {
	cancel context.CancelFunc
	once   sync.Once
}

func (p *cancellingProgress) Start(int, int)         {}
func (p *cancellingProgress) RepoDone(string, error) {}
func (p *cancellingProgress) ServiceDone(pipeline.ServiceResult) {
	p.once.Do(p.cancel)
}
func (p *cancellingProgress) Finish() {}

// TestRunConcurrency covers what happens around a run: a second run on the
// same output directory, and cancellation midway.
func TestRunConcurrency(t *testing.T) {
	f := newFixture(t)

	t.Run("second run is refused", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		logs := &syncBuffer{}
		hold := &blockingProgress{started: make(chan struct{}), release: make(chan struct{})}
		cfg := f.config(out, logs)
		cfg.Progress = hold
		done := make(chan error, 1)
		go func() {
			_, err := pipeline.Run(context.Background(), cfg)
			done <- err
		}()
		<-hold.started
		_, err := pipeline.Run(context.Background(), f.config(out, logs))
		close(hold.release)
		if !errors.Is(err, pipeline.ErrBusy) {
			t.Errorf("second run: err = %v, want ErrBusy", err)
		} else if !strings.Contains(err.Error(), out) {
			t.Errorf("ErrBusy message %q does not name the directory", err)
		}
		if err := <-done; err != nil {
			t.Fatalf("first run: %v", err)
		}
		// Once the first run is over the directory is free again.
		if _, err := pipeline.Run(context.Background(), f.config(out, logs)); err != nil {
			t.Errorf("run after the first finished: %v", err)
		}
	})

	t.Run("cancel midway", func(t *testing.T) {
		out := filepath.Join(t.TempDir(), "out")
		logs := &syncBuffer{}
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		cfg := f.config(out, logs)
		cfg.Progress = &cancellingProgress{cancel: cancel}
		res, err := pipeline.Run(ctx, cfg)
		if !errors.Is(err, context.Canceled) {
			t.Fatalf("cancelled run: res %v, err = %v, want context.Canceled", res != nil, err)
		}
		checkNoPartialFiles(t, out)
		// A cancelled run does not claim to have completed.
		if _, err := os.Stat(filepath.Join(out, "run.json")); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("run.json exists after a cancelled run: %v", err)
		}
		// The next run recovers.
		res = runFixture(t, f.config(out, logs))
		if res.Count(pipeline.StatusFailed) != 3 {
			t.Errorf("run after cancel: %v", statuses(res))
		}
		checkNoPartialFiles(t, out)
	})
}
