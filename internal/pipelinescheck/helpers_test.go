package pipelinescheck

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// repoRoot is the repository root, seen from this package's directory.
const repoRoot = "../.."

// pipelinesDir returns the path of a file under pipelines/.
func pipelinesDir(parts ...string) string {
	return filepath.Join(append([]string{repoRoot, "pipelines"}, parts...)...)
}

func readFile(t *testing.T, path string) []byte {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v", path, err)
	}
	return data
}

// yamlDocuments splits a multi-document YAML stream at its "---" lines.
// Documents holding only comments are dropped.
func yamlDocuments(data []byte) [][]byte {
	var docs [][]byte
	for _, doc := range regexp.MustCompile(`(?m)^---[ \t]*$`).Split(string(data), -1) {
		meaningful := false
		for _, line := range strings.Split(doc, "\n") {
			if l := strings.TrimSpace(line); l != "" && !strings.HasPrefix(l, "#") {
				meaningful = true
				break
			}
		}
		if meaningful {
			docs = append(docs, []byte(doc))
		}
	}
	return docs
}

// goModVersion returns the go directive of the module's go.mod: the Go
// version every pipeline must build with.
func goModVersion(t *testing.T) string {
	t.Helper()
	m := regexp.MustCompile(`(?m)^go ([0-9.]+)$`).FindSubmatch(readFile(t, filepath.Join(repoRoot, "go.mod")))
	if m == nil {
		t.Fatal("go.mod has no go directive")
	}
	return string(bytes.TrimSpace(m[1]))
}
