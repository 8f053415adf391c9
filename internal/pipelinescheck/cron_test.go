package pipelinescheck

import (
	"bufio"
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestSystemdUnitsVerify runs systemd-analyze verify on the service and
// the timer, copied to a temporary directory so that the timer finds its
// service and nothing of the host's is loaded in their place.
func TestSystemdUnitsVerify(t *testing.T) {
	t.Parallel()
	tool, err := exec.LookPath("systemd-analyze")
	if err != nil {
		t.Skip("systemd-analyze is not installed: the systemd units are not verified here (apt-get install systemd)")
	}
	dir := t.TempDir()
	var units []string
	for _, name := range []string{"distill.service", "distill.timer"} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, readFile(t, pipelinesDir("cron", name)), 0o644); err != nil {
			t.Fatal(err)
		}
		units = append(units, p)
	}
	cmd := exec.Command(tool, append([]string{"verify"}, units...)...)
	cmd.Dir = dir
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("systemd-analyze verify: %v\n%s", err, out)
	}
	// verify exits 0 on some warnings (an unknown key in a section is one):
	// a unit file should draw none.
	if s := strings.TrimSpace(string(out)); s != "" {
		t.Errorf("systemd-analyze verify warned:\n%s", s)
	}
}

// unitSettings returns the Key=Value lines of a unit file's section.
func unitSettings(data []byte, section string) map[string][]string {
	out := map[string][]string{}
	in := false
	sc := bufio.NewScanner(bytes.NewReader(data))
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		switch {
		case line == "" || strings.HasPrefix(line, "#"):
		case strings.HasPrefix(line, "["):
			in = line == "["+section+"]"
		case in:
			k, v, _ := strings.Cut(line, "=")
			out[k] = append(out[k], v)
		}
	}
	return out
}

// TestSystemdServiceReadsExitCodes: the retry policy follows distill's
// exit codes (cmd/distill/run.go): 1 and 2 are not retried, 3 is.
func TestSystemdServiceReadsExitCodes(t *testing.T) {
	t.Parallel()
	svc := unitSettings(readFile(t, pipelinesDir("cron", "distill.service")), "Service")
	prevent := strings.Fields(strings.Join(svc["RestartPreventExitStatus"], " "))
	for _, code := range []string{"1", "2"} {
		if !slices.Contains(prevent, code) {
			t.Errorf("RestartPreventExitStatus %v lacks %s: that exit is not helped by a retry", prevent, code)
		}
	}
	if slices.Contains(prevent, "3") {
		t.Error("exit 3 (the run did not complete) is the one a retry may help")
	}
	execStart := strings.Join(svc["ExecStart"], "\n")
	for _, want := range []string{"distill run", `--manifest "$$DISTILL_MANIFEST"`, `--out "$$DISTILL_OUT"`, "--log-format json", "CREDENTIALS_DIRECTORY"} {
		if !strings.Contains(execStart, want) {
			t.Errorf("ExecStart lacks %q", want)
		}
	}
	if len(svc["LoadCredentialEncrypted"]) == 0 {
		t.Error("the git token must come from systemd's credential store (LoadCredentialEncrypted=)")
	}
	for _, k := range []string{"Environment", "ExecStart"} {
		for _, v := range svc[k] {
			if strings.Contains(strings.ToLower(v), "token=") {
				t.Errorf("%s=%s sets a token in the unit file", k, v)
			}
		}
	}
}

// TestCrontabLine checks the crontab's one job: five schedule fields, a
// quiet run (cron mails only a failure's summary line), JSON logs to a
// file, and the token from a command, never a literal.
func TestCrontabLine(t *testing.T) {
	t.Parallel()
	var jobs []string
	for _, line := range strings.Split(string(readFile(t, pipelinesDir("cron", "crontab"))), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		if k, _, ok := strings.Cut(line, "="); ok && !strings.ContainsAny(k, " \t") {
			continue // an environment setting
		}
		jobs = append(jobs, line)
	}
	if len(jobs) != 1 {
		t.Fatalf("the crontab has %d job lines, want 1: %q", len(jobs), jobs)
	}
	f := strings.Fields(jobs[0])
	if len(f) < 6 {
		t.Fatalf("job line %q: want five schedule fields and a command", jobs[0])
	}
	for i, field := range f[:5] {
		if strings.Trim(field, "0123456789*,-/") != "" {
			t.Errorf("schedule field %d %q is not a cron field", i+1, field)
		}
	}
	cmd := strings.Join(f[5:], " ")
	if strings.Contains(cmd, "%") {
		t.Error("an unescaped % in a crontab command ends the command there")
	}
	for _, want := range []string{"distill run --quiet", `--manifest "$DISTILL_MANIFEST"`, `--out "$DISTILL_OUT"`, "--log-format json", `2>>"$DISTILL_LOG"`, `_TOKEN="$(`} {
		if !strings.Contains(cmd, want) {
			t.Errorf("the job lacks %q: %s", want, cmd)
		}
	}
}
