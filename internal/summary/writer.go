package summary

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"

	"github.com/parquet-go/parquet-go"
	"github.com/parquet-go/parquet-go/compress/zstd"
)

// RowsPerGroup is how many rows a Writer buffers before it writes them out
// as a row group. parquet-go keeps the encoded pages of the open row group
// in memory, so this bounds the writer's memory whatever the row count.
const RowsPerGroup = 10_000

// zstdCodec is shared by all writers: it pools its encoders, and an
// encoder is costly to build (megabytes of tables).
var zstdCodec = &zstd.Codec{Level: zstd.DefaultLevel}

// ErrClosed is returned by Write and Close on a Writer that was already
// closed, aborted, or failed.
var ErrClosed = errors.New("summary: writer is closed")

// Writer streams rows of type T into a Parquet file. The rows go to a
// temporary file in the target's directory; Close publishes it under the
// target name with a rename, so readers never see a partial file.
// A Writer is not safe for concurrent use; the pipeline funnels rows to
// one goroutine per file.
type Writer[T any] struct {
	path string
	tmp  *os.File
	pw   *parquet.GenericWriter[T]
	done bool
	err  error // first failure; the temp file is already gone when set
}

// Create starts a Parquet file at path. Nothing appears at path until Close
// succeeds.
func Create[T any](path string) (*Writer[T], error) {
	dir, base := filepath.Split(path)
	if dir == "" {
		dir = "."
	}
	tmp, err := os.CreateTemp(dir, "."+base+".tmp-*")
	if err != nil {
		return nil, fmt.Errorf("create parquet %s: %w", path, err)
	}
	// CreateTemp makes the file private; an output table is for analysts,
	// readable like the specs next to it.
	if err := tmp.Chmod(0o644); err != nil {
		tmp.Close()
		os.Remove(tmp.Name())
		return nil, fmt.Errorf("create parquet %s: %w", path, err)
	}
	pw := parquet.NewGenericWriter[T](tmp,
		parquet.Compression(zstdCodec),
		parquet.MaxRowsPerRowGroup(RowsPerGroup),
	)
	return &Writer[T]{path: path, tmp: tmp, pw: pw}, nil
}

// Path is the file the writer publishes on Close.
func (w *Writer[T]) Path() string { return w.path }

// Write appends rows. Rows are checked first (see ErrInvalidRow). A failed
// Write discards the file: later calls, including Close, return the error.
func (w *Writer[T]) Write(rows ...T) error {
	if w.err != nil {
		return w.err
	}
	if w.done {
		return fmt.Errorf("write parquet %s: %w", w.path, ErrClosed)
	}
	for i := range rows {
		if c, ok := any(&rows[i]).(rowChecker); ok {
			if err := c.check(); err != nil {
				return w.fail(fmt.Errorf("write parquet %s: %w", w.path, err))
			}
		}
	}
	if _, err := w.pw.Write(rows); err != nil {
		return w.fail(fmt.Errorf("write parquet %s: %w", w.path, err))
	}
	return nil
}

// Close writes the footer, syncs the file to disk and renames it into
// place. If any step fails the temporary file is removed, nothing is left
// at the target path (an earlier file there is kept), and the error is
// returned.
func (w *Writer[T]) Close() error {
	if w.err != nil {
		return w.err
	}
	if w.done {
		return fmt.Errorf("close parquet %s: %w", w.path, ErrClosed)
	}
	if err := w.pw.Close(); err != nil {
		return w.fail(fmt.Errorf("close parquet %s: write footer: %w", w.path, err))
	}
	if err := w.tmp.Sync(); err != nil {
		return w.fail(fmt.Errorf("close parquet %s: sync: %w", w.path, err))
	}
	if err := w.tmp.Close(); err != nil {
		return w.fail(fmt.Errorf("close parquet %s: %w", w.path, err))
	}
	if err := os.Rename(w.tmp.Name(), w.path); err != nil {
		return w.fail(fmt.Errorf("close parquet %s: publish: %w", w.path, err))
	}
	w.done = true
	syncDir(filepath.Dir(w.path))
	return nil
}

// Abort discards everything written: the temporary file is removed and the
// target path is left as it was. Abort after a successful Close does
// nothing, so `defer w.Abort()` is safe next to a checked Close.
func (w *Writer[T]) Abort() error {
	if w.done || w.err != nil {
		return nil
	}
	w.done = true
	w.err = fmt.Errorf("parquet %s: aborted: %w", w.path, ErrClosed)
	return w.discard()
}

// fail records err as the writer's outcome and removes the temporary file.
func (w *Writer[T]) fail(err error) error {
	w.done = true
	if rmErr := w.discard(); rmErr != nil {
		err = errors.Join(err, rmErr)
	}
	w.err = err
	return err
}

func (w *Writer[T]) discard() error {
	_ = w.tmp.Close() // already closed on some paths; the remove is what matters
	if err := os.Remove(w.tmp.Name()); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("remove temporary parquet %s: %w", w.tmp.Name(), err)
	}
	return nil
}

// syncDir makes the rename durable. It is best effort: some file systems
// refuse to sync directories, and the file itself is already synced.
func syncDir(dir string) {
	d, err := os.Open(dir)
	if err != nil {
		return
	}
	_ = d.Sync()
	_ = d.Close()
}

// ReadAll reads every row of the Parquet file at path. Columns of T that
// the file lacks read as zero values, so rows written by an older version
// still load. A missing file gives an error matching fs.ErrNotExist.
//
// An empty list reads back as an empty, non-nil slice, whether nil or an
// empty slice was written: Parquet does not tell the two apart.
func ReadAll[T any](path string) ([]T, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("read parquet: %w", err)
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, fmt.Errorf("read parquet: %w", err)
	}
	rows, err := parquet.Read[T](f, info.Size())
	if err != nil {
		return nil, fmt.Errorf("read parquet %s: %w", path, err)
	}
	return rows, nil
}

// Schema is the Parquet schema of rows of type T, in the Parquet text form
// (`message T { required binary repo (STRING); ... }`).
func Schema[T any]() string {
	return parquet.SchemaOf(new(T)).String()
}
