package syntax

import "strings"

// Node is a node of a syntax tree that is being walked.
//
// A Node is valid only inside the walk function given to [Parser.Parse]:
// the Parser reuses the tree's memory for the next file. Never store a
// Node, a slice of Nodes or a slice returned by [Node.Bytes] in a value
// that outlives the walk; copy what you need into plain Go values
// (strings, facts).
//
// Every method is a plain memory read: the tree was copied out of
// tree-sitter in one call into C before the walk began, so a walk costs no
// cgo call and allocates nothing.
//
// The zero Node is the null node: every method on it is safe and returns a
// zero value, so optional children can be handled without nil checks.
type Node struct {
	i    int32
	slot uint16 // the tree's slot in walking; 0 for the null node
	kind Kind
}

// tree is the tree n belongs to (nil for the null node).
func (n Node) tree() *tree { return walking[n.slot] }

func (n Node) flat() *flatNode { return &n.tree().nodes[n.i] }

// IsNull reports whether n is the null node (an absent child).
func (n Node) IsNull() bool { return n.slot == 0 }

// Kind returns the node's type as a Kind of its grammar.
func (n Node) Kind() Kind { return n.kind }

// IsNamed reports whether the node is a named node (not punctuation or a
// keyword token).
func (n Node) IsNamed() bool { return n.slot != 0 && n.flat().flags&flagNamed != 0 }

// IsError reports whether the node is an ERROR node.
func (n Node) IsError() bool { return n.slot != 0 && n.kind == KindError }

// IsMissing reports whether the parser inserted the node to recover from
// a syntax error.
func (n Node) IsMissing() bool { return n.slot != 0 && n.flat().flags&flagMissing != 0 }

// IsExtra reports whether the node is an extra such as a comment.
func (n Node) IsExtra() bool { return n.slot != 0 && n.flat().flags&flagExtra != 0 }

// HasError reports whether the node is or contains a syntax error.
func (n Node) HasError() bool { return n.slot != 0 && n.flat().flags&flagError != 0 }

// Line is the node's 1-based start line.
func (n Node) Line() int {
	if n.slot == 0 {
		return 0
	}
	return int(n.flat().start_row) + 1
}

// Column is the node's 1-based start column in bytes.
func (n Node) Column() int {
	if n.slot == 0 {
		return 0
	}
	return int(n.flat().start_col) + 1
}

// EndLine is the node's 1-based end line.
func (n Node) EndLine() int {
	if n.slot == 0 {
		return 0
	}
	return int(n.flat().end_row) + 1
}

// StartByte is the byte offset where the node starts in the source.
func (n Node) StartByte() int {
	if n.slot == 0 {
		return 0
	}
	return int(n.flat().start_byte)
}

// EndByte is the byte offset just past the node's end.
func (n Node) EndByte() int {
	if n.slot == 0 {
		return 0
	}
	return int(n.flat().end_byte)
}

// Bytes returns the node's source text as a slice of the parsed buffer,
// without copying. Do not keep it beyond the walk or modify it.
func (n Node) Bytes() []byte {
	if n.slot == 0 {
		return nil
	}
	start, end := n.StartByte(), n.EndByte()
	if end > len(n.tree().src) || start > end {
		return nil
	}
	return n.tree().src[start:end]
}

// Text returns a copy of the node's source text.
func (n Node) Text() string { return string(n.Bytes()) }

// Children returns all children (named and anonymous, including extras
// such as comments) in source order. The slice belongs to the tree:
// read it, re-slice it, but never write to it.
func (n Node) Children() []Node {
	if n.slot == 0 {
		return nil
	}
	f := n.flat()
	if f.nkids == 0 {
		return nil
	}
	start, end := int(f.kids), int(f.kids)+int(f.nkids)
	return n.tree().kids[start:end:end]
}

// NamedChildren returns the named children in source order, comments
// included (they are named extras). The slice belongs to the tree: read
// it, re-slice it, but never write to it.
func (n Node) NamedChildren() []Node {
	if n.slot == 0 {
		return nil
	}
	f := n.flat()
	if f.nnamed == 0 {
		return nil
	}
	start, end := int(f.named_kids), int(f.named_kids)+int(f.nnamed)
	return n.tree().named[start:end:end]
}

// ChildCount returns the number of children, named and anonymous.
func (n Node) ChildCount() int {
	if n.slot == 0 {
		return 0
	}
	return int(n.flat().nkids)
}

// NamedChildCount returns the number of named children.
func (n Node) NamedChildCount() int {
	if n.slot == 0 {
		return 0
	}
	return int(n.flat().nnamed)
}

// Field returns the first child stored under the grammar field name, or
// the null node.
func (n Node) Field(name string) Node {
	if n.slot == 0 {
		return Node{}
	}
	if n.tree().g.noFields {
		panic("syntax: Field(" + name + ") on a tree of grammar " + n.tree().g.name + " made WithoutFields")
	}
	id, ok := n.tree().g.fields[name]
	if !ok {
		return Node{}
	}
	for _, c := range n.Children() {
		if uint16(c.flat().field) == id {
			return c
		}
	}
	return Node{}
}

// Parent returns the node's parent, or the null node at the root.
func (n Node) Parent() Node {
	if n.slot == 0 {
		return Node{}
	}
	p := n.flat().parent
	if p < 0 {
		return Node{}
	}
	t := n.tree()
	return Node{slot: n.slot, i: int32(p), kind: t.g.canonical(uint16(t.nodes[p].symbol))}
}

// SExpr returns the node's subtree as an S-expression of its named nodes
// with their field names, for debugging and test failure messages.
func (n Node) SExpr() string {
	if n.slot == 0 {
		return "()"
	}
	var b strings.Builder
	n.sexpr(&b)
	return b.String()
}

func (n Node) sexpr(b *strings.Builder) {
	b.WriteByte('(')
	if n.IsMissing() {
		b.WriteString("MISSING ")
	}
	b.WriteString(n.tree().g.KindName(n.kind))
	for _, c := range n.NamedChildren() {
		b.WriteByte(' ')
		if name := n.tree().g.fieldName(uint16(c.flat().field)); name != "" {
			b.WriteString(name)
			b.WriteString(": ")
		}
		c.sexpr(b)
	}
	b.WriteByte(')')
}

// Between returns the source between the end of a and the start of b
// (operators and whitespace between two operands), without copying; nil
// when b does not follow a. Same lifetime rule as Bytes.
func Between(a, b Node) []byte {
	if a.slot == 0 || b.slot == 0 {
		return nil
	}
	start, end := a.EndByte(), b.StartByte()
	if start > end || end > len(a.tree().src) {
		return nil
	}
	return a.tree().src[start:end]
}
