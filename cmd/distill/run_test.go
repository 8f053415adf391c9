package main

// Tests of `distill run` through run(ctx, args, stdout, stderr), the whole
// CLI: exit codes, manifest error texts, --dry-run and --log-format json.
// The manifests under testdata/manifests read the repository's fixture
// services as local directories.

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/distill/distill/internal/flock"
)

// batchManifest is the path of a manifest under testdata/manifests.
func batchManifest(name string) string {
	return filepath.Join("testdata", "manifests", name+".yaml")
}

// runBatchCLI runs `distill run` with args and returns the exit code,
// stdout and stderr.
func runBatchCLI(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := run(context.Background(), append([]string{"run"}, args...), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

func TestRunExitCodes(t *testing.T) {
	tests := []struct {
		name       string
		args       func(out, cache string) []string
		want       int
		wantStdout []string // substrings
		wantStderr []string // substrings
		wantSpecs  []string // files that must exist under out
	}{
		{
			name: "all services ok",
			args: func(out, cache string) []string {
				return []string{"--manifest", batchManifest("ok"), "--out", out, "--cache", cache}
			},
			want:       0,
			wantStdout: []string{"flask-accounts/accounts", "1 ok, 0 unchanged, 0 failed", "group reset: 1 variants"},
			wantSpecs:  []string{"specs/flask-accounts/accounts.allium", "shared/reset.allium", "reports/reset.md", "summary.parquet", "services.parquet", "run.json"},
		},
		{
			name: "one service failed",
			args: func(out, cache string) []string {
				return []string{"--manifest", batchManifest("some_failed"), "--out", out, "--cache", cache}
			},
			want: 1,
			wantStdout: []string{
				"1 ok, 0 unchanged, 1 failed",
				`failed: flask-accounts/billing: select files: service path "billing" does not exist`,
			},
			wantSpecs: []string{"specs/flask-accounts/accounts.allium", "services.parquet"},
		},
		{
			name: "unknown flag",
			args: func(out, cache string) []string {
				return []string{"--manifest", batchManifest("ok"), "--out", out, "--cache", cache, "--frobnicate"}
			},
			want:       2,
			wantStderr: []string{"unknown flag: --frobnicate"},
		},
		{
			name: "bad log format",
			args: func(out, cache string) []string {
				return []string{"--manifest", batchManifest("ok"), "--out", out, "--cache", cache, "--log-format", "xml"}
			},
			want:       2,
			wantStderr: []string{`--log-format must be text or json, not "xml"`},
		},
		{
			name: "no workers",
			args: func(out, cache string) []string {
				return []string{"--manifest", batchManifest("ok"), "--out", out, "--cache", cache, "--workers", "0"}
			},
			want:       2,
			wantStderr: []string{"--workers and --clone-workers must be at least 1"},
		},
		{
			name: "only names nothing",
			args: func(out, cache string) []string {
				return []string{"--manifest", batchManifest("ok"), "--out", out, "--cache", cache, "--only", "nosuch"}
			},
			want:       2,
			wantStderr: []string{"--only nosuch: no repository or repo/service of that name"},
		},
		{
			name: "positional argument",
			args: func(out, cache string) []string {
				return []string{"--manifest", batchManifest("ok"), "--out", out, "--cache", cache, "inventory.yaml"}
			},
			want:       2,
			wantStderr: []string{`unexpected argument "inventory.yaml"`},
		},
		{
			name: "manifest file missing",
			args: func(out, cache string) []string {
				return []string{"--manifest", batchManifest("does_not_exist"), "--out", out, "--cache", cache}
			},
			want:       2,
			wantStderr: []string{"invalid manifest", "does_not_exist.yaml"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			cache := filepath.Join(t.TempDir(), "cache")
			code, stdout, stderr := runBatchCLI(t, tt.args(out, cache)...)
			if code != tt.want {
				t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.want, stdout, stderr)
			}
			for _, s := range tt.wantStdout {
				if !strings.Contains(stdout, s) {
					t.Errorf("stdout lacks %q:\n%s", s, stdout)
				}
			}
			for _, s := range tt.wantStderr {
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
			for _, rel := range tt.wantSpecs {
				if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(rel))); err != nil {
					t.Errorf("output %s: %v", rel, err)
				}
			}
			if tt.want == 2 {
				// Usage errors do nothing.
				if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
					t.Errorf("a usage error created the output directory (%v)", err)
				}
			}
		})
	}
}

func TestRunBusyOutputDirectory(t *testing.T) {
	out := t.TempDir()
	unlock, err := flock.TryLock(filepath.Join(out, ".distill.lock"))
	if err != nil {
		t.Fatal(err)
	}
	defer unlock()
	code, stdout, stderr := runBatchCLI(t, "--manifest", batchManifest("ok"), "--out", out, "--cache", t.TempDir())
	// A busy directory is not a mistake in the command line, nor a finding:
	// exit 3 (the run did not complete; a scheduler may retry), and no
	// "usage" in the message.
	if code != exitIncomplete {
		t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", code, exitIncomplete, stdout, stderr)
	}
	if want := "distill run FAILED (exit 3): the run did not complete: output directory is in use"; !strings.HasPrefix(stdout, want) {
		t.Errorf("stdout does not start with the summary line %q:\n%s", want, stdout)
	}
	if !strings.Contains(stderr, "in use by another distill run") || !strings.Contains(stderr, out) || strings.Contains(stderr, "usage") {
		t.Errorf("stderr does not explain the busy directory (or calls it a usage error):\n%s", stderr)
	}
	if _, err := os.Stat(filepath.Join(out, "specs")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused run wrote specs (%v)", err)
	}
}

// TestRunManifestErrors checks that each class of manifest problem exits 2
// with a message that names file:line:col and says what is wrong.
func TestRunManifestErrors(t *testing.T) {
	tests := []struct {
		manifest string
		want     []string // each must appear on stderr; the first is the position
		notWant  []string
	}{
		{"unknown_key", []string{"unknown_key.yaml:5:5: ", `unknown key "servics" (did you mean "services"?)`}, nil},
		{"wrong_type", []string{"wrong_type.yaml:3:10: ", "defaults.depth must be an integer, got a string"}, nil},
		{"duplicate_names", []string{"duplicate_names.yaml:8:11: ", `duplicate repository name "accounts" (first used at line 3)`}, nil},
		{"absolute_path", []string{"absolute_path.yaml:7:15: ", `path "/srv/accounts" must be relative to the repository root`}, nil},
		{"escaping_path", []string{"escaping_path.yaml:7:15: ", `path "app/../../elsewhere" leads outside the repository`}, nil},
		{"unknown_group", []string{"unknown_group.yaml:10:16: ", `unknown group "pasword-reset" (did you mean "password-reset"?)`}, nil},
		{"unset_env", []string{"unset_env.yaml:6:18: ", "environment variable DISTILL_CLI_TEST_NEVER_SET is not set"}, nil},
		{
			"literal_secret",
			[]string{"literal_secret.yaml:6:18: ", "must name an environment variable", "not the secret itself"},
			[]string{"ghp_16C7e42F292c6912E7710c838347Ae178B4a"},
		},
	}
	if _, set := os.LookupEnv("DISTILL_CLI_TEST_NEVER_SET"); set {
		t.Fatal("DISTILL_CLI_TEST_NEVER_SET is set in the environment; the unset-variable case cannot run")
	}
	for _, tt := range tests {
		t.Run(tt.manifest, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			path := batchManifest(tt.manifest)
			code, stdout, stderr := runBatchCLI(t, "--manifest", path, "--out", out, "--cache", t.TempDir())
			if code != 2 {
				t.Errorf("exit code %d, want 2\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
			}
			for i, s := range tt.want {
				if i == 0 {
					s = filepath.Join("testdata", "manifests", s)
				}
				if !strings.Contains(stderr, s) {
					t.Errorf("stderr lacks %q:\n%s", s, stderr)
				}
			}
			for _, s := range tt.notWant {
				if strings.Contains(stderr+stdout, s) {
					t.Errorf("output repeats %q:\n%s", s, stderr)
				}
			}
			if _, err := os.Stat(out); !errors.Is(err, os.ErrNotExist) {
				t.Errorf("a bad manifest created the output directory (%v)", err)
			}
		})
	}
}

func TestRunDryRun(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	cache := filepath.Join(t.TempDir(), "cache")
	code, stdout, stderr := runBatchCLI(t, "--manifest", batchManifest("ok"), "--out", out, "--cache", cache, "--dry-run")
	if code != 0 {
		t.Fatalf("exit code %d\nstderr:\n%s", code, stderr)
	}
	want := []string{
		"1 repositories, 1 services; outputs in " + out,
		"repo flask-accounts  ../../../../testdata/services/flask_accounts @ HEAD (depth 1, timeout 10m0s)",
		"  service accounts  path . -> specs/flask-accounts/accounts.allium  (language python, group reset)",
		"group reset  quorum all -> shared/reset.allium, reports/reset.md",
	}
	if got := strings.Split(strings.TrimRight(stdout, "\n"), "\n"); strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("plan:\n%s\nwant:\n%s", stdout, strings.Join(want, "\n"))
	}
	for _, dir := range []string{out, cache} {
		if _, err := os.Stat(dir); !errors.Is(err, os.ErrNotExist) {
			t.Errorf("--dry-run created %s (%v)", dir, err)
		}
	}
}

func TestRunLogFormatJSON(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	code, stdout, stderr := runBatchCLI(t, "--manifest", batchManifest("some_failed"), "--out", out,
		"--cache", t.TempDir(), "--log-format", "json")
	if code != 1 {
		t.Fatalf("exit code %d, want 1\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	lines := strings.Split(strings.TrimRight(stderr, "\n"), "\n")
	status := map[string]string{}
	for i, line := range lines {
		var rec map[string]any
		if err := json.Unmarshal([]byte(line), &rec); err != nil {
			t.Fatalf("stderr line %d is not a JSON object: %v\n%s", i+1, err, line)
		}
		for _, key := range []string{"time", "level", "msg"} {
			if _, ok := rec[key]; !ok {
				t.Errorf("line %d lacks %q: %s", i+1, key, line)
			}
		}
		if rec["msg"] == "service done" || rec["msg"] == "service failed" {
			status[rec["repo"].(string)+"/"+rec["service"].(string)] = rec["status"].(string)
		}
		if rec["msg"] == "service failed" && !strings.Contains(rec["error"].(string), "billing") {
			t.Errorf("failure line does not carry the error: %s", line)
		}
	}
	want := map[string]string{"flask-accounts/accounts": "ok", "flask-accounts/billing": "failed"}
	if len(status) != len(want) || status["flask-accounts/accounts"] != "ok" || status["flask-accounts/billing"] != "failed" {
		t.Errorf("service log lines: %v, want %v", status, want)
	}
}

func TestUnknownCommandIsUsageError(t *testing.T) {
	var stdout, stderr bytes.Buffer
	if code := run(context.Background(), []string{"distil-everything"}, &stdout, &stderr); code != 2 {
		t.Errorf("exit code %d, want 2\nstderr:\n%s", code, stderr.String())
	}
	if !strings.Contains(stderr.String(), `unknown command "distil-everything"`) {
		t.Errorf("stderr does not name the command:\n%s", stderr.String())
	}
}

// TestRunRerunIsUnchanged runs the same manifest twice on one output
// directory: a plain directory's content digest keeps its spec.
func TestRunRerunIsUnchanged(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	cache := t.TempDir()
	args := []string{"--manifest", batchManifest("ok"), "--out", out, "--cache", cache}
	if code, stdout, stderr := runBatchCLI(t, args...); code != 0 {
		t.Fatalf("first run: exit %d\n%s\n%s", code, stdout, stderr)
	}
	spec := filepath.Join(out, "specs", "flask-accounts", "accounts.allium")
	before, err := os.ReadFile(spec)
	if err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runBatchCLI(t, args...)
	if code != 0 || !strings.Contains(stdout, "0 ok, 1 unchanged, 0 failed") {
		t.Errorf("second run: exit %d\n%s\n%s", code, stdout, stderr)
	}
	after, err := os.ReadFile(spec)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before, after) {
		t.Errorf("the unchanged spec was rewritten differently")
	}
}
