package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestRunIntoBucket: --out names a file:// bucket. The run's output lands
// in the bucket as objects; a run on another machine (an empty cache)
// pulls the last output's state and finds the service unchanged; the
// summary names the bucket, not the local mirror.
func TestRunIntoBucket(t *testing.T) {
	bucketDir := t.TempDir()
	url := "file://" + filepath.ToSlash(bucketDir)
	args := func(cache string) []string {
		return []string{"--manifest", batchManifest("ok"), "--out", url, "--cache", cache, "--log-format", "json"}
	}
	code, stdout, stderr := runBatchCLI(t, args(t.TempDir())...)
	if code != 0 {
		t.Fatalf("first run: exit %d\n%s\n%s", code, stdout, stderr)
	}
	spec := filepath.Join(bucketDir, "specs", "flask-accounts", "accounts.allium")
	if b, err := os.ReadFile(spec); err != nil || !strings.HasPrefix(string(b), "-- allium: 3") {
		t.Fatalf("the spec is not in the bucket: %v", err)
	}
	for _, name := range []string{"run.json", "services.parquet"} {
		if _, err := os.Stat(filepath.Join(bucketDir, name)); err != nil {
			t.Errorf("%s not in the bucket: %v", name, err)
		}
	}
	if !strings.Contains(stderr, `"msg":"output pushed"`) || !strings.Contains(stdout, url) {
		t.Errorf("the run does not report the push to %s:\n%s\n%s", url, stdout, stderr)
	}

	code, stdout, stderr = runBatchCLI(t, args(t.TempDir())...)
	if code != 0 || !strings.Contains(stdout, "0 ok, 1 unchanged, 0 failed") {
		t.Errorf("run from a fresh cache: exit %d, want the service unchanged\n%s\n%s", code, stdout, stderr)
	}
	if !strings.Contains(stderr, `"msg":"output pulled"`) {
		t.Errorf("no pull event:\n%s", stderr)
	}
}

// TestMergeFromBuckets: shards written to buckets merge into a bucket.
func TestMergeFromBuckets(t *testing.T) {
	root := t.TempDir()
	url := func(name string) string { return "file://" + filepath.ToSlash(filepath.Join(root, name)) }
	for _, d := range []string{"s1", "s2", "out"} {
		if err := os.MkdirAll(filepath.Join(root, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	cache := t.TempDir()
	for i, s := range []string{"s1", "s2"} {
		code, stdout, stderr := runBatchCLI(t, "--manifest", batchManifest("ok"), "--out", url(s), "--cache", cache, "--shard", []string{"0/2", "1/2"}[i])
		if code != 0 {
			t.Fatalf("shard %s: exit %d\n%s\n%s", s, code, stdout, stderr)
		}
	}
	var stdout, stderr strings.Builder
	code := run(t.Context(), []string{"merge", "--manifest", batchManifest("ok"), "--cache", cache, url("out"), url("s1"), url("s2")}, &stdout, &stderr)
	if code != 0 {
		t.Fatalf("merge: exit %d\n%s\n%s", code, stdout.String(), stderr.String())
	}
	if _, err := os.Stat(filepath.Join(root, "out", "specs", "flask-accounts", "accounts.allium")); err != nil {
		t.Errorf("merged spec not in the output bucket: %v", err)
	}
	if strings.Contains(stdout.String(), cache) {
		t.Errorf("merge output names the local mirror instead of the bucket:\n%s", stdout.String())
	}
	record, err := os.ReadFile(filepath.Join(root, "out", "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(record), cache) || !strings.Contains(string(record), url("s1")) {
		t.Errorf("run.json names the local mirror, not the shard's bucket:\n%s", record)
	}
}
