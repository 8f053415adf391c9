//go:build !unix

package fetch

import "context"

// lockFile is a no-op where flock(2) is unavailable; the in-process lock
// still serialises fetches within one process.
func lockFile(ctx context.Context, path string) (func(), error) { return func() {}, nil }
