package manifest

import (
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/distill/distill/configs"
)

// FuzzParse checks that no input panics Parse, that every failure is a
// *ValidationError with positioned problems, and that every success holds
// the invariants the rest of distill relies on.
func FuzzParse(f *testing.F) {
	files, _ := filepath.Glob("testdata/*/*.yaml")
	for _, file := range files {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add(configs.ExampleManifest)
	f.Fuzz(func(t *testing.T, data []byte) {
		m, err := Parse(data, "fuzz.yaml", testEnv)
		if err != nil {
			var verr *ValidationError
			if !errors.As(err, &verr) || !errors.Is(err, ErrInvalid) {
				t.Fatalf("error %v (%T) is not a *ValidationError matching ErrInvalid", err, err)
			}
			if m != nil {
				t.Fatalf("manifest returned along with an error")
			}
			if len(verr.Problems) == 0 {
				t.Fatalf("ValidationError with no problems")
			}
			for _, p := range verr.Problems {
				if p.File != "fuzz.yaml" || p.Line < 0 || p.Col < 0 || p.Msg == "" {
					t.Fatalf("malformed problem %+v", p)
				}
			}
			return
		}
		if m.Version != SupportedVersion || len(m.Repos) == 0 || len(m.Digest) != 64 {
			t.Fatalf("accepted manifest breaks invariants: %+v", m)
		}
		for _, r := range m.Repos {
			if !namePattern.MatchString(r.Name) || r.URL == "" || len(r.Services) == 0 || r.Depth < 1 || r.Timeout <= 0 || r.MaxFileSize <= 0 || len(r.Include) == 0 {
				t.Fatalf("accepted repo breaks invariants: %+v", r)
			}
			if _, err := classifyURL(r.URL); err != nil {
				t.Fatalf("accepted repo with bad url: %v", err)
			}
			for _, s := range r.Services {
				if !namePattern.MatchString(s.Name) || s.Path == "" {
					t.Fatalf("accepted service breaks invariants: %+v", s)
				}
				if _, err := checkServicePath(s.Path); err != nil {
					t.Fatalf("accepted service path %q: %v", s.Path, err)
				}
				if s.Group != "" {
					if _, ok := m.Group(s.Group); !ok {
						t.Fatalf("service %s names undeclared group %s", s.Name, s.Group)
					}
				}
			}
			for _, p := range append(append([]string{}, r.Include...), r.Exclude...) {
				if err := ValidGlob(p); err != nil {
					t.Fatalf("accepted pattern %q: %v", p, err)
				}
			}
		}
		for _, g := range m.Groups {
			for n := 1; n <= 5; n++ {
				if req := g.Quorum.Required(n); req < 1 || req > n {
					t.Fatalf("quorum %s requires %d of %d", g.Quorum, req, n)
				}
			}
		}
	})
}

func BenchmarkParseExample(b *testing.B) {
	noEnv := func(string) (string, bool) { return "", false }
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Parse(configs.ExampleManifest, "example.yaml", noEnv); err != nil {
			b.Fatal(err)
		}
	}
}
