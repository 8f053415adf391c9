package source

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/distill/distill/internal/manifest"
)

// Options says which files of a tree belong to a service.
type Options struct {
	Path        string   // service directory inside the tree, slash-separated; "" or "." for the root
	Include     []string // globs relative to Path (manifest syntax); none = every file
	Exclude     []string // globs relative to Path; a directory matching one is not descended
	MaxFileSize int64    // bytes; <= 0 = no limit
}

// File is one selected file.
type File struct {
	Path string // relative to the service directory, slash-separated
	Data []byte // UTF-8 text without a byte order mark
}

// Skipped is a file that matched the globs but was not read.
type Skipped struct {
	Path   string // relative to the service directory, control characters escaped (EscapeName)
	Reason string
}

// Set is a service's selected files, sorted by path.
type Set struct {
	Files   []File
	Skipped []Skipped // sorted by path
	Bytes   int64     // total size of Files' data
}

// Reasons for skipping a file (ReasonTooLarge is a prefix: the message
// carries the sizes).
const (
	ReasonTooLarge    = "too large"
	ReasonBinary      = "binary"
	ReasonNotUTF8     = "not UTF-8"
	ReasonLinkEscapes = "symlink escapes service tree"
	ReasonLinkBroken  = "broken symlink"
	ReasonLinkTooDeep = "symlink chain too long"
	ReasonLinkToDir   = "symlink to a directory (not followed)"
	ReasonNotRegular  = "not a regular file"
	ReasonLinkNoFS    = "symlink (the file system cannot read links)"
)

const (
	maxLinkHops       = 8
	binarySniffLength = 8000 // as git does: a NUL byte in the first 8000 bytes means binary
	byteOrderMarkUTF8 = "\xef\xbb\xbf"
)

// Select walks the service directory opt.Path of tree and returns its files.
// tree should implement fs.ReadLinkFS for symlinks to be followed (os.DirFS
// and fetch's trees do); without it, symlinks are skipped with
// ReasonLinkNoFS, never followed blindly.
func Select(ctx context.Context, tree fs.FS, opt Options) (*Set, error) {
	root, err := serviceRoot(tree, opt.Path)
	if err != nil {
		return nil, err
	}
	include, err := compileGlobs("include", opt.Include)
	if err != nil {
		return nil, err
	}
	exclude, err := compileGlobs("exclude", opt.Exclude)
	if err != nil {
		return nil, err
	}

	s := &selector{tree: tree, root: root, include: include, exclude: exclude, maxSize: opt.MaxFileSize}
	set := &Set{}
	err = fs.WalkDir(tree, root, func(full string, d fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return ctxErr
		}
		if err != nil {
			return fmt.Errorf("walk %s: %w", full, err)
		}
		rel := relative(root, full)
		if d.IsDir() {
			if rel != "." && matchAny(exclude, rel) {
				return fs.SkipDir
			}
			return nil
		}
		if matchAny(exclude, rel) || (len(include) > 0 && !matchAny(include, rel)) {
			return nil
		}
		if strings.ContainsFunc(rel, oddRune) {
			set.Skipped = append(set.Skipped, Skipped{Path: EscapeName(rel), Reason: ReasonOddName})
			return nil
		}
		data, reason, err := s.read(rel, d)
		switch {
		case err != nil:
			return err
		case reason != "":
			set.Skipped = append(set.Skipped, Skipped{Path: rel, Reason: reason})
		default:
			set.Files = append(set.Files, File{Path: rel, Data: data})
			set.Bytes += int64(len(data))
		}
		return nil
	})
	if err != nil {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return nil, fmt.Errorf("select files of %s: %w", displayPath(opt.Path), ctxErr)
		}
		return nil, fmt.Errorf("select files of %s: %w", displayPath(opt.Path), err)
	}
	// WalkDir orders names within a directory, which is not the order of
	// whole paths ("a/x" vs "a-b"); sort for deterministic output.
	slices.SortFunc(set.Files, func(a, b File) int { return strings.Compare(a.Path, b.Path) })
	slices.SortFunc(set.Skipped, func(a, b Skipped) int { return strings.Compare(a.Path, b.Path) })
	return set, nil
}

func displayPath(p string) string {
	if p == "" {
		return "."
	}
	return p
}

// serviceRoot checks that p names a directory of the tree reached without
// symlinks (a linked service directory could lead anywhere).
func serviceRoot(tree fs.FS, p string) (string, error) {
	if p == "" {
		p = "."
	}
	clean := path.Clean(p)
	if !fs.ValidPath(clean) {
		return "", fmt.Errorf("service path %q: must be relative to the repository root, without ..", p)
	}
	if clean == "." {
		return clean, nil
	}
	parts := strings.Split(clean, "/")
	for i := range parts {
		prefix := strings.Join(parts[:i+1], "/")
		fi, err := fs.Lstat(tree, prefix)
		if errors.Is(err, fs.ErrNotExist) {
			return "", fmt.Errorf("service path %q does not exist in the tree", p)
		}
		if err != nil {
			return "", fmt.Errorf("service path %q: %w", p, err)
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			return "", fmt.Errorf("service path %q: %s is a symlink, which is not followed", p, prefix)
		}
		if !fi.IsDir() {
			return "", fmt.Errorf("service path %q: %s is not a directory", p, prefix)
		}
	}
	return clean, nil
}

func compileGlobs(kind string, patterns []string) ([]*manifest.Glob, error) {
	globs := make([]*manifest.Glob, 0, len(patterns))
	for _, p := range patterns {
		g, err := manifest.CompileGlob(p)
		if err != nil {
			return nil, fmt.Errorf("%s pattern %q: %w", kind, p, err)
		}
		globs = append(globs, g)
	}
	return globs, nil
}

func matchAny(globs []*manifest.Glob, rel string) bool {
	for _, g := range globs {
		if g.Match(rel) {
			return true
		}
	}
	return false
}

func relative(root, full string) string {
	if root == "." {
		return full
	}
	if full == root {
		return "."
	}
	return strings.TrimPrefix(full, root+"/")
}

type selector struct {
	tree             fs.FS
	root             string
	include, exclude []*manifest.Glob
	maxSize          int64
}

func (s *selector) full(rel string) string {
	if s.root == "." {
		return rel
	}
	return s.root + "/" + rel
}

// read returns the text of the file at rel, or why it is skipped. err is
// reserved for failures of the tree itself.
func (s *selector) read(rel string, d fs.DirEntry) (data []byte, reason string, err error) {
	target := rel
	switch {
	case d.Type()&fs.ModeSymlink != 0:
		var why string
		target, why, err = s.resolveLink(rel)
		if err != nil || why != "" {
			return nil, why, err
		}
	case !d.Type().IsRegular():
		return nil, ReasonNotRegular, nil
	}

	full := s.full(target)
	// The open file is asked its size, not the tree: a git tree finds the
	// path and the blob's header once per lookup, and a service reads
	// every one of its files.
	f, err := s.tree.Open(full)
	if err != nil {
		return nil, "", fmt.Errorf("open %s: %w", full, err)
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, "", fmt.Errorf("stat %s: %w", full, err)
	}
	if s.maxSize > 0 && fi.Size() > s.maxSize {
		return nil, tooLarge(fi.Size(), s.maxSize), nil
	}
	var r io.Reader = f
	if s.maxSize > 0 {
		// The file may have grown since Stat (a live directory).
		r = io.LimitReader(f, s.maxSize+1)
	}
	// Room for the size Stat gave, and bytes.MinRead over it, so that the
	// read of a file that has not changed allocates once, and the text
	// kept until the file is parsed holds no growth slack: io.ReadAll's
	// doubling allocated 2.3 times the source of a large service and kept
	// up to twice its size.
	buf := bytes.NewBuffer(make([]byte, 0, fi.Size()+bytes.MinRead))
	_, err = buf.ReadFrom(r)
	data = buf.Bytes()
	if err != nil {
		return nil, "", fmt.Errorf("read %s: %w", full, err)
	}
	if s.maxSize > 0 && int64(len(data)) > s.maxSize {
		return nil, tooLarge(int64(len(data)), s.maxSize), nil
	}
	if bytes.IndexByte(data[:min(len(data), binarySniffLength)], 0) >= 0 {
		return nil, ReasonBinary, nil
	}
	data = bytes.TrimPrefix(data, []byte(byteOrderMarkUTF8))
	if !utf8.Valid(data) {
		if decoded, ok := decodeDeclared(rel, data); ok {
			return decoded, "", nil
		}
		return nil, ReasonNotUTF8, nil
	}
	return data, "", nil
}

func tooLarge(size, limit int64) string {
	return fmt.Sprintf("%s (%d bytes > %d limit)", ReasonTooLarge, size, limit)
}

// resolveLink follows the symlink at rel (relative to the service root)
// component by component, never leaving the service directory, and returns
// the path of the regular file it leads to, or why it is not followed.
// Resolving each component (rather than handing the joined path to the
// file system) keeps a link through a linked directory from escaping.
func (s *selector) resolveLink(rel string) (target, reason string, err error) {
	if _, ok := s.tree.(fs.ReadLinkFS); !ok {
		// fs.Lstat would fall back to Stat and follow the link unchecked.
		return "", ReasonLinkNoFS, nil
	}
	pending := strings.Split(rel, "/")
	var done []string
	hops := 0
	for len(pending) > 0 {
		name := pending[0]
		pending = pending[1:]
		switch name {
		case "", ".":
			continue
		case "..":
			if len(done) == 0 {
				return "", ReasonLinkEscapes, nil
			}
			done = done[:len(done)-1]
			continue
		}
		candidate := path.Join(append(slices.Clone(done), name)...)
		fi, err := fs.Lstat(s.tree, s.full(candidate))
		if errors.Is(err, fs.ErrNotExist) {
			return "", ReasonLinkBroken, nil
		}
		if err != nil {
			return "", "", fmt.Errorf("lstat %s: %w", s.full(candidate), err)
		}
		if fi.Mode()&fs.ModeSymlink != 0 {
			hops++
			if hops > maxLinkHops {
				return "", ReasonLinkTooDeep, nil
			}
			link, err := fs.ReadLink(s.tree, s.full(candidate))
			if err != nil {
				return "", ReasonLinkBroken, nil
			}
			if strings.HasPrefix(link, "/") || path.IsAbs(link) {
				return "", ReasonLinkEscapes, nil
			}
			// The target is relative to the link's directory, which is done.
			pending = append(strings.Split(link, "/"), pending...)
			continue
		}
		if len(pending) > 0 && !fi.IsDir() {
			return "", ReasonLinkBroken, nil
		}
		if len(pending) == 0 {
			if fi.IsDir() {
				return "", ReasonLinkToDir, nil
			}
			if !fi.Mode().IsRegular() {
				return "", ReasonNotRegular, nil
			}
		}
		done = append(done, name)
	}
	if len(done) == 0 {
		return "", ReasonLinkToDir, nil // the link named the service root
	}
	return path.Join(done...), "", nil
}
