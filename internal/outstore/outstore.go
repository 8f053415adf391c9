// Package outstore keeps a run's output in object storage: a bucket URL
// (s3://, gs://, azblob://, file://, mem://) given where a directory is
// expected.
//
// The pipeline itself only ever writes a local directory, with its
// generation swap, lock and incremental state (internal/pipeline). A
// bucket output is that directory mirrored: Pull brings the bucket's
// objects into a local mirror under the clone cache before the run (so a
// fresh machine, a new pod, reuses last night's state and keeps the last
// good specs of repositories that fail), the run works on the mirror, and
// Push sends back what changed afterwards. Each object is written whole or
// not at all (the drivers commit an object when its writer closes); run.json
// goes last, so a reader that finds a run record finds the files it lists.
// Objects the new output no longer holds are deleted after that.
package outstore

import (
	"context"
	"crypto/md5"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"maps"
	"os"
	"path"
	"path/filepath"
	"slices"
	"sort"
	"strings"

	"gocloud.dev/blob"
	// The drivers every build has; s3, gs and azblob are in drivers_cloud.go.
	_ "gocloud.dev/blob/fileblob"
	_ "gocloud.dev/blob/memblob"

	"github.com/distill/distill/internal/atomicfile"
	"github.com/distill/distill/internal/redact"
)

// schemes are the URL schemes read as buckets.
var schemes = []string{"s3://", "gs://", "azblob://", "file://", "mem://"}

// IsURL reports whether out names a bucket rather than a directory.
func IsURL(out string) bool {
	for _, s := range schemes {
		if strings.HasPrefix(out, s) {
			return true
		}
	}
	return false
}

// lastKey is written after every other object: the run record.
const lastKey = "run.json"

// skip reports whether a path of the local mirror (slash-separated,
// relative) stays local: the lock file of the output directory.
func skip(rel string) bool { return rel == ".distill.lock" }

// Mirror is a bucket output and its local copy.
type Mirror struct {
	url    string // redacted, for messages
	bucket *blob.Bucket
	// Local is the directory the pipeline writes: a mirror of the bucket
	// under the cache directory, one per bucket URL.
	Local string
}

// Open opens the bucket at rawURL and names its local mirror under
// cacheDir. Credentials come from the environment, as each driver reads
// them (AWS_*, GOOGLE_APPLICATION_CREDENTIALS, AZURE_*); none belong in
// the URL, and errors carry it redacted.
func Open(ctx context.Context, rawURL, cacheDir string) (*Mirror, error) {
	shown := redact.URL(rawURL)
	b, err := blob.OpenBucket(ctx, rawURL)
	if err != nil {
		if !cloudDrivers && !strings.HasPrefix(rawURL, "file://") && !strings.HasPrefix(rawURL, "mem://") {
			return nil, fmt.Errorf("output bucket %s: this distill was built without the cloud drivers (build with -tags cloud): %w", shown, scrub(err, rawURL))
		}
		return nil, fmt.Errorf("output bucket %s: %w", shown, scrub(err, rawURL))
	}
	sum := sha256.Sum256([]byte(rawURL))
	local := filepath.Join(cacheDir, "outputs", hex.EncodeToString(sum[:8]))
	if err := os.MkdirAll(filepath.Dir(local), 0o755); err != nil {
		b.Close()
		return nil, fmt.Errorf("output bucket %s: local mirror: %w", shown, err)
	}
	return &Mirror{url: shown, bucket: b, Local: local}, nil
}

// Close closes the bucket.
func (m *Mirror) Close() error { return m.bucket.Close() }

// Stats counts what a Pull or Push moved.
type Stats struct {
	Copied, Unchanged, Deleted int
	Bytes                      int64
}

// object is one bucket object as listed.
type object struct {
	size int64
	md5  []byte // nil when the driver does not report one
}

func (m *Mirror) list(ctx context.Context) (map[string]object, error) {
	out := map[string]object{}
	it := m.bucket.List(nil)
	for {
		o, err := it.Next(ctx)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, fmt.Errorf("output bucket %s: list: %w", m.url, err)
		}
		if !o.IsDir {
			out[o.Key] = object{size: o.Size, md5: o.MD5}
		}
	}
}

// sides lists both sides of the mirror: the bucket's objects and the local
// files with their MD5 sums.
func (m *Mirror) sides(ctx context.Context) (map[string]object, map[string][]byte, error) {
	remote, err := m.list(ctx)
	if err != nil {
		return nil, nil, err
	}
	local, err := m.localFiles()
	if err != nil {
		return nil, nil, err
	}
	return remote, local, nil
}

// localFiles lists the mirror's files (slash-separated, relative) with
// their MD5 sums.
func (m *Mirror) localFiles() (map[string][]byte, error) {
	out := map[string][]byte{}
	err := filepath.WalkDir(m.Local, func(p string, d fs.DirEntry, err error) error {
		if errors.Is(err, fs.ErrNotExist) && p == m.Local {
			return filepath.SkipDir
		}
		if err != nil || d.IsDir() || !d.Type().IsRegular() {
			return err
		}
		rel, err := filepath.Rel(m.Local, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if skip(rel) {
			return nil
		}
		sum, err := fileMD5(p)
		if err != nil {
			return err
		}
		out[rel] = sum
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("output bucket %s: local mirror: %w", m.url, err)
	}
	return out, nil
}

func fileMD5(p string) ([]byte, error) {
	f, err := os.Open(p)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	h := md5.New()
	if _, err := io.Copy(h, f); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

// same reports whether a local file with sum is the object o: by MD5 when
// the driver reports one, else never (the object is copied again).
func same(sum []byte, o object) bool {
	return o.md5 != nil && string(sum) == string(o.md5)
}

// Pull makes the local mirror equal to the bucket: objects missing or
// different locally are downloaded (each file written atomically), local
// files the bucket does not hold are removed. An empty bucket leaves an
// empty mirror: the first run.
func (m *Mirror) Pull(ctx context.Context) (Stats, error) {
	var st Stats
	remote, local, err := m.sides(ctx)
	if err != nil {
		return st, err
	}
	for _, key := range slices.Sorted(maps.Keys(remote)) {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		o := remote[key]
		if sum, ok := local[key]; ok && same(sum, o) {
			st.Unchanged++
			continue
		}
		dst, err := m.localPath(key)
		if err != nil {
			return st, err
		}
		data, err := m.bucket.ReadAll(ctx, key)
		if err != nil {
			return st, fmt.Errorf("output bucket %s: read %s: %w", m.url, key, err)
		}
		if err := os.MkdirAll(filepath.Dir(dst), 0o755); err != nil {
			return st, fmt.Errorf("output bucket %s: %w", m.url, err)
		}
		if err := atomicfile.WriteFile(dst, data, 0o644); err != nil {
			return st, fmt.Errorf("output bucket %s: %w", m.url, err)
		}
		st.Copied++
		st.Bytes += int64(len(data))
	}
	for _, rel := range slices.Sorted(maps.Keys(local)) {
		if _, ok := remote[rel]; ok {
			continue
		}
		if err := os.Remove(filepath.Join(m.Local, filepath.FromSlash(rel))); err != nil {
			return st, fmt.Errorf("output bucket %s: local mirror: %w", m.url, err)
		}
		st.Deleted++
	}
	return st, nil
}

// Push makes the bucket equal to the local mirror: changed and new files
// are uploaded, run.json last, then objects the mirror no longer holds are
// deleted.
func (m *Mirror) Push(ctx context.Context) (Stats, error) {
	var st Stats
	remote, local, err := m.sides(ctx)
	if err != nil {
		return st, err
	}
	keys := slices.Sorted(maps.Keys(local))
	sort.SliceStable(keys, func(i, j int) bool { return keys[j] == lastKey && keys[i] != lastKey })
	for _, rel := range keys {
		if err := ctx.Err(); err != nil {
			return st, err
		}
		if o, ok := remote[rel]; ok && same(local[rel], o) {
			st.Unchanged++
			continue
		}
		n, err := m.upload(ctx, rel, local[rel])
		if err != nil {
			return st, err
		}
		st.Copied++
		st.Bytes += n
	}
	for _, key := range slices.Sorted(maps.Keys(remote)) {
		if _, ok := local[key]; ok || skip(key) {
			continue
		}
		if err := m.bucket.Delete(ctx, key); err != nil {
			return st, fmt.Errorf("output bucket %s: delete %s: %w", m.url, key, err)
		}
		st.Deleted++
	}
	return st, nil
}

// upload writes one file as one object; the driver commits it when the
// writer closes, so a reader never sees part of it.
func (m *Mirror) upload(ctx context.Context, rel string, sum []byte) (int64, error) {
	f, err := os.Open(filepath.Join(m.Local, filepath.FromSlash(rel)))
	if err != nil {
		return 0, fmt.Errorf("output bucket %s: %w", m.url, err)
	}
	defer f.Close()
	wctx, cancel := context.WithCancel(ctx)
	defer cancel()
	w, err := m.bucket.NewWriter(wctx, rel, &blob.WriterOptions{ContentMD5: sum, ContentType: contentType(rel)})
	if err != nil {
		return 0, fmt.Errorf("output bucket %s: write %s: %w", m.url, rel, err)
	}
	n, err := io.Copy(w, f)
	if err != nil {
		// Cancelling before Close abandons the object.
		cancel()
		w.Close()
		return 0, fmt.Errorf("output bucket %s: write %s: %w", m.url, rel, err)
	}
	if err := w.Close(); err != nil {
		return 0, fmt.Errorf("output bucket %s: write %s: %w", m.url, rel, err)
	}
	return n, nil
}

// localPath maps an object key into the mirror, refusing keys that would
// land outside it.
func (m *Mirror) localPath(key string) (string, error) {
	clean := path.Clean(key)
	if clean != key || strings.HasPrefix(clean, "../") || clean == ".." || path.IsAbs(clean) {
		return "", fmt.Errorf("output bucket %s: object key %q does not name a file inside the output", m.url, key)
	}
	return filepath.Join(m.Local, filepath.FromSlash(clean)), nil
}

func contentType(key string) string {
	switch path.Ext(key) {
	case ".json":
		return "application/json"
	case ".md":
		return "text/markdown; charset=utf-8"
	case ".allium", ".txt", ".yaml":
		return "text/plain; charset=utf-8"
	case ".parquet":
		return "application/vnd.apache.parquet"
	}
	return "application/octet-stream"
}

// scrub replaces rawURL by its redacted form in a driver's error text,
// which may quote the URL it was given.
func scrub(err error, rawURL string) error {
	shown := redact.URL(rawURL)
	if shown == rawURL || !strings.Contains(err.Error(), rawURL) {
		return err
	}
	return errors.New(strings.ReplaceAll(err.Error(), rawURL, shown))
}
