package syntax

import (
	sitter "github.com/smacker/go-tree-sitter"
)

// Node is a node of a syntax tree that is being walked.
//
// A Node is valid only inside the walk function given to [Parser.Parse]:
// the tree it points into is closed when that function returns. Never store
// a Node, or a slice returned by [Node.Bytes], in a value that outlives the
// walk; copy what you need into plain Go values (strings, facts).
//
// The zero Node is the null node: every method on it is safe and returns a
// zero value, so optional children can be handled without nil checks.
type Node struct {
	n    *sitter.Node
	w    *walkState
	kind Kind // resolved once when the Node is made: one call into C
}

// walk is the state shared by all nodes of one parse.
type walkState struct {
	// slab is carved into the slices returned by Children and
	// NamedChildren, so that a walk allocates one chunk per many nodes
	// rather than a slice per node.
	slab   []Node
	g      *Grammar
	src    []byte
	cursor *sitter.TreeCursor
}

// IsNull reports whether n is the null node (an absent child).
func (n Node) IsNull() bool { return n.n == nil }

// Kind returns the node's type as a Kind of its grammar.
func (n Node) Kind() Kind { return n.kind }

// IsNamed reports whether the node is a named node (not punctuation or a
// keyword token).
func (n Node) IsNamed() bool { return n.n != nil && n.w.g.kindIsNamed(n.kind) }

// IsError reports whether the node is an ERROR node.
func (n Node) IsError() bool { return n.n != nil && n.kind == KindError }

// IsMissing reports whether the parser inserted the node to recover from
// a syntax error.
func (n Node) IsMissing() bool { return n.n != nil && n.n.IsMissing() }

// IsExtra reports whether the node is an extra such as a comment.
func (n Node) IsExtra() bool { return n.n != nil && n.n.IsExtra() }

// HasError reports whether the node is or contains a syntax error.
func (n Node) HasError() bool { return n.n != nil && n.n.HasError() }

// Line is the node's 1-based start line.
func (n Node) Line() int {
	if n.n == nil {
		return 0
	}
	return int(n.n.StartPoint().Row) + 1
}

// Column is the node's 1-based start column in bytes.
func (n Node) Column() int {
	if n.n == nil {
		return 0
	}
	return int(n.n.StartPoint().Column) + 1
}

// EndLine is the node's 1-based end line.
func (n Node) EndLine() int {
	if n.n == nil {
		return 0
	}
	return int(n.n.EndPoint().Row) + 1
}

// Bytes returns the node's source text as a slice of the parsed buffer,
// without copying. Do not keep it beyond the walk or modify it.
func (n Node) Bytes() []byte {
	if n.n == nil {
		return nil
	}
	start, end := n.n.StartByte(), n.n.EndByte()
	if int(end) > len(n.w.src) || start > end {
		return nil
	}
	return n.w.src[start:end]
}

// Text returns a copy of the node's source text.
func (n Node) Text() string { return string(n.Bytes()) }

// Field returns the child stored under the grammar field name, or the null
// node. It costs a small C string allocation; prefer Children in hot loops.
func (n Node) Field(name string) Node {
	if n.n == nil {
		return Node{}
	}
	return n.wrap(n.n.ChildByFieldName(name))
}

// ChildCount returns the number of children, named and anonymous.
func (n Node) ChildCount() int {
	if n.n == nil {
		return 0
	}
	return int(n.n.ChildCount())
}

// NamedChildCount returns the number of named children.
func (n Node) NamedChildCount() int {
	if n.n == nil {
		return 0
	}
	return int(n.n.NamedChildCount())
}

// Parent returns the node's parent, or the null node at the root.
func (n Node) Parent() Node {
	if n.n == nil {
		return Node{}
	}
	return n.wrap(n.n.Parent())
}

// Children returns all children (named and anonymous, including extras
// such as comments) in source order; the slice is owned by the caller.
func (n Node) Children() []Node {
	if n.n == nil {
		return nil
	}
	count := n.n.ChildCount()
	if count <= indexedLimit {
		return n.indexed(int(count), n.n.Child)
	}
	return n.walkChildren(false)
}

// NamedChildren returns the named children in source order, comments
// included (they are named extras). Anonymous tokens are never touched,
// which saves a call into C and an allocation per token.
func (n Node) NamedChildren() []Node {
	if n.n == nil {
		return nil
	}
	count := n.n.NamedChildCount()
	if count <= indexedLimit {
		return n.indexed(int(count), n.n.NamedChild)
	}
	return n.walkChildren(true)
}

// indexedLimit is the child count up to which children are fetched by
// index: one call into C each, where the cursor needs three, but each
// lookup is linear in the index, so long lists (module bodies, big
// literals) use the cursor.
const indexedLimit = 8

func (n Node) indexed(count int, child func(int) *sitter.Node) []Node {
	if count == 0 {
		return nil
	}
	out := n.w.alloc(count)
	for i := range count {
		if c := child(i); c != nil {
			out = append(out, newNode(c, n.w))
		}
	}
	return out
}

// walkChildren collects children with the parse's shared cursor, linear
// in the number of children.
func (n Node) walkChildren(namedOnly bool) []Node {
	c := n.w.cursor
	c.Reset(n.n)
	if !c.GoToFirstChild() {
		return nil
	}
	out := make([]Node, 0, 16)
	for {
		child := newNode(c.CurrentNode(), n.w)
		if !namedOnly || child.IsNamed() {
			out = append(out, child)
		}
		if !c.GoToNextSibling() {
			break
		}
	}
	return out
}

func (n Node) wrap(s *sitter.Node) Node {
	if s == nil {
		return Node{}
	}
	return newNode(s, n.w)
}

// slabChunk is the number of Nodes allocated at once for child slices.
const slabChunk = 512

// alloc returns an empty slice with capacity count carved from the slab;
// its capacity is exact so appends by callers never reach a neighbour.
func (w *walkState) alloc(count int) []Node {
	if count > slabChunk/4 {
		return make([]Node, 0, count)
	}
	if cap(w.slab)-len(w.slab) < count {
		w.slab = make([]Node, 0, slabChunk)
	}
	start := len(w.slab)
	w.slab = w.slab[:start+count]
	return w.slab[start : start : start+count]
}

func newNode(s *sitter.Node, w *walkState) Node {
	return Node{n: s, w: w, kind: w.g.canonical(uint16(s.Symbol()))}
}

// SExpr returns the node's subtree as an S-expression, for debugging and
// test failure messages.
func (n Node) SExpr() string {
	if n.n == nil {
		return "()"
	}
	return n.n.String()
}

// StartByte is the byte offset where the node starts in the source.
func (n Node) StartByte() int {
	if n.n == nil {
		return 0
	}
	return int(n.n.StartByte())
}

// EndByte is the byte offset just past the node's end.
func (n Node) EndByte() int {
	if n.n == nil {
		return 0
	}
	return int(n.n.EndByte())
}

// Between returns the source between the end of a and the start of b
// (operators and whitespace between two operands), without copying; nil
// when b does not follow a. Same lifetime rule as Bytes.
func Between(a, b Node) []byte {
	if a.n == nil || b.n == nil {
		return nil
	}
	start, end := a.EndByte(), b.StartByte()
	if start > end || end > len(a.w.src) {
		return nil
	}
	return a.w.src[start:end]
}
