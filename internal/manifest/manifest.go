package manifest

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"time"
)

// SupportedVersion is the only manifest format version this build reads.
const SupportedVersion = 1

// maxManifestBytes bounds what Load reads, so that pointing --manifest at a
// device or a huge file fails fast instead of exhausting memory.
const maxManifestBytes = 16 << 20

// Built-in defaults, used where neither a repository nor the manifest's
// defaults section says otherwise.
const (
	DefaultDepth       = 1
	DefaultMaxFileSize = 1 << 20
	DefaultTimeout     = 10 * time.Minute
)

// DefaultInclude returns the include patterns used when the manifest gives
// none: the Python and TypeScript/JavaScript sources distill reads, and
// Prisma schemas (the models of a Node service).
func DefaultInclude() []string {
	return []string{"**/*.py", "**/*.pyi", "**/*.ts", "**/*.tsx", "**/*.js", "**/*.mjs", "**/*.cjs", "**/*.prisma"}
}

// DefaultExclude returns the exclude patterns used when the manifest gives
// none: dependencies, virtual environments, caches and build output.
func DefaultExclude() []string {
	return []string{"**/node_modules/**", "**/.venv/**", "**/venv/**", "**/__pycache__/**", "**/dist/**", "**/build/**", "**/.git/**"}
}

// Languages lists the values a service's language may take: the languages
// distill reads.
var Languages = []string{"python", "typescript"}

// plannedLanguages are known but not read yet; a manifest naming one is
// refused at check time rather than distilled into an empty spec.
var plannedLanguages []string

// Manifest is a decoded and validated manifest.
type Manifest struct {
	Version  int
	Defaults Defaults
	Groups   []Group
	Repos    []Repo
	// Digest is the SHA-256 of the manifest's bytes, in hex, so a run
	// record can say exactly which manifest it ran.
	Digest string
	// Dir is the directory relative local paths are resolved against. Load
	// sets it to the manifest file's directory (absolute); Parse leaves it
	// empty, meaning the working directory, for the caller to set.
	Dir string
}

// Defaults holds the manifest's defaults section with the built-in defaults
// filled in where it is silent.
type Defaults struct {
	Ref         string // empty: the remote's HEAD
	Depth       int
	Include     []string
	Exclude     []string
	MaxFileSize int64
	Timeout     time.Duration
}

// Group is a set of services that implement the same flow, to be compared.
type Group struct {
	Name   string
	Quorum Quorum
	Line   int
}

// Repo is one repository with its effective settings: the repository's own
// values, else the manifest's defaults, else the built-in defaults.
type Repo struct {
	Name     string
	URL      string
	Ref      string // empty: the remote's HEAD
	Auth     Auth
	Services []Service
	Line     int

	Depth   int
	Timeout time.Duration
	// Include replaces the default include patterns when the repository
	// gives its own.
	Include []string
	// Exclude is the default exclude patterns followed by the
	// repository's own: excludes only ever add up, so that a repository
	// cannot forget node_modules by listing one extra pattern.
	Exclude     []string
	MaxFileSize int64
}

// Auth names the environment variables that hold a repository's credentials.
// It never holds a secret itself.
type Auth struct {
	TokenEnv  string // https: a token sent as the password
	SSHKeyEnv string // ssh: a PEM private key
}

// Service is one directory of a repository that distill reads as a unit.
type Service struct {
	Name     string
	Path     string // slash-separated, relative to the repository root, cleaned; "." for the root
	Language string // "" (detected) or one of Languages
	Group    string // "" or the name of a declared group
	// Exclude holds the service's extra exclude patterns, applied on top
	// of its repository's Exclude.
	Exclude []string
	Line    int
}

// Transport says how the repository's URL is reached. It is only
// meaningful for a validated manifest.
func (r Repo) Transport() Transport {
	t, _ := classifyURL(r.URL)
	return t
}

// IsLocalDir reports whether the repository's URL is a plain directory path
// rather than a URL or scp-like address.
func (r Repo) IsLocalDir() bool {
	return r.Transport() == TransportLocal
}

// LocalPath returns the directory of a local repository: its URL when
// absolute, else the URL joined to the manifest's directory. It returns ""
// for repositories that are not local directories.
func (m *Manifest) LocalPath(r Repo) string {
	if !r.IsLocalDir() {
		return ""
	}
	p := filepath.FromSlash(r.URL)
	if filepath.IsAbs(p) {
		return filepath.Clean(p)
	}
	return filepath.Join(m.Dir, p)
}

// Group returns the group with the given name.
func (m *Manifest) Group(name string) (Group, bool) {
	i := slices.IndexFunc(m.Groups, func(g Group) bool { return g.Name == name })
	if i < 0 {
		return Group{}, false
	}
	return m.Groups[i], true
}

// Parse decodes and validates a manifest. filename is used in problem
// positions only. lookupEnv reports whether the environment variables named
// in auth sections are set (nil means os.LookupEnv); their values are not
// kept. On any problem Parse returns a *ValidationError listing all of them.
func Parse(data []byte, filename string, lookupEnv func(string) (string, bool)) (*Manifest, error) {
	if lookupEnv == nil {
		lookupEnv = os.LookupEnv
	}
	d := &decoder{file: filename, lookupEnv: lookupEnv}
	m := d.decode(data)
	if len(d.problems) > 0 {
		sortProblems(d.problems)
		return nil, &ValidationError{Problems: d.problems}
	}
	sum := sha256.Sum256(data)
	m.Digest = hex.EncodeToString(sum[:])
	return m, nil
}

// Load reads and parses the manifest at path and sets Dir to the absolute
// path of its directory.
func Load(path string, lookupEnv func(string) (string, bool)) (*Manifest, error) {
	data, err := readLimited(path)
	if err != nil {
		return nil, fmt.Errorf("%w: read %s: %w", ErrInvalid, path, err)
	}
	m, err := Parse(data, path, lookupEnv)
	if err != nil {
		return nil, err
	}
	dir, err := filepath.Abs(filepath.Dir(path))
	if err != nil {
		return nil, fmt.Errorf("%w: resolve directory of %s: %w", ErrInvalid, path, err)
	}
	m.Dir = dir
	return m, nil
}

func readLimited(path string) ([]byte, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, maxManifestBytes+1))
	if err != nil {
		return nil, err
	}
	if len(data) > maxManifestBytes {
		return nil, fmt.Errorf("file is larger than %d MiB", maxManifestBytes>>20)
	}
	return data, nil
}
