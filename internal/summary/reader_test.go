package summary_test

import (
	"errors"
	"io/fs"
	"path/filepath"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/summary"
)

// TestReaderReadsWhatReadAllReads streams a table of several row groups
// and read batches (the rows cross both boundaries) and compares each row,
// copied as it is read, with ReadAll's.
func TestReaderReadsWhatReadAllReads(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "summary.parquet")
	n := summary.RowsPerGroup + 2345
	writeSynthetic(t, path, n, 777, nil)
	want, err := summary.ReadAll[summary.ConstructRow](path)
	if err != nil {
		t.Fatal(err)
	}
	rd, err := summary.Open[summary.ConstructRow](path)
	if err != nil {
		t.Fatal(err)
	}
	var got []summary.ConstructRow
	for {
		row, ok, err := rd.Peek()
		if err != nil {
			t.Fatal(err)
		}
		if !ok {
			break
		}
		again, _, _ := rd.Peek() // Peek does not consume
		if again != row {
			t.Fatal("a second Peek moved on")
		}
		got = append(got, *row)
		rd.Skip()
	}
	if err := rd.Close(); err != nil {
		t.Fatal(err)
	}
	if len(got) != n {
		t.Fatalf("read %d rows, wrote %d", len(got), n)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Reader and ReadAll differ (-ReadAll +Reader):\n%s", diff)
	}
}

func TestOpenMissingFile(t *testing.T) {
	t.Parallel()
	_, err := summary.Open[summary.ConstructRow](filepath.Join(t.TempDir(), "none.parquet"))
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("Open of a missing file: %v, want fs.ErrNotExist", err)
	}
}
