package main

import (
	"bytes"
	"context"
	"encoding/json"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// runCLI runs the whole CLI in-process and returns exit code and output.
func runCLI(t *testing.T, args ...string) (code int, stdout, stderr string) {
	t.Helper()
	var out, errOut bytes.Buffer
	code = run(context.Background(), args, &out, &errOut)
	return code, out.String(), errOut.String()
}

const checkFixtures = "testdata/cli/check"

func checkFixture(parts ...string) string {
	return filepath.Join(append([]string{checkFixtures}, parts...)...)
}

// diagLine is the human form: file:line:col: severity code: message.
var diagLine = regexp.MustCompile(`^(.+\.allium):(\d+):(\d+): (error|warning) ([EWP]\d{3}): (.+)$`)

// finding is the part of a diagnostic line the tests pin; messages belong
// to the checker and are only required to be non-empty.
type finding struct {
	file, line, col, severity, code string
}

// parseHuman splits human output into findings and the summary line,
// failing on any line of another shape.
func parseHuman(t *testing.T, out string) ([]finding, string) {
	t.Helper()
	lines := strings.Split(strings.TrimSuffix(out, "\n"), "\n")
	if len(lines) == 0 || lines[len(lines)-1] == "" {
		t.Fatalf("no output")
	}
	var got []finding
	for _, l := range lines[:len(lines)-1] {
		m := diagLine.FindStringSubmatch(l)
		if m == nil {
			t.Fatalf("line %q is not file:line:col: severity code: message", l)
		}
		got = append(got, finding{filepath.ToSlash(m[1]), m[2], m[3], m[4], m[5]})
	}
	return got, lines[len(lines)-1]
}

func TestCheckHuman(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     []finding
		summary  string
	}{
		{
			name:     "clean file",
			args:     []string{checkFixture("clean", "seats.allium")},
			wantCode: 0,
			summary:  "1 file(s) checked: 0 error(s), 0 warning(s)",
		},
		{
			name:     "warnings only exit 0",
			args:     []string{checkFixture("clean")},
			wantCode: 0,
			want:     []finding{{"testdata/cli/check/clean/questions.allium", "13", "1", "warning", "W006"}},
			summary:  "2 file(s) checked: 0 error(s), 1 warning(s)",
		},
		{
			// The walk is recursive, skips hidden directories and files
			// that are not .allium, and reports syntax errors (P001) and
			// checker errors alike, sorted by file.
			name:     "directory recursive",
			args:     []string{checkFixture("tree")},
			wantCode: 1,
			want: []finding{
				{"testdata/cli/check/tree/sub/deeper/unknown.allium", "5", "5", "error", "E001"},
				{"testdata/cli/check/tree/sub/syntax.allium", "9", "21", "error", "P001"},
			},
			summary: "3 file(s) checked: 2 error(s), 0 warning(s)",
		},
		{
			// core/Blob resolves through ../lib/core.allium, relative to
			// the importing file (not to the working directory); the
			// imported file is checked once as an argument of its own.
			name:     "use resolved relative to the file",
			args:     []string{checkFixture("imports")},
			wantCode: 1,
			want:     []finding{{"testdata/cli/check/imports/app/main.allium", "8", "5", "error", "E001"}},
			summary:  "2 file(s) checked: 1 error(s), 0 warning(s)",
		},
		{
			name:     "file and directory given twice are checked once",
			args:     []string{checkFixture("clean"), checkFixture("clean", "questions.allium")},
			wantCode: 0,
			want:     []finding{{"testdata/cli/check/clean/questions.allium", "13", "1", "warning", "W006"}},
			summary:  "2 file(s) checked: 0 error(s), 1 warning(s)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, append([]string{"check"}, tt.args...)...)
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d\nstdout:\n%s\nstderr:\n%s", code, tt.wantCode, out, errOut)
			}
			if errOut != "" {
				t.Errorf("unexpected stderr: %s", errOut)
			}
			got, summary := parseHuman(t, out)
			if !slices.Equal(got, tt.want) {
				t.Errorf("findings:\n got %v\nwant %v\noutput:\n%s", got, tt.want, out)
			}
			if summary != tt.summary {
				t.Errorf("summary %q, want %q", summary, tt.summary)
			}
		})
	}
}

// TestCheckImportedNameIsChecked checks the importing file alone: its
// import is still read from ../lib relative to the file, so the qualified
// name missing there is an error and the one declared there is not. (When
// an import cannot be read the checker trusts qualified names and would
// report neither.)
func TestCheckImportedNameIsChecked(t *testing.T) {
	code, out, _ := runCLI(t, "check", checkFixture("imports", "app", "main.allium"))
	if code != 1 {
		t.Fatalf("exit code %d, want 1:\n%s", code, out)
	}
	if !strings.Contains(out, "core/Bucket") {
		t.Errorf("the message should name the missing imported type core/Bucket:\n%s", out)
	}
	if strings.Contains(out, "core/Blob") {
		t.Errorf("core/Blob is declared in the imported module but was reported:\n%s", out)
	}
}

func TestCheckJSON(t *testing.T) {
	type jsonDiag struct {
		Code     string `json:"code"`
		Severity string `json:"severity"`
		File     string `json:"file"`
		Line     int    `json:"line"`
		Col      int    `json:"col"`
		Message  string `json:"message"`
	}
	type report struct {
		Files       int        `json:"files"`
		Errors      int        `json:"errors"`
		Warnings    int        `json:"warnings"`
		Diagnostics []jsonDiag `json:"diagnostics"`
	}
	tests := []struct {
		name     string
		args     []string
		wantCode int
		want     report
	}{
		{"clean has an empty list", []string{checkFixture("clean", "seats.allium")}, 0,
			report{Files: 1, Diagnostics: []jsonDiag{}}},
		{"warning", []string{checkFixture("clean")}, 0,
			report{Files: 2, Warnings: 1, Diagnostics: []jsonDiag{
				{Code: "W006", Severity: "warning", File: checkFixture("clean", "questions.allium"), Line: 13, Col: 1},
			}}},
		{"errors", []string{checkFixture("tree")}, 1,
			report{Files: 3, Errors: 2, Diagnostics: []jsonDiag{
				{Code: "E001", Severity: "error", File: checkFixture("tree", "sub", "deeper", "unknown.allium"), Line: 5, Col: 5},
				{Code: "P001", Severity: "error", File: checkFixture("tree", "sub", "syntax.allium"), Line: 9, Col: 21},
			}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, append([]string{"check", "--json"}, tt.args...)...)
			if code != tt.wantCode {
				t.Errorf("exit code %d, want %d\n%s%s", code, tt.wantCode, out, errOut)
			}
			dec := json.NewDecoder(strings.NewReader(out))
			dec.DisallowUnknownFields()
			var got report
			if err := dec.Decode(&got); err != nil {
				t.Fatalf("stdout is not the JSON report: %v\n%s", err, out)
			}
			if dec.More() {
				t.Errorf("stdout has more than one JSON value:\n%s", out)
			}
			if got.Diagnostics == nil {
				t.Fatalf(`"diagnostics" must be a list, also when empty:\n%s`, out)
			}
			for i := range got.Diagnostics {
				if got.Diagnostics[i].Message == "" {
					t.Errorf("diagnostic %d has no message", i)
				}
				got.Diagnostics[i].Message = ""
			}
			if got.Files != tt.want.Files || got.Errors != tt.want.Errors || got.Warnings != tt.want.Warnings ||
				!slices.Equal(got.Diagnostics, tt.want.Diagnostics) {
				t.Errorf("report:\n got %+v\nwant %+v", got, tt.want)
			}
		})
	}
}

func TestCheckUsage(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		wantErr string
	}{
		{"no paths", []string{"check"}, "at least one file or directory"},
		{"missing path", []string{"check", checkFixture("no-such-dir")}, "no-such-dir"},
		{"unknown flag", []string{"check", "--yaml", checkFixture("clean")}, "yaml"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tt.args...)
			if code != exitUsage {
				t.Errorf("exit code %d, want %d (usage)", code, exitUsage)
			}
			if out != "" {
				t.Errorf("stdout should be empty on usage errors: %q", out)
			}
			if !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("stderr %q does not mention %q", errOut, tt.wantErr)
			}
		})
	}
}
