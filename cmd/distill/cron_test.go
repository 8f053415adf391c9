package main

// Tests of what a scheduler sees of run and merge: the exit codes in
// `distill help`, the summary line (the only output with --quiet, and
// only on failure), one JSON object per log event with stable keys, and
// no secret in any log line.

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/distill/distill/internal/manifest"
	"github.com/distill/distill/internal/pipeline"
)

func TestHelpDocumentsExitCodes(t *testing.T) {
	t.Parallel()
	code, stdout, _ := runCLI(t, "help")
	if code != exitOK {
		t.Fatalf("distill help: exit %d", code)
	}
	for _, c := range []int{exitOK, exitFindings, exitUsage, exitIncomplete, exitInterrupted} {
		if !regexp.MustCompile(fmt.Sprintf(`(?m)^  %d +\S`, c)).MatchString(stdout) {
			t.Errorf("distill help does not document exit status %d:\n%s", c, stdout)
		}
	}
	// The README says the same, for those who read it instead.
	readme, err := os.ReadFile(filepath.Join("..", "..", "README.md"))
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []int{exitOK, exitFindings, exitUsage, exitIncomplete, exitInterrupted} {
		if !regexp.MustCompile(fmt.Sprintf("(?m)^\\| `%d` \\|", c)).Match(readme) {
			t.Errorf("README.md's exit status table lacks %d", c)
		}
	}
}

func TestRunQuietPrintsOnlyAFailuresSummary(t *testing.T) {
	t.Parallel()
	t.Run("ok", func(t *testing.T) {
		t.Parallel()
		out := filepath.Join(t.TempDir(), "out")
		code, stdout, stderr := runBatchCLI(t, "--quiet", "--manifest", batchManifest("ok"), "--out", out, "--cache", t.TempDir())
		if code != exitOK || stdout != "" {
			t.Errorf("exit %d, stdout %q: want 0 and nothing (cron mails any output)\nstderr:\n%s", code, stdout, stderr)
		}
	})
	t.Run("failed", func(t *testing.T) {
		t.Parallel()
		out := filepath.Join(t.TempDir(), "out")
		code, stdout, _ := runBatchCLI(t, "-q", "--manifest", batchManifest("some_failed"), "--out", out, "--cache", t.TempDir())
		if code != exitFindings {
			t.Fatalf("exit %d, want %d", code, exitFindings)
		}
		re := regexp.MustCompile(`^distill run FAILED \(exit 1\): 1 ok, 0 unchanged, 1 failed, 0 stale; [0-9.]+m?s; outputs in ` +
			regexp.QuoteMeta(out) + "\n$")
		if !re.MatchString(stdout) {
			t.Errorf("stdout is not one summary line:\n%s", stdout)
		}
	})
}

func TestRunEndsWithTheSummaryLine(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, _ := runBatchCLI(t, "--manifest", batchManifest("ok"), "--out", out, "--cache", t.TempDir())
	if code != exitOK {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
	last := lines[len(lines)-1]
	if !strings.HasPrefix(last, "distill run ok: 1 ok, 0 unchanged, 0 failed, 0 stale; ") || !strings.HasSuffix(last, "; outputs in "+out) {
		t.Errorf("the last line is not the summary: %q", last)
	}
	if len(lines) < 3 {
		t.Errorf("without --quiet the table comes first:\n%s", stdout)
	}
}

func TestSummaryLine(t *testing.T) {
	t.Parallel()
	res := &pipeline.Result{
		Services: []pipeline.ServiceResult{
			{Repo: "a", Service: "x", Status: pipeline.StatusOK},
			{Repo: "b", Service: "x", Status: pipeline.StatusUnchanged},
			{Repo: "c", Service: "x", Status: pipeline.StatusFailed},
			{Repo: "d", Service: "x", Status: pipeline.StatusStale},
		},
		Shards: []pipeline.ShardOutcome{
			{Dir: "/shards/x", Status: pipeline.ShardFailed},
			{Shard: "0/3", Status: pipeline.ShardMerged},
			{Shard: "1/3", Status: pipeline.ShardMissing},
			{Shard: "2/3", Status: pipeline.ShardMerged},
		},
	}
	busy := fmt.Errorf("%w: %w", errIncomplete, errors.New("output directory is in use\nby another run"))
	for _, tt := range []struct {
		command string
		code    int
		res     *pipeline.Result
		err     error
		want    string
	}{
		{"run", exitFindings, res, errFindings,
			"distill run FAILED (exit 1): 1 ok, 1 unchanged, 1 failed, 1 stale (last good spec kept); 1.5s; outputs in /o"},
		{"merge", exitFindings, res, errFindings,
			"distill merge FAILED (exit 1): 2 of 3 shards merged, missing 1/3; not merged: /shards/x (no usable shard output); 1 ok, 1 unchanged, 1 failed, 1 stale (last good spec kept); 1.5s; outputs in /o"},
		{"run", exitOK, &pipeline.Result{Services: res.Services[:1]}, nil,
			"distill run ok: 1 ok, 0 unchanged, 0 failed, 0 stale; 1.5s; outputs in /o"},
		{"run", exitIncomplete, nil, busy,
			"distill run FAILED (exit 3): the run did not complete: output directory is in use by another run; 1.5s; previous outputs kept in /o"},
	} {
		if got := summaryLine(tt.command, tt.code, "/o", 1500*time.Millisecond, tt.res, tt.err); got != tt.want {
			t.Errorf("summaryLine(%s, %d):\n got %s\nwant %s", tt.command, tt.code, got, tt.want)
		}
	}
}

// TestRunJSONLogEvents reads every stderr line of a run as JSON and checks
// the events and keys the README documents.
func TestRunJSONLogEvents(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	code, _, stderr := runBatchCLI(t, "--manifest", batchManifest("some_failed"), "--out", out, "--cache", t.TempDir(), "--log-format", "json")
	if code != exitFindings {
		t.Fatalf("exit %d, want %d\nstderr:\n%s", code, exitFindings, stderr)
	}
	events := map[string][]map[string]any{}
	for i, line := range strings.Split(strings.TrimRight(stderr, "\n"), "\n") {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("stderr line %d is not one JSON object: %v\n%s", i+1, err, line)
		}
		msg, _ := rec["msg"].(string)
		events[msg] = append(events[msg], rec)
	}
	for event, keys := range map[string][]string{
		"repo fetched":   {"time", "level", "repo", "commit", "ms"},
		"service done":   {"repo", "service", "status", "files", "rules", "entities", "ms"},
		"service failed": {"repo", "service", "status", "error"},
		eventRunFinished: {"command", "exit_code", "ok", "unchanged", "failed", "stale", "out", "ms"},
	} {
		if len(events[event]) == 0 {
			t.Errorf("no %q event in:\n%s", event, stderr)
			continue
		}
		for _, k := range keys {
			if _, ok := events[event][0][k]; !ok {
				t.Errorf("%q lacks key %q: %v", event, k, events[event][0])
			}
		}
	}
	if fin := events[eventRunFinished]; len(fin) != 1 || fin[0]["exit_code"] != float64(exitFindings) ||
		fin[0]["failed"] != float64(1) || fin[0]["out"] != out || fin[0]["level"] != "ERROR" {
		t.Errorf("run finished: %v", fin)
	}
}

func TestLoggerHidesSecrets(t *testing.T) {
	t.Parallel()
	const secret = "s3cr3t-Token_value"
	var buf bytes.Buffer
	logger := newLogger(&buf, "json", false, []string{secret})
	basic := base64.StdEncoding.EncodeToString([]byte("x-access-token:" + secret))
	logger.With("url", "https://bot:"+secret+"@git.example.com/acme/a.git").
		WithGroup("fetch").
		Error("repo failed: "+secret,
			"error", fmt.Errorf("clone: server said: Authorization: Basic %s", basic),
			"url", "https://someone:other-password@git.example.com/x.git",
			slog.Group("auth", "header", "token "+secret),
			"escaped", "tok%3D"+strings.ReplaceAll(secret, "_", "%5F"))
	got := buf.String()
	for _, leak := range []string{secret, basic, "other-password"} {
		if strings.Contains(got, leak) {
			t.Errorf("the log line holds %q:\n%s", leak, got)
		}
	}
	var rec map[string]any
	if err := json.Unmarshal(buf.Bytes(), &rec); err != nil {
		t.Fatalf("not one JSON line: %v\n%s", err, got)
	}
	if !strings.Contains(got, "git.example.com") || !strings.Contains(got, "repo failed") {
		t.Errorf("redaction hid more than the secrets:\n%s", got)
	}
}

func TestManifestSecretsAreTheNamedVariables(t *testing.T) {
	t.Parallel()
	m, err := manifest.Parse([]byte(`version: 1
repos:
  - name: a
    url: https://git.example.com/a.git
    auth: {token_env: TOKEN_A}
    services: [{name: x, path: .}]
  - name: b
    url: git@git.example.com:b.git
    auth: {ssh_key_env: KEY_B}
    services: [{name: x, path: .}]
  - name: c
    url: https://git.example.com/c.git
    auth: {token_env: TOKEN_A}
    services: [{name: x, path: .}]
`), "m.yaml", func(string) (string, bool) { return "set", true })
	if err != nil {
		t.Fatal(err)
	}
	env := map[string]string{"TOKEN_A": "value-a", "KEY_B": "value-b", "OTHER": "not-a-secret"}
	got := manifestSecrets(m, func(k string) (string, bool) { v, ok := env[k]; return v, ok })
	if strings.Join(got, ",") != "value-a,value-b" {
		t.Errorf("manifestSecrets = %q, want the values of TOKEN_A and KEY_B once each", got)
	}
}

// TestMergeNeedsNoCredentials: a merge fetches nothing, so a manifest whose
// credential variables are unset (as in a pipeline's merge step, which is
// given no secret) is not a usage error there.
func TestMergeNeedsNoCredentials(t *testing.T) {
	t.Parallel()
	root := t.TempDir()
	empty := filepath.Join(root, "shard")
	if err := os.Mkdir(empty, 0o755); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runCLI(t, "merge", "--manifest", batchManifest("unset_env"), filepath.Join(root, "out"), empty)
	// Nothing to merge (exit 3), but no complaint about the credentials.
	if code != exitIncomplete || !strings.Contains(stdout, "no usable shard output") || strings.Contains(stderr, "DISTILL_CLI_TEST_NEVER_SET") {
		t.Errorf("exit %d, want %d for want of a shard output, not a complaint about credentials\nstdout:\n%s\nstderr:\n%s",
			code, exitIncomplete, stdout, stderr)
	}
}

// TestJSONLogsStayJSON: with --log-format json, a run that stops (here on
// a bad manifest, exit 2) still writes only JSON objects to stderr, the
// last one the "run finished" event with the error; the summary line on
// stdout says the same for cron.
func TestJSONLogsStayJSON(t *testing.T) {
	t.Parallel()
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := runBatchCLI(t, "--manifest", batchManifest("unknown_key"), "--out", out, "--log-format", "json")
	if code != exitUsage {
		t.Fatalf("exit %d, want %d\nstderr:\n%s", code, exitUsage, stderr)
	}
	var last map[string]any
	for i, line := range strings.Split(strings.TrimRight(stderr, "\n"), "\n") {
		if err := json.Unmarshal([]byte(line), &last); err != nil {
			t.Fatalf("stderr line %d is not JSON: %v\n%s", i+1, err, line)
		}
	}
	if last["msg"] != eventRunFinished || last["exit_code"] != float64(exitUsage) ||
		!strings.Contains(fmt.Sprint(last["error"]), "unknown_key.yaml") {
		t.Errorf("the last event is not run finished with the manifest error: %v", last)
	}
	if !strings.HasPrefix(stdout, "distill run FAILED (exit 2): ") || !strings.Contains(stdout, "unknown_key.yaml") {
		t.Errorf("stdout is not the summary line naming the manifest:\n%s", stdout)
	}
}

// TestIncompleteExitCodes: an error that stops run or merge exits 3 unless
// it has a status of its own.
func TestIncompleteExitCodes(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		err  error
		want int
	}{
		{errors.New("write /out/summary.parquet: no space left on device"), exitIncomplete},
		{fmt.Errorf("open: %w", pipeline.ErrBusy), exitIncomplete},
		{fmt.Errorf("out: %w", pipeline.ErrForeignOut), exitUsage},
		{fmt.Errorf("run: %w", context.Canceled), exitInterrupted},
	} {
		if got := exitCode(incomplete(tt.err), io.Discard); got != tt.want {
			t.Errorf("%v: exit %d, want %d", tt.err, got, tt.want)
		}
	}
}
