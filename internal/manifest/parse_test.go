package manifest

import (
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/distill/distill/configs"
	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestParseValid(t *testing.T) {
	t.Parallel()
	defaultInclude := DefaultInclude()
	defaultExclude := DefaultExclude()
	tests := []struct {
		file string
		want *Manifest
	}{
		{
			file: "testdata/valid/full.yaml",
			want: &Manifest{
				Version: 1,
				Defaults: Defaults{
					Ref:         "main",
					Depth:       3,
					Include:     []string{"**/*.py", "**/*.ts"},
					Exclude:     []string{"**/tests/**", "**/migrations/**"},
					MaxFileSize: 512 << 10,
					Timeout:     5 * time.Minute,
				},
				Groups: []Group{
					{Name: "password-reset", Quorum: Quorum{All: true}, Line: 11},
					{Name: "lockout", Quorum: Quorum{Count: 2}, Line: 13},
					{Name: "invitations", Quorum: Quorum{Fraction: 0.5}, Line: 15},
				},
				Repos: []Repo{
					{
						Name: "accounts", URL: "https://github.com/acme/accounts.git", Ref: "v1.2.0",
						Auth: Auth{TokenEnv: "ACME_GIT_TOKEN"},
						Services: []Service{
							{Name: "api", Path: "services/api", Language: "python", Group: "password-reset", Exclude: []string{"**/legacy/**"}, Line: 24},
							{Name: "worker", Path: ".", Group: "lockout", Line: 29},
						},
						Line: 18, Depth: 3, Timeout: 5 * time.Minute,
						Include:     []string{"**/*.py", "**/*.ts"},
						Exclude:     []string{"**/tests/**", "**/migrations/**"},
						MaxFileSize: 512 << 10,
					},
					{
						Name: "web", URL: "git@github.com:acme/web.git", Ref: "main",
						Auth: Auth{SSHKeyEnv: "ACME_SSH_KEY"},
						Services: []Service{
							{Name: "app", Path: "src/app", Language: "python", Group: "password-reset", Line: 42},
						},
						Line: 32, Depth: 10, Timeout: 90 * time.Second,
						Include:     []string{"src/**/*.ts"},
						Exclude:     []string{"**/tests/**", "**/migrations/**", "**/*.spec.ts"},
						MaxFileSize: 2000000,
					},
					{
						Name: "local.copy", URL: "../checkouts/billing", Ref: "main",
						Services: []Service{
							{Name: "billing_v2", Path: "billing", Group: "invitations", Line: 49},
						},
						Line: 46, Depth: 3, Timeout: 5 * time.Minute,
						Include:     []string{"**/*.py", "**/*.ts"},
						Exclude:     []string{"**/tests/**", "**/migrations/**"},
						MaxFileSize: 512 << 10,
					},
				},
			},
		},
		{
			file: "testdata/valid/minimal.yaml",
			want: &Manifest{
				Version: 1,
				Defaults: Defaults{
					Depth: 1, Include: defaultInclude, Exclude: defaultExclude,
					MaxFileSize: 1 << 20, Timeout: 10 * time.Minute,
				},
				Repos: []Repo{{
					Name: "svc", URL: "./svc",
					Services: []Service{{Name: "svc", Path: ".", Line: 6}},
					Line:     3, Depth: 1, Timeout: 10 * time.Minute,
					Include: defaultInclude, Exclude: defaultExclude, MaxFileSize: 1 << 20,
				}},
			},
		},
		{
			file: "testdata/valid/anchors.yaml",
			want: &Manifest{
				Version: 1,
				Defaults: Defaults{
					Depth: 1, Include: defaultInclude, Exclude: defaultExclude,
					MaxFileSize: 1 << 20, Timeout: 10 * time.Minute,
				},
				Repos: []Repo{
					{
						Name: "one", URL: "file:///srv/git/one.git",
						Services: []Service{{Name: "api", Path: "api", Exclude: []string{"**/legacy/**", "**/old/**"}, Line: 7}},
						Line:     4, Depth: 1, Timeout: 10 * time.Minute,
						Include: defaultInclude, Exclude: defaultExclude, MaxFileSize: 1 << 20,
					},
					{
						Name: "two", URL: "http://127.0.0.1:8080/two.git",
						Services: []Service{{Name: "api", Path: "api", Exclude: []string{"**/legacy/**", "**/old/**"}, Line: 13}},
						Line:     10, Depth: 1, Timeout: 10 * time.Minute,
						Include: defaultInclude, Exclude: defaultExclude, MaxFileSize: 1 << 20,
					},
				},
			},
		},
	}
	for _, tt := range tests {
		t.Run(filepath.Base(tt.file), func(t *testing.T) {
			t.Parallel()
			data, err := os.ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			got, err := Parse(data, tt.file, testEnv)
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if len(got.Digest) != 64 {
				t.Errorf("Digest = %q, want 64 hex digits", got.Digest)
			}
			if diff := cmp.Diff(tt.want, got, cmpopts.IgnoreFields(Manifest{}, "Digest")); diff != "" {
				t.Errorf("Parse mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// TestParseOwnsItsSlices checks that repositories do not share the backing
// arrays of the defaults: a caller appending to one repo's Exclude must not
// change another's.
func TestParseOwnsItsSlices(t *testing.T) {
	t.Parallel()
	data, err := os.ReadFile("testdata/valid/full.yaml")
	if err != nil {
		t.Fatal(err)
	}
	m, err := Parse(data, "full.yaml", testEnv)
	if err != nil {
		t.Fatal(err)
	}
	m.Repos[0].Exclude[0] = "changed"
	m.Repos[0].Include[0] = "changed"
	if m.Repos[2].Exclude[0] == "changed" || m.Defaults.Exclude[0] == "changed" {
		t.Errorf("repositories share their Exclude slice with each other or the defaults")
	}
	if m.Repos[2].Include[0] == "changed" || m.Defaults.Include[0] == "changed" {
		t.Errorf("repositories share their Include slice with each other or the defaults")
	}
}

func TestDigestIsOfRawBytes(t *testing.T) {
	t.Parallel()
	a := []byte("version: 1\nrepos: [{name: a, url: ./a, services: [{name: a, path: .}]}]\n")
	b := append([]byte("# a comment changes the bytes, not the meaning\n"), a...)
	ma, err := Parse(a, "a.yaml", testEnv)
	if err != nil {
		t.Fatal(err)
	}
	mb, err := Parse(b, "b.yaml", testEnv)
	if err != nil {
		t.Fatal(err)
	}
	// sha256 of a, computed independently with sha256sum.
	const wantA = "fb21233575d79ba2a7e1e96b715c6829f2b962014ea57ac83d79d2c837bf9011"
	if ma.Digest == mb.Digest {
		t.Errorf("different bytes gave the same digest %s", ma.Digest)
	}
	if ma.Digest != wantA {
		t.Errorf("Digest = %s, want %s", ma.Digest, wantA)
	}
}

// TestExampleManifest checks the manifest distill runs with no --manifest:
// it parses with an empty environment, its three Python fixture services
// form the password-reset group (the JavaScript one stands alone), and its
// local paths resolve against the repository root to the fixture
// directories.
func TestExampleManifest(t *testing.T) {
	t.Parallel()
	noEnv := func(string) (string, bool) { return "", false }
	m, err := Parse(configs.ExampleManifest, "configs/manifest.example.yaml", noEnv)
	if err != nil {
		t.Fatalf("example manifest does not parse:\n%v", err)
	}
	g, ok := m.Group("password-reset")
	if !ok || !g.Quorum.All {
		t.Fatalf("group password-reset = %+v, %v; want it declared with quorum all", g, ok)
	}
	repoRoot, err := filepath.Abs("../..")
	if err != nil {
		t.Fatal(err)
	}
	m.Dir = repoRoot
	var members, dirs []string
	for _, r := range m.Repos {
		if !r.IsLocalDir() {
			t.Errorf("repo %s: url %s is not a local directory", r.Name, r.URL)
		}
		dirs = append(dirs, m.LocalPath(r))
		for _, s := range r.Services {
			if s.Group == "password-reset" {
				members = append(members, r.Name+"/"+s.Name)
			}
		}
		if r.Depth != DefaultDepth || r.MaxFileSize != DefaultMaxFileSize || r.Timeout != DefaultTimeout {
			t.Errorf("repo %s: documented defaults differ from the built-in ones: depth %d, max_file_size %d, timeout %s", r.Name, r.Depth, r.MaxFileSize, r.Timeout)
		}
	}
	if diff := cmp.Diff([]string{"flask-accounts/accounts", "fastapi-accounts/accounts", "django-accounts/accounts"}, members); diff != "" {
		t.Errorf("password-reset members (-want +got):\n%s", diff)
	}
	wantDirs := []string{
		filepath.Join(repoRoot, "testdata", "services", "flask_accounts"),
		filepath.Join(repoRoot, "testdata", "services", "fastapi_accounts"),
		filepath.Join(repoRoot, "testdata", "services", "django_accounts"),
		filepath.Join(repoRoot, "testdata", "services", "express_accounts"),
		filepath.Join(repoRoot, "testdata", "services", "nest_invitations"),
		filepath.Join(repoRoot, "testdata", "services", "next_password_reset"),
	}
	if diff := cmp.Diff(wantDirs, dirs); diff != "" {
		t.Errorf("local paths (-want +got):\n%s", diff)
	}
	for _, dir := range dirs {
		if info, err := os.Stat(dir); err != nil || !info.IsDir() {
			t.Errorf("the example manifest points at %s, which is not a directory: %v", dir, err)
		}
	}
	// The example writes out the built-in defaults so they are documented;
	// keep the two in step.
	if diff := cmp.Diff(DefaultInclude(), m.Defaults.Include); diff != "" {
		t.Errorf("example include differs from DefaultInclude (-builtin +example):\n%s", diff)
	}
	if diff := cmp.Diff(DefaultExclude(), m.Defaults.Exclude); diff != "" {
		t.Errorf("example exclude differs from DefaultExclude (-builtin +example):\n%s", diff)
	}
}

func TestLoad(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	path := filepath.Join(dir, "inventory.yaml")
	manifest := "version: 1\nrepos:\n" +
		"  - {name: rel, url: ../checkouts/rel, services: [{name: a, path: .}]}\n" +
		"  - {name: abs, url: /srv/abs, services: [{name: a, path: .}]}\n" +
		"  - {name: remote, url: 'https://github.com/acme/r.git', services: [{name: a, path: .}]}\n"
	if err := os.WriteFile(path, []byte(manifest), 0o600); err != nil {
		t.Fatal(err)
	}
	m, err := Load(path, testEnv)
	if err != nil {
		t.Fatalf("Load: %v", err)
	}
	if m.Dir != dir {
		t.Errorf("Dir = %q, want %q", m.Dir, dir)
	}
	got := []string{m.LocalPath(m.Repos[0]), m.LocalPath(m.Repos[1]), m.LocalPath(m.Repos[2])}
	want := []string{filepath.Join(filepath.Dir(dir), "checkouts", "rel"), "/srv/abs", ""}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("LocalPath (-want +got):\n%s", diff)
	}
	if got := []Transport{m.Repos[0].Transport(), m.Repos[1].Transport(), m.Repos[2].Transport()}; !cmp.Equal(got, []Transport{TransportLocal, TransportLocal, TransportHTTPS}) {
		t.Errorf("Transport = %v", got)
	}
}

func TestLoadErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	big := filepath.Join(dir, "big.yaml")
	if err := os.WriteFile(big, make([]byte, maxManifestBytes+1), 0o600); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "bad.yaml")
	if err := os.WriteFile(bad, []byte("version: 2\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		path     string
		wantIs   error
		wantText string
	}{
		{"missing file", filepath.Join(dir, "nope.yaml"), fs.ErrNotExist, "nope.yaml"},
		{"directory", dir, nil, "read " + dir},
		{"too large", big, nil, "larger than 16 MiB"},
		{"invalid content", bad, nil, bad + ":1:10: unsupported manifest version 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			m, err := Load(tt.path, testEnv)
			if m != nil || err == nil {
				t.Fatalf("Load = %v, %v; want an error", m, err)
			}
			if !errors.Is(err, ErrInvalid) {
				t.Errorf("errors.Is(%v, ErrInvalid) = false", err)
			}
			if tt.wantIs != nil && !errors.Is(err, tt.wantIs) {
				t.Errorf("errors.Is(%v, %v) = false", err, tt.wantIs)
			}
			if !strings.Contains(err.Error(), tt.wantText) {
				t.Errorf("error %q does not contain %q", err, tt.wantText)
			}
		})
	}
}

// TestParseDocumentProblems covers inputs whose problems cannot carry an
// inline annotation: empty files, bare scalars, broken aliases.
func TestParseDocumentProblems(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		input string
		want  []Problem
	}{
		{"empty", "", []Problem{{Msg: "manifest is empty; it needs at least version: 1 and repos"}}},
		{"only comments", "# nothing here\n", []Problem{{Msg: "manifest is empty; it needs at least version: 1 and repos"}}},
		{"null document", "~\n", []Problem{{Line: 1, Col: 1, Msg: "manifest is empty; it needs at least version: 1 and repos"}}},
		{"scalar document", "hello\n", []Problem{{Line: 1, Col: 1, Msg: "manifest must be a mapping with version and repos keys, got a string"}}},
		{"unknown anchor", "version: 1\nrepos: *nope\n", []Problem{{Msg: "YAML syntax error: unknown anchor 'nope' referenced"}}},
		{"key is a mapping", "version: 1\n? {a: 1}\n: x\nrepos: [{name: a, url: ./a, services: [{name: a, path: .}]}]\n", []Problem{{Line: 2, Col: 3, Msg: "manifest: keys must be plain words, got a mapping"}}},
		{"timestamp as name", "version: 1\nrepos: [{name: 2001-12-14, url: ./a, services: [{name: a, path: .}]}]\n", nil},
		{"quorum not a scalar", "version: 1\ngroups: [{name: g, quorum: {n: 1}}]\nrepos: [{name: a, url: ./a, services: [{name: a, path: .}]}]\n", []Problem{{Line: 2, Col: 28, Msg: `group "g": quorum must be "all", a number of variants (1, 2, ...) or a fraction of them (0.5, 0.75, 1.0), got a mapping`}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Parse([]byte(tt.input), "m.yaml", testEnv)
			var got []Problem
			var verr *ValidationError
			if errors.As(err, &verr) {
				got = verr.Problems
				checkProblemList(t, verr, "m.yaml")
			} else if err != nil {
				t.Fatalf("Parse error %v is not a *ValidationError", err)
			}
			for i := range tt.want {
				tt.want[i].File = "m.yaml"
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("problems (-want +got):\n%s", diff)
			}
		})
	}
}

// TestAliasExpansionIsBounded feeds a "billion laughs" document: a list of
// 200 aliases of a repository whose services list holds 200 aliases of a
// service whose exclude list holds 200 patterns, 8 million nodes from a few
// kilobytes. Parse must stop at its budget with a problem saying so.
func TestAliasExpansionIsBounded(t *testing.T) {
	t.Parallel()
	const n = 200
	aliases := func(name string) string {
		return "[" + strings.Repeat("*"+name+", ", n-1) + "*" + name + "]"
	}
	patterns := "[" + strings.Repeat(`"**/x/**", `, n-1) + `"**/x/**"]`
	// The anchors sit under unknown keys, which is one more problem each,
	// but aliases to them still resolve.
	doc := "version: 1\n" +
		"x-service: &s {name: a, path: ., exclude: " + patterns + "}\n" +
		"x-repo: &r {name: a, url: ./a, services: " + aliases("s") + "}\n" +
		"repos: " + aliases("r") + "\n"
	_, err := Parse([]byte(doc), "laughs.yaml", testEnv)
	var verr *ValidationError
	if !errors.As(err, &verr) {
		t.Fatalf("Parse error = %v, want *ValidationError", err)
	}
	budget := 0
	for _, p := range verr.Problems {
		if strings.Contains(p.Msg, "expands too many aliases") {
			budget++
		}
	}
	if budget != 1 {
		t.Errorf("%d budget problems among %d, want exactly 1", budget, len(verr.Problems))
	}
	if len(verr.Problems) > maxNodeVisits {
		t.Errorf("%d problems: the budget does not bound the output", len(verr.Problems))
	}
}

// TestNoSecretsInErrors writes secrets in every place a careless manifest
// might and checks that no error text carries them.
func TestNoSecretsInErrors(t *testing.T) {
	t.Parallel()
	const secret = "S3cr3tV4lue9f8e7d6c5b4a3"
	tests := []struct {
		name     string
		manifest string
	}{
		{"https password", "url: https://user:" + secret + "@github.com/acme/a.git"},
		{"https token as user", "url: https://" + secret + "@github.com/acme/a.git"},
		{"password with slash breaks parsing", "url: https://user:" + secret + "/x@github.com/acme/a.git"},
		{"password with colon", "url: 'https://user:" + secret + ":x@github.com/acme/a.git'"},
		{"ssh password", "url: ssh://git:" + secret + "@github.com/acme/a.git"},
		{"scp password", "url: git:" + secret + "@github.com:acme/a.git"},
		{"scp password with slash", "url: git:" + secret + "/y@github.com:acme/a.git"},
		{"query token", "url: https://github.com/acme/a.git?private_token=" + secret},
		{"fragment token", "url: https://github.com/acme/a.git#" + secret},
		{"plain http with password", "url: http://u:" + secret + "@example.com/a.git"},
		{"unsupported scheme with password", "url: ftp://u:" + secret + "@example.com/a.git"},
		{"token key", "url: https://github.com/acme/a.git\n    auth: {token: " + secret + "}"},
		{"password key", "url: https://github.com/acme/a.git\n    auth: {password: " + secret + "}"},
		{"key in token_env", "url: https://github.com/acme/a.git\n    auth: {token_env: " + secret + "}"},
		{"ghp in token_env", "url: https://github.com/acme/a.git\n    auth: {token_env: ghp_" + secret + "}"},
		{"upper-case secret in token_env", "url: https://github.com/acme/a.git\n    auth: {token_env: " + strings.ToUpper(secret) + "}"},
		{"key in ssh_key_env", "url: git@github.com:acme/a.git\n    auth: {ssh_key_env: '-----BEGIN KEY-----" + secret + "'}"},
		{"secret as auth key", "url: https://github.com/acme/a.git\n    auth: {ghp_" + secret + ": x}"},
		{"secret as repo key", "url: https://github.com/acme/a.git\n    ghp_" + secret + ": x"},
		{"token_env is a list", "url: https://github.com/acme/a.git\n    auth: {token_env: [" + secret + "]}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			data := "version: 1\nrepos:\n  - name: a\n    " + tt.manifest + "\n    services: [{name: a, path: .}]\n"
			_, err := Parse([]byte(data), "m.yaml", testEnv)
			if err == nil {
				t.Fatalf("Parse accepted a manifest with a secret in it:\n%s", data)
			}
			for _, s := range []string{secret, strings.ToUpper(secret)} {
				if strings.Contains(err.Error(), s) {
					t.Errorf("error shows the secret:\n%v", err)
				}
			}
		})
	}
}

// TestNoFixtureSecretsInErrors checks the secrets planted in the auth and
// many fixtures.
func TestNoFixtureSecretsInErrors(t *testing.T) {
	t.Parallel()
	secrets := []string{"hunter2-literal", "literalkey", "pastedSecret", "AKIAPASTED", "0123456789ABCDEF0123", "embeddedSecret",
		"userOnlySecret", "sshPasswordSecret", "scpPassword", "bad/Secret", "tok3nSecretValue", "private_token"}
	for _, file := range []string{"testdata/invalid/auth.yaml", "testdata/invalid/many.yaml", "testdata/invalid/urls.yaml"} {
		data, err := os.ReadFile(file)
		if err != nil {
			t.Fatal(err)
		}
		_, err = Parse(data, file, testEnv)
		if err == nil {
			t.Fatalf("%s parsed without problems", file)
		}
		for _, s := range secrets {
			if strings.Contains(err.Error(), s) {
				t.Errorf("%s: error shows the secret %q", file, s)
			}
		}
	}
}
