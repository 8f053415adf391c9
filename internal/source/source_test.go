package source_test

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/fetch"
	"github.com/distill/distill/internal/fetch/fetchtest"
	"github.com/distill/distill/internal/source"
)

// buildTree writes a repository layout exercising every rule into dir.
func buildTree(t testing.TB, dir string) {
	w := func(rel, content string) { fetchtest.WriteFile(t, dir, rel, content) }
	ln := func(rel, target string) { fetchtest.Symlink(t, dir, rel, target) }
	w("README.md", "# outside the service\n")
	w("svc/app/main.py", "print('hi')\n")
	w("svc/app/bom.py", "\ufeffX = 1\n")
	w("svc/app/big.py", strings.Repeat("# padding\n", 200)) // 2000 bytes
	w("svc/app/blob.py", "abc\x00def")
	w("svc/app/latin1.py", "caf\xe9 = 1\n")
	w("svc/lib/shared.py", "SHARED = 1\n")
	w("svc/tests/test_main.py", "def test(): pass\n")
	w("svc/node_modules/dep/index.py", "DEP = 1\n")
	w("svc/a-b.py", "AB = 1\n")
	w("svc/a/x.py", "AX = 1\n")
	w("svc/notes.txt", "not python\n")
	ln("svc/app/alias.py", "main.py")
	ln("svc/app/chain.py", "alias.py")
	ln("svc/app/up.py", "../lib/shared.py")
	ln("svc/app/libdir", "../lib")
	ln("svc/app/via_dir.py", "libdir/shared.py")
	ln("svc/app/escape.py", "../../README.md")
	ln("svc/app/sneaky.py", "libdir/../../README.md")
	ln("svc/app/abs.py", "/etc/hostname")
	ln("svc/app/broken.py", "nope.py")
	ln("svc/app/loop1.py", "loop2.py")
	ln("svc/app/loop2.py", "loop1.py")
}

var serviceOptions = source.Options{
	Path:        "svc",
	Include:     []string{"**/*.py", "app/libdir"},
	Exclude:     []string{"tests/**", "**/node_modules/**"},
	MaxFileSize: 1000,
}

type fileText struct{ Path, Text string }

var wantFiles = []fileText{
	{"a-b.py", "AB = 1\n"},
	{"a/x.py", "AX = 1\n"},
	{"app/alias.py", "print('hi')\n"},
	{"app/bom.py", "X = 1\n"},
	{"app/chain.py", "print('hi')\n"},
	{"app/main.py", "print('hi')\n"},
	{"app/up.py", "SHARED = 1\n"},
	{"app/via_dir.py", "SHARED = 1\n"},
	{"lib/shared.py", "SHARED = 1\n"},
}

var wantSkipped = []source.Skipped{
	{Path: "app/abs.py", Reason: "symlink escapes service tree"},
	{Path: "app/big.py", Reason: "too large (2000 bytes > 1000 limit)"},
	{Path: "app/blob.py", Reason: "binary"},
	{Path: "app/broken.py", Reason: "broken symlink"},
	{Path: "app/escape.py", Reason: "symlink escapes service tree"},
	{Path: "app/latin1.py", Reason: "not UTF-8"},
	{Path: "app/libdir", Reason: "symlink to a directory (not followed)"},
	{Path: "app/loop1.py", Reason: "symlink chain too long"},
	{Path: "app/loop2.py", Reason: "symlink chain too long"},
	{Path: "app/sneaky.py", Reason: "symlink escapes service tree"},
}

// trees returns the fixture as a directory and as a fetched git tree.
func trees(t *testing.T) map[string]fs.FS {
	dir := t.TempDir()
	buildTree(t, dir)

	srv := fetchtest.NewServer(t)
	srv.AddRepo("svc", func(repo string) {
		buildTree(t, repo)
		fetchtest.Commit(t, repo, "fixture")
	})
	res, err := (&fetch.Fetcher{CacheDir: t.TempDir()}).Fetch(t.Context(), fetch.Request{Name: "svc", URL: srv.URL("svc")})
	if err != nil {
		t.Fatal(err)
	}
	return map[string]fs.FS{"os.DirFS": os.DirFS(dir), "git tree": res.Tree}
}

func TestSelect(t *testing.T) {
	for name, tree := range trees(t) {
		t.Run(name, func(t *testing.T) {
			set, err := source.Select(t.Context(), tree, serviceOptions)
			if err != nil {
				t.Fatal(err)
			}
			var got []fileText
			var total int64
			for _, f := range set.Files {
				got = append(got, fileText{f.Path, string(f.Data)})
				total += int64(len(f.Data))
			}
			if diff := cmp.Diff(wantFiles, got); diff != "" {
				t.Errorf("files (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(wantSkipped, set.Skipped); diff != "" {
				t.Errorf("skipped (-want +got):\n%s", diff)
			}
			if set.Bytes != total {
				t.Errorf("Bytes = %d, want %d", set.Bytes, total)
			}

			again, err := source.Select(t.Context(), tree, serviceOptions)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(set, again); diff != "" {
				t.Errorf("second selection differs:\n%s", diff)
			}
		})
	}
}

func TestSelectOptions(t *testing.T) {
	tests := []struct {
		name      string
		opt       source.Options
		wantPaths []string
		wantErr   string
	}{
		{name: "no include takes every file, no limit", opt: source.Options{Path: "svc/lib"}, wantPaths: []string{"shared.py"}},
		{name: "root with include", opt: source.Options{Path: ".", Include: []string{"*.md"}}, wantPaths: []string{"README.md"}},
		{name: "empty path is the root", opt: source.Options{Include: []string{"svc/a/*.py"}}, wantPaths: []string{"svc/a/x.py"}},
		{name: "exclude wins over include", opt: source.Options{Path: "svc", Include: []string{"a*.py", "a/**"}, Exclude: []string{"a/**"}}, wantPaths: []string{"a-b.py"}},
		{name: "text files only", opt: source.Options{Path: "svc", Include: []string{"*.txt"}}, wantPaths: []string{"notes.txt"}},
		{name: "missing service path", opt: source.Options{Path: "services/api"}, wantErr: `service path "services/api" does not exist`},
		{name: "service path is a file", opt: source.Options{Path: "README.md"}, wantErr: "not a directory"},
		{name: "service path through a symlink", opt: source.Options{Path: "svc/app/libdir"}, wantErr: "is a symlink"},
		{name: "service path escaping", opt: source.Options{Path: "../x"}, wantErr: "must be relative"},
		{name: "invalid pattern", opt: source.Options{Path: "svc", Include: []string{"a**b"}}, wantErr: `include pattern "a**b"`},
	}
	for name, tree := range trees(t) {
		for _, tc := range tests {
			t.Run(name+"/"+tc.name, func(t *testing.T) {
				set, err := source.Select(t.Context(), tree, tc.opt)
				if tc.wantErr != "" {
					if err == nil || !strings.Contains(err.Error(), tc.wantErr) {
						t.Fatalf("err = %v, want one containing %q", err, tc.wantErr)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				var got []string
				for _, f := range set.Files {
					got = append(got, f.Path)
				}
				if diff := cmp.Diff(tc.wantPaths, got); diff != "" {
					t.Errorf("paths (-want +got):\n%s", diff)
				}
			})
		}
	}
}

func TestSelectCancelled(t *testing.T) {
	dir := t.TempDir()
	buildTree(t, dir)
	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	_, err := source.Select(ctx, os.DirFS(dir), serviceOptions)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestSelectSymlinkWithoutReadLinkFS(t *testing.T) {
	// An fs.FS without ReadLink cannot resolve links: they are reported,
	// never followed blindly.
	dir := t.TempDir()
	buildTree(t, dir)
	set, err := source.Select(t.Context(), noLinks{os.DirFS(dir)}, source.Options{Path: "svc/app", Include: []string{"alias.py", "main.py"}})
	if err != nil {
		t.Fatal(err)
	}
	if len(set.Files) != 1 || set.Files[0].Path != "main.py" {
		t.Errorf("files = %+v, want only main.py", set.Files)
	}
	if len(set.Skipped) != 1 || set.Skipped[0].Path != "alias.py" || set.Skipped[0].Reason != source.ReasonLinkNoFS {
		t.Errorf("skipped = %+v, want alias.py: %s", set.Skipped, source.ReasonLinkNoFS)
	}
}

// noLinks hides the ReadLinkFS methods of the wrapped FS.
type noLinks struct{ fsys fs.FS }

func (n noLinks) Open(name string) (fs.File, error) { return n.fsys.Open(name) }

func TestBuildTreeMatchesDisk(t *testing.T) {
	// Guard the fixture itself: the symlinks are really symlinks on disk.
	dir := t.TempDir()
	buildTree(t, dir)
	fi, err := os.Lstat(filepath.Join(dir, "svc", "app", "libdir"))
	if err != nil || fi.Mode()&os.ModeSymlink == 0 {
		t.Fatalf("svc/app/libdir is not a symlink: %v %v", fi, err)
	}
}

// TestOddNamesAndDeclaredEncodings: a file name with a newline is skipped
// with an escaped note, never failing the service; a Python file that
// declares its encoding (PEP 263) is decoded to UTF-8, not skipped.
func TestOddNamesAndDeclaredEncodings(t *testing.T) {
	tree := fstest.MapFS{
		"svc/ok.py":             {Data: []byte("X = 1\n")},
		"svc/bad\nname.py":      {Data: []byte("Y = 2\n")},
		"svc/tab\tname.py":      {Data: []byte("Z = 3\n")},
		"svc/latin.py":          {Data: []byte("# -*- coding: latin-1 -*-\nNAME = 'caf\xe9'\n")},
		"svc/second_line.py":    {Data: []byte("#!/usr/bin/env python\n# vim: set fileencoding=cp1252 :\nQUOTE = '\x93hi\x94'\n")},
		"svc/undeclared.py":     {Data: []byte("NAME = 'caf\xe9'\n")},
		"svc/late_decl.py":      {Data: []byte("X = 1\n# coding: latin-1\nNAME = 'caf\xe9'\n")},
		"svc/declared_utf8.py":  {Data: []byte("# coding: utf-8\nNAME = 'caf\xe9'\n")},
		"svc/notpython.txt":     {Data: []byte("# coding: latin-1\ncaf\xe9\n")},
		"svc/unknown_coding.py": {Data: []byte("# coding: klingon-8\ncaf\xe9\n")},
	}
	set, err := source.Select(context.Background(), tree, source.Options{Path: "svc"})
	if err != nil {
		t.Fatalf("Select: %v", err)
	}
	files := map[string]string{}
	for _, f := range set.Files {
		files[f.Path] = string(f.Data)
	}
	if got := files["latin.py"]; !strings.Contains(got, "NAME = 'café'") {
		t.Errorf("latin.py = %q, want it decoded from latin-1", got)
	}
	if got := files["second_line.py"]; !strings.Contains(got, "QUOTE = '\u201chi\u201d'") {
		t.Errorf("second_line.py = %q, want it decoded from cp1252", got)
	}
	var skipped []string
	for _, s := range set.Skipped {
		skipped = append(skipped, s.Path+": "+s.Reason)
	}
	want := []string{
		`bad\nname.py: ` + source.ReasonOddName,
		"declared_utf8.py: " + source.ReasonNotUTF8,
		"late_decl.py: " + source.ReasonNotUTF8,
		"notpython.txt: " + source.ReasonNotUTF8,
		`tab\tname.py: ` + source.ReasonOddName,
		"undeclared.py: " + source.ReasonNotUTF8,
		"unknown_coding.py: " + source.ReasonNotUTF8,
	}
	if diff := cmp.Diff(want, skipped); diff != "" {
		t.Errorf("skipped (-want +got):\n%s", diff)
	}
	for _, s := range skipped {
		if strings.ContainsAny(s, "\n\t") {
			t.Errorf("a skipped note holds a raw control character: %q", s)
		}
	}
}

// lookupCounter counts the lookups of a file's path (Stat and Open) that
// a tree is asked for; directories are not counted.
type lookupCounter struct {
	files        fstest.MapFS
	stats, opens int
}

func (c *lookupCounter) Stat(name string) (fs.FileInfo, error) {
	if _, ok := c.files[name]; ok {
		c.stats++
	}
	return fs.Stat(c.files, name)
}

func (c *lookupCounter) Open(name string) (fs.File, error) {
	if _, ok := c.files[name]; ok {
		c.opens++
	}
	return c.files.Open(name)
}

func (c *lookupCounter) ReadDir(name string) ([]fs.DirEntry, error) { return c.files.ReadDir(name) }

// TestSelectLooksUpEachFileOnce: a file is opened and its size asked of
// the open file, so a git tree finds its path and blob once, not twice.
func TestSelectLooksUpEachFileOnce(t *testing.T) {
	cases := []struct {
		name    string
		files   fstest.MapFS
		maxSize int64
		read    int
	}{
		{"read", fstest.MapFS{"a.py": {Data: []byte("x = 1\n")}, "pkg/b.py": {Data: []byte("y = 2\n")}}, 0, 2},
		{"too large", fstest.MapFS{"a.py": {Data: []byte("x = 1\n")}, "big.py": {Data: make([]byte, 64)}}, 32, 1},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tree := &lookupCounter{files: tc.files}
			set, err := source.Select(context.Background(), tree, source.Options{MaxFileSize: tc.maxSize})
			if err != nil {
				t.Fatal(err)
			}
			if len(set.Files) != tc.read {
				t.Errorf("read %d files, want %d", len(set.Files), tc.read)
			}
			if tree.stats != 0 || tree.opens != len(tc.files) {
				t.Errorf("%d files: %d Stat and %d Open of a file, want none and one each", len(tc.files), tree.stats, tree.opens)
			}
		})
	}
}
