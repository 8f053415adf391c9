package pipeline

import (
	"log/slog"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/distill/distill/internal/summary"
)

// TestValidateFailsTheServiceNotTheRun: a result whose services.parquet
// row the table would refuse becomes a failed service (its staged spec
// withdrawn, the offending value dropped), and the row then passes.
func TestValidateFailsTheServiceNotTheRun(t *testing.T) {
	stage := t.TempDir()
	rel := specRel("r", "s")
	if err := os.MkdirAll(filepath.Join(stage, "specs", "r"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(stage, filepath.FromSlash(rel)), []byte("-- allium: 3\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	r := &runner{cfg: Config{Logger: slog.New(slog.DiscardHandler)}, stage: stage}
	res := ServiceResult{Repo: "r", Service: "s", URL: "https://tok3n@git.example.com/r.git", Status: StatusOK,
		SpecPath: rel, SpecDigest: strings.Repeat("a", 64), Started: time.Now()}
	r.validate(&res)
	if res.Status != StatusFailed || !strings.Contains(res.Error, "url carries credentials") || res.SpecPath != "" || res.URL != "" {
		t.Errorf("after validate: status %s, error %q, spec %q, url %q", res.Status, res.Error, res.SpecPath, res.URL)
	}
	if strings.Contains(res.Error, "tok3n") {
		t.Errorf("the error repeats the credential: %q", res.Error)
	}
	if _, err := os.Stat(filepath.Join(stage, filepath.FromSlash(rel))); !os.IsNotExist(err) {
		t.Errorf("the failed service's staged spec is still there (%v)", err)
	}
	row := serviceRow(&res)
	if err := summary.Check(&row); err != nil {
		t.Errorf("the failed row is still refused: %v", err)
	}
}
