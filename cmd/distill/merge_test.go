package main

// Tests of `distill run --shard` and `distill merge` through the whole CLI:
// flag validation, exit codes and what they print.

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestShardFlagValidation(t *testing.T) {
	out := filepath.Join(t.TempDir(), "out")
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"--shard", "4/4"}, "INDEX must be from 0 to 3"},
		{[]string{"--shard", "-1/4"}, "INDEX must be from 0 to 3"},
		{[]string{"--shard", "1/0"}, "COUNT must be at least 1"},
		{[]string{"--shard", "1"}, "want INDEX/COUNT"},
		{[]string{"--shard", "a/b"}, "whole numbers"},
		{[]string{"--shard", "0/2", "--only", "flask-accounts"}, "--shard and --only cannot be combined"},
	} {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			args := append([]string{"--manifest", batchManifest("ok"), "--out", out, "--cache", t.TempDir()}, tt.args...)
			code, _, stderr := runBatchCLI(t, args...)
			if code != exitUsage {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, exitUsage, stderr)
			}
			if !strings.Contains(stderr, tt.want) {
				t.Errorf("stderr %q does not mention %q", stderr, tt.want)
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("a refused run created %s", out)
			}
		})
	}
}

func TestShardDryRun(t *testing.T) {
	// ok.yaml's only repository, flask-accounts, is in shard 3 of 4.
	for i := range 4 {
		code, stdout, stderr := runBatchCLI(t, "--manifest", batchManifest("ok"), "--dry-run", "--shard", fmt.Sprintf("%d/4", i))
		if code != exitOK {
			t.Fatalf("exit %d; stderr:\n%s", code, stderr)
		}
		if got, want := strings.Contains(stdout, "repo flask-accounts"), i == 3; got != want {
			t.Errorf("shard %d/4 plan lists flask-accounts: %v, want %v:\n%s", i, got, want, stdout)
		}
	}
}

func TestMergeCLI(t *testing.T) {
	root := t.TempDir()
	cache := filepath.Join(root, "cache")
	shards := make([]string, 4)
	for i := range shards {
		shards[i] = filepath.Join(root, fmt.Sprintf("shard-%d", i))
		code, _, stderr := runBatchCLI(t, "--manifest", batchManifest("ok"), "--out", shards[i], "--cache", cache,
			"--shard", fmt.Sprintf("%d/4", i))
		if code != exitOK {
			t.Fatalf("shard %d: exit %d; stderr:\n%s", i, code, stderr)
		}
	}
	out := filepath.Join(root, "merged")

	t.Run("all shards", func(t *testing.T) {
		code, stdout, stderr := runCLI(t, append([]string{"merge", "--manifest", batchManifest("ok"), out}, shards...)...)
		if code != exitOK {
			t.Fatalf("exit %d; stdout:\n%s\nstderr:\n%s", code, stdout, stderr)
		}
		for _, want := range []string{"shard 3/4: merged", "1 ok, 0 unchanged, 0 failed", "group reset: 1 variants"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("stdout lacks %q:\n%s", want, stdout)
			}
		}
		for _, rel := range []string{"specs/flask-accounts/accounts.allium", "shared/reset.allium", "reports/reset.md",
			"summary.parquet", "services.parquet", "comparisons.parquet", "run.json"} {
			if _, err := os.Stat(filepath.Join(out, rel)); err != nil {
				t.Errorf("merge did not write %s: %v", rel, err)
			}
		}
	})
	t.Run("missing shard", func(t *testing.T) {
		code, stdout, stderr := runCLI(t, "merge", "--manifest", batchManifest("ok"), out, shards[0], shards[1], shards[2])
		if code != exitFindings {
			t.Fatalf("exit %d, want %d; stdout:\n%s\nstderr:\n%s", code, exitFindings, stdout, stderr)
		}
		for _, want := range []string{"shard 3/4: missing", "stale: flask-accounts/accounts", "shard 3/4 is missing from the merge"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("stdout lacks %q:\n%s", want, stdout)
			}
		}
		if _, err := os.Stat(filepath.Join(out, "specs", "flask-accounts", "accounts.allium")); err != nil {
			t.Errorf("the missing shard's last good spec is gone: %v", err)
		}
	})
	t.Run("missing shard, quiet", func(t *testing.T) {
		// What cron mails: one line that names the missing shard.
		code, stdout, stderr := runCLI(t, "merge", "--quiet", "--manifest", batchManifest("ok"), out, shards[0], shards[1], shards[2])
		if code != exitFindings {
			t.Fatalf("exit %d, want %d; stdout:\n%s\nstderr:\n%s", code, exitFindings, stdout, stderr)
		}
		lines := strings.Split(strings.TrimSuffix(stdout, "\n"), "\n")
		want := "distill merge FAILED (exit 1): 3 of 4 shards merged, missing 3/4; 0 ok, 0 unchanged, 0 failed, 1 stale (last good spec kept); "
		if len(lines) != 1 || !strings.HasPrefix(lines[0], want) || !strings.HasSuffix(lines[0], "; outputs in "+out) {
			t.Errorf("stdout is not the one summary line %q...:\n%s", want, stdout)
		}
	})
	t.Run("an earlier night's shard", func(t *testing.T) {
		// Shard 0's directory holds an output that finished a day ago, as
		// when tonight's shard 0 failed: with --max-age it is not merged.
		old := filepath.Join(root, "old-shard-0")
		if err := os.CopyFS(old, os.DirFS(shards[0])); err != nil {
			t.Fatal(err)
		}
		recPath := filepath.Join(old, "run.json")
		data, err := os.ReadFile(recPath)
		if err != nil {
			t.Fatal(err)
		}
		var rec map[string]any
		if err := json.Unmarshal(data, &rec); err != nil {
			t.Fatal(err)
		}
		rec["finished"] = time.Now().Add(-24 * time.Hour).UTC().Format(time.RFC3339Nano)
		if data, err = json.Marshal(rec); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(recPath, data, 0o644); err != nil {
			t.Fatal(err)
		}
		args := append([]string{"merge", "--manifest", batchManifest("ok"), out, old}, shards[1:]...)
		if code, stdout, _ := runCLI(t, args...); code != exitOK {
			t.Errorf("without --max-age: exit %d, want 0 (any age is merged)\n%s", code, stdout)
		}
		code, stdout, stderr := runCLI(t, append([]string{"--max-age", "20h"}, args...)...)
		if code != exitFindings {
			t.Fatalf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, exitFindings, stdout, stderr)
		}
		for _, want := range []string{"shard 0/4: missing", "longer than the maximum age 20h0m0s",
			"3 of 4 shards merged, missing 0/4; not merged: " + old + " (no usable shard output)"} {
			if !strings.Contains(stdout, want) {
				t.Errorf("stdout lacks %q:\n%s", want, stdout)
			}
		}
	})
	t.Run("failed shard", func(t *testing.T) {
		empty := filepath.Join(root, "crashed")
		if err := os.MkdirAll(empty, 0o755); err != nil {
			t.Fatal(err)
		}
		code, stdout, stderr := runCLI(t, append([]string{"merge", "--manifest", batchManifest("ok"), out, empty}, shards...)...)
		if code != exitFindings {
			t.Fatalf("exit %d, want %d; stdout:\n%s\nstderr:\n%s", code, exitFindings, stdout, stderr)
		}
		if want := "shard " + empty + ": failed"; !strings.Contains(stdout, want) {
			t.Errorf("stdout lacks %q:\n%s", want, stdout)
		}
	})
	t.Run("another manifest", func(t *testing.T) {
		code, _, stderr := runCLI(t, append([]string{"merge", "--manifest", batchManifest("some_failed"), filepath.Join(root, "other")}, shards...)...)
		if code != exitUsage || !strings.Contains(stderr, "shard of another manifest") {
			t.Errorf("exit %d, want %d with a clear error; stderr:\n%s", code, exitUsage, stderr)
		}
	})
	t.Run("duplicate shard", func(t *testing.T) {
		code, _, stderr := runCLI(t, "merge", "--manifest", batchManifest("ok"), filepath.Join(root, "dup"), shards[0], shards[0])
		if code != exitUsage || !strings.Contains(stderr, "both shard 0/4") {
			t.Errorf("exit %d, want %d naming the duplicate; stderr:\n%s", code, exitUsage, stderr)
		}
	})
	t.Run("too few arguments", func(t *testing.T) {
		code, _, stderr := runCLI(t, "merge", out)
		if code != exitUsage || !strings.Contains(stderr, "at least one shard output") {
			t.Errorf("exit %d, want %d; stderr:\n%s", code, exitUsage, stderr)
		}
	})
}
