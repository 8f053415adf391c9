//go:build linux

package atomicfile

import (
	"errors"

	"golang.org/x/sys/unix"
)

func exchange(a, b string) error {
	err := unix.Renameat2(unix.AT_FDCWD, a, unix.AT_FDCWD, b, unix.RENAME_EXCHANGE)
	switch {
	case err == nil:
		return nil
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EINVAL), errors.Is(err, unix.EXDEV),
		errors.Is(err, unix.EBUSY), errors.Is(err, unix.EOPNOTSUPP):
		return errors.Join(ErrExchangeUnsupported, err)
	}
	return err
}
