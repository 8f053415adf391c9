//go:build unix

package flock

import (
	"errors"
	"fmt"
	"os"
	"syscall"
)

// TryLock takes the lock on path without waiting; it fails with ErrLocked
// when another process (or another open of the file) holds it. While held,
// the file records the holder's process id for error messages.
//
// The lock is on the file found at path when TryLock returns: when the file
// is replaced between the open and the lock (an output directory swapped
// by the run that held it), the lock is taken again on the new file.
func TryLock(path string) (unlock func(), err error) {
	for range 8 {
		unlock, same, err := tryLock(path)
		if err != nil || same {
			return unlock, err
		}
		unlock()
	}
	return nil, fmt.Errorf("lock %s: the file keeps being replaced", path)
}

func tryLock(path string) (unlock func(), same bool, err error) {
	f, err := os.OpenFile(path, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, false, fmt.Errorf("open lock %s: %w", path, err)
	}
	for {
		err = syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB)
		if !errors.Is(err, syscall.EINTR) {
			break
		}
	}
	if err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, false, ErrLocked
		}
		return nil, false, fmt.Errorf("lock %s: %w", path, err)
	}
	held, errHeld := f.Stat()
	now, errNow := os.Stat(path)
	if errHeld != nil || errNow != nil || !os.SameFile(held, now) {
		return func() {
			_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
			f.Close()
		}, false, nil
	}
	_ = f.Truncate(0)
	_, _ = f.WriteAt([]byte(fmt.Sprintf("%d\n", os.Getpid())), 0)
	return func() {
		_ = f.Truncate(0)
		_ = syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, true, nil
}
