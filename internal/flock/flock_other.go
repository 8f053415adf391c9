//go:build !unix

package flock

import (
	"fmt"
	"os"
)

// TryLock records the holder but cannot exclude other processes where
// flock(2) is unavailable; within one process callers still serialise.
func TryLock(path string) (unlock func(), err error) {
	if err := os.WriteFile(path, []byte(fmt.Sprintf("%d\n", os.Getpid())), 0o644); err != nil {
		return nil, fmt.Errorf("open lock %s: %w", path, err)
	}
	return func() {}, nil
}
