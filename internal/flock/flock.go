// Package flock takes advisory, exclusive file locks (flock(2)) shared by
// every distill process on the machine: one guards a cache entry while it is
// fetched, another guards an output directory while a run writes it.
// The kernel drops a lock when its process dies, so a killed run never
// leaves a stale lock behind.
package flock

import (
	"context"
	"errors"
	"os"
	"time"
)

// ErrLocked is returned by TryLock when another process holds the lock.
var ErrLocked = errors.New("locked by another process")

// poll is how often Lock retries; locks are taken non-blocking so that
// waiting honours ctx.
const poll = 50 * time.Millisecond

// Lock takes the lock on path (creating the file), waiting until it is free
// or ctx is done. The returned function releases it.
func Lock(ctx context.Context, path string) (unlock func(), err error) {
	for {
		unlock, err := TryLock(path)
		if !errors.Is(err, ErrLocked) {
			return unlock, err
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(poll):
		}
	}
}

// Holder returns the process id recorded in a lock file, or "" if unknown.
func Holder(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return ""
	}
	s := string(b)
	for len(s) > 0 && (s[len(s)-1] == '\n' || s[len(s)-1] == ' ') {
		s = s[:len(s)-1]
	}
	return s
}
