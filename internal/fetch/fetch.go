package fetch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"math/rand/v2"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/go-git/go-billy/v5/osfs"
	git "github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/config"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/transport"
	githttp "github.com/go-git/go-git/v5/plumbing/transport/http"
	gitssh "github.com/go-git/go-git/v5/plumbing/transport/ssh"
	"github.com/go-git/go-git/v5/storage/filesystem"
	"github.com/go-git/go-git/v5/storage/memory"
	"golang.org/x/crypto/ssh"

	"github.com/distill/distill/internal/redact"
)

// Auth holds credentials resolved by the caller (typically from the
// environment). They are never logged nor included in errors.
type Auth struct {
	Token      string // HTTPS: sent as basic auth, username "x-access-token"
	SSHKey     []byte // PEM private key (unencrypted)
	SSHKeyPath string // PEM private key file, used when SSHKey is empty
}

// Request names one repository at one ref.
type Request struct {
	Name  string // for messages and logs
	URL   string // https, http (loopback only), ssh, scp-style, git://, file:// or a local directory
	Ref   string // branch, tag, full ref, full or short commit hash; "" = the remote's HEAD
	Depth int    // history depth to fetch; <= 0 means 1
	Auth  Auth
}

// Result is a repository's tree at the resolved commit.
type Result struct {
	// Commit is the resolved full hash; "" for a local directory that is
	// not a git repository.
	Commit string
	// Ref is what Request.Ref resolved to: a full ref name
	// ("refs/heads/main") or, for a commit request, the hash.
	Ref string
	// Tree is a read-only view of the files at Commit, read from the object
	// store (or os.DirFS for a plain directory). It implements fs.ReadDirFS,
	// fs.ReadFileFS, fs.StatFS and fs.ReadLinkFS and is safe for concurrent
	// use (object store access is serialised). A git tree also implements
	// io.Closer to release its open pack files early; calling Close is
	// optional (they are released when the tree is garbage collected).
	Tree fs.FS
	// Fetched is false when the cache already had the commit and no objects
	// were transferred.
	Fetched bool
}

// Fetcher fetches repositories into a cache of bare repositories under
// CacheDir. The zero value works (with defaults); a Fetcher is safe for
// concurrent use, and fetches of the same remote are serialised, also
// across processes sharing CacheDir.
type Fetcher struct {
	CacheDir string        // default: os.UserCacheDir()/distill/git
	Retries  int           // retries after a transient failure; 0 = 3, negative = none
	Backoff  time.Duration // base delay, doubled per retry, with jitter; 0 = 500ms
	Logger   *slog.Logger  // nil = no logging
}

const (
	defaultRetries = 3
	defaultBackoff = 500 * time.Millisecond
)

var fullHash = regexp.MustCompile(`^[0-9a-f]{40}$`)
var hexPrefix = regexp.MustCompile(`^[0-9a-f]{4,40}$`)

// Fetch makes the tree of req.URL at req.Ref available, fetching into the
// cache only what is missing.
func (f *Fetcher) Fetch(ctx context.Context, req Request) (*Result, error) {
	start := time.Now()
	loc, err := parseLocation(req.URL)
	if err != nil {
		return nil, newError(req.Name, &location{raw: req.URL, redacted: redact.URL(req.URL)}, secretsOf(req, nil), "parse URL", err)
	}
	if loc.kind == kindLocal {
		if req.Ref != "" {
			return nil, newError(req.Name, loc, nil, "resolve ref",
				fmt.Errorf("%w: ref %q given for a directory that is not a git repository", ErrBadRef, req.Ref))
		}
		return &Result{Tree: os.DirFS(loc.path)}, nil
	}
	sec := secretsOf(req, loc)
	auth, err := authMethod(loc, req.Auth)
	if err != nil {
		return nil, newError(req.Name, loc, sec, "prepare credentials", err)
	}
	cacheDir, err := f.cacheDir()
	if err != nil {
		return nil, newError(req.Name, loc, sec, "open cache", err)
	}
	dir := filepath.Join(cacheDir, cacheDirName(loc.key))
	unlock, err := lockEntry(ctx, dir)
	if err != nil {
		return nil, newError(req.Name, loc, sec, "lock cache entry", err)
	}
	defer unlock()

	op := &operation{f: f, req: req, loc: loc, auth: auth, sec: sec, dir: dir}
	res, err := op.run(ctx)
	if err != nil {
		return nil, err
	}
	f.logger().Info("fetched repository", "repo", req.Name, "url", loc.redacted, "ref", res.Ref,
		"commit", res.Commit, "transferred", res.Fetched, "duration", time.Since(start).Round(time.Millisecond))
	return res, nil
}

// ResolveRemote returns the commit that req.Ref names on the remote now,
// listing refs without fetching objects. A full commit hash is returned as
// is; a plain local directory resolves to "".
func (f *Fetcher) ResolveRemote(ctx context.Context, req Request) (string, error) {
	loc, err := parseLocation(req.URL)
	if err != nil {
		return "", newError(req.Name, &location{raw: req.URL, redacted: redact.URL(req.URL)}, secretsOf(req, nil), "parse URL", err)
	}
	if loc.kind == kindLocal {
		return "", nil
	}
	if fullHash.MatchString(req.Ref) {
		return req.Ref, nil
	}
	sec := secretsOf(req, loc)
	auth, err := authMethod(loc, req.Auth)
	if err != nil {
		return "", newError(req.Name, loc, sec, "prepare credentials", err)
	}
	op := &operation{f: f, req: req, loc: loc, auth: auth, sec: sec}
	remote := git.NewRemote(memory.NewStorage(), &config.RemoteConfig{Name: "origin", URLs: []string{loc.gitURL}})
	refs, err := op.list(ctx, remote)
	if err != nil {
		return "", err
	}
	w, err := resolveRef(refs, req.Ref)
	if err != nil {
		return "", newError(req.Name, loc, sec, "resolve ref", err)
	}
	if w.commit.IsZero() {
		return "", newError(req.Name, loc, sec, "resolve ref", fmt.Errorf("%w: %q is not the tip of any branch or tag on the remote", ErrBadRef, req.Ref))
	}
	return w.commit.String(), nil
}

func (f *Fetcher) logger() *slog.Logger {
	if f.Logger == nil {
		return slog.New(slog.DiscardHandler)
	}
	return f.Logger
}

func (f *Fetcher) cacheDir() (string, error) {
	dir := f.CacheDir
	if dir == "" {
		base, err := os.UserCacheDir()
		if err != nil {
			return "", fmt.Errorf("no cache directory configured: %w", err)
		}
		dir = filepath.Join(base, "distill", "git")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create cache directory: %w", err)
	}
	return dir, nil
}

// secretsOf lists the strings that must never be printed for req.
func secretsOf(req Request, loc *location) secrets {
	s := secrets{req.Auth.Token}
	if u, err := url.Parse(req.URL); err == nil && u.User != nil {
		s = append(s, u.User.Username())
		if p, ok := u.User.Password(); ok {
			s = append(s, p)
		}
	}
	if loc != nil && loc.kind == kindSSH {
		// An scp-style user name is not secret; don't scrub "git".
		s = slices.DeleteFunc(s, func(v string) bool { return v == loc.sshUser })
	}
	return slices.DeleteFunc(s, func(v string) bool { return v == "" })
}

func authMethod(loc *location, a Auth) (transport.AuthMethod, error) {
	switch loc.kind {
	case kindHTTPS, kindHTTP:
		if a.Token != "" {
			return &githttp.BasicAuth{Username: "x-access-token", Password: a.Token}, nil
		}
	case kindSSH:
		callback, err := knownHostsCallback()
		if err != nil {
			return nil, err
		}
		pem := a.SSHKey
		if len(pem) == 0 && a.SSHKeyPath != "" {
			if pem, err = os.ReadFile(a.SSHKeyPath); err != nil {
				return nil, fmt.Errorf("%w: read SSH key: %w", ErrAuth, err)
			}
		}
		if len(pem) == 0 {
			// go-git falls back to the SSH agent and checks known_hosts itself.
			return nil, nil
		}
		keys, err := gitssh.NewPublicKeys(loc.sshUser, pem, "")
		if err != nil {
			// The parse error does not quote the key material.
			return nil, fmt.Errorf("%w: parse SSH key: %w", ErrAuth, err)
		}
		keys.HostKeyCallback = callback
		return keys, nil
	}
	return nil, nil
}

// knownHostsCallback checks host keys against the user's known_hosts (or
// SSH_KNOWN_HOSTS). Host checking is never disabled: without a known_hosts
// file the fetch fails.
func knownHostsCallback() (ssh.HostKeyCallback, error) {
	var files []string
	if env := os.Getenv("SSH_KNOWN_HOSTS"); env != "" {
		files = filepath.SplitList(env)
	} else if home, err := os.UserHomeDir(); err == nil {
		files = []string{filepath.Join(home, ".ssh", "known_hosts")}
	}
	var present []string
	for _, p := range files {
		if _, err := os.Stat(p); err == nil {
			present = append(present, p)
		}
	}
	if len(present) == 0 {
		return nil, fmt.Errorf("%w: no known_hosts file (looked for %s); add the host's key with ssh-keyscan, host key checking is never disabled",
			ErrAuth, strings.Join(files, ", "))
	}
	cb, err := gitssh.NewKnownHostsCallback(present...)
	if err != nil {
		return nil, fmt.Errorf("%w: read known_hosts: %w", ErrAuth, err)
	}
	return cb, nil
}

// operation is one Fetch or ResolveRemote call.
type operation struct {
	f    *Fetcher
	req  Request
	loc  *location
	auth transport.AuthMethod
	sec  secrets
	dir  string
}

func (op *operation) wrap(what string, err error) error {
	return newError(op.req.Name, op.loc, op.sec, what, err)
}

// cacheSuspect marks a failure that a damaged cache entry may explain.
type cacheSuspect struct{ err error }

func (c cacheSuspect) Error() string { return c.err.Error() }
func (c cacheSuspect) Unwrap() error { return c.err }

func (op *operation) run(ctx context.Context) (*Result, error) {
	repo, err := openCache(op.dir)
	if err != nil {
		return nil, op.wrap("open cache", err)
	}
	res, err := op.fetchInto(ctx, repo)
	var suspect cacheSuspect
	if err == nil || ctx.Err() != nil || !errors.As(err, &suspect) || classify(err) != nil {
		if err != nil {
			return nil, op.wrap("fetch", err)
		}
		return res, nil
	}
	// The failure is not the remote's doing (not classified) and touched the
	// cache: start the entry afresh, once.
	op.f.logger().Warn("cache entry unusable; fetching it afresh", "repo", op.req.Name, "url", op.loc.redacted,
		"error", op.wrap("fetch", err).Error())
	if repo, err = resetCache(op.dir); err != nil {
		return nil, op.wrap("reset cache", err)
	}
	res, err = op.fetchInto(ctx, repo)
	if err != nil {
		return nil, op.wrap("fetch", err)
	}
	return res, nil
}

func (op *operation) fetchInto(ctx context.Context, repo *git.Repository) (*Result, error) {
	ref := op.req.Ref
	// A full hash already in the cache needs no network at all.
	if fullHash.MatchString(ref) {
		if commit, ok := haveCommit(repo, plumbing.NewHash(ref)); ok {
			return op.result(repo, commit, ref, false)
		}
	}
	remote := git.NewRemote(repo.Storer, &config.RemoteConfig{Name: "origin", URLs: []string{op.loc.gitURL}})
	refs, err := op.list(ctx, remote)
	if err != nil {
		return nil, err
	}
	w, err := resolveRef(refs, ref)
	if err != nil && hexPrefix.MatchString(ref) {
		// A short hash that is no tip may still be in the cache from an
		// earlier fetch.
		if commit, ok := findShortInCache(repo, ref); ok {
			return op.result(repo, commit, commit.Hash.String(), false)
		}
	}
	if err != nil {
		return nil, err
	}
	if !w.commit.IsZero() {
		if commit, ok := haveCommit(repo, w.commit); ok {
			return op.result(repo, commit, w.display, false)
		}
	}
	spec := config.RefSpec("+" + w.src + ":" + w.dst)
	depth := max(op.req.Depth, 1)
	err = op.retry(ctx, "fetch", func() error {
		err := remote.FetchContext(ctx, &git.FetchOptions{
			RemoteName: "origin",
			RefSpecs:   []config.RefSpec{spec},
			Depth:      depth,
			Auth:       op.auth,
			Tags:       git.NoTags,
			Force:      true,
		})
		if errors.Is(err, git.NoErrAlreadyUpToDate) {
			return nil
		}
		if errors.Is(err, git.ErrExactSHA1NotSupported) {
			return fmt.Errorf("%w: commit %s is not advertised by the server and the server refuses to serve unadvertised commits (no allow-reachable-sha1-in-want)",
				ErrBadRef, w.src)
		}
		return err
	})
	if err != nil {
		if classify(err) == nil && ctx.Err() == nil {
			return nil, cacheSuspect{err}
		}
		return nil, err
	}

	// Take the commit the fetched ref points at now: it may have moved
	// since the listing.
	got := w.commit
	if r, err := repo.Storer.Reference(plumbing.ReferenceName(w.dst)); err == nil {
		got = r.Hash()
	}
	commitHash, err := peel(repo, got)
	if err != nil {
		return nil, cacheSuspect{fmt.Errorf("after fetching %s: %w", w.display, err)}
	}
	commit, ok := haveCommit(repo, commitHash)
	if !ok {
		return nil, cacheSuspect{fmt.Errorf("after fetching %s: commit %s or part of its tree is missing from the cache", w.display, commitHash)}
	}
	return op.result(repo, commit, w.display, true)
}

func (op *operation) result(repo *git.Repository, commit *object.Commit, display string, fetched bool) (*Result, error) {
	// The tree gets its own storage that keeps pack files open: opening the
	// pack for every blob costs more than reading it. The descriptors are
	// released by the tree's Close method, or when it is garbage collected.
	store := filesystem.NewStorageWithOptions(osfs.New(op.dir), cache.NewObjectLRUDefault(),
		filesystem.Options{KeepDescriptors: true})
	treeCommit, err := object.GetCommit(store, commit.Hash)
	if err != nil {
		store.Close()
		return nil, cacheSuspect{err}
	}
	tree, err := newTreeFS(store, treeCommit)
	if err != nil {
		store.Close()
		return nil, cacheSuspect{err}
	}
	tree.closer = store
	runtime.AddCleanup(tree, func(s *filesystem.Storage) { s.Close() }, store)
	return &Result{Commit: commit.Hash.String(), Ref: display, Tree: tree, Fetched: fetched}, nil
}

func (op *operation) list(ctx context.Context, remote *git.Remote) ([]*plumbing.Reference, error) {
	var refs []*plumbing.Reference
	err := op.retry(ctx, "list refs", func() error {
		var err error
		refs, err = remote.ListContext(ctx, &git.ListOptions{Auth: op.auth, PeelingOption: git.AppendPeeled})
		return err
	})
	if err != nil {
		return nil, op.wrap("list refs", err)
	}
	return refs, nil
}

// retry runs fn, repeating it after transient failures with exponential
// backoff and jitter. Waiting ends early when ctx is done.
func (op *operation) retry(ctx context.Context, what string, fn func() error) error {
	retries := op.f.Retries
	switch {
	case retries == 0:
		retries = defaultRetries
	case retries < 0:
		retries = 0
	}
	base := op.f.Backoff
	if base <= 0 {
		base = defaultBackoff
	}
	for attempt := 0; ; attempt++ {
		err := fn()
		if err == nil {
			return nil
		}
		if ctxErr := ctx.Err(); ctxErr != nil {
			return fmt.Errorf("%w (%w)", ctxErr, err)
		}
		if classify(err) != ErrTransient || attempt >= retries {
			return err
		}
		delay := base << attempt
		delay = delay/2 + rand.N(delay) // jitter: 0.5x .. 1.5x
		op.f.logger().Warn("transient failure; retrying", "repo", op.req.Name, "url", op.loc.redacted,
			"op", what, "attempt", attempt+1, "delay", delay.Round(time.Millisecond), "error", op.wrap(what, err).Error())
		timer := time.NewTimer(delay)
		select {
		case <-ctx.Done():
			timer.Stop()
			return fmt.Errorf("%w (%w)", ctx.Err(), err)
		case <-timer.C:
		}
	}
}

// want is what a ref resolved to on the remote.
type want struct {
	commit  plumbing.Hash // peeled commit; zero when not known before fetching
	src     string        // refspec source: advertised ref name or exact hash
	dst     string        // where the cache keeps it
	display string        // Result.Ref
	exact   bool          // src is a commit hash
}

// resolveRef finds ref among the remote's advertised refs.
func resolveRef(refs []*plumbing.Reference, ref string) (want, error) {
	byName := map[string]*plumbing.Reference{}
	peeled := map[string]plumbing.Hash{}
	for _, r := range refs {
		name := r.Name().String()
		if base, ok := strings.CutSuffix(name, "^{}"); ok {
			peeled[base] = r.Hash()
			continue
		}
		byName[name] = r
	}
	commitOf := func(name string) plumbing.Hash {
		if h, ok := peeled[name]; ok {
			return h
		}
		r := byName[name]
		if r.Type() == plumbing.SymbolicReference {
			if t, ok := byName[r.Target().String()]; ok {
				return t.Hash()
			}
			return plumbing.ZeroHash
		}
		return r.Hash()
	}
	named := func(name string) want {
		dst := name
		if !strings.HasPrefix(name, "refs/") {
			dst = "refs/distill/" + name
		}
		return want{commit: commitOf(name), src: name, dst: dst, display: name}
	}

	if ref == "" || ref == "HEAD" {
		head, ok := byName["HEAD"]
		if !ok {
			return want{}, fmt.Errorf("%w: the remote advertises no HEAD (empty repository?)", ErrBadRef)
		}
		if head.Type() == plumbing.SymbolicReference {
			if _, ok := byName[head.Target().String()]; ok {
				return named(head.Target().String()), nil
			}
		}
		return named("HEAD"), nil
	}
	candidates := []string{ref}
	if !strings.HasPrefix(ref, "refs/") {
		// git's order for a short name (git rev-parse): refs/<ref>, tags, branches.
		candidates = []string{"refs/" + ref, "refs/tags/" + ref, "refs/heads/" + ref}
	}
	for _, name := range candidates {
		if _, ok := byName[name]; ok {
			return named(name), nil
		}
	}
	if hexPrefix.MatchString(ref) {
		// A commit: prefer an advertised ref whose tip it is, so that no
		// server support for unadvertised wants is needed.
		var matches []string
		for name := range byName {
			if strings.HasPrefix(commitOf(name).String(), ref) {
				matches = append(matches, name)
			}
		}
		slices.Sort(matches)
		if len(matches) > 0 {
			w := named(matches[0])
			w.display = w.commit.String()
			return w, nil
		}
		if len(ref) == 40 {
			return want{commit: plumbing.NewHash(ref), src: ref, dst: "refs/distill/commits/" + ref, display: ref, exact: true}, nil
		}
		return want{}, fmt.Errorf("%w: short hash %q is not the tip of any branch or tag; give the full 40-character hash", ErrBadRef, ref)
	}
	return want{}, fmt.Errorf("%w: no branch, tag or commit %q on the remote", ErrBadRef, ref)
}

// peel follows annotated tags to the commit.
func peel(repo *git.Repository, h plumbing.Hash) (plumbing.Hash, error) {
	for range 10 {
		tag, err := repo.TagObject(h)
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			return h, nil // not a tag (or missing: haveCommit will say)
		}
		if err != nil {
			return h, nil
		}
		h = tag.Target
	}
	return plumbing.ZeroHash, fmt.Errorf("tag chain at %s too long", h)
}

// haveCommit reports whether the cache holds the commit and every object
// of its tree, so that reading the tree cannot fail later.
func haveCommit(repo *git.Repository, h plumbing.Hash) (*object.Commit, bool) {
	commit, err := repo.CommitObject(h)
	if err != nil {
		return nil, false
	}
	tree, err := commit.Tree()
	if err != nil {
		return nil, false
	}
	if !treeComplete(repo, tree, 0) {
		return nil, false
	}
	return commit, true
}

func treeComplete(repo *git.Repository, tree *object.Tree, depth int) bool {
	if depth > 256 {
		return false
	}
	for _, e := range tree.Entries {
		switch e.Mode {
		case filemode.Submodule:
			continue
		case filemode.Dir:
			sub, err := repo.TreeObject(e.Hash)
			if err != nil || !treeComplete(repo, sub, depth+1) {
				return false
			}
		default:
			if repo.Storer.HasEncodedObject(e.Hash) != nil {
				return false
			}
		}
	}
	return true
}

// findShortInCache looks for a unique commit in the cache whose hash starts
// with prefix.
func findShortInCache(repo *git.Repository, prefix string) (*object.Commit, bool) {
	iter, err := repo.CommitObjects()
	if err != nil {
		return nil, false
	}
	defer iter.Close()
	var found *object.Commit
	count := 0
	_ = iter.ForEach(func(c *object.Commit) error {
		if strings.HasPrefix(c.Hash.String(), prefix) {
			found = c
			count++
		}
		return nil
	})
	if count != 1 {
		return nil, false
	}
	if _, ok := haveCommit(repo, found.Hash); !ok {
		return nil, false
	}
	return found, true
}

// openCache opens the bare repository at dir, creating it (atomically: in a
// temporary directory renamed into place) when absent and recreating it
// when it cannot be opened.
func openCache(dir string) (*git.Repository, error) {
	if _, err := os.Stat(dir); err == nil {
		repo, err := git.PlainOpen(dir)
		if err == nil {
			return repo, nil
		}
		return resetCache(dir)
	}
	return initCache(dir)
}

func resetCache(dir string) (*git.Repository, error) {
	if err := os.RemoveAll(dir); err != nil {
		return nil, fmt.Errorf("remove damaged cache entry: %w", err)
	}
	return initCache(dir)
}

func initCache(dir string) (*git.Repository, error) {
	tmp, err := os.MkdirTemp(filepath.Dir(dir), ".init-*")
	if err != nil {
		return nil, fmt.Errorf("create cache entry: %w", err)
	}
	if _, err := git.PlainInit(tmp, true); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("create cache entry: %w", err)
	}
	if err := os.Rename(tmp, dir); err != nil {
		os.RemoveAll(tmp)
		return nil, fmt.Errorf("create cache entry: %w", err)
	}
	return git.PlainOpen(dir)
}
