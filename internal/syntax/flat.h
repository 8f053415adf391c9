// flat.h declares what the two tree copies (flat_cursor.c, flat_direct.c)
// and flat.go share: the node records they write, where they write them,
// and the part of tree-sitter's C API they use.

#ifndef DISTILL_FLAT_H
#define DISTILL_FLAT_H

#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>

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
const void *ts_tree_language(const void *tree);

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
// a copy writes the arrays of children the walk reads.
typedef struct {
	int32_t i;
	uint16_t slot;
	uint16_t kind;
} go_node;

// flat_out is where a copy writes one tree: room for cap nodes, and as
// many children and named children (a tree of n nodes has n-1 children).
typedef struct {
	flat_node *nodes;
	go_node *kids, *named;
	uint32_t cap;
	uint32_t ncanon; // symbol ids that canon (the copy's argument) maps
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

// Both copies write the nodes under root, root first, in preorder, into
// out->nodes and return how many there are. When that is more than
// out->cap, nodes beyond cap are counted but not written: the caller
// grows the arrays and calls again. They return 0 when memory runs out.
//
// Each node's children get their places in the children arrays when the
// node is written (tree-sitter keeps the counts of visible and named
// children in every node), and each child is written into its parent's
// next place as it is met, so the arrays are filled in the same pass.
// out->linked says the children met were exactly those counted; when it
// is false the caller places them again from the parent indexes.
//
// flatten_cursor walks with tree-sitter's public tree cursor;
// flatten_direct reads the library's subtrees itself, at about a third of
// the cost, and serves once flat.go has seen it agree with the cursor.
uint32_t flatten_cursor(TSNode root, flat_out *out, const uint16_t *canon);
uint32_t flatten_direct(TSNode root, flat_out *out, const uint16_t *canon);

// place_child writes node n, of symbol and flags, into the next places of
// its parent p among the parent's children (and named children): false
// when a place is beyond the parent's count or the arrays, and the caller
// must place the children again.
static inline bool place_child(flat_out *out, open_node *p, uint32_t n, uint16_t symbol, uint8_t flags,
	const uint16_t *canon) {
	const flat_node *pf = &out->nodes[p->index];
	go_node g = {(int32_t)n, out->slot, symbol < out->ncanon ? canon[symbol] : symbol};
	bool ok = true;
	if (p->kid < pf->kids + pf->nkids && p->kid < out->cap) {
		out->kids[p->kid++] = g;
	} else {
		ok = false;
	}
	if (flags & FLAG_NAMED) {
		if (p->named < pf->named_kids + pf->nnamed && p->named < out->cap) {
			out->named[p->named++] = g;
		} else {
			ok = false;
		}
	}
	return ok;
}

// closed_fully says every place of the open node p was filled once its
// children have all been met.
static inline bool closed_fully(const flat_out *out, const open_node *p) {
	if (p->index >= (int32_t)out->cap) {
		return true;
	}
	const flat_node *pf = &out->nodes[p->index];
	return p->kid == pf->kids + pf->nkids && p->named == pf->named_kids + pf->nnamed;
}

// grow_open makes room for one more open node at depth in *open, of
// *depth_cap: false when memory runs out.
static inline bool grow_open(open_node **open, uint32_t *depth_cap, uint32_t depth) {
	if (depth < *depth_cap) {
		return true;
	}
	uint32_t cap = *depth_cap * 2;
	open_node *grown = realloc(*open, cap * sizeof *grown);
	if (grown == NULL) {
		return false;
	}
	*open = grown;
	*depth_cap = cap;
	return true;
}

#endif
