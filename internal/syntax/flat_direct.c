// flatten_direct: the copy of a tree read straight from tree-sitter's
// subtrees (see flat.h). The public cursor rebuilds an iterator over the
// parent's children at every step to a sibling and keeps counts the copy
// never reads; here each node's children are read once, in order, from
// the array tree-sitter keeps them in.
//
// This reads the library's own layout of a subtree and of a language, as
// the version of github.com/smacker/go-tree-sitter that go.mod pins lays
// them out (lib/src/subtree.h and lib/src/parser.h of tree-sitter, ABI 14).
// The declarations below restate that layout; they are facts about the
// library, which flat.go checks at run time (a grammar's trees are copied
// both ways and compared until enough nodes agree; on any difference
// the cursor serves) and flat_test.go checks over a corpus.

#include "flat.h"

#if defined(__BYTE_ORDER__) && __BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__ && UINTPTR_MAX == 0xFFFFFFFFFFFFFFFFu
#define DIRECT_LAYOUT 1
#endif

#ifdef DIRECT_LAYOUT

// length: a byte count and its extent in rows and columns.
typedef struct {
	uint32_t bytes;
	TSPoint extent;
} length;

static inline length length_after(length a, length b) {
	length r;
	r.bytes = a.bytes + b.bytes;
	if (b.extent.row > 0) {
		r.extent.row = a.extent.row + b.extent.row;
		r.extent.column = b.extent.column;
	} else {
		r.extent.row = a.extent.row;
		r.extent.column = a.extent.column + b.extent.column;
	}
	return r;
}

// inline_subtree is a small leaf kept in the 8 bytes of a subtree itself;
// its first bit, where a pointer's lowest bit would be, is set.
typedef struct {
	bool is_inline : 1;
	bool visible : 1;
	bool named : 1;
	bool extra : 1;
	bool has_changes : 1;
	bool is_missing : 1;
	bool is_keyword : 1;
	uint8_t symbol;
	uint16_t parse_state;
	uint8_t padding_columns;
	uint8_t padding_rows : 4;
	uint8_t lookahead_bytes : 4;
	uint8_t padding_bytes;
	uint8_t size_bytes;
} inline_subtree;

// heap_subtree is every other subtree; its children are the child_count
// subtrees just before it in memory.
typedef struct {
	volatile uint32_t ref_count;
	length padding;
	length size;
	uint32_t lookahead_bytes;
	uint32_t error_cost;
	uint32_t child_count;
	uint16_t symbol;
	uint16_t parse_state;
	bool visible : 1;
	bool named : 1;
	bool extra : 1;
	bool fragile_left : 1;
	bool fragile_right : 1;
	bool has_changes : 1;
	bool has_external_tokens : 1;
	bool has_external_scanner_state_change : 1;
	bool depends_on_column : 1;
	bool is_missing : 1;
	bool is_keyword : 1;
	// Read only when child_count > 0 (the library's union is wider).
	uint32_t visible_child_count;
	uint32_t named_child_count;
	uint32_t visible_descendant_count;
	int32_t dynamic_precedence;
	uint16_t repeat_depth;
	uint16_t production_id;
} heap_subtree;

typedef union {
	inline_subtree data;
	const heap_subtree *ptr;
} subtree;

typedef struct {
	uint16_t field_id;
	uint8_t child_index;
	bool inherited;
} field_map_entry;

typedef struct {
	uint16_t index;
	uint16_t length;
} field_map_slice;

typedef struct {
	bool visible;
	bool named;
	bool supertype;
} symbol_metadata;

// language_head is the start of a TSLanguage, up to the tables read here.
typedef struct {
	uint32_t version;
	uint32_t symbol_count;
	uint32_t alias_count;
	uint32_t token_count;
	uint32_t external_token_count;
	uint32_t state_count;
	uint32_t large_state_count;
	uint32_t production_id_count;
	uint32_t field_count;
	uint16_t max_alias_sequence_length;
	const uint16_t *parse_table;
	const uint16_t *small_parse_table;
	const uint32_t *small_parse_table_map;
	const void *parse_actions;
	const char *const *symbol_names;
	const char *const *field_names;
	const field_map_slice *field_map_slices;
	const field_map_entry *field_map_entries;
	const symbol_metadata *symbol_metadata;
	const uint16_t *public_symbol_map;
	const uint16_t *alias_map;
	const uint16_t *alias_sequences;
} language_head;

// The accessors read a subtree of either form, as the library's do.
static inline bool st_visible(subtree s) { return s.data.is_inline ? s.data.visible : s.ptr->visible; }
static inline bool st_named(subtree s) { return s.data.is_inline ? s.data.named : s.ptr->named; }
static inline bool st_extra(subtree s) { return s.data.is_inline ? s.data.extra : s.ptr->extra; }
static inline bool st_missing(subtree s) { return s.data.is_inline ? s.data.is_missing : s.ptr->is_missing; }
static inline uint16_t st_symbol(subtree s) { return s.data.is_inline ? s.data.symbol : s.ptr->symbol; }
static inline uint32_t st_child_count(subtree s) { return s.data.is_inline ? 0 : s.ptr->child_count; }
static inline const subtree *st_children(subtree s) { return (const subtree *)s.ptr - s.ptr->child_count; }
static inline bool st_has_error(subtree s) {
	return st_missing(s) || (!s.data.is_inline && s.ptr->error_cost > 0);
}
static inline length st_padding(subtree s) {
	if (s.data.is_inline) {
		length l = {s.data.padding_bytes, {s.data.padding_rows, s.data.padding_columns}};
		return l;
	}
	return s.ptr->padding;
}
static inline length st_size(subtree s) {
	if (s.data.is_inline) {
		length l = {s.data.size_bytes, {0, s.data.size_bytes}};
		return l;
	}
	return s.ptr->size;
}

// frame is a node whose children are being read: a visible node, whose
// children are its own, or a hidden one, whose children belong to the
// nearest visible node above it (the owner).
typedef struct {
	const subtree *kids;
	uint32_t count, next;     // children, and the next to read
	length pos;               // where the next child starts (after its padding)
	uint32_t structural;      // the next child's index among the non-extra ones
	const uint16_t *aliases;  // alias of each structural child, or NULL
	const field_map_entry *fields, *fields_end;
	uint32_t owner;           // depth of the owner in open
	uint16_t inherited;       // a hidden node's own field, which its children take
	bool owns;                // the frame is its owner's: closing it closes the owner
} frame;

// push_frame starts reading the children of s, at pos.
static bool push_frame(frame **frames, uint32_t *cap, uint32_t *depth, const language_head *lang, subtree s,
	length pos, uint32_t owner, uint16_t inherited, bool owns, bool fields) {
	if (*depth == *cap) {
		uint32_t grown_cap = *cap * 2;
		frame *grown = realloc(*frames, grown_cap * sizeof *grown);
		if (grown == NULL) {
			return false;
		}
		*frames = grown;
		*cap = grown_cap;
	}
	frame *f = &(*frames)[(*depth)++];
	uint16_t production = s.ptr->production_id;
	f->kids = st_children(s);
	f->count = s.ptr->child_count;
	f->next = 0;
	f->pos = pos;
	f->structural = 0;
	f->aliases = production ? &lang->alias_sequences[production * lang->max_alias_sequence_length] : NULL;
	f->fields = f->fields_end = NULL;
	if (fields && lang->field_count > 0) {
		field_map_slice slice = lang->field_map_slices[production];
		f->fields = &lang->field_map_entries[slice.index];
		f->fields_end = f->fields + slice.length;
	}
	f->owner = owner;
	f->inherited = inherited;
	f->owns = owns;
	return true;
}

// field_of is the field of the structural child index of f's node.
static inline uint16_t field_of(const frame *f, uint32_t index) {
	for (const field_map_entry *e = f->fields; e < f->fields_end; e++) {
		if (!e->inherited && e->child_index == index) {
			return e->field_id;
		}
	}
	return 0;
}

uint32_t flatten_direct(TSNode root, flat_out *out, const uint16_t *canon) {
	const language_head *lang = ts_tree_language(root.tree);
	uint32_t open_cap = 64, frame_cap = 64, depth = 0, open_depth = 0;
	uint32_t n = 0, kids = 0, named = 0;
	bool linked = true;
	bool errors = ts_node_has_error(root);
	open_node *open = malloc(open_cap * sizeof *open);
	frame *frames = malloc(frame_cap * sizeof *frames);
	if (open == NULL || frames == NULL) {
		free(open);
		free(frames);
		return 0;
	}

	// The root is written as any node, with its alias from the node
	// (none, for a tree's root) and no parent.
	subtree s = *(const subtree *)root.id;
	uint16_t alias = (uint16_t)root.context[3];
	length pos = {ts_node_start_byte(root), ts_node_start_point(root)};
	uint16_t field = 0;
	int32_t parent = -1;
	for (;;) {
		// Write s, at pos, as node n.
		uint32_t child_count = st_child_count(s);
		if (n < out->cap) {
			flat_node *f = &out->nodes[n];
			uint16_t symbol = alias ? alias : st_symbol(s);
			bool is_named = alias ? lang->symbol_metadata[alias].named : st_named(s);
			length end = length_after(pos, st_size(s));
			// The error symbols are outside the map (only ERROR is
			// ever visible); every other symbol is in it.
			if (symbol < lang->symbol_count + lang->alias_count) {
				symbol = lang->public_symbol_map[symbol];
			}
			f->start_byte = pos.bytes;
			f->end_byte = end.bytes;
			f->start_row = pos.extent.row;
			f->start_col = pos.extent.column;
			f->end_row = end.extent.row;
			f->parent = parent;
			f->nkids = child_count ? s.ptr->visible_child_count : 0;
			f->nnamed = child_count ? s.ptr->named_child_count : 0;
			f->kids = kids;
			f->named_kids = named;
			kids += f->nkids;
			named += f->nnamed;
			f->symbol = symbol;
			f->field = field;
			f->flags = (is_named ? FLAG_NAMED : 0) | (st_extra(s) ? FLAG_EXTRA : 0);
			if (errors) {
				f->flags |= (st_missing(s) ? FLAG_MISSING : 0) | (st_has_error(s) ? FLAG_ERROR : 0);
			}
			if (parent >= 0 && !place_child(out, &open[depth ? frames[depth - 1].owner : 0], n, symbol, f->flags, canon)) {
				linked = false;
			}
		}
		if (child_count > 0) {
			// s is open: its children are placed under it.
			if (!grow_open(&open, &open_cap, open_depth)) {
				n = 0;
				goto done;
			}
			open[open_depth].index = (int32_t)n;
			if (n < out->cap) {
				open[open_depth].kid = out->nodes[n].kids;
				open[open_depth].named = out->nodes[n].named_kids;
			}
			if (!push_frame(&frames, &frame_cap, &depth, lang, s, pos, open_depth, 0, true, out->fields)) {
				n = 0;
				goto done;
			}
			open_depth++;
		}
		n++;

		// Find the next visible node: the next child of the innermost
		// frame with one left, descending into hidden children that hold
		// visible ones.
		for (;;) {
			if (depth == 0) {
				goto done;
			}
			frame *f = &frames[depth - 1];
			if (f->next == f->count) {
				if (f->owns) {
					open_depth--;
					if (!closed_fully(out, &open[open_depth])) {
						linked = false;
					}
				}
				depth--;
				continue;
			}
			subtree child = f->kids[f->next];
			length at = f->pos;
			bool extra = st_extra(child);
			uint16_t child_alias = 0;
			uint32_t index = f->structural;
			if (!extra) {
				if (f->aliases) {
					child_alias = f->aliases[index];
				}
				f->structural++;
			}
			f->pos = length_after(at, st_size(child));
			if (++f->next < f->count) {
				f->pos = length_after(f->pos, st_padding(f->kids[f->next]));
			}
			uint16_t child_field = 0;
			if (!extra && f->fields != f->fields_end) {
				child_field = field_of(f, index);
			}
			if (!extra && child_field == 0) {
				child_field = f->inherited;
			}
			if (st_visible(child) || child_alias) {
				s = child;
				alias = child_alias;
				pos = at;
				field = out->fields ? child_field : 0;
				parent = open[f->owner].index;
				break;
			}
			if (st_child_count(child) > 0 && child.ptr->visible_child_count > 0) {
				if (!push_frame(&frames, &frame_cap, &depth, lang, child, at, f->owner, child_field, false, out->fields)) {
					n = 0;
					goto done;
				}
			}
		}
	}
done:
	free(open);
	free(frames);
	out->linked = linked;
	out->nnamed = named;
	return n;
}

#else

// Elsewhere the layout above is not known to hold: the cursor serves.
uint32_t flatten_direct(TSNode root, flat_out *out, const uint16_t *canon) {
	return flatten_cursor(root, out, canon);
}

#endif
