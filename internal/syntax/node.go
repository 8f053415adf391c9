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
	n *sitter.Node
	w *walkState
}

// walk is the state shared by all nodes of one parse.
type walkState struct {
	src    []byte
	cursor *sitter.TreeCursor
}

// IsNull reports whether n is the null node (an absent child).
func (n Node) IsNull() bool { return n.n == nil }

// Kind returns the node's type as a Kind of its grammar.
func (n Node) Kind() Kind {
	if n.n == nil {
		return NoKind
	}
	return Kind(n.n.Symbol())
}

// IsNamed reports whether the node is a named node (not punctuation or a
// keyword token).
func (n Node) IsNamed() bool { return n.n != nil && n.n.IsNamed() }

// IsError reports whether the node is an ERROR node.
func (n Node) IsError() bool { return n.n != nil && n.n.IsError() }

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
// such as comments) in source order. It walks them with the parse's shared
// cursor, which is linear in the number of children; the returned slice is
// owned by the caller.
func (n Node) Children() []Node {
	return n.children(false)
}

// NamedChildren returns the named children in source order, comments
// included (they are named extras).
func (n Node) NamedChildren() []Node {
	return n.children(true)
}

func (n Node) children(namedOnly bool) []Node {
	if n.n == nil {
		return nil
	}
	count := n.n.ChildCount()
	if count == 0 {
		return nil
	}
	c := n.w.cursor
	c.Reset(n.n)
	if !c.GoToFirstChild() {
		return nil
	}
	out := make([]Node, 0, count)
	for {
		child := c.CurrentNode()
		if !namedOnly || child.IsNamed() {
			out = append(out, n.wrap(child))
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
	return Node{n: s, w: n.w}
}
