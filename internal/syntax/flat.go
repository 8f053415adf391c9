package syntax

/*
#include "flat.h"

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
*/
import "C"

import (
	"errors"
	"slices"
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
	// copy forces one way of copying trees (copyCursor, copyDirect)
	// instead of the grammar's checked choice; for tests.
	copy copyMode
}

// copyMode is how a tree is copied out of tree-sitter (see copyTree).
type copyMode uint8

const (
	copyChecked copyMode = iota // direct once proven on the grammar's trees, else the cursor
	copyCursor
	copyDirect
)

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
		n := t.copyTree(root, g, &out)
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

// copyTree copies the tree under root into out and returns the count of
// its nodes, 0 when C memory ran out. The direct copy serves once it has
// written what the cursor does on provingNodes nodes of the grammar's
// trees; until then each tree is copied by the cursor, and directly
// beside it to compare. One difference and the cursor serves for good.
func (t *tree) copyTree(root *sitter.Node, g *Grammar, out *C.flat_out) int {
	// canon is Go memory, so it is an argument of its own: out, passed by
	// pointer, may hold none.
	canon := (*C.uint16_t)(unsafe.Pointer(unsafe.SliceData(g.canon)))
	mode := t.copy
	if mode == copyChecked {
		switch g.direct.Load() {
		case directProven:
			mode = copyDirect
		case directRefused:
			mode = copyCursor
		}
	}
	switch mode {
	case copyDirect:
		return int(C.flatten_direct(rootOf(root), out, canon))
	case copyCursor:
		return int(C.flatten_cursor(rootOf(root), out, canon))
	}
	n := int(C.flatten_cursor(rootOf(root), out, canon))
	switch {
	case n > 0 && !directAgrees(root, out, n, canon):
		g.direct.Store(directRefused)
	case g.agreed.Add(int64(n)) >= provingNodes:
		g.direct.CompareAndSwap(directUnproven, directProven)
	}
	return n
}

// provingNodes is how many nodes the direct copy must have agreed with
// the cursor on, over the trees of a grammar, before it serves: an empty
// module proves nothing, and a service of small files proves it too.
const provingNodes = 512

// The states of a grammar's direct copy (Grammar.direct).
const (
	directUnproven int32 = iota
	directProven
	directRefused
)

// directAgrees copies the tree under root directly into arrays of its own
// and says whether that copy equals what the cursor wrote into out (n
// nodes): every node written, every child placed, and the counts.
func directAgrees(root *sitter.Node, out *C.flat_out, n int, canon *C.uint16_t) bool {
	var scratch tree
	if err := scratch.alloc(int(out.cap)); err != nil {
		return false
	}
	defer scratch.freeNodes()
	direct := *out
	direct.nodes = unsafe.SliceData(scratch.nodes[:cap(scratch.nodes)])
	direct.kids = (*C.go_node)(unsafe.Pointer(unsafe.SliceData(scratch.kids[:cap(scratch.kids)])))
	direct.named = (*C.go_node)(unsafe.Pointer(unsafe.SliceData(scratch.named[:cap(scratch.named)])))
	if int(C.flatten_direct(rootOf(root), &direct, canon)) != n || direct.linked != out.linked {
		return false
	}
	written := min(n, int(out.cap))
	got := unsafe.Slice(direct.nodes, written)
	want := unsafe.Slice(out.nodes, written)
	for i := range want {
		if got[i] != want[i] {
			return false
		}
	}
	if !bool(out.linked) || n > int(out.cap) {
		return true // the children are placed again from the parents
	}
	if direct.nnamed != out.nnamed {
		return false
	}
	return slices.Equal(unsafe.Slice(direct.kids, n-1), unsafe.Slice(out.kids, n-1)) &&
		slices.Equal(unsafe.Slice(direct.named, int(out.nnamed)), unsafe.Slice(out.named, int(out.nnamed)))
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
		*t = tree{relink: t.relink, relinked: t.relinked, copy: t.copy}
		return
	}
	t.nodes, t.kids, t.named = t.nodes[:0], t.kids[:0], t.named[:0]
}

// root returns the root node.
func (t *tree) root() Node {
	return Node{slot: t.slot, i: 0, kind: t.g.canonical(uint16(t.nodes[0].symbol))}
}
