package atomicfile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// ErrExchangeUnsupported is returned by Exchange when the operating system
// or file system cannot swap two paths in one step (not Linux, an old
// kernel, a file system without RENAME_EXCHANGE, or a mount point).
var ErrExchangeUnsupported = errors.New("atomic exchange is not supported here")

// Exchange swaps the directory entries a and b in one step: a reader that
// opens a sees either what was there before or what b held, never neither
// and never a mix. Both must exist on the same file system. The parent
// directories are synced afterwards so the swap survives a crash.
func Exchange(a, b string) error {
	if err := exchange(a, b); err != nil {
		return fmt.Errorf("exchange %s and %s: %w", a, b, err)
	}
	SyncDir(filepath.Dir(a))
	if filepath.Dir(b) != filepath.Dir(a) {
		SyncDir(filepath.Dir(b))
	}
	return nil
}

// SyncDir makes renames in dir durable. It is best effort: some file
// systems refuse to sync directories.
func SyncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}
