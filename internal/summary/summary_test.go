package summary_test

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/summary"
)

func ptr[T any](v T) *T { return &v }

// startedAt has a zone other than UTC and sub-millisecond digits, to show
// that the file stores the instant in UTC at millisecond precision.
var startedAt = time.Date(2025, 3, 14, 9, 26, 53, 589_793_238, time.FixedZone("CET", 3600))

func constructRows() []summary.ConstructRow {
	return []summary.ConstructRow{
		{
			Repo: "auth-py", Commit: "4f1c2e9", Service: "api", Group: ptr("password-reset"),
			Kind: summary.KindConfig, Name: "reset_token_expiry",
			Text:  "reset_token_expiry: Duration = 1.hour",
			Value: ptr("1.hour"), ValueNumber: ptr(3600.0), SourceFile: ptr("app/auth/reset.py"), SourceLine: ptr(int32(12)), InShared: ptr(true),
		},
		{
			Repo: "auth-py", Commit: "4f1c2e9", Service: "api", Group: ptr("password-reset"),
			Kind: summary.KindRule, Name: "RequestPasswordReset",
			Text:       "rule RequestPasswordReset {\n    when: UserRequestsPasswordReset(email)\n}",
			SourceFile: ptr("app/auth/views.py"), SourceLine: ptr(int32(40)), InShared: ptr(false),
		},
		{
			Repo: "auth-py", Commit: "4f1c2e9", Service: "api", Group: ptr("password-reset"),
			Kind: summary.KindRequires, Parent: ptr("RequestPasswordReset"), Name: "requires#1",
			Text: "requires: exists user", SourceFile: ptr("app/auth/views.py"), SourceLine: ptr(int32(43)),
		},
		{
			// A service in no group: every nullable column is NULL.
			Repo: "billing-ts", Commit: "9ab03d1", Service: "web",
			Kind: summary.KindEnum, Name: "InvoiceStatus", Text: "enum InvoiceStatus { draft | sent | paid }",
		},
		{
			Repo: "billing-ts", Commit: "9ab03d1", Service: "web",
			Kind: summary.KindField, Parent: ptr("Invoice"), Name: "note",
			Text: "note: String?", Value: ptr("String?"), SourceLine: ptr(int32(1)),
			InShared: ptr(false),
		},
		{
			// Empty text and empty value are not NULL.
			Repo: "billing-ts", Commit: "9ab03d1", Service: "web",
			Kind: summary.KindOpenQuestion, Name: "open_question#1", Text: "", Value: ptr(""),
		},
	}
}

func serviceRows() []summary.ServiceRow {
	return []summary.ServiceRow{
		{
			Repo: "auth-py", URL: "https://git.example.com/org/auth-py.git", Commit: "4f1c2e9", Service: "api",
			Group: ptr("password-reset"), Language: "python", Status: summary.StatusOK,
			FilesRead: 42, FilesSkipped: 2, ParseErrors: 1, Untranslated: 7,
			Entities: 3, Rules: 5, ConfigParams: 4, Constructs: 61,
			Handlers: 9, StateHandlers: 6, StateHandlersRuled: 5, GuardsSeen: 12, RequiresEmitted: 10,
			EffectsSeen: 14, EnsuresEmitted: 11, DroppedByChecker: 2, DroppedUnparsable: 1,
			LeftOut: 4, LeftOutReasons: []string{"unknown-callee", "loop"}, LeftOutCounts: []int32{3, 1},
			Skipped:   []string{"static/app.min.js: larger than 1 MiB", "assets/logo.png: binary"},
			StartedAt: startedAt, FetchMS: 1200, DistillMS: 3400, TotalMS: 4650,
			SpecPath:   ptr("specs/auth-py/api.allium"),
			SpecDigest: ptr(strings.Repeat("ab", 32)),
		},
		{
			Repo: "billing-ts", URL: "git@git.example.com:org/billing-ts.git", Commit: "9ab03d1", Service: "web",
			Language: "typescript", Status: summary.StatusUnchanged,
			FilesRead: 10, Entities: 1, Rules: 0, ConfigParams: 0, Constructs: 3,
			LeftOutReasons: []string{}, LeftOutCounts: []int32{},
			Skipped:   []string{},
			StartedAt: startedAt.Add(time.Second),
			SpecPath:  ptr("specs/billing-ts/web.allium"), SpecDigest: ptr(strings.Repeat("0f", 32)),
		},
		{
			Repo: "broken", URL: "ssh://git@git.example.com/org/broken.git", Service: "svc", Group: ptr("password-reset"),
			Language: "python", Status: summary.StatusFailed, Error: ptr(`fetch broken: reference "main" not found`),
			LeftOutReasons: []string{}, LeftOutCounts: []int32{},
			Skipped:   []string{},
			StartedAt: startedAt.Add(2 * time.Second), FetchMS: 80, TotalMS: 80,
		},
	}
}

func comparisonRows() []summary.ComparisonRow {
	return []summary.ComparisonRow{
		{
			Group: "password-reset", Kind: summary.KindConfig, CanonicalName: "reset_token_expiry",
			Variants:   []string{"auth-py/api", "auth-ts/api"},
			Present:    []bool{true, true},
			LocalNames: []string{"reset_token_expiry", "token_ttl"},
			Values:     []string{"1.hour", "30.minutes"},
			InShared:   true,
		},
		{
			Group: "password-reset", Kind: summary.KindRequires, CanonicalName: "requires#2", Parent: ptr("RequestPasswordReset"),
			Variants:   []string{"auth-py/api", "auth-ts/api"},
			Present:    []bool{true, false},
			LocalNames: []string{"requires#2", ""},
			Values:     []string{"", ""},
		},
		{
			// A group with no variants left (all failed) still has
			// well-formed empty lists.
			Group: "empty", Kind: summary.KindEntity, CanonicalName: "User",
			Variants: []string{}, Present: []bool{}, LocalNames: []string{}, Values: []string{},
		},
	}
}

// writeFile writes rows to a new file in a temporary directory.
func writeFile[T any](t *testing.T, name string, rows []T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	w, err := summary.Create[T](path)
	if err != nil {
		t.Fatal(err)
	}
	defer w.Abort()
	if err := w.Write(rows...); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	return path
}

// wantStoredServices is what a reader should get back for serviceRows:
// the start time as a UTC instant truncated to the millisecond.
func wantStoredServices() []summary.ServiceRow {
	rows := serviceRows()
	for i := range rows {
		rows[i].StartedAt = rows[i].StartedAt.UTC().Truncate(time.Millisecond)
	}
	return rows
}

func TestFilesReadByArrow(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name        string
		write       func(t *testing.T) string
		wantColumns []string
		read        func(t *testing.T, path string) any // arrow-go decode
		want        any
	}{
		{
			name:  "summary.parquet",
			write: func(t *testing.T) string { return writeFile(t, summary.ConstructsFile, constructRows()) },
			wantColumns: []string{
				"repo REQUIRED BYTE_ARRAY STRING",
				"commit REQUIRED BYTE_ARRAY STRING",
				"service REQUIRED BYTE_ARRAY STRING",
				"group_name OPTIONAL BYTE_ARRAY STRING",
				"kind REQUIRED BYTE_ARRAY STRING",
				"parent OPTIONAL BYTE_ARRAY STRING",
				"name REQUIRED BYTE_ARRAY STRING",
				"text REQUIRED BYTE_ARRAY STRING",
				"value OPTIONAL BYTE_ARRAY STRING",
				"value_number OPTIONAL DOUBLE",
				"source_file OPTIONAL BYTE_ARRAY STRING",
				"source_line OPTIONAL INT32 INT(32,true)",
				"in_shared OPTIONAL BOOLEAN",
			},
			read: func(t *testing.T, path string) any {
				pf, _ := openArrow(t, path)
				return arrowRows[summary.ConstructRow](t, pf)
			},
			want: constructRows(),
		},
		{
			name:  "services.parquet",
			write: func(t *testing.T) string { return writeFile(t, summary.ServicesFile, serviceRows()) },
			wantColumns: []string{
				"repo REQUIRED BYTE_ARRAY STRING",
				"url REQUIRED BYTE_ARRAY STRING",
				"commit REQUIRED BYTE_ARRAY STRING",
				"service REQUIRED BYTE_ARRAY STRING",
				"group_name OPTIONAL BYTE_ARRAY STRING",
				"language REQUIRED BYTE_ARRAY STRING",
				"status REQUIRED BYTE_ARRAY STRING",
				"error OPTIONAL BYTE_ARRAY STRING",
				"files_read REQUIRED INT32 INT(32,true)",
				"files_skipped REQUIRED INT32 INT(32,true)",
				"parse_errors REQUIRED INT32 INT(32,true)",
				"untranslated REQUIRED INT32 INT(32,true)",
				"entities REQUIRED INT32 INT(32,true)",
				"rules REQUIRED INT32 INT(32,true)",
				"config_params REQUIRED INT32 INT(32,true)",
				"constructs REQUIRED INT32 INT(32,true)",
				"handlers REQUIRED INT32 INT(32,true)",
				"state_handlers REQUIRED INT32 INT(32,true)",
				"state_handlers_with_rules REQUIRED INT32 INT(32,true)",
				"guards_seen REQUIRED INT32 INT(32,true)",
				"requires_emitted REQUIRED INT32 INT(32,true)",
				"effects_seen REQUIRED INT32 INT(32,true)",
				"ensures_emitted REQUIRED INT32 INT(32,true)",
				"dropped_by_checker REQUIRED INT32 INT(32,true)",
				"dropped_unparsable REQUIRED INT32 INT(32,true)",
				"left_out REQUIRED INT32 INT(32,true)",
				"left_out_reasons REQUIRED LIST<element REQUIRED BYTE_ARRAY STRING>",
				"left_out_counts REQUIRED LIST<element REQUIRED INT32 INT(32,true)>",
				"skipped REQUIRED LIST<element REQUIRED BYTE_ARRAY STRING>",
				"started_at REQUIRED INT64 TIMESTAMP(MILLIS,utc=true)",
				"fetch_ms REQUIRED INT64 INT(64,true)",
				"distill_ms REQUIRED INT64 INT(64,true)",
				"total_ms REQUIRED INT64 INT(64,true)",
				"spec_path OPTIONAL BYTE_ARRAY STRING",
				"spec_digest OPTIONAL BYTE_ARRAY STRING",
				"last_good_commit OPTIONAL BYTE_ARRAY STRING",
				"last_good_at OPTIONAL INT64 TIMESTAMP(MILLIS,utc=true)",
			},
			read: func(t *testing.T, path string) any {
				pf, _ := openArrow(t, path)
				return arrowRows[summary.ServiceRow](t, pf)
			},
			want: wantStoredServices(),
		},
		{
			name:  "comparisons.parquet",
			write: func(t *testing.T) string { return writeFile(t, summary.ComparisonsFile, comparisonRows()) },
			wantColumns: []string{
				"group_name REQUIRED BYTE_ARRAY STRING",
				"kind REQUIRED BYTE_ARRAY STRING",
				"canonical_name REQUIRED BYTE_ARRAY STRING",
				"parent OPTIONAL BYTE_ARRAY STRING",
				"variants REQUIRED LIST<element REQUIRED BYTE_ARRAY STRING>",
				"present REQUIRED LIST<element REQUIRED BOOLEAN>",
				"local_names REQUIRED LIST<element REQUIRED BYTE_ARRAY STRING>",
				"values REQUIRED LIST<element REQUIRED BYTE_ARRAY STRING>",
				"in_shared REQUIRED BOOLEAN",
			},
			read: func(t *testing.T, path string) any {
				pf, _ := openArrow(t, path)
				return arrowRows[summary.ComparisonRow](t, pf)
			},
			want: comparisonRows(),
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := tc.write(t)
			_, af := openArrow(t, path)
			if diff := cmp.Diff(tc.wantColumns, af.columns); diff != "" {
				t.Errorf("schema as arrow-go sees it (-want +got):\n%s", diff)
			}
			if bad := nonZstdChunks(t, af.meta); len(bad) > 0 {
				t.Errorf("column chunks not zstd-compressed: %v", bad)
			}
			if diff := cmp.Diff(tc.want, tc.read(t, path)); diff != "" {
				t.Errorf("values as arrow-go reads them (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReadAllRoundTrip(t *testing.T) {
	t.Parallel()
	t.Run("constructs", func(t *testing.T) {
		t.Parallel()
		got, err := summary.ReadAll[summary.ConstructRow](writeFile(t, "c.parquet", constructRows()))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(constructRows(), got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("services", func(t *testing.T) {
		t.Parallel()
		got, err := summary.ReadAll[summary.ServiceRow](writeFile(t, "s.parquet", serviceRows()))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(wantStoredServices(), got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("comparisons", func(t *testing.T) {
		t.Parallel()
		got, err := summary.ReadAll[summary.ComparisonRow](writeFile(t, "g.parquet", comparisonRows()))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(comparisonRows(), got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("nil lists read back empty", func(t *testing.T) {
		t.Parallel()
		rows := comparisonRows()[2:]
		rows[0].Variants, rows[0].Present, rows[0].LocalNames, rows[0].Values = nil, nil, nil, nil
		got, err := summary.ReadAll[summary.ComparisonRow](writeFile(t, "g.parquet", rows))
		if err != nil {
			t.Fatal(err)
		}
		if diff := cmp.Diff(comparisonRows()[2:], got); diff != "" {
			t.Errorf("(-want +got):\n%s", diff)
		}
	})
	t.Run("no rows", func(t *testing.T) {
		t.Parallel()
		got, err := summary.ReadAll[summary.ServiceRow](writeFile[summary.ServiceRow](t, "s.parquet", nil))
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 0 {
			t.Errorf("got %d rows from an empty file", len(got))
		}
	})
}

// olderConstructRow stands for the rows of a previous distill version,
// which lacked the later columns. The pipeline reuses such rows for
// unchanged services, so they must still load.
type olderConstructRow struct {
	Repo    string `parquet:"repo"`
	Commit  string `parquet:"commit"`
	Service string `parquet:"service"`
	Kind    string `parquet:"kind"`
	Name    string `parquet:"name"`
	Text    string `parquet:"text"`
}

func TestReadAllOlderFile(t *testing.T) {
	t.Parallel()
	path := writeFile(t, "old.parquet", []olderConstructRow{
		{Repo: "auth-py", Commit: "4f1c2e9", Service: "api", Kind: "entity", Name: "User", Text: "entity User {}"},
	})
	got, err := summary.ReadAll[summary.ConstructRow](path)
	if err != nil {
		t.Fatal(err)
	}
	want := []summary.ConstructRow{{Repo: "auth-py", Commit: "4f1c2e9", Service: "api", Kind: "entity", Name: "User", Text: "entity User {}"}}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
}

func TestReadAllErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	notParquet := filepath.Join(dir, "notes.parquet")
	if err := os.WriteFile(notParquet, []byte("not a parquet file at all"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		path     string
		notExist bool
	}{
		{name: "missing file", path: filepath.Join(dir, "missing.parquet"), notExist: true},
		{name: "not parquet", path: notParquet},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			_, err := summary.ReadAll[summary.ConstructRow](tc.path)
			if err == nil {
				t.Fatal("no error")
			}
			if got := errors.Is(err, fs.ErrNotExist); got != tc.notExist {
				t.Errorf("errors.Is(err, fs.ErrNotExist) = %v, want %v (err: %v)", got, tc.notExist, err)
			}
			if !strings.Contains(err.Error(), tc.path) {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

// dirEntries lists a directory, so a test can show nothing was left behind.
func dirEntries(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestAbortLeavesNoFile(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, summary.ConstructsFile)
	w, err := summary.Create[summary.ConstructRow](path)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(constructRows()...); err != nil {
		t.Fatal(err)
	}
	if got := dirEntries(t, dir); len(got) != 1 || got[0] == summary.ConstructsFile {
		t.Fatalf("while writing, directory holds %v; want only a temporary file", got)
	}
	if err := w.Abort(); err != nil {
		t.Fatal(err)
	}
	if got := dirEntries(t, dir); len(got) != 0 {
		t.Errorf("after Abort, directory holds %v", got)
	}
	if err := w.Write(constructRows()...); !errors.Is(err, summary.ErrClosed) {
		t.Errorf("Write after Abort: %v, want ErrClosed", err)
	}
	if err := w.Close(); !errors.Is(err, summary.ErrClosed) {
		t.Errorf("Close after Abort: %v, want ErrClosed", err)
	}
}

func TestAbortAfterCloseKeepsFile(t *testing.T) {
	t.Parallel()
	path := writeFile(t, summary.ServicesFile, serviceRows()) // writeFile defers Abort
	got, err := summary.ReadAll[summary.ServiceRow](path)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(serviceRows()) {
		t.Errorf("got %d rows, want %d", len(got), len(serviceRows()))
	}
}

func TestCloseTwice(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "x.parquet")
	w, err := summary.Create[summary.ComparisonRow](path)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	if err := w.Close(); !errors.Is(err, summary.ErrClosed) {
		t.Errorf("second Close: %v, want ErrClosed", err)
	}
	if err := w.Write(comparisonRows()...); !errors.Is(err, summary.ErrClosed) {
		t.Errorf("Write after Close: %v, want ErrClosed", err)
	}
}

func TestFailingCloseLeavesNoFile(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		// sabotage runs between Write and Close and returns the directory
		// that must hold no temporary file afterwards.
		sabotage func(t *testing.T, path string) string
		// wantAtPath: what must be at the target path afterwards.
		wantAtPath string // "nothing" or "dir"
	}{
		{
			name: "directory removed",
			sabotage: func(t *testing.T, path string) string {
				if err := os.RemoveAll(filepath.Dir(path)); err != nil {
					t.Fatal(err)
				}
				return ""
			},
			wantAtPath: "nothing",
		},
		{
			name: "target is a non-empty directory",
			sabotage: func(t *testing.T, path string) string {
				if err := os.MkdirAll(filepath.Join(path, "inside"), 0o755); err != nil {
					t.Fatal(err)
				}
				return filepath.Dir(path)
			},
			wantAtPath: "dir",
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(t.TempDir(), "out", summary.ConstructsFile)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			w, err := summary.Create[summary.ConstructRow](path)
			if err != nil {
				t.Fatal(err)
			}
			if err := w.Write(constructRows()...); err != nil {
				t.Fatal(err)
			}
			checkDir := tc.sabotage(t, path)
			err = w.Close()
			if err == nil {
				t.Fatal("Close succeeded")
			}
			if !strings.Contains(err.Error(), path) {
				t.Errorf("error %q does not name the file", err)
			}
			info, statErr := os.Stat(path)
			switch tc.wantAtPath {
			case "nothing":
				if !errors.Is(statErr, fs.ErrNotExist) {
					t.Errorf("target path: stat error %v, want not exist", statErr)
				}
			case "dir":
				if statErr != nil || !info.IsDir() {
					t.Errorf("target directory was disturbed: %v", statErr)
				}
			}
			if checkDir != "" {
				if got := dirEntries(t, checkDir); len(got) != 1 {
					t.Errorf("directory holds %v, want only the target", got)
				}
			}
			if err := w.Abort(); err != nil {
				t.Errorf("Abort after a failed Close: %v", err)
			}
		})
	}
}

func TestCloseReplacesEarlierFile(t *testing.T) {
	t.Parallel()
	path := writeFile(t, summary.ComparisonsFile, comparisonRows())
	w, err := summary.Create[summary.ComparisonRow](path)
	if err != nil {
		t.Fatal(err)
	}
	if err := w.Write(comparisonRows()[0]); err != nil {
		t.Fatal(err)
	}
	// Until Close, readers still see the earlier file.
	if got, err := summary.ReadAll[summary.ComparisonRow](path); err != nil || len(got) != 3 {
		t.Fatalf("before Close: %d rows, %v; want the earlier 3", len(got), err)
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	got, err := summary.ReadAll[summary.ComparisonRow](path)
	if err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(comparisonRows()[:1], got); diff != "" {
		t.Errorf("(-want +got):\n%s", diff)
	}
	if got := dirEntries(t, filepath.Dir(path)); len(got) != 1 {
		t.Errorf("directory holds %v, want only the file", got)
	}
}

func TestSameRowsSameBytes(t *testing.T) {
	t.Parallel()
	a, err := os.ReadFile(writeFile(t, "a.parquet", constructRows()))
	if err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(writeFile(t, "b.parquet", constructRows()))
	if err != nil {
		t.Fatal(err)
	}
	if string(a) != string(b) {
		t.Error("the same rows gave different bytes")
	}
}
