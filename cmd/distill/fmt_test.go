package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

const fmtFixtures = "testdata/cli/fmt"

// fmtPast is the modification time given to every fixture copy, so that a
// rewrite shows as a changed mtime without comparing against the clock.
var fmtPast = time.Date(2020, 1, 2, 3, 4, 5, 0, time.UTC)

// fmtDir copies the named fmt fixtures into a fresh directory (fmt -w
// rewrites them) with mode 0640 and an mtime in the fmtPast.
func fmtDir(t *testing.T, names ...string) string {
	t.Helper()
	dir := t.TempDir()
	for _, n := range names {
		src, err := os.ReadFile(filepath.Join(fmtFixtures, n))
		if err != nil {
			t.Fatal(err)
		}
		dst := filepath.Join(dir, n)
		if err := os.WriteFile(dst, src, 0o640); err != nil {
			t.Fatal(err)
		}
		if err := os.Chtimes(dst, fmtPast, fmtPast); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func readFmtFixture(t *testing.T, name string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(fmtFixtures, name))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// assertUntouched checks that a file still has the fixture's bytes and the
// mtime fmtDir gave it.
func assertUntouched(t *testing.T, path, fixture string) {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != readFmtFixture(t, fixture) {
		t.Errorf("%s was modified:\n%s", path, b)
	}
	info, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if !info.ModTime().Equal(fmtPast) {
		t.Errorf("%s mtime changed to %v: the file was rewritten", path, info.ModTime())
	}
}

func TestFmtStdout(t *testing.T) {
	dir := fmtDir(t, "messy.allium", "canonical.allium")
	code, out, errOut := runCLI(t, "fmt", filepath.Join(dir, "messy.allium"))
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if want := readFmtFixture(t, "canonical.allium"); out != want {
		t.Errorf("stdout:\n%s\nwant canonical.allium:\n%s", out, want)
	}
	assertUntouched(t, filepath.Join(dir, "messy.allium"), "messy.allium")

	// A directory prints each file in path order.
	code, out, _ = runCLI(t, "fmt", dir)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	canon := readFmtFixture(t, "canonical.allium")
	if out != canon+canon {
		t.Errorf("directory stdout is not the canonical form of both files in order:\n%s", out)
	}
}

func TestFmtList(t *testing.T) {
	dir := fmtDir(t, "messy.allium", "canonical.allium", "provenance.allium")
	code, out, errOut := runCLI(t, "fmt", "-l", dir)
	if code != 0 || errOut != "" {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	want := filepath.Join(dir, "messy.allium") + "\n" + filepath.Join(dir, "provenance.allium") + "\n"
	if out != want {
		t.Errorf("-l listed:\n%s\nwant only the differing files:\n%s", out, want)
	}
	for _, n := range []string{"messy.allium", "canonical.allium", "provenance.allium"} {
		assertUntouched(t, filepath.Join(dir, n), n)
	}
}

func TestFmtWrite(t *testing.T) {
	dir := fmtDir(t, "messy.allium", "canonical.allium", "provenance.allium")
	code, out, errOut := runCLI(t, "fmt", "-w", dir)
	if code != 0 || errOut != "" || out != "" {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	// The canonical file is not rewritten at all.
	assertUntouched(t, filepath.Join(dir, "canonical.allium"), "canonical.allium")

	messy := filepath.Join(dir, "messy.allium")
	b, err := os.ReadFile(messy)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != readFmtFixture(t, "canonical.allium") {
		t.Errorf("messy.allium after -w:\n%s", b)
	}
	info, err := os.Stat(messy)
	if err != nil {
		t.Fatal(err)
	}
	if info.Mode().Perm() != 0o640 {
		t.Errorf("mode after -w is %v, want the original 0640", info.Mode().Perm())
	}

	// Provenance comments survive the rewrite, on the same constructs.
	b, err = os.ReadFile(filepath.Join(dir, "provenance.allium"))
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"-- source: app/seats.py:12\nentity Seat {", "    -- source: app/seats.py:13\n    number: Integer\n"} {
		if !strings.Contains(string(b), want) {
			t.Errorf("provenance.allium after -w lacks %q:\n%s", want, b)
		}
	}

	// The rename leaves no temporary files behind.
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 3 {
		var names []string
		for _, e := range entries {
			names = append(names, e.Name())
		}
		t.Errorf("directory holds %v, want only the three specs", names)
	}

	// Everything is canonical now: -l lists nothing.
	if code, out, _ := runCLI(t, "fmt", "-l", dir); code != 0 || out != "" {
		t.Errorf("-l after -w: exit %d, listed %q", code, out)
	}
}

func TestFmtListAndWrite(t *testing.T) {
	dir := fmtDir(t, "messy.allium", "canonical.allium")
	code, out, _ := runCLI(t, "fmt", "-l", "-w", dir)
	if code != 0 {
		t.Fatalf("exit %d", code)
	}
	if want := filepath.Join(dir, "messy.allium") + "\n"; out != want {
		t.Errorf("-l -w listed %q, want %q", out, want)
	}
	assertUntouched(t, filepath.Join(dir, "canonical.allium"), "canonical.allium")
	if b, _ := os.ReadFile(filepath.Join(dir, "messy.allium")); string(b) != readFmtFixture(t, "canonical.allium") {
		t.Errorf("messy.allium was not rewritten:\n%s", b)
	}
}

// TestFmtSyntaxError checks that a file that does not parse is reported with
// its position, left untouched, makes the exit status 1, and does not stop
// the other files from being formatted.
func TestFmtSyntaxError(t *testing.T) {
	diag := regexp.MustCompile(`broken\.allium:8:\d+: error P001: `)
	for _, mode := range [][]string{{}, {"-l"}, {"-w"}} {
		t.Run("flags="+strings.Join(mode, ","), func(t *testing.T) {
			dir := fmtDir(t, "broken.allium", "messy.allium")
			broken := filepath.Join(dir, "broken.allium")
			args := append(append([]string{"fmt"}, mode...), broken, filepath.Join(dir, "messy.allium"))
			code, out, errOut := runCLI(t, args...)
			if code != 1 {
				t.Errorf("exit code %d, want 1", code)
			}
			if !diag.MatchString(errOut) || !strings.Contains(errOut, broken) {
				t.Errorf("stderr does not report the syntax error with file and line:\n%s", errOut)
			}
			assertUntouched(t, broken, "broken.allium")
			canon := readFmtFixture(t, "canonical.allium")
			switch strings.Join(mode, ",") {
			case "":
				if out != canon {
					t.Errorf("stdout should hold only messy.allium's canonical form:\n%s", out)
				}
			case "-l":
				if out != filepath.Join(dir, "messy.allium")+"\n" {
					t.Errorf("-l listed %q", out)
				}
			case "-w":
				if b, _ := os.ReadFile(filepath.Join(dir, "messy.allium")); string(b) != canon {
					t.Errorf("messy.allium was not rewritten next to the broken file:\n%s", b)
				}
			}
		})
	}
}

func TestFmtUsage(t *testing.T) {
	code, out, errOut := runCLI(t, "fmt")
	if code != exitUsage || out != "" || !strings.Contains(errOut, "at least one file or directory") {
		t.Errorf("fmt without paths: exit %d, stdout %q, stderr %q", code, out, errOut)
	}
}
