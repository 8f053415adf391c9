package outstore

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func write(t *testing.T, dir, rel, text string) {
	t.Helper()
	p := filepath.Join(dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
}

func read(t *testing.T, dir, rel string) string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, filepath.FromSlash(rel)))
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

// TestPushPullRoundTrip: a real file:// bucket on disk. What one machine
// pushes, another (another cache) pulls whole; a second push copies only
// what changed and deletes what the output no longer holds; the lock file
// stays local.
func TestPushPullRoundTrip(t *testing.T) {
	ctx := context.Background()
	url := "file://" + filepath.ToSlash(t.TempDir())
	a, err := Open(ctx, url, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	if st, err := a.Pull(ctx); err != nil || st != (Stats{}) {
		t.Fatalf("pull of an empty bucket: %+v, %v", st, err)
	}
	write(t, a.Local, "specs/r/s.allium", "-- allium: 3\n")
	write(t, a.Local, ".distill/state.json", "{}")
	write(t, a.Local, "run.json", `{"ok":1}`)
	write(t, a.Local, ".distill.lock", "")
	if st, err := a.Push(ctx); err != nil || st.Copied != 3 || st.Deleted != 0 {
		t.Fatalf("first push: %+v, %v", st, err)
	}

	b, err := Open(ctx, url, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if st, err := b.Pull(ctx); err != nil || st.Copied != 3 {
		t.Fatalf("pull on a fresh machine: %+v, %v", st, err)
	}
	if got := read(t, b.Local, ".distill/state.json"); got != "{}" {
		t.Errorf("state did not travel: %q", got)
	}
	if _, err := os.Stat(filepath.Join(b.Local, ".distill.lock")); !os.IsNotExist(err) {
		t.Errorf("the lock file was pushed: %v", err)
	}

	// The next output changes one file, adds one and drops one.
	write(t, b.Local, "run.json", `{"ok":2}`)
	write(t, b.Local, "specs/r/t.allium", "-- allium: 3\n")
	if err := os.Remove(filepath.Join(b.Local, "specs/r/s.allium")); err != nil {
		t.Fatal(err)
	}
	if st, err := b.Push(ctx); err != nil || st.Copied != 2 || st.Unchanged != 1 || st.Deleted != 1 {
		t.Fatalf("second push: %+v, %v", st, err)
	}
	if st, err := a.Pull(ctx); err != nil || st.Copied != 2 || st.Unchanged != 1 || st.Deleted != 1 {
		t.Fatalf("pull of the change: %+v, %v", st, err)
	}
	if got := read(t, a.Local, "run.json"); got != `{"ok":2}` {
		t.Errorf("run.json = %q after pull", got)
	}
	if _, err := os.Stat(filepath.Join(a.Local, "specs/r/s.allium")); !os.IsNotExist(err) {
		t.Errorf("a spec the bucket no longer holds stayed in the mirror: %v", err)
	}
}

// TestMirrorPerURL: two buckets never share a mirror.
func TestMirrorPerURL(t *testing.T) {
	ctx := context.Background()
	cache := t.TempDir()
	a, err := Open(ctx, "mem://one", cache)
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := Open(ctx, "mem://two", cache)
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if a.Local == b.Local {
		t.Errorf("both buckets mirror into %s", a.Local)
	}
}

func TestKeysOutsideTheOutputRefused(t *testing.T) {
	m := &Mirror{url: "mem://x", Local: t.TempDir()}
	for _, key := range []string{"../x", "a/../../x", "/etc/passwd", "a//b"} {
		if _, err := m.localPath(key); err == nil {
			t.Errorf("key %q accepted", key)
		}
	}
	if p, err := m.localPath("specs/a/b.allium"); err != nil || !strings.HasPrefix(p, m.Local) {
		t.Errorf("plain key: %q, %v", p, err)
	}
}

// TestOpenErrorsHideCredentials: a bucket that cannot be opened is named
// redacted, and a build without the cloud drivers says how to get them.
func TestOpenErrorsHideCredentials(t *testing.T) {
	_, err := Open(context.Background(), "s3://bucket/prefix?endpoint=http://u:hunter22@host&secret_key=hunter22", t.TempDir())
	if err == nil {
		t.Fatal("opened an s3 bucket with no credentials and no server")
	}
	if strings.Contains(err.Error(), "hunter22") {
		t.Errorf("error shows the secret: %v", err)
	}
	if !cloudDrivers && !strings.Contains(err.Error(), "-tags cloud") {
		t.Errorf("error does not say how to get the s3 driver: %v", err)
	}
	if !IsURL("gs://b") || !IsURL("file:///x") || IsURL("out") || IsURL("/srv/out") {
		t.Error("IsURL misreads")
	}
}
