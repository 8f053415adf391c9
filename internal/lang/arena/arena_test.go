package arena

import (
	"strconv"
	"strings"
	"testing"
	"unsafe"

	"github.com/distill/distill/internal/facts"
)

func TestIntern(t *testing.T) {
	t.Parallel()
	long := strings.Repeat("x", MaxInterned+1)
	tests := []struct {
		name   string
		a, b   string
		shared bool
	}{
		{"short, from bytes then a string", "self", "self", true},
		{"at the bound", strings.Repeat("y", MaxInterned), strings.Repeat("y", MaxInterned), true},
		{"beyond the bound", long, long, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var a Arena
			defer a.Release()
			buf := []byte(tt.a)
			x := a.Intern(buf)
			buf[0] = '!' // the caller's buffer is its own again
			y := a.InternString(strings.Clone(tt.b))
			if x != tt.a || y != tt.b {
				t.Fatalf("Intern = %q, InternString = %q, want %q and %q", x, y, tt.a, tt.b)
			}
			if shared := unsafe.StringData(x) == unsafe.StringData(y); shared != tt.shared {
				t.Errorf("one string for both = %v, want %v", shared, tt.shared)
			}
		})
	}
}

// TestReleaseStartsAfresh: after Release the strings handed out keep
// their values and a new walk does not share them.
func TestReleaseStartsAfresh(t *testing.T) {
	t.Parallel()
	var a Arena
	x := a.Intern([]byte("user"))
	a.Release()
	y := a.Intern([]byte("user"))
	defer a.Release()
	if x != "user" || y != "user" {
		t.Fatalf("got %q and %q", x, y)
	}
	if unsafe.StringData(x) == unsafe.StringData(y) {
		t.Error("a released table still answered")
	}
}

// TestKeepGivesStableAddresses: every expression kept has its own address,
// which later Keeps (filling a slab, starting the next) do not move.
func TestKeepGivesStableAddresses(t *testing.T) {
	t.Parallel()
	var a Arena
	var kept []*facts.Expr
	for i := range 3 * maxSlab {
		e := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprInt, Value: strings.Repeat("1", i%5+1), Line: i + 1})
		kept = append(kept, a.Keep(e))
	}
	seen := map[*facts.Expr]bool{}
	for i, p := range kept {
		if seen[p] {
			t.Fatalf("expression %d shares an address", i)
		}
		seen[p] = true
		if p.Line() != i+1 || p.Value() != strings.Repeat("1", i%5+1) {
			t.Fatalf("expression %d = line %d value %q, moved or overwritten", i, p.Line(), p.Value())
		}
	}
}

// TestExprsCarvesFromSlab: a list Exprs returns has room for n and no
// more, so that filling it, or appending past it, never writes over an
// expression kept or carved after it.
func TestExprsCarvesFromSlab(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		n, fill int
	}{
		{"none", 0, 0},
		{"one", 1, 1},
		{"several, filled", 5, 5},
		{"appended past its room", 3, 4},
		{"longer than the slab carves", maxCarved + 1, maxCarved + 1},
		{"more than a slab holds at first", minSlab + 1, minSlab + 1},
	}
	expr := func(i int) facts.Expr {
		return facts.NewExpr(facts.ExprSpec{Kind: facts.ExprInt, Value: strconv.Itoa(i), Line: i + 1})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var a Arena
			before := a.Keep(expr(100))
			list := a.Exprs(tt.n)
			if len(list) != 0 || cap(list) != tt.n {
				t.Fatalf("Exprs(%d): len %d cap %d, want 0 and %d", tt.n, len(list), cap(list), tt.n)
			}
			next := a.Exprs(2)
			next = append(next, expr(200), expr(201))
			after := a.Keep(expr(300))
			for i := range tt.fill {
				list = append(list, expr(i))
			}
			for i := range tt.fill {
				if list[i].Line() != i+1 {
					t.Fatalf("element %d has line %d", i, list[i].Line())
				}
			}
			if before.Line() != 101 || next[0].Line() != 201 || next[1].Line() != 202 || after.Line() != 301 {
				t.Errorf("a neighbour was overwritten: lines %d, %d, %d, %d", before.Line(), next[0].Line(), next[1].Line(), after.Line())
			}
		})
	}
}

// TestStmtsCarvesFromSlab: a list Stmts returns has room for n and no
// more, so that filling it, or appending past it, never writes over a
// statement list carved after it.
func TestStmtsCarvesFromSlab(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name    string
		n, fill int
	}{
		{"none", 0, 0},
		{"one", 1, 1},
		{"several, filled", 5, 5},
		{"appended past its room", 3, 4},
		{"longer than the slab carves", maxCarvedStmts + 1, maxCarvedStmts + 1},
		{"more than a slab holds at first", minStmtSlab + 1, minStmtSlab + 1},
	}
	stmt := func(i int) facts.Stmt {
		return facts.NewStmt(facts.StmtSpec{Kind: facts.StmtPass, Line: i + 1})
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			var a Arena
			before := append(a.Stmts(1), stmt(100))
			list := a.Stmts(tt.n)
			if len(list) != 0 || cap(list) != tt.n {
				t.Fatalf("Stmts(%d): len %d cap %d, want 0 and %d", tt.n, len(list), cap(list), tt.n)
			}
			next := append(a.Stmts(2), stmt(200), stmt(201))
			for i := range tt.fill {
				list = append(list, stmt(i))
			}
			for i := range tt.fill {
				if list[i].Line() != i+1 {
					t.Fatalf("statement %d has line %d", i, list[i].Line())
				}
			}
			if before[0].Line() != 101 || next[0].Line() != 201 || next[1].Line() != 202 {
				t.Errorf("a neighbour was overwritten: lines %d, %d, %d", before[0].Line(), next[0].Line(), next[1].Line())
			}
		})
	}
}
