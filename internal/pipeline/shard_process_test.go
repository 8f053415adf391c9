package pipeline_test

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
)

// TestShardProcessesMerge runs the built binary as four shard processes
// at once against the loopback git server, each with its own cache as on
// separate machines, merges their outputs with a fifth process and
// compares the result with an unsharded run of the same binary.
func TestShardProcessesMerge(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary")
	}
	bin := buildDistill(t)
	f := newFixture(t)
	root := t.TempDir()
	manifestFile := filepath.Join(root, "manifest.yaml")
	if err := os.WriteFile(manifestFile, []byte(f.yaml), 0o644); err != nil {
		t.Fatal(err)
	}
	env := append(os.Environ(), tokenEnv+"="+tokenValue, wrongTokenEnv+"="+wrongTokenValue)
	distill := func(args ...string) (int, string) {
		cmd := exec.Command(bin, args...)
		cmd.Env = env
		var outBuf bytes.Buffer
		cmd.Stdout, cmd.Stderr = &outBuf, &outBuf
		err := cmd.Run()
		if err != nil && cmd.ProcessState == nil {
			t.Errorf("%v: %v", args, err)
			return -1, outBuf.String()
		}
		return cmd.ProcessState.ExitCode(), outBuf.String()
	}
	runArgs := func(out, cache string, extra ...string) []string {
		return append([]string{"run", "--manifest", manifestFile, "--out", out, "--cache", cache, "--workers", "1"}, extra...)
	}

	single := filepath.Join(root, "single")
	// The fixture has failing repositories: exit status 1.
	if code, out := distill(runArgs(single, filepath.Join(root, "cache-single"))...); code != 1 {
		t.Fatalf("single run: exit %d, want 1\n%s", code, out)
	}

	dirs := make([]string, shardCount)
	var wg sync.WaitGroup
	for i := range shardCount {
		dirs[i] = filepath.Join(root, fmt.Sprintf("shard-%d", i))
		wg.Go(func() {
			code, out := distill(runArgs(dirs[i], filepath.Join(root, fmt.Sprintf("cache-%d", i)),
				"--shard", fmt.Sprintf("%d/%d", i, shardCount))...)
			if code != 0 && code != 1 {
				t.Errorf("shard %d: exit %d\n%s", i, code, out)
			}
		})
	}
	wg.Wait()
	if t.Failed() {
		t.FailNow()
	}

	merged := filepath.Join(root, "merged")
	code, out := distill(append([]string{"merge", "--manifest", manifestFile, merged}, dirs...)...)
	if code != 1 {
		t.Fatalf("merge: exit %d, want 1 (the fixture's failed services)\n%s", code, out)
	}
	for i := range shardCount {
		if want := fmt.Sprintf("shard %d/%d: merged", i, shardCount); !strings.Contains(out, want) {
			t.Errorf("merge output lacks %q:\n%s", want, out)
		}
	}
	want, got := comparableOutputs(t, single), comparableOutputs(t, merged)
	if len(want) != len(got) {
		t.Errorf("single run has %d comparable files, merge %d", len(want), len(got))
	}
	for rel, b := range want {
		if !bytes.Equal(b, got[rel]) {
			t.Errorf("%s differs between the single run and the merge", rel)
		}
	}
	sameServiceRows(t, single, merged)
}
