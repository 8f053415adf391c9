package pipeline_test

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/manifest"
	"github.com/distill/distill/internal/pipeline"
	"github.com/distill/distill/internal/summary"
)

const shardCount = 4

// runShards runs every shard of the fixture's manifest into its own
// directory under root and returns the directories by shard index.
func runShards(t *testing.T, f *e2eFixture, root string) []string {
	t.Helper()
	dirs := make([]string, shardCount)
	for i := range shardCount {
		dirs[i] = filepath.Join(root, fmt.Sprintf("shard-%d", i))
		cfg := f.config(dirs[i], &syncBuffer{})
		cfg.Shard = &pipeline.Shard{Index: i, Count: shardCount}
		res := runFixture(t, cfg)
		for _, s := range res.Services {
			if !cfg.Shard.Holds(s.Repo) {
				t.Errorf("shard %d ran %s, which belongs to another shard", i, s.ID())
			}
		}
		if len(res.Groups) != 0 {
			t.Errorf("shard %d compared groups: %v", i, res.Groups)
		}
	}
	return dirs
}

func mergeFixture(t *testing.T, f *e2eFixture, out string, dirs []string) *pipeline.Result {
	t.Helper()
	res, err := pipeline.Merge(context.Background(), f.config(out, &syncBuffer{}), dirs)
	if err != nil {
		t.Fatalf("Merge: %v", err)
	}
	return res
}

// comparableOutputs are the files of an output directory that a merge must
// reproduce byte for byte: specs, shared specs, reports, the construct and
// comparison tables. services.parquet holds timings and is compared row by
// row without them (see sameServiceRows).
func comparableOutputs(t *testing.T, out string) map[string][]byte {
	t.Helper()
	got := goldenOutputs(t, out)
	for _, name := range []string{summary.ConstructsFile, summary.ComparisonsFile} {
		b, err := os.ReadFile(filepath.Join(out, name))
		if err != nil {
			t.Fatal(err)
		}
		got[name] = b
	}
	return got
}

func sameServiceRows(t *testing.T, want, got string) {
	t.Helper()
	w := withoutTimings(readArrow(t, filepath.Join(want, summary.ServicesFile)).rowMaps(t))
	g := withoutTimings(readArrow(t, filepath.Join(got, summary.ServicesFile)).rowMaps(t))
	if diff := cmp.Diff(w, g); diff != "" {
		t.Errorf("services.parquet rows (-single +merged):\n%s", diff)
	}
}

func readRunJSON(t *testing.T, out string) map[string]any {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, "run.json"))
	if err != nil {
		t.Fatal(err)
	}
	var rec map[string]any
	if err := json.Unmarshal(b, &rec); err != nil {
		t.Fatal(err)
	}
	return rec
}

// TestShardsMergeAsOneRun runs the fixture's manifest once whole and once
// as four shards merged, against the loopback git server, and compares the
// outputs byte for byte.
func TestShardsMergeAsOneRun(t *testing.T) {
	f := newFixture(t)
	root := t.TempDir()
	single := filepath.Join(root, "single")
	singleRes := runFixture(t, f.config(single, &syncBuffer{}))
	dirs := runShards(t, f, root)

	t.Run("shard outputs", func(t *testing.T) {
		seen := map[string]int{}
		for i, dir := range dirs {
			for _, absent := range []string{"shared", "reports", summary.ComparisonsFile} {
				if _, err := os.Stat(filepath.Join(dir, absent)); err == nil {
					t.Errorf("shard %d wrote %s; a shard does not compare groups", i, absent)
				}
			}
			rec := readRunJSON(t, dir)
			sh, ok := rec["shard"].(map[string]any)
			if !ok {
				t.Fatalf("shard %d run.json has no shard record: %v", i, rec)
			}
			if sh["index"] != float64(i) || sh["count"] != float64(shardCount) ||
				sh["manifest_digest"] != f.manifest.Digest || sh["tool_version"] != "e2e-test" {
				t.Errorf("shard %d record = %v", i, sh)
			}
			for _, repo := range sh["repos"].([]any) {
				seen[repo.(string)]++
			}
		}
		for _, repo := range f.manifest.Repos {
			if seen[repo.Name] != 1 {
				t.Errorf("repository %s is in %d shards, want 1", repo.Name, seen[repo.Name])
			}
		}
	})

	merged := filepath.Join(root, "merged")
	res := mergeFixture(t, f, merged, dirs)
	t.Run("byte for byte", func(t *testing.T) {
		want, got := comparableOutputs(t, single), comparableOutputs(t, merged)
		if diff := cmp.Diff(sortedKeys(want), sortedKeys(got)); diff != "" {
			t.Fatalf("output files (-single +merged):\n%s", diff)
		}
		for rel, b := range want {
			if !bytes.Equal(b, got[rel]) {
				t.Errorf("%s differs between the single run and the merge", rel)
			}
		}
		sameServiceRows(t, single, merged)
	})
	t.Run("run record", func(t *testing.T) {
		s, m := readRunJSON(t, single), readRunJSON(t, merged)
		for _, key := range []string{"manifest_digest", "catalog_digest", "repos", "services", "status", "failed", "stale", "groups", "outputs"} {
			if diff := cmp.Diff(s[key], m[key]); diff != "" {
				t.Errorf("run.json %s (-single +merged):\n%s", key, diff)
			}
		}
		shards, _ := m["shards"].([]any)
		if len(shards) != shardCount {
			t.Fatalf("merged run.json lists %d shards, want %d", len(shards), shardCount)
		}
		for _, o := range res.Shards {
			if o.Status != pipeline.ShardMerged {
				t.Errorf("shard %s: %s (%s)", o.Shard, o.Status, o.Error)
			}
		}
		if diff := cmp.Diff(statuses(singleRes), statuses(res)); diff != "" {
			t.Errorf("statuses (-single +merged):\n%s", diff)
		}
	})
}

// TestMergeMissingShard merges without one shard: its repositories keep
// the previous merge's specs and rows, marked stale, and it is named.
func TestMergeMissingShard(t *testing.T) {
	f := newFixture(t)
	root := t.TempDir()
	dirs := runShards(t, f, root)
	out := filepath.Join(root, "merged")
	mergeFixture(t, f, out, dirs)
	before := readTree(t, out)

	// The shard that holds flask-accounts (a service with a spec and one
	// without) goes missing.
	missing := -1
	for i := range shardCount {
		if (pipeline.Shard{Index: i, Count: shardCount}).Holds("flask-accounts") {
			missing = i
		}
	}
	var rest []string
	for i, d := range dirs {
		if i != missing {
			rest = append(rest, d)
		}
	}
	res := mergeFixture(t, f, out, rest)
	name := fmt.Sprintf("%d/%d", missing, shardCount)
	var found bool
	for _, o := range res.Shards {
		if o.Shard == name {
			found = true
			if o.Status != pipeline.ShardMissing || !strings.Contains(o.Error, name) {
				t.Errorf("missing shard outcome = %+v", o)
			}
		} else if o.Status != pipeline.ShardMerged {
			t.Errorf("shard %s: %s", o.Shard, o.Status)
		}
	}
	if !found {
		t.Fatalf("shard %s is not reported: %+v", name, res.Shards)
	}
	acc := serviceByID(t, res, "flask-accounts/accounts")
	if acc.Status != pipeline.StatusStale || !strings.Contains(acc.Error, name) || acc.LastGoodCommit == "" {
		t.Errorf("flask-accounts/accounts = %s %q (last good %q), want stale naming shard %s", acc.Status, acc.Error, acc.LastGoodCommit, name)
	}
	if got := serviceByID(t, res, "flask-accounts/billing").Status; got != pipeline.StatusFailed {
		t.Errorf("flask-accounts/billing = %s, want failed (it never had a spec)", got)
	}
	spec := "specs/flask-accounts/accounts.allium"
	after := readTree(t, out)
	if !bytes.Equal(before[spec], after[spec]) {
		t.Errorf("%s was not kept as the previous merge wrote it", spec)
	}
	rec := readRunJSON(t, out)
	if b, _ := json.Marshal(rec["stale"]); !strings.Contains(string(b), "flask-accounts/accounts") {
		t.Errorf("run.json stale = %s, want flask-accounts/accounts", b)
	}
	if b, _ := json.Marshal(rec["shards"]); !strings.Contains(string(b), `"missing"`) {
		t.Errorf("run.json shards = %s, want the missing shard", b)
	}
	rows := readArrow(t, filepath.Join(out, summary.ServicesFile)).rowMaps(t)
	if got := findRows(rows, map[string]any{"repo": "flask-accounts", "service": "accounts", "status": pipeline.StatusStale}); len(got) != 1 {
		t.Errorf("services.parquet has %d stale rows for flask-accounts/accounts, want 1", len(got))
	}
}

// TestMergeRefuses checks that shard outputs that do not belong together
// are refused before anything is written.
func TestMergeRefuses(t *testing.T) {
	f := newFixture(t)
	root := t.TempDir()
	dirs := runShards(t, f, root)

	other, err := manifest.Parse([]byte(f.yaml+"# another manifest\n"), "other.yaml", lookupEnv)
	if err != nil {
		t.Fatal(err)
	}
	retag := func(t *testing.T, dir, key, value string) string {
		t.Helper()
		copyDir := filepath.Join(t.TempDir(), "shard")
		for rel, b := range readTree(t, dir) {
			p := filepath.Join(copyDir, filepath.FromSlash(rel))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if rel == "run.json" {
				var rec map[string]any
				if err := json.Unmarshal(b, &rec); err != nil {
					t.Fatal(err)
				}
				rec["shard"].(map[string]any)[key] = value
				b, _ = json.Marshal(rec)
			}
			if err := os.WriteFile(p, b, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return copyDir
	}

	tests := []struct {
		name  string
		m     *manifest.Manifest
		dirs  func(t *testing.T) []string
		wants []string
	}{
		{"another manifest", other, func(*testing.T) []string { return dirs }, []string{"another manifest", dirs[0]}},
		{"another tool version", f.manifest, func(t *testing.T) []string {
			return []string{dirs[0], dirs[1], retag(t, dirs[2], "tool_version", "v9.9.9"), dirs[3]}
		}, []string{"v9.9.9", "e2e-test"}},
		{"duplicate shard", f.manifest, func(*testing.T) []string { return []string{dirs[0], dirs[1], dirs[1], dirs[2], dirs[3]} },
			[]string{"both shard 1/4"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "out")
			cfg := f.config(out, &syncBuffer{})
			cfg.Manifest = tt.m
			_, err := pipeline.Merge(context.Background(), cfg, tt.dirs(t))
			if !errors.Is(err, pipeline.ErrMergeMismatch) {
				t.Fatalf("Merge = %v, want ErrMergeMismatch", err)
			}
			for _, want := range tt.wants {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error %q does not mention %q", err, want)
				}
			}
			if _, err := os.Stat(out); err == nil {
				t.Errorf("a refused merge created %s", out)
			}
		})
	}
}

func TestParseShard(t *testing.T) {
	for _, ok := range []string{"0/1", "3/4", "0/4"} {
		if _, err := pipeline.ParseShard(ok); err != nil {
			t.Errorf("ParseShard(%q) = %v", ok, err)
		}
	}
	for _, bad := range []string{"", "4/4", "-1/4", "1", "a/4", "1/0", "1/b", "1/4/2", " 1/4"} {
		if _, err := pipeline.ParseShard(bad); !errors.Is(err, pipeline.ErrShard) {
			t.Errorf("ParseShard(%q) = %v, want ErrShard", bad, err)
		}
	}
}
