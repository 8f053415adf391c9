package pipeline_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/fetch/fetchtest"
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
			"fastapi-accounts/mail":     pipeline.StatusOK,
			"django-accounts/accounts":  pipeline.StatusOK,
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
			"fastapi-accounts/mail", "django-accounts/accounts", "ghost/api"}
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
		if len(rows) != 6 {
			t.Fatalf("services.parquet has %d rows, want 6", len(rows))
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
		mail := findRows(rows, map[string]any{"repo": "fastapi-accounts", "service": "mail"})[0]
		if mail["group_name"] != nil {
			t.Errorf("ungrouped service has group_name %v, want NULL", mail["group_name"])
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
		t.Logf("%d construct rows", len(rows))
		for _, r := range findRows(rows, map[string]any{"repo": "flask-accounts", "kind": "config"}) {
			t.Logf("%v", r)
		}
		for _, r := range findRows(rows, map[string]any{"repo": "flask-accounts", "kind": "rule"}) {
			t.Logf("%v", r)
		}
	})

	t.Run("no secret anywhere", func(t *testing.T) {
		checkNoSecret(t, logs.String(), out, f.cache)
		checkNoPartialFiles(t, out)
	})
	_ = context.Background
	_ = fetchtest.Commit
}
