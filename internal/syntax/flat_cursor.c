// flatten_cursor: the copy of a tree through tree-sitter's public tree
// cursor (see flat.h). It reads nothing of the library's own layout, so it
// is the one that serves when flatten_direct cannot be trusted.

#include "flat.h"

uint32_t flatten_cursor(TSNode root, flat_out *out, const uint16_t *canon) {
	uint32_t depth = 0, depth_cap = 64, n = 0, kids = 0, named = 0;
	open_node *open = malloc(depth_cap * sizeof *open);
	if (open == NULL) {
		return 0;
	}
	// Whether a node is missing or holds an error is read only when the
	// root holds one: a tree without one has neither anywhere.
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
			// The field lookup walks the parent's field map for every
			// node: it is done only for grammars whose walkers ask.
			f->field = out->fields ? ts_tree_cursor_current_field_id(&c) : 0;
			f->flags = (ts_node_is_named(node) ? FLAG_NAMED : 0) |
				(ts_node_is_extra(node) ? FLAG_EXTRA : 0);
			if (errors) {
				f->flags |= (ts_node_is_missing(node) ? FLAG_MISSING : 0) |
					(ts_node_has_error(node) ? FLAG_ERROR : 0);
			}
			if (p->index >= 0 && !place_child(out, p, n, symbol, f->flags, canon)) {
				linked = false;
			}
		}
		if (ts_tree_cursor_goto_first_child(&c)) {
			if (!grow_open(&open, &depth_cap, ++depth)) {
				n = 0;
				break;
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
			if (!closed_fully(out, &open[depth])) {
				linked = false;
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
