package orggen

import (
	"errors"
	"fmt"
	"io/fs"
	"math/rand/v2"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"unicode/utf8"
)

// Org is a generated organisation: its repositories, in order; Groups
// lists the groups their services belong to.
type Org struct {
	Repos []Repo
}

// Repo is one generated repository.
type Repo struct {
	Name     string // "repo-000"
	Services []Service
}

// Service is one service of a generated repository: a copy of a fixture
// under Path with identifiers renamed and constants varied.
type Service struct {
	Name    string   // unique within the repository
	Path    string   // slash-separated; "." for the repository root
	Fixture string   // the fixture copied, e.g. "flask_accounts"
	Group   string   // "" when the service is in no group
	Exclude []string // service excludes for the manifest
	// Renames maps each renamed identifier of the fixture to its new name.
	Renames map[string]string
	// Values maps each varied constant (by name, or "password-length") to
	// its new value.
	Values map[string]int
}

// Generator copies fixture services into generated repositories. Create
// one with New; it is safe for concurrent use.
type Generator struct {
	fixtures []*loaded
	weights  int
}

// loaded is a fixture with its files read.
type loaded struct {
	fixture
	files []fixtureFile // sorted by path
	words map[string]bool
	// constants are the varied constants of the Python files, in file
	// order; planning reads them instead of matching the files again.
	constants []constantMatch
}

type fixtureFile struct {
	rel    string // slash-separated, relative to the fixture directory
	data   []byte
	python bool // a .py file that is valid UTF-8: rewritten; others are copied as they are
}

// New reads the fixture services from testdataDir (the repository's
// testdata directory).
func New(testdataDir string) (*Generator, error) {
	g := &Generator{}
	for _, fx := range fixtures {
		l, err := load(filepath.Join(testdataDir, filepath.FromSlash(fx.dir)), fx)
		if err != nil {
			return nil, err
		}
		g.fixtures = append(g.fixtures, l)
		g.weights += fx.weight
	}
	return g, nil
}

func load(dir string, fx fixture) (*loaded, error) {
	l := &loaded{fixture: fx, words: map[string]bool{}}
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			return nil
		}
		data, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		f := fixtureFile{rel: filepath.ToSlash(rel), data: data}
		f.python = strings.HasSuffix(f.rel, ".py") && utf8.Valid(data)
		if f.python {
			words(data, l.words)
		}
		l.files = append(l.files, f)
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("fixture %s: %w", fx.name, err)
	}
	if len(l.files) == 0 {
		return nil, fmt.Errorf("fixture %s: no files in %s", fx.name, dir)
	}
	for _, name := range fx.renames {
		if !l.words[name] {
			return nil, fmt.Errorf("fixture %s: identifier %s to rename does not occur in its Python files", fx.name, name)
		}
	}
	slices.SortFunc(l.files, func(a, b fixtureFile) int { return strings.Compare(a.rel, b.rel) })
	for _, f := range l.files {
		if f.python {
			l.constants = append(l.constants, findConstants(f.data)...)
		}
	}
	return l, nil
}

// groupSize is how many services of a family share a group.
const groupSize = 4

// Plan decides an organisation of repos repositories from seed. Each
// repository's content depends only on the seed and its index, so the
// first n repositories of a plan are the plan of n repositories.
func (g *Generator) Plan(repos int, seed uint64) (*Org, error) {
	if repos < 1 {
		return nil, errors.New("orggen: at least one repository is needed")
	}
	org := &Org{}
	familyCount := map[string]int{}
	for i := range repos {
		rng := rand.New(rand.NewPCG(seed, uint64(i)))
		repo := Repo{Name: fmt.Sprintf("repo-%03d", i)}
		n := 1 + rng.IntN(3)
		taken := map[string]bool{}
		for range n {
			fx := g.pick(rng)
			svc := Service{Fixture: fx.name, Exclude: fx.exclude, Name: fx.service}
			for k := 2; taken[svc.Name]; k++ {
				svc.Name = fmt.Sprintf("%s-%d", fx.service, k)
			}
			taken[svc.Name] = true
			svc.Path = "services/" + svc.Name
			if n == 1 && rng.IntN(2) == 0 {
				svc.Path = "."
			}
			// About one service in seven is in no group; the others are
			// grouped with the next ones of their family, groupSize at a time.
			if rng.IntN(7) != 0 {
				svc.Group = fmt.Sprintf("%s-%02d", fx.family, familyCount[fx.family]/groupSize)
				familyCount[fx.family]++
			}
			svc.Renames = fx.planRenames(rng)
			svc.Values = fx.planValues(rng)
			repo.Services = append(repo.Services, svc)
		}
		org.Repos = append(org.Repos, repo)
	}
	return org, nil
}

func (g *Generator) pick(rng *rand.Rand) *loaded {
	w := rng.IntN(g.weights)
	for _, l := range g.fixtures {
		if w < l.weight {
			return l
		}
		w -= l.weight
	}
	return g.fixtures[len(g.fixtures)-1]
}

// planRenames renames about three quarters of the fixture's identifiers,
// each to a synonym (when one is free) or to the name with the service's
// suffix.
func (l *loaded) planRenames(rng *rand.Rand) map[string]string {
	suffix := suffixes[rng.IntN(len(suffixes))]
	out := map[string]string{}
	used := map[string]bool{}
	for _, name := range l.renames {
		if rng.IntN(4) == 0 {
			continue
		}
		to := renamed(name, suffix)
		if syn := synonyms[name]; len(syn) > 0 && rng.IntN(2) == 0 {
			if s := syn[rng.IntN(len(syn))]; !l.words[s] && !used[s] {
				to = s
			}
		}
		if l.words[to] || used[to] {
			continue // would merge two names; keep the original
		}
		out[name] = to
		used[to] = true
	}
	return out
}

// planValues picks a value for every varied constant of the fixture.
func (l *loaded) planValues(rng *rand.Rand) map[string]int {
	out := map[string]int{}
	for _, m := range l.constants {
		if _, ok := out[m.key]; ok {
			continue
		}
		c := choices[m.unit]
		out[m.key] = c[rng.IntN(len(c))]
	}
	return out
}

func (g *Generator) fixture(name string) (*loaded, error) {
	for _, l := range g.fixtures {
		if l.name == name {
			return l, nil
		}
	}
	return nil, fmt.Errorf("orggen: unknown fixture %q", name)
}

// WriteRepo writes the files of r's services into dir (the repository's
// work tree), plus a README naming the repository.
func (g *Generator) WriteRepo(dir string, r Repo) error {
	readme := fmt.Sprintf("# %s\n\nGenerated by orggen for benchmarks.\n", r.Name)
	if err := writeFile(filepath.Join(dir, "README.generated.md"), []byte(readme)); err != nil {
		return err
	}
	for _, s := range r.Services {
		l, err := g.fixture(s.Fixture)
		if err != nil {
			return fmt.Errorf("repository %s, service %s: %w", r.Name, s.Name, err)
		}
		for _, f := range l.files {
			data := f.data
			if f.python {
				data = renameWords(varyConstants(data, s.Values), s.Renames)
			}
			p := filepath.Join(dir, filepath.FromSlash(path.Join(s.Path, f.rel)))
			if err := writeFile(p, data); err != nil {
				return fmt.Errorf("repository %s, service %s: %w", r.Name, s.Name, err)
			}
		}
	}
	return nil
}

func writeFile(p string, data []byte) error {
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, data, 0o644)
}

// Prefix returns the organisation of its first n repositories.
func (o *Org) Prefix(n int) *Org {
	return &Org{Repos: o.Repos[:min(n, len(o.Repos))]}
}

// Services counts the services of all repositories.
func (o *Org) Services() int {
	n := 0
	for _, r := range o.Repos {
		n += len(r.Services)
	}
	return n
}

// Groups lists the groups the services belong to, sorted.
func (o *Org) Groups() []string {
	var out []string
	for _, r := range o.Repos {
		for _, s := range r.Services {
			if s.Group != "" && !slices.Contains(out, s.Group) {
				out = append(out, s.Group)
			}
		}
	}
	slices.Sort(out)
	return out
}

// Manifest renders a distill manifest (version 1) for the organisation;
// url gives each repository's clone URL. Groups need half their variants
// to agree.
func (o *Org) Manifest(url func(repo string) string) []byte {
	var b strings.Builder
	b.WriteString("version: 1\ndefaults:\n  depth: 1\n  timeout: 10m\n")
	if groups := o.Groups(); len(groups) > 0 {
		b.WriteString("groups:\n")
		for _, name := range groups {
			fmt.Fprintf(&b, "  - name: %s\n    quorum: 0.5\n", name)
		}
	}
	b.WriteString("repos:\n")
	for _, r := range o.Repos {
		fmt.Fprintf(&b, "  - name: %s\n    url: %q\n    services:\n", r.Name, url(r.Name))
		for _, s := range r.Services {
			fmt.Fprintf(&b, "      - name: %s\n        path: %q\n        language: python\n", s.Name, s.Path)
			if s.Group != "" {
				fmt.Fprintf(&b, "        group: %s\n", s.Group)
			}
			if len(s.Exclude) > 0 {
				quoted := make([]string, len(s.Exclude))
				for i, e := range s.Exclude {
					quoted[i] = fmt.Sprintf("%q", e)
				}
				fmt.Fprintf(&b, "        exclude: [%s]\n", strings.Join(quoted, ", "))
			}
		}
	}
	return []byte(b.String())
}
