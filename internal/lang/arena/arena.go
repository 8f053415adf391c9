// Package arena holds what a language walker makes for one file and the
// service keeps until it is built: its expressions, kept in slabs, and
// its strings, interned. Every walker allocates the same way, so one
// file's facts cost the same whichever language it is in.
//
// An Arena belongs to one walk of one file: it is not safe for
// concurrent use, and Release gives its intern table back when the walk
// ends.
package arena

import (
	"sync"

	"github.com/distill/distill/internal/facts"
)

// Arena keeps one file's expressions and strings.
type Arena struct {
	// strs interns the names, dotted chains and short literals of the
	// file: they repeat enormously (self, this.repository, "utf-8"), and
	// the facts keep them until the service's build ends.
	strs map[string]string
	// slab holds the expressions Keep returned.
	slab []facts.Expr
	// stmts holds the statement lists Stmts carved.
	stmts []facts.Stmt
}

// MaxInterned bounds the strings interned: longer ones rarely repeat.
const MaxInterned = 64

// minSlab and maxSlab bound the expressions of one slab. A larger slab
// wastes more of a file's last one, a smaller one costs more allocations:
// on the large service of `make bench`, 42 (2,016 bytes of 48-byte
// expressions, just under the allocator's 2,048-byte class) held the
// least of 21 to 170 tried (73, the best when an expression took 64
// bytes, held 4% more), for 0.4% more allocations.
const (
	minSlab = 8
	maxSlab = 42
)

// tables holds the emptied intern tables of finished walks, so that a
// walk does not grow its table from nothing (growing them made more
// garbage than interning saves).
var tables = sync.Pool{New: func() any { return map[string]string{} }}

// keepTable is the largest table given back to tables: the table of one
// huge file is not kept for every small one after it.
const keepTable = 1 << 14

// Release gives the intern table back, emptied. The strings and
// expressions already handed out stay valid; the Arena may be used again
// afterwards and starts a new table.
func (a *Arena) Release() {
	if a.strs != nil && len(a.strs) <= keepTable {
		clear(a.strs)
		tables.Put(a.strs)
	}
	a.strs = nil
}

// Keep stores e in the file's slab of expressions and returns its
// address. Most expressions that stand alone (operands, callees,
// receivers, values) are small and numerous; one allocation per slab
// instead of one per expression saves the allocator and the collector
// most of their work. The slab starts small, so that a small file wastes
// little of its last one, and grows to maxSlab.
func (a *Arena) Keep(e facts.Expr) *facts.Expr {
	if len(a.slab) == cap(a.slab) {
		a.slab = make([]facts.Expr, 0, min(max(2*cap(a.slab), minSlab), maxSlab))
	}
	a.slab = append(a.slab, e)
	return &a.slab[len(a.slab)-1]
}

// maxCarved is the longest list Exprs carves from the slab; a longer
// one is allocated on its own.
const maxCarved = 16

// Exprs returns an empty list with room for n expressions, to be filled
// with append: the arguments of a call, the elements of a list, the
// targets of an assignment. Most such lists are short and each was an
// allocation of its own; a short one is carved from the slab as Keep
// stores one expression, the room of the slab's last one wasted when it
// is too small. The list's capacity is n, so an append past n copies it
// out instead of writing over the slab.
func (a *Arena) Exprs(n int) []facts.Expr {
	return carve(&a.slab, n, maxCarved, minSlab, maxSlab)
}

// maxCarvedStmts is the longest statement list Stmts carves from its
// slab; stmtSlab the statements of a full slab (2,000 bytes of 80-byte
// statements, just under the allocator's 2,048-byte class), reached by
// doubling from minStmtSlab so that a small file wastes little.
const (
	maxCarvedStmts = 8
	minStmtSlab    = 4
	stmtSlab       = 25
)

// Stmts returns an empty list with room for n statements, to be filled
// with append: a body, a module's statements. Most bodies are short, and
// each was an allocation of its own; a short one is carved from a slab of
// statements as Exprs carves expressions, its capacity n, so that an
// append past n copies it out instead of writing over the slab.
func (a *Arena) Stmts(n int) []facts.Stmt {
	return carve(&a.stmts, n, maxCarvedStmts, minStmtSlab, stmtSlab)
}

// carve returns an empty list with room for n items cut from *slab (a
// list longer than longest gets a slice of its own). A slab too full for
// n is replaced by one twice as large, between smallest and largest: the
// old one stays with the lists already cut from it. The list's capacity
// is exactly n, so an append past it copies out rather than writing over
// the next list.
func carve[T any](slab *[]T, n, longest, smallest, largest int) []T {
	if n <= 0 {
		return nil
	}
	if n > longest {
		return make([]T, 0, n)
	}
	if cap(*slab)-len(*slab) < n {
		*slab = make([]T, 0, max(min(max(2*cap(*slab), smallest), largest), n))
	}
	start := len(*slab)
	*slab = (*slab)[:start+n]
	return (*slab)[start : start : start+n]
}

// Intern returns b as a string, the same string for the same bytes
// within the file. b may be reused by the caller afterwards.
func (a *Arena) Intern(b []byte) string {
	if len(b) > MaxInterned {
		return string(b)
	}
	if s, ok := a.strs[string(b)]; ok {
		return s
	}
	s := string(b)
	a.table()[s] = s
	return s
}

// InternString is Intern for a string already made.
func (a *Arena) InternString(s string) string {
	if len(s) > MaxInterned {
		return s
	}
	if t, ok := a.strs[s]; ok {
		return t
	}
	a.table()[s] = s
	return s
}

// table is the intern table, taken from the pool on first use.
func (a *Arena) table() map[string]string {
	if a.strs == nil {
		a.strs = tables.Get().(map[string]string)
	}
	return a.strs
}
