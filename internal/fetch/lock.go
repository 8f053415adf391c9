package fetch

import (
	"context"
	"sync"

	"github.com/distill/distill/internal/flock"
)

// entryLocks serialises work on one cache entry within the process; the
// value is a one-slot channel so that waiting can honour ctx. Keyed by the
// entry's directory, so separate Fetcher values sharing a cache agree.
var entryLocks sync.Map // string -> chan struct{}

// lockEntry takes the in-process lock and then the OS file lock for the
// cache entry at dir. The returned function releases both.
func lockEntry(ctx context.Context, dir string) (func(), error) {
	v, _ := entryLocks.LoadOrStore(dir, make(chan struct{}, 1))
	slot := v.(chan struct{})
	select {
	case slot <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	unlockFile, err := flock.Lock(ctx, dir+".lock")
	if err != nil {
		<-slot
		return nil, err
	}
	return func() {
		unlockFile()
		<-slot
	}, nil
}
