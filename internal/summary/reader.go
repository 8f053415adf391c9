package summary

import (
	"errors"
	"fmt"
	"io"
	"os"

	"github.com/parquet-go/parquet-go"
)

// readBatch is how many rows a Reader decodes at a time.
const readBatch = 1024

// Reader reads a Parquet file of rows of type T one row at a time, holding
// a batch of rows in memory rather than the whole table (ReadAll): a merge
// of many shard outputs streams their construct rows through it. The rows
// are the ones ReadAll returns, in the same order.
type Reader[T any] struct {
	path string
	f    *os.File
	r    *parquet.GenericReader[T]
	buf  []T
	pos  int
	eof  bool
}

// Open starts reading the Parquet file at path. A missing file gives an
// error matching fs.ErrNotExist.
func Open[T any](path string) (*Reader[T], error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read parquet: %w", err)
	}
	info, err := f.Stat()
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("read parquet: %w", err)
	}
	pf, err := parquet.OpenFile(f, info.Size())
	if err != nil {
		f.Close()
		return nil, fmt.Errorf("read parquet %s: %w", path, err)
	}
	return &Reader[T]{path: path, f: f, r: parquet.NewGenericReader[T](pf)}, nil
}

// Peek returns the next row without consuming it; ok is false at the end.
func (r *Reader[T]) Peek() (row *T, ok bool, err error) {
	if r.pos == len(r.buf) {
		if r.eof {
			return nil, false, nil
		}
		if cap(r.buf) == 0 {
			r.buf = make([]T, readBatch)
		}
		r.buf = r.buf[:cap(r.buf)]
		clear(r.buf) // Read fills into the slice: no values left from the last batch
		n, err := r.r.Read(r.buf)
		if errors.Is(err, io.EOF) {
			r.eof, err = true, nil
		}
		if err != nil {
			return nil, false, fmt.Errorf("read parquet %s: %w", r.path, err)
		}
		r.buf, r.pos = r.buf[:n], 0
		if n == 0 {
			r.eof = true
			return nil, false, nil
		}
	}
	return &r.buf[r.pos], true, nil
}

// Skip consumes the row Peek returned.
func (r *Reader[T]) Skip() {
	if r.pos < len(r.buf) {
		r.pos++
	}
}

// Close releases the file.
func (r *Reader[T]) Close() error {
	errR := r.r.Close()
	errF := r.f.Close()
	if err := errors.Join(errR, errF); err != nil {
		return fmt.Errorf("close parquet %s: %w", r.path, err)
	}
	return nil
}
