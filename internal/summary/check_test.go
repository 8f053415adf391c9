package summary_test

import (
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/distill/distill/internal/summary"
)

// writeInvalid writes rows and returns the Write error, checking that the
// failed file is gone.
func writeInvalid[T any](t *testing.T, rows ...T) error {
	t.Helper()
	dir := t.TempDir()
	path := filepath.Join(dir, "x.parquet")
	w, err := summary.Create[T](path)
	if err != nil {
		t.Fatal(err)
	}
	werr := w.Write(rows...)
	if werr == nil {
		t.Fatal("Write accepted an invalid row")
	}
	if cerr := w.Close(); !errors.Is(cerr, summary.ErrInvalidRow) {
		t.Errorf("Close after a failed Write: %v, want the Write error", cerr)
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("failed write left %d files", len(entries))
	}
	return werr
}

func TestInvalidRowsAreRefused(t *testing.T) {
	t.Parallel()
	construct := func(edit func(*summary.ConstructRow)) summary.ConstructRow {
		r := constructRows()[0]
		edit(&r)
		return r
	}
	service := func(edit func(*summary.ServiceRow)) summary.ServiceRow {
		r := serviceRows()[0]
		edit(&r)
		return r
	}
	comparison := func(edit func(*summary.ComparisonRow)) summary.ComparisonRow {
		r := comparisonRows()[0]
		edit(&r)
		return r
	}
	tests := []struct {
		name     string
		write    func(t *testing.T) error
		wantText string // in the error message
	}{
		{"unknown construct kind", func(t *testing.T) error {
			return writeInvalid(t, construct(func(r *summary.ConstructRow) { r.Kind = "entitty" }))
		}, `unknown kind "entitty"`},
		{"construct without name", func(t *testing.T) error {
			return writeInvalid(t, construct(func(r *summary.ConstructRow) { r.Name = "" }))
		}, "name is required"},
		{"construct line zero", func(t *testing.T) error {
			return writeInvalid(t, construct(func(r *summary.ConstructRow) { r.SourceLine = ptr(int32(0)) }))
		}, "source line 0"},
		{"construct without service", func(t *testing.T) error {
			return writeInvalid(t, construct(func(r *summary.ConstructRow) { r.Service = "" }))
		}, "repo and service are required"},
		{"unknown status", func(t *testing.T) error {
			return writeInvalid(t, service(func(r *summary.ServiceRow) { r.Status = "OK" }))
		}, `unknown status "OK"`},
		{"failed without error", func(t *testing.T) error {
			return writeInvalid(t, service(func(r *summary.ServiceRow) { r.Status = summary.StatusFailed }))
		}, "needs its error"},
		{"zero start time", func(t *testing.T) error {
			return writeInvalid(t, service(func(r *summary.ServiceRow) { r.StartedAt = time.Time{} }))
		}, "started_at"},
		{"start time beyond int64 nanoseconds", func(t *testing.T) error {
			return writeInvalid(t, service(func(r *summary.ServiceRow) { r.StartedAt = time.Date(2300, 1, 1, 0, 0, 0, 0, time.UTC) }))
		}, "started_at"},
		{"negative count", func(t *testing.T) error {
			return writeInvalid(t, service(func(r *summary.ServiceRow) { r.ParseErrors = -1 }))
		}, "negative count"},
		{"negative coverage count", func(t *testing.T) error {
			return writeInvalid(t, service(func(r *summary.ServiceRow) { r.EffectsSeen = -1 }))
		}, "negative count"},
		{"more state handlers than handlers", func(t *testing.T) error {
			return writeInvalid(t, service(func(r *summary.ServiceRow) { r.StateHandlers = 1 }))
		}, "state_handlers <= handlers"},
		{"left-out lists of different lengths", func(t *testing.T) error {
			return writeInvalid(t, service(func(r *summary.ServiceRow) { r.LeftOutReasons, r.LeftOutCounts = []string{"loop"}, nil }))
		}, "one element per reason (1, 0)"},
		{"left-out reasons repeated", func(t *testing.T) error {
			return writeInvalid(t, service(func(r *summary.ServiceRow) {
				r.LeftOut, r.LeftOutReasons, r.LeftOutCounts = 2, []string{"loop", "loop"}, []int32{1, 1}
			}))
		}, "distinct"},
		{"left-out counts not summing to left_out", func(t *testing.T) error {
			return writeInvalid(t, service(func(r *summary.ServiceRow) {
				r.LeftOut, r.LeftOutReasons, r.LeftOutCounts = 3, []string{"loop"}, []int32{2}
			}))
		}, "sum to 2, left_out is 3"},
		{"negative duration", func(t *testing.T) error {
			return writeInvalid(t, service(func(r *summary.ServiceRow) { r.TotalMS = -5 }))
		}, "negative duration"},
		{"digest not hex", func(t *testing.T) error {
			return writeInvalid(t, service(func(r *summary.ServiceRow) { r.SpecDigest = ptr("sha256:abc") }))
		}, "spec digest"},
		{"url with password", func(t *testing.T) error {
			return writeInvalid(t, service(func(r *summary.ServiceRow) { r.URL = "https://bot:s3cr3t-t0ken@git.example.com/org/x.git" }))
		}, "url carries credentials"},
		{"url with token as user", func(t *testing.T) error {
			return writeInvalid(t, service(func(r *summary.ServiceRow) { r.URL = "https://s3cr3t-t0ken@git.example.com/org/x.git" }))
		}, "url carries credentials"},
		{"lists of different lengths", func(t *testing.T) error {
			return writeInvalid(t, comparison(func(r *summary.ComparisonRow) { r.Present = []bool{true} }))
		}, "one element per variant (2, 1, 2, 2)"},
		{"unsorted variants", func(t *testing.T) error {
			return writeInvalid(t, comparison(func(r *summary.ComparisonRow) { r.Variants = []string{"b/x", "a/x"} }))
		}, "sorted and distinct"},
		{"duplicate variants", func(t *testing.T) error {
			return writeInvalid(t, comparison(func(r *summary.ComparisonRow) { r.Variants = []string{"a/x", "a/x"} }))
		}, "sorted and distinct"},
		{"comparison unknown kind", func(t *testing.T) error {
			return writeInvalid(t, comparison(func(r *summary.ComparisonRow) { r.Kind = "" }))
		}, "unknown kind"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			err := tc.write(t)
			if !errors.Is(err, summary.ErrInvalidRow) {
				t.Fatalf("error %v is not ErrInvalidRow", err)
			}
			if !strings.Contains(err.Error(), tc.wantText) {
				t.Errorf("error %q does not say %q", err, tc.wantText)
			}
			if strings.Contains(err.Error(), "s3cr3t") {
				t.Errorf("error %q leaks the credential", err)
			}
		})
	}
}

func TestValidURLsAreAccepted(t *testing.T) {
	t.Parallel()
	for _, url := range []string{
		"https://git.example.com/org/x.git",
		"ssh://git@git.example.com/org/x.git",
		"git@git.example.com:org/x.git",
		"file:///srv/git/x.git",
		"/srv/git/x",
	} {
		r := serviceRows()[0]
		r.URL = url
		path := filepath.Join(t.TempDir(), "s.parquet")
		w, err := summary.Create[summary.ServiceRow](path)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(r); err != nil {
			t.Errorf("%s: %v", url, err)
		}
		if err := w.Close(); err != nil {
			t.Errorf("%s: %v", url, err)
		}
	}
}
