package main

import (
	"context"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"

	"github.com/distill/distill/internal/outstore"
	"github.com/distill/distill/internal/pipeline"
	"github.com/distill/distill/internal/redact"
)

// bucketOut is an output named by a bucket URL, mirrored in a local
// directory that the pipeline writes (see internal/outstore).
type bucketOut struct {
	m      *outstore.Mirror
	shown  string // the URL, redacted
	logger *slog.Logger
}

// openBucketOut opens the bucket of rawURL and pulls it into its local
// mirror under cacheDir, so that the run starts from the last output's
// state and keeps its specs.
func openBucketOut(ctx context.Context, rawURL, cacheDir string, logger *slog.Logger) (*bucketOut, error) {
	m, err := outstore.Open(ctx, rawURL, cacheDir)
	if err != nil {
		return nil, err
	}
	b := &bucketOut{m: m, shown: redact.URL(rawURL), logger: logger}
	st, err := m.Pull(ctx)
	if err != nil {
		m.Close()
		return nil, fmt.Errorf("pull %s: %w", b.shown, err)
	}
	logger.Info(eventOutPulled, "url", b.shown, "dir", m.Local, "copied", st.Copied, "unchanged", st.Unchanged, "removed", st.Deleted, "bytes", st.Bytes)
	return b, nil
}

// publish pushes a finished run's output when it went to a bucket (b may
// be nil: a directory) and names the bucket in the result.
func (b *bucketOut) publish(ctx context.Context, res *pipeline.Result) error {
	if b == nil {
		return nil
	}
	if err := b.push(ctx); err != nil {
		return incomplete(err)
	}
	res.OutDir = b.shown
	return nil
}

// push sends the mirror's new output to the bucket.
func (b *bucketOut) push(ctx context.Context) error {
	st, err := b.m.Push(ctx)
	if err != nil {
		return fmt.Errorf("push %s: %w", b.shown, err)
	}
	b.logger.Info(eventOutPushed, "url", b.shown, "copied", st.Copied, "unchanged", st.Unchanged, "deleted", st.Deleted, "bytes", st.Bytes)
	return nil
}

func (b *bucketOut) close() { b.m.Close() }

// defaultCacheDir is where run keeps clones and bucket mirrors when --cache
// is not given.
func defaultCacheDir() (string, error) {
	base, err := os.UserCacheDir()
	if err != nil {
		return "", usageErrorf("no user cache directory (%v); pass --cache", err)
	}
	return filepath.Join(base, "distill", "repos"), nil
}

// shownOut is an output location as messages print it.
func shownOut(out string) string {
	if outstore.IsURL(out) {
		return redact.URL(out)
	}
	return out
}
