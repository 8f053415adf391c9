package syntax

/*
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

// alloc_nodes and free_nodes hold the flattened nodes of one tree. Where
// there is mmap, the memory is mapped and unmapped, so that the array of
// a large file is given back to the system as soon as its walk ends (a
// freed malloc block of that size stays in the process); elsewhere it is
// malloc's.
#if defined(__unix__) || defined(__APPLE__)
#include <sys/mman.h>
static void *alloc_nodes(size_t size) {
	void *p = mmap(NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	return p == MAP_FAILED ? NULL : p;
}
static void free_nodes(void *p, size_t size) { munmap(p, size); }
#else
static void *alloc_nodes(size_t size) { return malloc(size); }
static void free_nodes(void *p, size_t size) { (void)size; free(p); }
#endif

// The tree-sitter C API used here, declared as in its api.h. The library
// itself is compiled and linked by github.com/smacker/go-tree-sitter.
typedef struct { uint32_t context[4]; const void *id; const void *tree; } TSNode;
typedef struct { const void *tree; const void *id; uint32_t context[3]; } TSTreeCursor;
typedef struct { uint32_t row; uint32_t column; } TSPoint;

TSTreeCursor ts_tree_cursor_new(TSNode node);
void ts_tree_cursor_delete(TSTreeCursor *self);
TSNode ts_tree_cursor_current_node(const TSTreeCursor *self);
uint16_t ts_tree_cursor_current_field_id(const TSTreeCursor *self);
bool ts_tree_cursor_goto_first_child(TSTreeCursor *self);
bool ts_tree_cursor_goto_next_sibling(TSTreeCursor *self);
bool ts_tree_cursor_goto_parent(TSTreeCursor *self);
uint16_t ts_node_symbol(TSNode self);
uint32_t ts_node_start_byte(TSNode self);
uint32_t ts_node_end_byte(TSNode self);
TSPoint ts_node_start_point(TSNode self);
TSPoint ts_node_end_point(TSNode self);
uint32_t ts_node_child_count(TSNode self);
uint32_t ts_node_named_child_count(TSNode self);
bool ts_node_is_named(TSNode self);
bool ts_node_is_missing(TSNode self);
bool ts_node_is_extra(TSNode self);
bool ts_node_has_error(TSNode self);

enum { FLAG_NAMED = 1, FLAG_MISSING = 2, FLAG_EXTRA = 4, FLAG_ERROR = 8 };

// flat_node is one node of a flattened tree.
typedef struct {
	uint32_t start_byte, end_byte;
	uint32_t start_row, start_col, end_row;
	int32_t parent;      // index of the parent; -1 for the root
	uint32_t nkids;      // children, named and anonymous
	uint32_t nnamed;     // named children
	uint32_t kids;       // index of the first child in the children array
	uint32_t named_kids; // index of the first named child in the named array
	uint16_t symbol;
	uint16_t field;      // field id under the parent; 0 for none
	uint8_t flags;
} flat_node;

// go_node is syntax.Node as Go lays it out (flat.go checks the layout):
// flatten writes the arrays of children the walk reads.
typedef struct {
	int32_t i;
	uint16_t slot;
	uint16_t kind;
} go_node;

// flat_out is where flatten writes one tree: room for cap nodes, and as
// many children and named children (a tree of n nodes has n-1 children).
typedef struct {
	flat_node *nodes;
	go_node *kids, *named;
	uint32_t cap;
	uint32_t ncanon; // symbol ids that canon (flatten's argument) maps
	uint16_t slot;
	bool fields;
	bool linked;     // set when every node's children were placed as counted
	uint32_t nnamed; // named children in all, when linked
} flat_out;

// open_node is a node whose children are being placed: the next free
// places of its children and named children.
typedef struct {
	int32_t index;
	uint32_t kid, named;
} open_node;

// flatten writes the nodes under root, root first, in preorder, into
// out->nodes and returns how many there are. When that is more than
// out->cap, nodes beyond cap are counted but not written: the caller
// grows the arrays and calls again. It returns 0 when memory runs out.
//
// Each node's children get their places in the children arrays when the
// node is written (tree-sitter keeps the counts of visible and named
// children in every node), and each child is written into its parent's
// next place as it is met, so the arrays are filled in the same pass.
// out->linked says the children met were exactly those counted; when it
// is false the caller places them again from the parent indexes.
//
// Field ids are read only when out->fields is set: the lookup walks the
// parent's field map for every node and costs about half of the copy.
// Whether a node is missing or holds an error is read only when the
// root holds one: a tree without one has neither anywhere.
static uint32_t flatten(TSNode root, flat_out *out, const uint16_t *canon) {
	uint32_t depth = 0, depth_cap = 64, n = 0, kids = 0, named = 0;
	open_node *open = malloc(depth_cap * sizeof *open);
	if (open == NULL) {
		return 0;
	}
	bool errors = ts_node_has_error(root);
	bool linked = true;
	open[0].index = -1;
	TSTreeCursor c = ts_tree_cursor_new(root);
	for (;;) {
		uint32_t nkids = 0;
		if (n < out->cap) {
			TSNode node = ts_tree_cursor_current_node(&c);
			TSPoint start = ts_node_start_point(node), end = ts_node_end_point(node);
			flat_node *f = &out->nodes[n];
			open_node *p = &open[depth];
			uint16_t symbol = ts_node_symbol(node);
			nkids = ts_node_child_count(node);
			f->start_byte = ts_node_start_byte(node);
			f->end_byte = ts_node_end_byte(node);
			f->start_row = start.row;
			f->start_col = start.column;
			f->end_row = end.row;
			f->parent = p->index;
			f->nkids = nkids;
			f->nnamed = ts_node_named_child_count(node);
			f->kids = kids;
			f->named_kids = named;
			kids += f->nkids;
			named += f->nnamed;
			f->symbol = symbol;
			f->field = out->fields ? ts_tree_cursor_current_field_id(&c) : 0;
			f->flags = (ts_node_is_named(node) ? FLAG_NAMED : 0) |
				(ts_node_is_extra(node) ? FLAG_EXTRA : 0);
			if (errors) {
				f->flags |= (ts_node_is_missing(node) ? FLAG_MISSING : 0) |
					(ts_node_has_error(node) ? FLAG_ERROR : 0);
			}
			if (p->index >= 0) {
				const flat_node *pf = &out->nodes[p->index];
				go_node g = {(int32_t)n, out->slot, symbol < out->ncanon ? canon[symbol] : symbol};
				// A child beyond its parent's count, or beyond the
				// arrays, is not written: the caller places them all
				// again.
				if (p->kid < pf->kids + pf->nkids && p->kid < out->cap) {
					out->kids[p->kid++] = g;
				} else {
					linked = false;
				}
				if (f->flags & FLAG_NAMED) {
					if (p->named < pf->named_kids + pf->nnamed && p->named < out->cap) {
						out->named[p->named++] = g;
					} else {
						linked = false;
					}
				}
			}
		}
		if (ts_tree_cursor_goto_first_child(&c)) {
			if (++depth == depth_cap) {
				depth_cap *= 2;
				open_node *grown = realloc(open, depth_cap * sizeof *open);
				if (grown == NULL) {
					n = 0;
					break;
				}
				open = grown;
			}
			open[depth].index = (int32_t)n;
			if (n < out->cap) {
				open[depth].kid = out->nodes[n].kids;
				open[depth].named = out->nodes[n].named_kids;
			}
			n++;
			continue;
		}
		if (nkids != 0) {
			linked = false; // counted children that the cursor did not find
		}
		n++;
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (depth == 0 || !ts_tree_cursor_goto_parent(&c)) {
				goto done;
			}
			// The cursor leaves the node open at depth: every child of
			// it has been met, and its places must all be filled.
			open_node *p = &open[depth];
			if (p->index < (int32_t)out->cap) {
				const flat_node *pf = &out->nodes[p->index];
				if (p->kid != pf->kids + pf->nkids || p->named != pf->named_kids + pf->nnamed) {
					linked = false;
				}
			}
			depth--;
		}
	}
done:
	ts_tree_cursor_delete(&c);
	free(open);
	out->linked = linked;
	out->nnamed = named;
	return n;
}
*/
import "C"

import (
	"errors"
	"sync"
	"unsafe"

	sitter "github.com/smacker/go-tree-sitter"
)

// flatNode is one node of a flattened tree (see flatten in the preamble).
type flatNode = C.flat_node

const (
	flagNamed   = C.FLAG_NAMED
	flagMissing = C.FLAG_MISSING
	flagExtra   = C.FLAG_EXTRA
	flagError   = C.FLAG_ERROR
)

// sitter.Node is a C TSNode followed by a pointer to its tree; rootOf
// reads the TSNode. These two lines stop the build if that layout changes.
var (
	_ [unsafe.Sizeof(sitter.Node{}) - (C.sizeof_TSNode + unsafe.Sizeof(uintptr(0)))]struct{}
	_ [(C.sizeof_TSNode + unsafe.Sizeof(uintptr(0))) - unsafe.Sizeof(sitter.Node{})]struct{}
)

func rootOf(n *sitter.Node) C.TSNode { return *(*C.TSNode)(unsafe.Pointer(n)) }

// flatten writes Nodes into the arrays of children as go_node; these lines
// stop the build if Node's layout and go_node's differ.
var (
	_ [unsafe.Sizeof(Node{}) - C.sizeof_go_node]struct{}
	_ [C.sizeof_go_node - unsafe.Sizeof(Node{})]struct{}
	_ [unsafe.Offsetof(Node{}.i) - unsafe.Offsetof(C.go_node{}.i)]struct{}
	_ [unsafe.Offsetof(C.go_node{}.i) - unsafe.Offsetof(Node{}.i)]struct{}
	_ [unsafe.Offsetof(Node{}.slot) - unsafe.Offsetof(C.go_node{}.slot)]struct{}
	_ [unsafe.Offsetof(C.go_node{}.slot) - unsafe.Offsetof(Node{}.slot)]struct{}
	_ [unsafe.Offsetof(Node{}.kind) - unsafe.Offsetof(C.go_node{}.kind)]struct{}
	_ [unsafe.Offsetof(C.go_node{}.kind) - unsafe.Offsetof(Node{}.kind)]struct{}
)

// errFlatten is returned when C memory runs out while flattening.
var errFlatten = errors.New("flatten syntax tree: out of memory")

// tree is a syntax tree copied out of tree-sitter in one call into C:
// every node's kind, flags, position and children. Walking it costs no
// call into C and no allocation. One tree is reused by a Parser for every
// file it parses.
type tree struct {
	g   *Grammar
	src []byte
	// slot is where the tree is registered while it is walked (see
	// walking); its Nodes name it by this slot.
	slot uint16
	// nodes is outside the Go heap (see allocNodes); Parser.Close frees it.
	nodes []flatNode
	// kids and named hold the children of every node, each node's
	// contiguous (nodes[i].kids and .named_kids index them), so that
	// Children and NamedChildren return slices of them. They are
	// outside the Go heap too (a Node holds no Go pointer), with as much
	// room as nodes (a tree has a child fewer than it has nodes).
	kids  []Node
	named []Node
	// relink makes load place the children from the parent indexes
	// every time, as it does when flatten could not (see link); relinked
	// counts the trees placed so. Both are for tests.
	relink   bool
	relinked int
}

// walking holds the trees being walked, by slot: a Node names its tree by
// slot instead of pointing to it, so that a Node holds no Go pointer. The
// arrays of children, a Node per node of the tree twice over, can then
// live outside the Go heap, and filling them costs no write barrier: as
// Go memory they were 17 MB of garbage a run on the large service of
// `make bench`, scanned by the collector while alive. Slot 0 is the null
// node's. A slot is taken for one walk (Parser.Parse) and given back when
// it ends, so slots are bounded by the walks under way at once, not by
// the Parsers made.
var walking [1 << 16]*tree

// slots hands out the slots of walking.
var slots struct {
	sync.Mutex
	free []uint16 // slots given back
	next int      // the lowest slot never handed out
}

// errNoSlot is returned when 65,535 walks are under way at once.
var errNoSlot = errors.New("syntax: too many trees walked at once")

// register takes a slot for t for the time of its walk.
func (t *tree) register() error {
	slots.Lock()
	defer slots.Unlock()
	switch {
	case len(slots.free) > 0:
		t.slot = slots.free[len(slots.free)-1]
		slots.free = slots.free[:len(slots.free)-1]
	case slots.next < len(walking)-1:
		slots.next++
		t.slot = uint16(slots.next)
	default:
		return errNoSlot
	}
	walking[t.slot] = t
	return nil
}

// unregister gives t's slot back once its walk has ended.
func (t *tree) unregister() {
	if t.slot == 0 {
		return
	}
	slots.Lock()
	defer slots.Unlock()
	walking[t.slot] = nil
	slots.free = append(slots.free, t.slot)
	t.slot = 0
}

// keepNodes is how many nodes' room a Parser keeps between files; a
// larger tree's arrays are dropped when its walk ends.
const keepNodes = 1 << 16

// load flattens the tree under root, parsed from src with g.
func (t *tree) load(root *sitter.Node, g *Grammar, src []byte) error {
	t.g, t.src = g, src
	if cap(t.nodes) == 0 {
		// About one node per three bytes of Python; grown when short.
		if err := t.alloc(max(len(src)/3, 256)); err != nil {
			return err
		}
	}
	for {
		out := C.flat_out{
			nodes:  unsafe.SliceData(t.nodes[:cap(t.nodes)]),
			kids:   (*C.go_node)(unsafe.Pointer(unsafe.SliceData(t.kids[:cap(t.kids)]))),
			named:  (*C.go_node)(unsafe.Pointer(unsafe.SliceData(t.named[:cap(t.named)]))),
			cap:    C.uint32_t(cap(t.nodes)),
			ncanon: C.uint32_t(len(g.canon)),
			slot:   C.uint16_t(t.slot),
			fields: C.bool(!g.noFields),
		}
		// canon is Go memory, so it is an argument of its own: out,
		// passed by pointer, may hold none.
		n := int(C.flatten(rootOf(root), &out, (*C.uint16_t)(unsafe.Pointer(unsafe.SliceData(g.canon)))))
		if n == 0 {
			return errFlatten
		}
		if n <= cap(t.nodes) {
			t.nodes = t.nodes[:n]
			if !bool(out.linked) || t.relink {
				t.relinked++
				t.link()
				return nil
			}
			t.kids, t.named = t.kids[:n-1], t.named[:out.nnamed]
			return nil
		}
		if err := t.alloc(n + n/8); err != nil {
			return err
		}
	}
}

// alloc replaces the node array and the arrays of children by empty ones
// with room for n nodes. They are outside the Go heap (they hold no Go
// pointer): a large file's arrays, made for one walk and dropped after
// it, would otherwise be garbage the size of the tree that the Go heap
// grows by (and the collector runs for) while a service's facts pile up,
// and that stays resident until the next collection.
func (t *tree) alloc(n int) error {
	t.freeNodes()
	p := C.alloc_nodes(C.size_t(n) * C.sizeof_flat_node)
	if p == nil {
		return errFlatten
	}
	t.nodes = unsafe.Slice((*flatNode)(p), n)[:0]
	var err error
	if t.kids, err = allocChildren(n); err != nil {
		t.freeNodes()
		return err
	}
	if t.named, err = allocChildren(n); err != nil {
		t.freeNodes()
		return err
	}
	return nil
}

// freeNodes frees the node array and the arrays of children.
func (t *tree) freeNodes() {
	if cap(t.nodes) > 0 {
		C.free_nodes(unsafe.Pointer(unsafe.SliceData(t.nodes)), C.size_t(cap(t.nodes))*C.sizeof_flat_node)
	}
	t.nodes = nil
	freeChildren(t.kids)
	freeChildren(t.named)
	t.kids, t.named = nil, nil
}

// nodeSize is the size of a Node, which holds no Go pointer.
const nodeSize = unsafe.Sizeof(Node{})

// allocChildren returns an empty array of Nodes with room for n, outside
// the Go heap (see walking).
func allocChildren(n int) ([]Node, error) {
	p := C.alloc_nodes(C.size_t(n) * C.size_t(nodeSize))
	if p == nil {
		return nil, errFlatten
	}
	return unsafe.Slice((*Node)(p), n)[:0], nil
}

// freeChildren frees an array made by allocChildren.
func freeChildren(s []Node) {
	if cap(s) > 0 {
		C.free_nodes(unsafe.Pointer(unsafe.SliceData(s)), C.size_t(cap(s))*C.size_t(nodeSize))
	}
}

// link places the children of every node again, from the parent
// indexes, when flatten could not: every node but the root is the child
// of one parent, so kids has len(nodes)-1 entries, grouped by parent in
// source order. tree-sitter's counts of a node's children are not
// trusted here; they are counted again.
func (t *tree) link() {
	for i := range t.nodes {
		t.nodes[i].nkids, t.nodes[i].nnamed = 0, 0
	}
	for i := 1; i < len(t.nodes); i++ {
		f := &t.nodes[i]
		p := &t.nodes[f.parent]
		p.nkids++
		if f.flags&flagNamed != 0 {
			p.nnamed++
		}
	}
	var nkids, nnamed uint32
	for i := range t.nodes {
		f := &t.nodes[i]
		f.kids, f.named_kids = C.uint32_t(nkids), C.uint32_t(nnamed)
		nkids += uint32(f.nkids)
		nnamed += uint32(f.nnamed)
	}
	t.kids, t.named = t.kids[:nkids], t.named[:nnamed]
	kids, named := t.kids, t.named
	// kids and named_kids advance as children are placed, then are
	// wound back to where each node's children start.
	for i := 1; i < len(t.nodes); i++ {
		f := &t.nodes[i]
		p := &t.nodes[f.parent]
		n := Node{slot: t.slot, i: int32(i), kind: t.g.canonical(uint16(f.symbol))}
		kids[p.kids] = n
		p.kids++
		if f.flags&flagNamed != 0 {
			named[p.named_kids] = n
			p.named_kids++
		}
	}
	for i := range t.nodes {
		f := &t.nodes[i]
		f.kids -= f.nkids
		f.named_kids -= f.nnamed
	}
}

// release forgets the source and, for a large tree, the arrays, so that a
// Parser holds neither between files.
func (t *tree) release() {
	t.src = nil
	if cap(t.nodes) > keepNodes {
		t.freeNodes()
		*t = tree{relink: t.relink, relinked: t.relinked}
		return
	}
	t.nodes, t.kids, t.named = t.nodes[:0], t.kids[:0], t.named[:0]
}

// root returns the root node.
func (t *tree) root() Node {
	return Node{slot: t.slot, i: 0, kind: t.g.canonical(uint16(t.nodes[0].symbol))}
}
