package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

func runCompare(t *testing.T, args ...string) (stdout, stderr string, err error) {
	t.Helper()
	var out, errb bytes.Buffer
	cmd := newCompareCmd(&out, &errb)
	cmd.SetArgs(args)
	cmd.SetOut(&out)
	cmd.SetErr(&errb)
	cmd.SilenceUsage, cmd.SilenceErrors = true, true
	err = cmd.Execute()
	return out.String(), errb.String(), err
}

func TestCompareCmd(t *testing.T) {
	dir := "../../testdata/compare/reset"
	specs := []string{dir + "/accounts.allium", dir + "/identity.allium", dir + "/legacy.allium"}
	tmp := t.TempDir()

	out, _, err := runCompare(t, specs...)
	if err != nil {
		t.Fatal(err)
	}
	m, diags := allium.Parse("stdout", []byte(out))
	if diags.HasErrors() || allium.Check(m, allium.CheckOptions{}).HasErrors() {
		t.Fatalf("stdout is not a clean spec: %v\n%s", diags, out)
	}
	if !strings.Contains(out, "rule ResetTokenExpires") || strings.Contains(out, "rule LoginFails ") {
		t.Errorf("unexpected shared spec:\n%s", out)
	}

	shared, report := filepath.Join(tmp, "shared.allium"), filepath.Join(tmp, "report.md")
	out, _, err = runCompare(t, append(specs, "--quorum", "2", "-o", shared, "--report", report)...)
	if err != nil || out != "" {
		t.Fatalf("err %v, stdout %q", err, out)
	}
	b, err := os.ReadFile(shared)
	if err != nil || !strings.Contains(string(b), "rule LoginFails ") {
		t.Errorf("quorum 2 shared spec should keep LoginFails: %v\n%s", err, b)
	}
	r, err := os.ReadFile(report)
	if err != nil || !strings.Contains(string(r), "quorum 2 (a construct is shared when 2 of 3 hold it)") {
		t.Errorf("report: %v\n%s", err, r)
	}

	out, _, err = runCompare(t, append(specs, "--json", "--quorum", "0.5")...)
	if err != nil {
		t.Fatal(err)
	}
	var js struct {
		Quorum   string
		Required int
		Variants []string
	}
	if err := json.Unmarshal([]byte(out), &js); err != nil || js.Required != 2 || js.Quorum != "0.5" || len(js.Variants) != 3 {
		t.Errorf("json: %v %+v", err, js)
	}
}

func TestCompareCmdErrors(t *testing.T) {
	tmp := t.TempDir()
	bad := filepath.Join(tmp, "bad.allium")
	if err := os.WriteFile(bad, []byte("-- allium: 3\nentity {\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	good := "../../testdata/compare/merge/billing.allium"
	tests := []struct {
		name    string
		args    []string
		wantErr error
		stderr  string
	}{
		{"no args", nil, errUsage, ""},
		{"bad quorum", []string{good, "--quorum", "1.5"}, errUsage, ""},
		{"zero quorum", []string{good, "--quorum", "0"}, errUsage, ""},
		{"parse error", []string{good, bad}, errFindings, "bad.allium:2:"},
		{"same file twice", []string{good, good}, errUsage, ""},
	}
	for _, tt := range tests {
		_, stderr, err := runCompare(t, tt.args...)
		if err == nil || !strings.Contains(err.Error(), tt.wantErr.Error()) {
			t.Errorf("%s: error %v, want %v", tt.name, err, tt.wantErr)
		}
		if !strings.Contains(stderr, tt.stderr) {
			t.Errorf("%s: stderr %q, want %q", tt.name, stderr, tt.stderr)
		}
	}
	if _, err := os.Stat(filepath.Join(tmp, "missing.allium")); err == nil {
		t.Fatal("unexpected file")
	}
	_, _, err := runCompare(t, filepath.Join(tmp, "missing.allium"))
	if err == nil || !strings.Contains(err.Error(), "missing.allium") {
		t.Errorf("missing file: %v", err)
	}
}

// TestCompareCmdRules: --rules compares one flow of larger specs, the
// rules named as each spec names them.
func TestCompareCmdRules(t *testing.T) {
	rw := "../../testdata/realworld/"
	specs := []string{rw + "flask-base/expected.allium", rw + "flask-flaskbb/expected.allium", rw + "flask-redash/expected.allium"}
	out, _, err := runCompare(t, append(specs, "--rules", "UserLogsIn,UserLogsOut")...)
	if err != nil {
		t.Fatal(err)
	}
	m, diags := allium.Parse("stdout", []byte(out))
	if diags.HasErrors() || allium.Check(m, allium.CheckOptions{}).HasErrors() {
		t.Fatalf("stdout is not a clean spec: %v\n%s", diags, out)
	}
	var rules []string
	for _, r := range m.Rules {
		rules = append(rules, r.Name)
	}
	if strings.Join(rules, ",") != "UserLogsIn,UserLogsOut" {
		t.Errorf("shared rules %v, want UserLogsIn, UserLogsOut:\n%s", rules, out)
	}
	if _, _, err := runCompare(t, append(specs, "--rules", "UserLogsIn,NoSuchRule")...); err == nil || !strings.Contains(err.Error(), "NoSuchRule") {
		t.Errorf("an unknown rule name: err %v", err)
	}
}
