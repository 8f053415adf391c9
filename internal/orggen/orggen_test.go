package orggen

import (
	"bytes"
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/manifest"
	"github.com/distill/distill/internal/syntax"
)

const testdataDir = "../../testdata"

func newGenerator(t *testing.T) *Generator {
	t.Helper()
	g, err := New(testdataDir)
	if err != nil {
		t.Fatal(err)
	}
	return g
}

func TestRenameWords(t *testing.T) {
	renames := map[string]string{"User": "Account", "reset_password": "reset_password_core", "LOCK": "LOCK_CORE"}
	tests := []struct{ name, in, want string }{
		{"whole word", "class User(db.Model):", "class Account(db.Model):"},
		{"prefix of a longer name stays", "class UserMixin: pass", "class UserMixin: pass"},
		{"suffix of a longer name stays", "from x import AdminUser", "from x import AdminUser"},
		{"underscore joins words", "flask_User = User_x", "flask_User = User_x"},
		{"digits join words", "User2 = 1", "User2 = 1"},
		{"attribute and string", `m.User; "accounts.User"`, `m.Account; "accounts.Account"`},
		{"snake case", "def reset_password():\n    reset_password()", "def reset_password_core():\n    reset_password_core()"},
		{"renames do not chain", "Account User", "Account Account"},
		{"non-ASCII identifier is one word", "Useré = User", "Useré = Account"},
		{"case matters", "user USER LOCK lock", "user USER LOCK_CORE lock"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(renameWords([]byte(tt.in), renames)); got != tt.want {
				t.Errorf("renameWords(%q) = %q, want %q", tt.in, got, tt.want)
			}
		})
	}
}

func TestVaryConstants(t *testing.T) {
	values := map[string]int{
		"RESET_TOKEN_EXPIRY_HOURS": 24, "MAX_LOGIN_ATTEMPTS": 3, "reset_token_expiry": 6,
		"max_login_attempts": 10, "password-length": 16,
	}
	tests := []struct{ name, in, want string }{
		{"module duration", "RESET_TOKEN_EXPIRY_HOURS = 1\n", "RESET_TOKEN_EXPIRY_HOURS = 24\n"},
		{"module attempts", "MAX_LOGIN_ATTEMPTS = 5\nX = 5\n", "MAX_LOGIN_ATTEMPTS = 3\nX = 5\n"},
		{"indented module-style name is not module level", "    RESET_TOKEN_EXPIRY_HOURS = 1\n", "    RESET_TOKEN_EXPIRY_HOURS = 1\n"},
		{"settings duration", "    reset_token_expiry: timedelta = timedelta(hours=2)\n", "    reset_token_expiry: timedelta = timedelta(hours=6)\n"},
		{"settings attempts", "    max_login_attempts: int = 5\n", "    max_login_attempts: int = 10\n"},
		{"length check, twice", "if len(password) < 12:\n    if len(password) < 12:\n", "if len(password) < 16:\n    if len(password) < 16:\n"},
		{"schema length", "    new_password: str = Field(min_length=12)\n    token: str = Field(min_length=20)\n",
			"    new_password: str = Field(min_length=16)\n    token: str = Field(min_length=20)\n"},
		{"unknown key untouched", "LOCKOUT_MINUTES = 15\n", "LOCKOUT_MINUTES = 15\n"},
		{"reference untouched", "x = timedelta(hours=RESET_TOKEN_EXPIRY_HOURS)\n", "x = timedelta(hours=RESET_TOKEN_EXPIRY_HOURS)\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(varyConstants([]byte(tt.in), values)); got != tt.want {
				t.Errorf("varyConstants(%q) =\n%q, want\n%q", tt.in, got, tt.want)
			}
		})
	}
}

func TestRenamed(t *testing.T) {
	tests := []struct{ in, want string }{
		{"User", "UserCore"},
		{"reset_password", "reset_password_core"},
		{"LOCKOUT_MINUTES", "LOCKOUT_MINUTES_CORE"},
		{"_hash", "_hash_core"},
	}
	for _, tt := range tests {
		if got := renamed(tt.in, "Core"); got != tt.want {
			t.Errorf("renamed(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestRenamesAreNotModuleNames guards the rename lists: renaming a word that
// is also a module, package or file name would break imports.
func TestRenamesAreNotModuleNames(t *testing.T) {
	g := newGenerator(t)
	for _, l := range g.fixtures {
		stems := map[string]bool{}
		for _, f := range l.files {
			for _, seg := range strings.Split(f.rel, "/") {
				stems[strings.TrimSuffix(seg, path.Ext(seg))] = true
			}
		}
		for _, name := range l.renames {
			if stems[name] {
				t.Errorf("fixture %s: %s is a module or file name and must not be renamed", l.name, name)
			}
		}
	}
}

func TestPlanIsDeterministicAndPrefixStable(t *testing.T) {
	g := newGenerator(t)
	a, err := g.Plan(60, 7)
	if err != nil {
		t.Fatal(err)
	}
	b, err := g.Plan(60, 7)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(a, b); d != "" {
		t.Fatalf("same seed, different plans (-first +second):\n%s", d)
	}
	small, err := g.Plan(20, 7)
	if err != nil {
		t.Fatal(err)
	}
	if d := cmp.Diff(small, a.Prefix(20)); d != "" {
		t.Fatalf("plan of 20 is not the first 20 of the plan of 60 (-20 +prefix):\n%s", d)
	}
	other, err := g.Plan(60, 8)
	if err != nil {
		t.Fatal(err)
	}
	if cmp.Equal(a, other) {
		t.Fatal("seeds 7 and 8 gave the same plan")
	}
}

func TestPlanShape(t *testing.T) {
	g := newGenerator(t)
	org, err := g.Plan(200, 1)
	if err != nil {
		t.Fatal(err)
	}
	if len(org.Repos) != 200 {
		t.Fatalf("got %d repositories, want 200", len(org.Repos))
	}
	fixturesSeen := map[string]bool{}
	renamedSome, variedSome := false, false
	for _, r := range org.Repos {
		if n := len(r.Services); n < 1 || n > 3 {
			t.Errorf("%s has %d services, want 1 to 3", r.Name, n)
		}
		names := map[string]bool{}
		for _, s := range r.Services {
			if names[s.Name] {
				t.Errorf("%s: service name %s twice", r.Name, s.Name)
			}
			names[s.Name] = true
			if s.Path == "." && len(r.Services) > 1 {
				t.Errorf("%s: service %s at the root of a repository with several services", r.Name, s.Name)
			}
			fixturesSeen[s.Fixture] = true
			renamedSome = renamedSome || len(s.Renames) > 0
			variedSome = variedSome || len(s.Values) > 0
		}
	}
	if len(fixturesSeen) != len(fixtures) {
		t.Errorf("200 repositories use %d of %d fixtures", len(fixturesSeen), len(fixtures))
	}
	if !renamedSome || !variedSome {
		t.Errorf("renamed some: %v, varied some: %v; want both", renamedSome, variedSome)
	}
	if len(org.Groups()) < 10 {
		t.Errorf("only %d groups: %v", len(org.Groups()), org.Groups())
	}
}

// readTree returns every regular file under dir by slash path.
func readTree(t *testing.T, dir string) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || !d.Type().IsRegular() {
			return err
		}
		data, err := os.ReadFile(p)
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = data
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func TestWriteRepoIsDeterministic(t *testing.T) {
	g := newGenerator(t)
	org, err := g.Plan(6, 3)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range org.Repos {
		d1, d2 := t.TempDir(), t.TempDir()
		if err := g.WriteRepo(d1, r); err != nil {
			t.Fatal(err)
		}
		if err := g.WriteRepo(d2, r); err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff(readTree(t, d1), readTree(t, d2)); d != "" {
			t.Fatalf("%s written twice differs:\n%s", r.Name, d)
		}
	}
}

// TestGeneratedPythonParses parses every generated Python file with
// tree-sitter and requires exactly the syntax errors of the fixture file it
// came from (the legacy/ files have deliberate ones), and checks that each
// rename and constant took effect.
func TestGeneratedPythonParses(t *testing.T) {
	g := newGenerator(t)
	org, err := g.Plan(40, 11)
	if err != nil {
		t.Fatal(err)
	}
	p := syntax.NewParser(0)
	defer p.Close()
	errorsOf := func(src []byte) int {
		d, err := p.Parse(context.Background(), syntax.Python(), src, func(syntax.Node) error { return nil })
		if err != nil {
			t.Fatal(err)
		}
		return d.ErrorNodes + d.MissingNodes
	}
	covered := map[string]bool{}
	for _, r := range org.Repos {
		dir := t.TempDir()
		if err := g.WriteRepo(dir, r); err != nil {
			t.Fatal(err)
		}
		tree := readTree(t, dir)
		for _, s := range r.Services {
			if covered[s.Fixture] && len(covered) < len(fixtures) {
				continue // one service per fixture until all are seen, then the rest too
			}
			covered[s.Fixture] = true
			l, _ := g.fixture(s.Fixture)
			var all []byte
			renamedFrom := map[string]string{}
			for from, to := range s.Renames {
				renamedFrom[to] = from
			}
			for _, f := range l.files {
				rel := path.Join(s.Path, f.rel)
				got, ok := tree[rel]
				if !ok {
					t.Fatalf("%s: %s missing", r.Name, rel)
				}
				if !f.python {
					if !bytes.Equal(got, f.data) {
						t.Errorf("%s: %s is not a verbatim copy", r.Name, rel)
					}
					continue
				}
				if want, have := errorsOf(f.data), errorsOf(got); want != have {
					t.Errorf("%s: %s has %d syntax error nodes, its fixture %d", r.Name, rel, have, want)
				}
				for _, m := range findConstants(got) {
					key := m.key
					if orig, ok := renamedFrom[key]; ok {
						key = orig
					}
					if v := string(got[m.start:m.end]); v != strconv.Itoa(s.Values[key]) {
						t.Errorf("%s: %s: constant %s = %s, planned %d", r.Name, rel, key, v, s.Values[key])
					}
				}
				all = append(append(all, got...), '\n')
			}
			seen := map[string]bool{}
			words(all, seen)
			for from, to := range s.Renames {
				if seen[from] {
					t.Errorf("%s/%s: %s still occurs after renaming it to %s", r.Name, s.Name, from, to)
				}
				if !seen[to] {
					t.Errorf("%s/%s: %s (renamed from %s) does not occur", r.Name, s.Name, to, from)
				}
			}
		}
	}
	if len(covered) != len(fixtures) {
		t.Errorf("40 repositories covered %d of %d fixtures", len(covered), len(fixtures))
	}
}

func TestManifestParses(t *testing.T) {
	g := newGenerator(t)
	org, err := g.Plan(30, 5)
	if err != nil {
		t.Fatal(err)
	}
	text := org.Manifest(func(repo string) string { return "http://127.0.0.1:9/" + repo + ".git" })
	m, err := manifest.Parse(text, "generated.yaml", func(string) (string, bool) { return "", false })
	if err != nil {
		t.Fatalf("generated manifest does not parse: %v\n%s", err, text)
	}
	if len(m.Repos) != 30 {
		t.Fatalf("manifest has %d repositories, want 30", len(m.Repos))
	}
	services := 0
	for i, r := range m.Repos {
		want := org.Repos[i]
		if r.Name != want.Name || len(r.Services) != len(want.Services) {
			t.Fatalf("repository %d: %s with %d services, want %s with %d", i, r.Name, len(r.Services), want.Name, len(want.Services))
		}
		for j, s := range r.Services {
			ws := want.Services[j]
			if s.Name != ws.Name || s.Path != ws.Path || s.Group != ws.Group {
				t.Errorf("%s service %d: %s at %s in %q, want %s at %s in %q", r.Name, j, s.Name, s.Path, s.Group, ws.Name, ws.Path, ws.Group)
			}
			services++
		}
	}
	if services != org.Services() {
		t.Errorf("manifest has %d services, org %d", services, org.Services())
	}
	if len(m.Groups) != len(org.Groups()) {
		t.Errorf("manifest has %d groups, org %d", len(m.Groups), len(org.Groups()))
	}
}

func TestErrors(t *testing.T) {
	if _, err := New(t.TempDir()); err == nil || !strings.Contains(err.Error(), "flask_accounts") {
		t.Errorf("New on an empty directory: %v, want an error naming the fixture", err)
	}
	g := newGenerator(t)
	if _, err := g.Plan(0, 1); err == nil {
		t.Error("Plan(0) succeeded")
	}
	err := g.WriteRepo(t.TempDir(), Repo{Name: "r", Services: []Service{{Name: "s", Path: ".", Fixture: "nope"}}})
	if err == nil || !strings.Contains(err.Error(), "repository r, service s") {
		t.Errorf("WriteRepo with an unknown fixture: %v", err)
	}
}
