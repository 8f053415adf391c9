package fetch

import (
	"io"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/storage/memory"
)

// blobCounter counts the blob lookups of an object store: each one may
// decode the blob (a delta, a small packed object).
type blobCounter struct {
	storer.EncodedObjectStorer
	blobs int
}

func (c *blobCounter) EncodedObject(t plumbing.ObjectType, h plumbing.Hash) (plumbing.EncodedObject, error) {
	if t == plumbing.BlobObject {
		c.blobs++
	}
	return c.EncodedObjectStorer.EncodedObject(t, h)
}

// storeObject encodes o into st and returns its hash.
func storeObject(t *testing.T, st *memory.Storage, o interface {
	Encode(plumbing.EncodedObject) error
}) plumbing.Hash {
	t.Helper()
	obj := st.NewEncodedObject()
	if err := o.Encode(obj); err != nil {
		t.Fatal(err)
	}
	h, err := st.SetEncodedObject(obj)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// storeBlob writes data into st as a blob and returns its hash.
func storeBlob(t *testing.T, st *memory.Storage, data string) plumbing.Hash {
	t.Helper()
	obj := st.NewEncodedObject()
	obj.SetType(plumbing.BlobObject)
	w, err := obj.Writer()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.WriteString(w, data); err != nil {
		t.Fatal(err)
	}
	w.Close()
	h, err := st.SetEncodedObject(obj)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// TestTreeFSReadsEachBlobOnce: opening a file, asking its size and
// reading it looks its blob up once (Open sizes the file from the object
// that Read then reads), not once for the size and again for the content.
func TestTreeFSReadsEachBlobOnce(t *testing.T) {
	st := memory.NewStorage()
	a := storeBlob(t, st, "A = 1\n")
	b := storeBlob(t, st, "B = 2\n")
	link := storeBlob(t, st, "a.py")
	sub := storeObject(t, st, &object.Tree{Entries: []object.TreeEntry{{Name: "b.py", Mode: filemode.Regular, Hash: b}}})
	root := storeObject(t, st, &object.Tree{Entries: []object.TreeEntry{
		{Name: "a.py", Mode: filemode.Regular, Hash: a},
		{Name: "link.py", Mode: filemode.Symlink, Hash: link},
		{Name: "pkg", Mode: filemode.Dir, Hash: sub},
	}})
	sig := object.Signature{Name: "t", Email: "t@example.com", When: time.Unix(0, 0)}
	commitHash := storeObject(t, st, &object.Commit{TreeHash: root, Author: sig, Committer: sig, Message: "x"})

	cases := []struct {
		path    string
		want    string
		lookups int // the link's own blob is read to follow it
	}{
		{"a.py", "A = 1\n", 1},
		{"pkg/b.py", "B = 2\n", 1},
		{"link.py", "A = 1\n", 2},
	}
	for _, tc := range cases {
		t.Run(tc.path, func(t *testing.T) {
			counter := &blobCounter{EncodedObjectStorer: st}
			commit, err := object.GetCommit(counter, commitHash)
			if err != nil {
				t.Fatal(err)
			}
			tree, err := newTreeFS(counter, commit)
			if err != nil {
				t.Fatal(err)
			}
			f, err := tree.Open(tc.path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			fi, err := f.Stat()
			if err != nil {
				t.Fatal(err)
			}
			data, err := io.ReadAll(f)
			if err != nil {
				t.Fatal(err)
			}
			if string(data) != tc.want || fi.Size() != int64(len(tc.want)) {
				t.Errorf("read %q (size %d), want %q", data, fi.Size(), tc.want)
			}
			if counter.blobs != tc.lookups {
				t.Errorf("%d blob lookups, want %d", counter.blobs, tc.lookups)
			}
		})
	}
}
