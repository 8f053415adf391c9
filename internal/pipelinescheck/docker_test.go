package pipelinescheck

import (
	"debug/elf"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestDockerfileBuildsWithTheModulesGo keeps the image's Go the one go.mod
// names, and its build step the script TestImageBinary runs.
func TestDockerfileBuildsWithTheModulesGo(t *testing.T) {
	t.Parallel()
	df := string(readFile(t, pipelinesDir("kubernetes", "Dockerfile")))
	m := regexp.MustCompile(`(?m)^ARG GO_VERSION=(\S+)$`).FindStringSubmatch(df)
	if m == nil {
		t.Fatal("the Dockerfile has no ARG GO_VERSION=")
	}
	if want := goModVersion(t); m[1] != want {
		t.Errorf("the Dockerfile builds with Go %s, go.mod names %s", m[1], want)
	}
	if !regexp.MustCompile(`(?m)^RUN \./pipelines/kubernetes/build-static\.sh /out/distill\b`).MatchString(df) {
		t.Error("the Dockerfile's build step must be ./pipelines/kubernetes/build-static.sh /out/distill, the script this test runs")
	}
	if !strings.Contains(df, "COPY --from=build /out/distill ") {
		t.Error("the final stage must copy the binary build-static.sh wrote")
	}
	if strings.Count(df, "\nFROM ") < 2 {
		t.Error("the Dockerfile must be multi-stage: the build toolchain stays out of the image")
	}
}

// TestImageBinary builds distill exactly as the Dockerfile does (through
// the same script, so the same go build flags and tags) and checks that
// the result is what a distroless/static image can run: an ELF executable
// with no interpreter and no shared libraries, which runs and documents
// its exit codes.
func TestImageBinary(t *testing.T) {
	t.Parallel()
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("go is not on PATH: cannot build the image's binary here")
	}
	bin := filepath.Join(t.TempDir(), "distill")
	script, err := os.ReadFile(filepath.Join(repoRoot, "pipelines", "kubernetes", "build-static.sh"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(script), "tags=${DISTILL_BUILD_TAGS:-netgo osusergo cloud}") {
		t.Error("build-static.sh must build the image with the tags netgo osusergo cloud by default")
	}
	build := exec.Command("./pipelines/kubernetes/build-static.sh", bin)
	build.Dir = repoRoot
	// The same link without the cloud drivers, whose SDKs take minutes to
	// compile and do not change how the binary links.
	build.Env = append(os.Environ(), "DISTILL_BUILD_TAGS=netgo osusergo")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("build-static.sh: %v\n%s", err, out)
	} else if strings.Contains(string(out), "warning") {
		// A static glibc link warns when it pulls in NSS: the binary would
		// then need the shared glibc after all.
		t.Errorf("build-static.sh warned:\n%s", out)
	}
	f, err := elf.Open(bin)
	if err != nil {
		t.Fatalf("open the binary as ELF: %v", err)
	}
	defer f.Close()
	for _, p := range f.Progs {
		if p.Type == elf.PT_INTERP {
			t.Error("the binary has a dynamic loader (PT_INTERP): it is not static")
		}
	}
	if libs, err := f.ImportedLibraries(); err == nil && len(libs) > 0 {
		t.Errorf("the binary needs shared libraries %v", libs)
	}
	if f.Section(".debug_info") != nil {
		t.Error("the binary keeps DWARF: -ldflags -s -w was lost")
	}
	out, err := exec.Command(bin, "help").CombinedOutput()
	if err != nil {
		t.Fatalf("distill help: %v\n%s", err, out)
	}
	if !strings.Contains(string(out), "Exit status") {
		t.Errorf("distill help does not document the exit status:\n%s", out)
	}
	if info, err := os.Stat(bin); err == nil {
		t.Logf("static binary: %.1f MB", float64(info.Size())/1e6)
	}
}
