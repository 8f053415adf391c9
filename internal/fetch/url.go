package fetch

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/distill/distill/internal/redact"
)

type urlKind int

const (
	kindHTTPS urlKind = iota
	kindHTTP
	kindSSH
	kindGit
	kindFile  // file:// URL or a local git repository
	kindLocal // local directory that is not a git repository
)

// location is a parsed Request.URL.
type location struct {
	kind     urlKind
	raw      string // as given; may hold credentials, never printed
	gitURL   string // what go-git is given
	redacted string // safe to print
	key      string // normalised form without credentials, for the cache key
	path     string // local filesystem path for kindFile and kindLocal
	sshUser  string // user named in an ssh URL, "git" when none
}

// scpLike matches git's scp-style address: [user@]host:path, where the
// host has no slash and the path does not start with "//".
var scpLike = regexp.MustCompile(`^(?:([A-Za-z0-9._~%+-]+)@)?([A-Za-z0-9][A-Za-z0-9.-]*|\[[0-9A-Fa-f:.]+\]):([^/].*|/[^/].*)$`)

func parseLocation(raw string) (*location, error) {
	if strings.TrimSpace(raw) == "" {
		return nil, fmt.Errorf("empty repository URL")
	}
	loc := &location{raw: raw, redacted: redact.URL(raw)}
	if !strings.Contains(raw, "://") {
		if m := scpLike.FindStringSubmatch(raw); m != nil && !isLocalDir(raw) {
			loc.kind = kindSSH
			loc.gitURL = raw
			loc.sshUser = m[1]
			if loc.sshUser == "" {
				loc.sshUser = "git"
			}
			loc.key = normaliseKey("ssh", strings.ToLower(m[2]), m[3])
			return loc, nil
		}
		return localLocation(loc, raw)
	}

	u, err := url.Parse(raw)
	if err != nil {
		// url.Error repeats the input, which may hold credentials.
		return nil, fmt.Errorf("invalid repository URL %s", loc.redacted)
	}
	scheme := strings.ToLower(u.Scheme)
	switch scheme {
	case "https":
		loc.kind = kindHTTPS
	case "http":
		if !isLoopback(u.Hostname()) {
			return nil, fmt.Errorf("repository URL %s: plain http is allowed only for loopback hosts; use https", loc.redacted)
		}
		loc.kind = kindHTTP
	case "ssh", "git+ssh", "ssh+git":
		loc.kind = kindSSH
		loc.sshUser = u.User.Username()
		if loc.sshUser == "" {
			loc.sshUser = "git"
		}
	case "git":
		loc.kind = kindGit
	case "file":
		return localLocation(loc, u.Path)
	default:
		return nil, fmt.Errorf("repository URL %s: unsupported scheme %q", loc.redacted, u.Scheme)
	}
	if u.Host == "" {
		return nil, fmt.Errorf("repository URL %s: no host", loc.redacted)
	}
	loc.gitURL = raw
	loc.key = normaliseKey(scheme, strings.ToLower(u.Host), u.Path)
	return loc, nil
}

// localError is a local repository path that does not exist or is not a
// directory. Its message says so once, with the absolute path.
type localError struct{ path, msg string }

func (e *localError) Error() string { return e.msg }
func (e *localError) Unwrap() error { return ErrNotFound }

func localLocation(loc *location, p string) (*location, error) {
	abs, err := filepath.Abs(p)
	if err != nil {
		return nil, fmt.Errorf("repository path %s: %w", loc.redacted, err)
	}
	info, err := os.Stat(abs)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, &localError{path: abs, msg: "not found: " + abs}
	}
	if err != nil {
		return nil, fmt.Errorf("repository path %s: %w: %w", loc.redacted, ErrNotFound, err)
	}
	if !info.IsDir() {
		return nil, &localError{path: abs, msg: "not a directory: " + abs}
	}
	loc.path = abs
	loc.redacted = abs
	if isGitDir(abs) {
		loc.kind = kindFile
		loc.gitURL = "file://" + filepath.ToSlash(abs)
		loc.key = normaliseKey("file", "", filepath.ToSlash(abs))
		return loc, nil
	}
	loc.kind = kindLocal
	return loc, nil
}

// isGitDir reports whether dir is a work tree with a .git entry or a bare
// repository.
func isGitDir(dir string) bool {
	if _, err := os.Stat(filepath.Join(dir, ".git")); err == nil {
		return true
	}
	head, errHead := os.Stat(filepath.Join(dir, "HEAD"))
	objects, errObjects := os.Stat(filepath.Join(dir, "objects"))
	return errHead == nil && errObjects == nil && !head.IsDir() && objects.IsDir()
}

func isLocalDir(p string) bool {
	info, err := os.Stat(p)
	return err == nil && info.IsDir()
}

func isLoopback(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

// normaliseKey makes equivalent URLs share a cache entry: no credentials,
// lower-case scheme and host, no trailing slash or ".git".
func normaliseKey(scheme, host, p string) string {
	p = strings.TrimRight(p, "/")
	p = strings.TrimSuffix(p, ".git")
	if !strings.HasPrefix(p, "/") {
		p = "/" + p
	}
	return scheme + "://" + host + p
}

var slugUnsafe = regexp.MustCompile(`[^a-z0-9._-]+`)

// cacheDirName is the cache entry's directory name: a readable slug of the
// repository name and a hash of the normalised URL.
func cacheDirName(key string) string {
	sum := sha256.Sum256([]byte(key))
	base := key[strings.LastIndex(key, "/")+1:]
	slug := strings.Trim(slugUnsafe.ReplaceAllString(strings.ToLower(base), "-"), "-.")
	if len(slug) > 40 {
		slug = slug[:40]
	}
	if slug == "" {
		slug = "repo"
	}
	return slug + "-" + hex.EncodeToString(sum[:12]) + ".git"
}
