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
bool ts_node_is_named(TSNode self);
bool ts_node_is_missing(TSNode self);
bool ts_node_is_extra(TSNode self);
bool ts_node_has_error(TSNode self);

enum { FLAG_NAMED = 1, FLAG_MISSING = 2, FLAG_EXTRA = 4, FLAG_ERROR = 8 };

// flat_node is one node of a flattened tree. flatten fills everything but
// kids and named_kids, which the Go side sets.
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

// flatten writes the nodes under root, root first, in preorder into out
// (room for cap nodes) and returns how many there are. When that is more
// than cap, nodes beyond cap are counted but not written: the caller
// grows out and calls again. It returns 0 when memory runs out. Field ids
// are read only when fields is set: the lookup walks the parent's field
// map for every node and costs about half of the flattening.
static uint32_t flatten(TSNode root, flat_node *out, uint32_t cap, bool fields) {
	uint32_t depth = 0, depth_cap = 64, n = 0;
	int32_t *parents = malloc(depth_cap * sizeof *parents);
	if (parents == NULL) {
		return 0;
	}
	parents[0] = -1;
	TSTreeCursor c = ts_tree_cursor_new(root);
	for (;;) {
		if (n < cap) {
			TSNode node = ts_tree_cursor_current_node(&c);
			TSPoint start = ts_node_start_point(node), end = ts_node_end_point(node);
			flat_node *f = &out[n];
			int32_t parent = parents[depth];
			f->start_byte = ts_node_start_byte(node);
			f->end_byte = ts_node_end_byte(node);
			f->start_row = start.row;
			f->start_col = start.column;
			f->end_row = end.row;
			f->parent = parent;
			f->nkids = 0;
			f->nnamed = 0;
			f->symbol = ts_node_symbol(node);
			f->field = fields ? ts_tree_cursor_current_field_id(&c) : 0;
			f->flags = (ts_node_is_named(node) ? FLAG_NAMED : 0) |
				(ts_node_is_missing(node) ? FLAG_MISSING : 0) |
				(ts_node_is_extra(node) ? FLAG_EXTRA : 0) |
				(ts_node_has_error(node) ? FLAG_ERROR : 0);
			if (parent >= 0) {
				out[parent].nkids++;
				if (f->flags & FLAG_NAMED) {
					out[parent].nnamed++;
				}
			}
		}
		if (ts_tree_cursor_goto_first_child(&c)) {
			if (++depth == depth_cap) {
				depth_cap *= 2;
				int32_t *grown = realloc(parents, depth_cap * sizeof *parents);
				if (grown == NULL) {
					n = 0;
					break;
				}
				parents = grown;
			}
			parents[depth] = (int32_t)n++;
			continue;
		}
		n++;
		while (!ts_tree_cursor_goto_next_sibling(&c)) {
			if (depth == 0 || !ts_tree_cursor_goto_parent(&c)) {
				goto done;
			}
			depth--;
		}
	}
done:
	ts_tree_cursor_delete(&c);
	free(parents);
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
	// outside the Go heap too (a Node holds no Go pointer; see
	// allocChildren).
	kids  []Node
	named []Node
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
		if err := t.allocNodes(max(len(src)/3, 256)); err != nil {
			return err
		}
	}
	for {
		room := cap(t.nodes)
		n := int(C.flatten(rootOf(root), unsafe.SliceData(t.nodes[:room]), C.uint32_t(room), C.bool(!g.noFields)))
		if n == 0 {
			return errFlatten
		}
		if n <= room {
			t.nodes = t.nodes[:n]
			break
		}
		if err := t.allocNodes(n + n/8); err != nil {
			return err
		}
	}
	return t.link()
}

// allocNodes replaces the node array by an empty one with room for n
// nodes. The array is outside the Go heap (it holds no Go pointer): a
// large file's array, made for one walk and dropped after it, would
// otherwise be garbage the size of the tree that the Go heap grows by
// (and the collector runs for) while a service's facts pile up, and
// that stays resident until the next collection.
func (t *tree) allocNodes(n int) error {
	t.freeNodes()
	p := C.alloc_nodes(C.size_t(n) * C.sizeof_flat_node)
	if p == nil {
		return errFlatten
	}
	t.nodes = unsafe.Slice((*flatNode)(p), n)[:0]
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

// allocChildren returns s with length n, replaced by a new array outside
// the Go heap (see walking) when it has too little room. The arrays are
// kept between files, as the node array is.
func allocChildren(s []Node, n int) ([]Node, error) {
	if cap(s) >= n {
		return s[:n], nil
	}
	freeChildren(s)
	room := max(n+n/8, 256)
	p := C.alloc_nodes(C.size_t(room) * C.size_t(nodeSize))
	if p == nil {
		return nil, errFlatten
	}
	return unsafe.Slice((*Node)(p), room)[:n], nil
}

// freeChildren frees an array made by allocChildren.
func freeChildren(s []Node) {
	if cap(s) > 0 {
		C.free_nodes(unsafe.Pointer(unsafe.SliceData(s)), C.size_t(cap(s))*C.size_t(nodeSize))
	}
}

// link fills the children arrays: every node but the root is the child of
// one parent, so kids has len(nodes)-1 entries, grouped by parent in
// source order.
func (t *tree) link() error {
	var nkids, nnamed uint32
	for i := range t.nodes {
		f := &t.nodes[i]
		f.kids, f.named_kids = C.uint32_t(nkids), C.uint32_t(nnamed)
		nkids += uint32(f.nkids)
		nnamed += uint32(f.nnamed)
	}
	var err error
	if t.kids, err = allocChildren(t.kids, int(nkids)); err != nil {
		return err
	}
	if t.named, err = allocChildren(t.named, int(nnamed)); err != nil {
		return err
	}
	// kids and named_kids advance as children are placed, then are
	// wound back to where each node's children start.
	for i := 1; i < len(t.nodes); i++ {
		f := &t.nodes[i]
		p := &t.nodes[f.parent]
		n := Node{slot: t.slot, i: int32(i), kind: t.g.canonical(uint16(f.symbol))}
		t.kids[p.kids] = n
		p.kids++
		if f.flags&flagNamed != 0 {
			t.named[p.named_kids] = n
			p.named_kids++
		}
	}
	for i := range t.nodes {
		f := &t.nodes[i]
		f.kids -= f.nkids
		f.named_kids -= f.nnamed
	}
	return nil
}

// release forgets the source and, for a large tree, the arrays, so that a
// Parser holds neither between files.
func (t *tree) release() {
	t.src = nil
	if cap(t.nodes) > keepNodes {
		t.freeNodes()
		*t = tree{}
		return
	}
	t.nodes = t.nodes[:0]
}

// root returns the root node.
func (t *tree) root() Node {
	return Node{slot: t.slot, i: 0, kind: t.g.canonical(uint16(t.nodes[0].symbol))}
}
