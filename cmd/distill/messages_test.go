package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/distill/distill/internal/pipeline"
)

// TestMessagesSayWhatToDo covers issue 10's list of messages a person can
// act on: each case gives its exit code and what stderr must say.
func TestMessagesSayWhatToDo(t *testing.T) {
	empty := t.TempDir()
	docs := t.TempDir()
	if err := os.WriteFile(filepath.Join(docs, "README.md"), []byte("# docs\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	spec := filepath.Join("..", "..", "testdata", "compare", "reset")
	specs, _ := filepath.Glob(filepath.Join(spec, "*.allium"))
	if len(specs) < 2 {
		t.Fatalf("compare fixtures: %v", specs)
	}
	foreign := t.TempDir()
	if err := os.WriteFile(filepath.Join(foreign, "notes.docx"), []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name    string
		args    []string
		code    int
		stderr  []string
		notWant []string
	}{
		{"check finds no spec", []string{"check", empty}, 1, []string{"no .allium file in " + empty}, nil},
		{"dir with an unsupported language", []string{"dir", docs, "--language", "cobol"}, 2,
			[]string{`--language "cobol" is not supported`, "python", "typescript"}, nil},
		{"dir with no file distill reads", []string{"dir", docs}, 1, []string{"no file in a language distill reads", "python (.py"}, nil},
		{"compare quorum above the specs", append([]string{"compare", "--quorum", "5"}, specs[:2]...), 2,
			[]string{"--quorum 5 is more than the 2 spec(s) given"}, nil},
		{"run into someone else's directory", []string{"run", "--manifest", batchManifest("ok"), "--out", foreign, "--cache", t.TempDir()}, 2,
			[]string{"holds notes.docx", "--force-out"}, []string{"usage"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, stdout, stderr := runCLI(t, tt.args...)
			if code != tt.code {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.code, stdout, stderr)
			}
			for _, w := range tt.stderr {
				if !strings.Contains(stderr, w) {
					t.Errorf("stderr lacks %q:\n%s", w, stderr)
				}
			}
			for _, w := range tt.notWant {
				if strings.Contains(stderr, w) {
					t.Errorf("stderr has %q:\n%s", w, stderr)
				}
			}
		})
	}
	if got, _ := os.ReadFile(filepath.Join(foreign, "notes.docx")); string(got) != "mine" {
		t.Errorf("a refused run touched the directory's files")
	}
	entries, _ := os.ReadDir(foreign)
	if len(entries) != 1 {
		t.Errorf("a refused run added files: %v", entries)
	}
}

func TestRunForceOutKeepsOtherFiles(t *testing.T) {
	out := t.TempDir()
	notes := filepath.Join(out, "notes.docx")
	if err := os.WriteFile(notes, []byte("mine"), 0o644); err != nil {
		t.Fatal(err)
	}
	code, stdout, stderr := runBatchCLI(t, "--manifest", batchManifest("ok"), "--out", out, "--cache", t.TempDir(), "--force-out")
	if code != 0 {
		t.Fatalf("exit %d\nstdout:\n%s\nstderr:\n%s", code, stdout, stderr)
	}
	if got, _ := os.ReadFile(notes); string(got) != "mine" {
		t.Errorf("--force-out lost a file that was not distill's")
	}
	if _, err := os.Stat(filepath.Join(out, "specs", "flask-accounts", "accounts.allium")); err != nil {
		t.Errorf("no spec written: %v", err)
	}
}

func TestBuiltInExampleOutsideTheRepository(t *testing.T) {
	t.Chdir(t.TempDir())
	code, _, stderr := runBatchCLI(t, "--out", "out", "--cache", t.TempDir())
	if code != 2 || !strings.Contains(stderr, "run it from the repository root, or pass --manifest FILE") {
		t.Errorf("exit %d, stderr:\n%s", code, stderr)
	}
	if _, err := os.Stat("out"); err == nil {
		t.Errorf("a refused run created the output directory")
	}
}

func TestRunSummaryNamesStaleServices(t *testing.T) {
	at := time.Date(2026, 12, 1, 2, 3, 4, 0, time.UTC)
	res := &pipeline.Result{Services: []pipeline.ServiceResult{
		{Repo: "api", Service: "accounts", Status: pipeline.StatusStale, SpecPath: "specs/api/accounts.allium",
			Error: "fetch: repository api: authentication failed", LastGoodCommit: "0123456789abcdef0123", LastGoodAt: at},
	}}
	var buf bytes.Buffer
	writeRunSummary(&buf, res)
	buf.WriteString(summaryLine("run", exitFindings, "out", time.Second, res, errFindings))
	for _, want := range []string{
		"stale: api/accounts: kept the spec of commit 0123456789ab (last read 2026-12-01T02:03:04Z); fetch: repository api: authentication failed",
		"1 stale (last good spec kept)",
	} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("summary lacks %q:\n%s", want, buf.String())
		}
	}
}

// fmtExceptions are the specs under the repository's testdata/ that are
// not in canonical form on purpose, with the reason. Every other spec
// there must be: `distill fmt -l testdata` lists only these (none today).
var fmtExceptions = map[string]string{}

func TestRepositorySpecsAreCanonical(t *testing.T) {
	root := filepath.Join("..", "..", "testdata")
	code, stdout, stderr := runCLI(t, "fmt", "-l", root)
	if code != 0 {
		t.Fatalf("fmt -l: exit %d\n%s", code, stderr)
	}
	for _, line := range strings.Split(strings.TrimSpace(stdout), "\n") {
		if line == "" {
			continue
		}
		rel, _ := filepath.Rel(root, line)
		rel = filepath.ToSlash(rel)
		if _, ok := fmtExceptions[rel]; ok {
			continue
		}
		t.Errorf("testdata/%s is not in canonical form: run distill fmt -w on it (after checking the rewrite changes layout only) or list it in fmtExceptions with the reason", rel)
	}
}
