package fetch

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// maxLinkHops bounds symlink resolution inside a tree (as the kernel does).
const maxLinkHops = 40

// treeFS is a read-only fs.FS over a git tree. Files are read from the
// object store on demand; nothing is checked out.
//
// It is safe for concurrent use: go-git's object.Tree caches lookups in
// unsynchronised maps and the object store shares pack handles, so every
// access to them is serialised by one mutex. Reading is a small part of
// distill's work (parsing dominates), so one reader at a time costs little.
//
// Open and Stat follow symbolic links that stay inside the tree; a link
// with an absolute target or one that climbs above the root does not
// resolve (fs.ErrNotExist). Lstat and ReadLink (fs.ReadLinkFS) do not
// follow links.
type treeFS struct {
	mu      sync.Mutex
	store   storer.EncodedObjectStorer
	root    *object.Tree
	modTime time.Time // the commit's committer time, for every entry
	closer  io.Closer // releases the store's open pack files; may be nil
	closed  bool
}

// Close releases the pack files held open for reading. Reads after Close
// reopen them as needed, so a late reader still works.
func (t *treeFS) Close() error {
	t.mu.Lock()
	defer t.mu.Unlock()
	if t.closer == nil || t.closed {
		return nil
	}
	t.closed = true
	return t.closer.Close()
}

var (
	_ fs.ReadDirFS  = (*treeFS)(nil)
	_ fs.ReadFileFS = (*treeFS)(nil)
	_ fs.StatFS     = (*treeFS)(nil)
	_ fs.ReadLinkFS = (*treeFS)(nil)
)

func newTreeFS(store storer.EncodedObjectStorer, commit *object.Commit) (*treeFS, error) {
	root, err := commit.Tree()
	if err != nil {
		return nil, fmt.Errorf("read tree of commit %s: %w", commit.Hash, err)
	}
	return &treeFS{store: store, root: root, modTime: commit.Committer.When.UTC()}, nil
}

// node is one tree entry; the root has mode Dir and an empty name.
type node struct {
	name string
	mode filemode.FileMode
	hash plumbing.Hash
}

func (n node) isDir() bool     { return n.mode == filemode.Dir }
func (n node) isSymlink() bool { return n.mode == filemode.Symlink }
func (n node) isRegular() bool { return n.mode == filemode.Regular || n.mode == filemode.Executable }

// lstatNode looks name up without following symlinks. Caller holds mu.
func (t *treeFS) lstatNode(name string) (node, error) {
	if name == "." {
		return node{name: ".", mode: filemode.Dir, hash: t.root.Hash}, nil
	}
	e, err := t.root.FindEntry(name)
	if err != nil {
		if errors.Is(err, object.ErrEntryNotFound) || errors.Is(err, object.ErrDirectoryNotFound) ||
			errors.Is(err, object.ErrFileNotFound) {
			return node{}, fs.ErrNotExist
		}
		return node{}, err
	}
	return node{name: e.Name, mode: e.Mode, hash: e.Hash}, nil
}

// readBlob returns a blob's content. Caller holds mu.
func (t *treeFS) readBlob(h plumbing.Hash) ([]byte, error) {
	obj, err := t.blobObject(h)
	if err != nil {
		return nil, err
	}
	return readObject(obj)
}

// readObject returns the content of a blob found by blobObject. Caller
// holds mu: a packed object's reader reads the pack.
func readObject(obj plumbing.EncodedObject) ([]byte, error) {
	r, err := obj.Reader()
	if err != nil {
		return nil, fmt.Errorf("read blob %s: %w", obj.Hash(), err)
	}
	defer r.Close()
	data := make([]byte, 0, obj.Size())
	buf := bytes.NewBuffer(data)
	if _, err := io.Copy(buf, r); err != nil {
		return nil, fmt.Errorf("read blob %s: %w", obj.Hash(), err)
	}
	return buf.Bytes(), nil
}

// blobObject finds a blob in the object store. Its size is known; for a
// delta or a small object the store has already decoded the content to
// learn it, so a file opened to be read keeps the object (treeFile.obj)
// rather than have the store decode it again. Caller holds mu.
func (t *treeFS) blobObject(h plumbing.Hash) (plumbing.EncodedObject, error) {
	obj, err := t.store.EncodedObject(plumbing.BlobObject, h)
	if err != nil {
		return nil, fmt.Errorf("read blob %s: %w", h, err)
	}
	return obj, nil
}

// resolve follows symlinks in every component of name and returns the
// path of what it finally names, which exists. Caller holds mu.
func (t *treeFS) resolve(name string) (string, node, error) {
	hops := 0
	for {
		n, rest, linkAt, err := t.walkToLink(name)
		if err != nil {
			return "", node{}, err
		}
		if linkAt == "" {
			return name, n, nil
		}
		hops++
		if hops > maxLinkHops {
			return "", node{}, fmt.Errorf("too many levels of symbolic links: %w", fs.ErrNotExist)
		}
		target, err := t.readBlob(n.hash)
		if err != nil {
			return "", node{}, err
		}
		next, ok := joinInside(path.Dir(linkAt), string(target))
		if !ok {
			return "", node{}, fs.ErrNotExist
		}
		if rest != "" {
			next = path.Join(next, rest)
		}
		name = next
	}
}

// walkToLink looks up name component by component and stops at the first
// symlink, returning its node, its path (linkAt) and the components after
// it (rest). linkAt is "" when name resolved without meeting a symlink.
func (t *treeFS) walkToLink(name string) (n node, rest, linkAt string, err error) {
	if name == "." {
		n, err = t.lstatNode(".")
		return n, "", "", err
	}
	parts := strings.Split(name, "/")
	for i := range parts {
		prefix := strings.Join(parts[:i+1], "/")
		n, err = t.lstatNode(prefix)
		if err != nil {
			return node{}, "", "", err
		}
		if n.isSymlink() {
			return n, strings.Join(parts[i+1:], "/"), prefix, nil
		}
		if i < len(parts)-1 && !n.isDir() {
			return node{}, "", "", fs.ErrNotExist
		}
	}
	return n, "", "", nil
}

// joinInside joins a link target to the link's directory lexically and
// reports whether the result stays inside the tree.
func joinInside(dir, target string) (string, bool) {
	if target == "" || strings.HasPrefix(target, "/") {
		return "", false
	}
	p := path.Join(dir, target)
	if p == ".." || strings.HasPrefix(p, "../") {
		return "", false
	}
	return p, true
}

func (t *treeFS) info(n node, name string) (*fileInfo, error) {
	fi, _, err := t.infoObject(n, name)
	return fi, err
}

// infoObject is info and, for a file or symlink, the blob it was sized
// from. Caller holds mu.
func (t *treeFS) infoObject(n node, name string) (*fileInfo, plumbing.EncodedObject, error) {
	fi := &fileInfo{name: path.Base(name), mode: fsMode(n.mode), modTime: t.modTime}
	if !n.isRegular() && !n.isSymlink() {
		return fi, nil, nil
	}
	obj, err := t.blobObject(n.hash)
	if err != nil {
		return nil, nil, err
	}
	fi.size = obj.Size()
	return fi, obj, nil
}

func fsMode(m filemode.FileMode) fs.FileMode {
	switch m {
	case filemode.Dir:
		return fs.ModeDir | 0o555
	case filemode.Executable:
		return 0o555
	case filemode.Symlink:
		return fs.ModeSymlink | 0o777
	case filemode.Regular, filemode.Deprecated:
		return 0o444
	default: // submodule (gitlink): its commit is not in this repository
		return fs.ModeIrregular
	}
}

func pathErr(op, name string, err error) error {
	return &fs.PathError{Op: op, Path: name, Err: err}
}

// Open opens name, following symlinks inside the tree.
func (t *treeFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, pathErr("open", name, fs.ErrInvalid)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	resolved, n, err := t.resolve(name)
	if err != nil {
		return nil, pathErr("open", name, err)
	}
	fi, obj, err := t.infoObject(n, name)
	if err != nil {
		return nil, pathErr("open", name, err)
	}
	switch {
	case n.isDir():
		entries, err := t.readDir(resolved, n)
		if err != nil {
			return nil, pathErr("open", name, err)
		}
		return &treeDir{info: fi, entries: entries}, nil
	case n.isRegular():
		return &treeFile{fsys: t, info: fi, obj: obj}, nil
	default:
		return nil, pathErr("open", name, fmt.Errorf("not a regular file or directory: %w", fs.ErrInvalid))
	}
}

// Stat describes name, following symlinks inside the tree.
func (t *treeFS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, pathErr("stat", name, fs.ErrInvalid)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	_, n, err := t.resolve(name)
	if err != nil {
		return nil, pathErr("stat", name, err)
	}
	fi, err := t.info(n, name)
	if err != nil {
		return nil, pathErr("stat", name, err)
	}
	return fi, nil
}

// Lstat describes name without following a final symlink; symlinks in
// earlier components are followed.
func (t *treeFS) Lstat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, pathErr("lstat", name, fs.ErrInvalid)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	n, err := t.lstatFinal(name)
	if err != nil {
		return nil, pathErr("lstat", name, err)
	}
	fi, err := t.info(n, name)
	if err != nil {
		return nil, pathErr("lstat", name, err)
	}
	return fi, nil
}

// lstatFinal resolves name's directory and looks up its last component
// without following it. Caller holds mu.
func (t *treeFS) lstatFinal(name string) (node, error) {
	if name == "." {
		return t.lstatNode(".")
	}
	dir, base := path.Split(name)
	dir = strings.TrimSuffix(dir, "/")
	if dir == "" {
		return t.lstatNode(base)
	}
	resolvedDir, dn, err := t.resolve(dir)
	if err != nil {
		return node{}, err
	}
	if !dn.isDir() {
		return node{}, fs.ErrNotExist
	}
	if resolvedDir == "." {
		return t.lstatNode(base)
	}
	return t.lstatNode(resolvedDir + "/" + base)
}

// ReadLink returns the target of the symlink name.
func (t *treeFS) ReadLink(name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", pathErr("readlink", name, fs.ErrInvalid)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	n, err := t.lstatFinal(name)
	if err != nil {
		return "", pathErr("readlink", name, err)
	}
	if !n.isSymlink() {
		return "", pathErr("readlink", name, fs.ErrInvalid)
	}
	target, err := t.readBlob(n.hash)
	if err != nil {
		return "", pathErr("readlink", name, err)
	}
	return string(target), nil
}

// ReadFile returns the content of name, following symlinks inside the tree.
func (t *treeFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, pathErr("read", name, fs.ErrInvalid)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	_, n, err := t.resolve(name)
	if err != nil {
		return nil, pathErr("read", name, err)
	}
	if !n.isRegular() {
		return nil, pathErr("read", name, fmt.Errorf("not a regular file: %w", fs.ErrInvalid))
	}
	data, err := t.readBlob(n.hash)
	if err != nil {
		return nil, pathErr("read", name, err)
	}
	return data, nil
}

// ReadDir lists the directory name, sorted by file name.
func (t *treeFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, pathErr("readdir", name, fs.ErrInvalid)
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	resolved, n, err := t.resolve(name)
	if err != nil {
		return nil, pathErr("readdir", name, err)
	}
	if !n.isDir() {
		return nil, pathErr("readdir", name, fmt.Errorf("not a directory: %w", fs.ErrInvalid))
	}
	entries, err := t.readDir(resolved, n)
	if err != nil {
		return nil, pathErr("readdir", name, err)
	}
	return entries, nil
}

// readDir lists the directory at resolved (no symlinks in it). Caller holds mu.
func (t *treeFS) readDir(resolved string, n node) ([]fs.DirEntry, error) {
	dir := t.root
	if resolved != "." {
		var err error
		if dir, err = t.root.Tree(resolved); err != nil {
			return nil, err
		}
	}
	entries := make([]fs.DirEntry, 0, len(dir.Entries))
	for _, e := range dir.Entries {
		entries = append(entries, &dirEntry{fsys: t, node: node{name: e.Name, mode: e.Mode, hash: e.Hash}})
	}
	// git orders a directory "a" as "a/", so "a.py" sorts before it; fs
	// requires plain name order.
	slices.SortFunc(entries, func(a, b fs.DirEntry) int { return strings.Compare(a.Name(), b.Name()) })
	return entries, nil
}

type fileInfo struct {
	name    string
	size    int64
	mode    fs.FileMode
	modTime time.Time
}

func (fi *fileInfo) Name() string       { return fi.name }
func (fi *fileInfo) Size() int64        { return fi.size }
func (fi *fileInfo) Mode() fs.FileMode  { return fi.mode }
func (fi *fileInfo) ModTime() time.Time { return fi.modTime }
func (fi *fileInfo) IsDir() bool        { return fi.mode.IsDir() }
func (fi *fileInfo) Sys() any           { return nil }

type dirEntry struct {
	fsys *treeFS
	node node
}

func (d *dirEntry) Name() string      { return d.node.name }
func (d *dirEntry) IsDir() bool       { return d.node.isDir() }
func (d *dirEntry) Type() fs.FileMode { return fsMode(d.node.mode).Type() }

// Info loads the size lazily: listing a directory reads no blobs.
func (d *dirEntry) Info() (fs.FileInfo, error) {
	d.fsys.mu.Lock()
	defer d.fsys.mu.Unlock()
	return d.fsys.info(d.node, d.node.name)
}

type treeFile struct {
	fsys *treeFS
	info *fileInfo
	// obj is the blob Open sized the file from; the first Read reads it
	// and lets it go.
	obj    plumbing.EncodedObject
	reader *bytes.Reader // loaded on first Read
	closed bool
}

func (f *treeFile) Stat() (fs.FileInfo, error) { return f.info, nil }

func (f *treeFile) Read(p []byte) (int, error) {
	if f.closed {
		return 0, pathErr("read", f.info.name, fs.ErrClosed)
	}
	if f.reader == nil {
		f.fsys.mu.Lock()
		data, err := readObject(f.obj)
		f.fsys.mu.Unlock()
		if err != nil {
			return 0, pathErr("read", f.info.name, err)
		}
		f.obj = nil
		f.reader = bytes.NewReader(data)
	}
	return f.reader.Read(p)
}

func (f *treeFile) Close() error {
	if f.closed {
		return pathErr("close", f.info.name, fs.ErrClosed)
	}
	f.closed = true
	f.obj, f.reader = nil, nil
	return nil
}

type treeDir struct {
	info    *fileInfo
	entries []fs.DirEntry
	offset  int
}

func (d *treeDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *treeDir) Read([]byte) (int, error) {
	return 0, pathErr("read", d.info.name, errors.New("is a directory"))
}
func (d *treeDir) Close() error { return nil }

// ReadDir implements fs.ReadDirFile.
func (d *treeDir) ReadDir(count int) ([]fs.DirEntry, error) {
	rest := d.entries[d.offset:]
	if count <= 0 {
		d.offset = len(d.entries)
		return rest, nil
	}
	if len(rest) == 0 {
		return nil, io.EOF
	}
	count = min(count, len(rest))
	d.offset += count
	return rest[:count], nil
}
