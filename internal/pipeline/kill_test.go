package pipeline_test

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/summary"
)

// buildDistill builds the distill binary once for the test.
func buildDistill(t *testing.T) string {
	t.Helper()
	bin := filepath.Join(t.TempDir(), "distill")
	cmd := exec.Command("go", "build", "-o", bin, "./cmd/distill")
	cmd.Dir = filepath.Join("..", "..")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return bin
}

// generationView is what a reader of an output directory sees, with the
// run's timestamps and timings taken out and "unchanged" read as "ok":
// two runs over the same inputs must look the same byte for byte.
func generationView(t *testing.T, out string) map[string]string {
	t.Helper()
	view := map[string]string{}
	for rel, b := range readTree(t, out) {
		switch {
		case rel == ".distill.lock":
		case strings.HasPrefix(rel, "specs/"), strings.HasPrefix(rel, "shared/"), strings.HasPrefix(rel, "reports/"),
			rel == summary.ConstructsFile, rel == summary.ComparisonsFile:
			view[rel] = string(b)
		case rel == summary.ServicesFile:
			rows, err := summary.ReadAll[summary.ServiceRow](filepath.Join(out, rel))
			if err != nil {
				t.Fatal(err)
			}
			for i := range rows {
				rows[i].StartedAt, rows[i].FetchMS, rows[i].DistillMS, rows[i].TotalMS = time.Time{}, 0, 0, 0
				if rows[i].Status == summary.StatusUnchanged {
					rows[i].Status = summary.StatusOK
				}
			}
			j, _ := json.MarshalIndent(rows, "", " ")
			view[rel] = string(j)
		case rel == "run.json":
			var rec map[string]any
			if err := json.Unmarshal(b, &rec); err != nil {
				t.Fatalf("run.json: %v", err)
			}
			delete(rec, "started")
			delete(rec, "finished")
			delete(rec, "status") // ok and unchanged counts differ; the rows above carry the rest
			j, _ := json.MarshalIndent(rec, "", " ")
			view[rel] = string(j)
		case rel == ".distill/state.json":
			var st map[string]any
			if err := json.Unmarshal(b, &st); err != nil {
				t.Fatalf("state.json: %v", err)
			}
			if svcs, ok := st["services"].(map[string]any); ok {
				for _, e := range svcs {
					delete(e.(map[string]any), "good_at")
				}
			}
			j, _ := json.MarshalIndent(st, "", " ")
			view[rel] = string(j)
		default:
			view[rel] = string(b)
		}
	}
	return view
}

// TestFaultKillRerun kills a rerun with SIGKILL at random points, 20
// times. After each kill a reader must see one complete generation (the
// previous run's or the new one, whole), and the next run must complete
// and match a cold run over the same inputs byte for byte (apart from run
// timestamps). The reruns alternate --provenance so that each has every
// spec to write again.
func TestFaultKillRerun(t *testing.T) {
	if testing.Short() {
		t.Skip("builds the binary and runs it 40 times")
	}
	bin := buildDistill(t)
	o := newFaultOrg(t)
	manifestFile := filepath.Join(t.TempDir(), "org.yaml")
	writeFile(t, manifestFile, o.yaml())
	args := func(out string, provenance bool) []string {
		return []string{"run", "--manifest", manifestFile, "--out", out, "--cache", o.cache,
			"--workers", "2", "--clone-workers", "2", "--log-format", "json", fmt.Sprintf("--provenance=%t", provenance)}
	}
	run := func(out string, provenance bool) time.Duration {
		t.Helper()
		start := time.Now()
		cmd := exec.Command(bin, args(out, provenance)...)
		var stderr bytes.Buffer
		cmd.Stderr = &stderr
		if err := cmd.Run(); err != nil {
			t.Fatalf("distill run: %v\n%s", err, stderr.String())
		}
		return time.Since(start)
	}

	// Cold runs of both configurations: what each rerun must end up as.
	cold := map[bool]map[string]string{}
	for _, p := range []bool{true, false} {
		dir := filepath.Join(t.TempDir(), "cold")
		run(dir, p)
		cold[p] = generationView(t, dir)
	}

	// A rerun with a warm cache is what gets killed: its length bounds the
	// random kill points (a little beyond, to catch the switch at the end).
	took := run(o.out, true)
	seed := uint64(time.Now().UnixNano())
	t.Logf("seed %d; a rerun takes about %s", seed, took)
	rng := rand.New(rand.NewPCG(seed, 0))
	provenance := true
	before := o.foreign(t)
	outcomes := map[string]int{}
	for i := range 20 {
		provenance = !provenance
		previous := generationView(t, o.out)
		cmd := exec.Command(bin, args(o.out, provenance)...)
		if err := cmd.Start(); err != nil {
			t.Fatal(err)
		}
		delay := time.Duration(rng.Int64N(int64(took) * 11 / 10))
		time.Sleep(delay)
		_ = cmd.Process.Signal(syscall.SIGKILL)
		err := cmd.Wait()
		var exitErr *exec.ExitError
		killed := errors.As(err, &exitErr) && exitErr.Sys().(syscall.WaitStatus).Signaled()

		// What a reader sees now: one whole generation.
		checkGenerationInside(t, o.out)
		now := generationView(t, o.out)
		switch {
		case cmp.Equal(now, previous):
			outcomes["old generation"]++
		case cmp.Equal(now, cold[provenance]):
			outcomes["new generation"]++
		default:
			t.Fatalf("kill %d after %s (killed: %t): the output directory is neither the previous run nor the new one:\n%s",
				i, delay, killed, cmp.Diff(previous, now))
		}
		if !killed {
			outcomes["finished before the kill"]++
		}

		// The next run completes and matches a cold run.
		run(o.out, provenance)
		checkGeneration(t, o.out)
		if diff := cmp.Diff(cold[provenance], generationView(t, o.out)); diff != "" {
			t.Fatalf("run after kill %d differs from a cold run (-cold +after):\n%s", i, diff)
		}
	}
	t.Logf("outcomes after the kills: %v", outcomes)
	o.checkForeignUnchanged(t, before)
	for rel := range readTree(t, o.out) {
		if strings.Contains(rel, ".tmp-") {
			t.Errorf("temporary file left: %s", rel)
		}
	}

	// SIGINT: exit 130, one line saying what was kept, the previous
	// generation whole.
	previous := generationView(t, o.out)
	provenance = !provenance
	cmd := exec.Command(bin, args(o.out, provenance)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	time.Sleep(took / 4)
	_ = cmd.Process.Signal(os.Interrupt)
	err := cmd.Wait()
	if code := cmd.ProcessState.ExitCode(); code == 130 {
		if !strings.Contains(stderr.String(), "interrupted: nothing was written; "+o.out+" still holds the previous run") {
			t.Errorf("SIGINT: stderr does not say what was kept:\n%s", stderr.String())
		}
		if diff := cmp.Diff(previous, generationView(t, o.out)); diff != "" {
			t.Errorf("SIGINT changed the outputs (-before +after):\n%s", diff)
		}
		checkGeneration(t, o.out)
	} else {
		t.Logf("the run finished before SIGINT arrived (exit %d, %v)", code, err)
	}
}
