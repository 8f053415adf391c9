package summary_test

// Helpers that read a file back with arrow-go, which shares no code with
// parquet-go: if both libraries agree on the bytes, other readers (DuckDB,
// pyarrow, Spark) are very likely to as well.

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/metadata"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/apache/arrow-go/v18/parquet/schema"
)

// arrowFile is what arrow-go sees in a Parquet file.
type arrowFile struct {
	columns []string // one line per top-level column, see describeNode
	meta    *metadata.FileMetaData
}

func openArrow(t *testing.T, path string) (*file.Reader, arrowFile) {
	t.Helper()
	pf, err := file.OpenParquetFile(path, false)
	if err != nil {
		t.Fatalf("arrow-go cannot open %s: %v", path, err)
	}
	t.Cleanup(func() { pf.Close() })
	meta := pf.MetaData()
	root := meta.Schema.Root()
	var cols []string
	for i := range root.NumFields() {
		cols = append(cols, describeNode(t, root.Field(i)))
	}
	return pf, arrowFile{columns: cols, meta: meta}
}

// describeNode renders a top-level schema node as
// "name REPETITION PHYSICAL LOGICAL", and a list as
// "name REPETITION LIST<element ...>" after checking that it has the
// standard three-level layout.
func describeNode(t *testing.T, n schema.Node) string {
	t.Helper()
	rep := strings.ToUpper(n.RepetitionType().String())
	switch n := n.(type) {
	case *schema.PrimitiveNode:
		return strings.TrimSpace(fmt.Sprintf("%s %s %s %s", n.Name(), rep, n.PhysicalType(), describeLogical(n.LogicalType())))
	case *schema.GroupNode:
		if _, ok := n.LogicalType().(schema.ListLogicalType); !ok {
			return fmt.Sprintf("%s %s GROUP(%s)", n.Name(), rep, n.LogicalType())
		}
		if n.NumFields() != 1 {
			t.Fatalf("list %s has %d children, want 1", n.Name(), n.NumFields())
		}
		mid, ok := n.Field(0).(*schema.GroupNode)
		if !ok || mid.RepetitionType() != parquet.Repetitions.Repeated || mid.NumFields() != 1 {
			t.Fatalf("list %s is not the three-level LIST layout", n.Name())
		}
		return fmt.Sprintf("%s %s LIST<%s>", n.Name(), rep, describeNode(t, mid.Field(0)))
	}
	t.Fatalf("unexpected node %T", n)
	return ""
}

func describeLogical(l schema.LogicalType) string {
	switch l := l.(type) {
	case nil, schema.NoLogicalType:
		return ""
	case schema.StringLogicalType:
		return "STRING"
	case schema.IntLogicalType:
		return fmt.Sprintf("INT(%d,%v)", l.BitWidth(), l.IsSigned())
	case schema.TimestampLogicalType:
		unit := map[schema.TimeUnitType]string{schema.TimeUnitMillis: "MILLIS", schema.TimeUnitMicros: "MICROS", schema.TimeUnitNanos: "NANOS"}[l.TimeUnit()]
		return fmt.Sprintf("TIMESTAMP(%s,utc=%v)", unit, l.IsAdjustedToUTC())
	}
	return l.String()
}

// codecs lists every column chunk's compression codec that is not zstd, as
// "rowgroup/column: codec".
func nonZstdChunks(t *testing.T, meta *metadata.FileMetaData) []string {
	t.Helper()
	var bad []string
	for rg := range meta.NumRowGroups() {
		g := meta.RowGroup(rg)
		for c := range g.NumColumns() {
			cc, err := g.ColumnChunk(c)
			if err != nil {
				t.Fatal(err)
			}
			if cc.Compression() != compress.Codecs.Zstd {
				bad = append(bad, fmt.Sprintf("%d/%s: %v", rg, cc.PathInSchema(), cc.Compression()))
			}
		}
	}
	return bad
}

// arrowRows decodes a file into rows of T with arrow-go. Struct field i is
// filled from column i; a column whose arrow type does not match the Go
// field's type fails the test, so this checks types as well as values.
func arrowRows[T any](t *testing.T, pf *file.Reader) []T {
	t.Helper()
	fr, err := pqarrow.NewFileReader(pf, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatalf("arrow-go cannot read the table: %v", err)
	}
	defer tbl.Release()
	typ := reflect.TypeFor[T]()
	if int(tbl.NumCols()) != typ.NumField() {
		t.Fatalf("table has %d columns, %s has %d fields", tbl.NumCols(), typ.Name(), typ.NumField())
	}
	rows := make([]T, tbl.NumRows())
	for c := range typ.NumField() {
		row := 0
		for _, chunk := range tbl.Column(c).Data().Chunks() {
			for i := range chunk.Len() {
				field := reflect.ValueOf(&rows[row]).Elem().Field(c)
				if err := setFromArrow(field, chunk, i); err != nil {
					t.Fatalf("row %d column %s: %v", row, tbl.Schema().Field(c).Name, err)
				}
				row++
			}
		}
	}
	return rows
}

func setFromArrow(dst reflect.Value, arr arrow.Array, i int) error {
	if arr.IsNull(i) {
		if dst.Kind() != reflect.Pointer {
			return fmt.Errorf("NULL in a column of non-nullable Go type %s", dst.Type())
		}
		dst.SetZero()
		return nil
	}
	var v any
	switch a := arr.(type) {
	case *array.String:
		v = a.Value(i)
	case *array.Int32:
		v = a.Value(i)
	case *array.Int64:
		v = a.Value(i)
	case *array.Boolean:
		v = a.Value(i)
	case *array.Float64:
		v = a.Value(i)
	case *array.Timestamp:
		tt := a.DataType().(*arrow.TimestampType)
		if tt.TimeZone != "UTC" {
			return fmt.Errorf("timestamp zone %q, want UTC", tt.TimeZone)
		}
		v = a.Value(i).ToTime(tt.Unit)
	case *array.List:
		if dst.Kind() != reflect.Slice {
			return fmt.Errorf("list into Go type %s", dst.Type())
		}
		start, end := a.ValueOffsets(i)
		out := reflect.MakeSlice(dst.Type(), int(end-start), int(end-start))
		for j := start; j < end; j++ {
			if err := setFromArrow(out.Index(int(j-start)), a.ListValues(), int(j)); err != nil {
				return fmt.Errorf("element %d: %w", j-start, err)
			}
		}
		dst.Set(out)
		return nil
	default:
		return fmt.Errorf("unexpected arrow type %s", arr.DataType())
	}
	rv := reflect.ValueOf(v)
	target := dst.Type()
	if target.Kind() == reflect.Pointer {
		target = target.Elem()
	}
	if rv.Type() != target {
		return fmt.Errorf("arrow %s gives %s, Go field is %s", arr.DataType(), rv.Type(), dst.Type())
	}
	if dst.Kind() == reflect.Pointer {
		p := reflect.New(target)
		p.Elem().Set(rv)
		dst.Set(p)
		return nil
	}
	dst.Set(rv)
	return nil
}
