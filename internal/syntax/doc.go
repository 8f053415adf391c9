// Package syntax is the only package that imports tree-sitter.
//
// It owns the grammars, the parsers and the lifetime of every syntax tree.
// A tree never outlives the call that parsed it: [Parser.Parse] runs the
// caller's walk function over the root [Node], and the tree is gone when
// it returns, so only plain Go values (facts) leave this package.
//
// Performance (see DESIGN.md "Performance"): a call into C costs far more
// than the work it does for one node, and go-tree-sitter's Node cache
// allocates on every access. So [Parser.Parse] copies the whole tree out
// of tree-sitter in one call into C (a preorder walk that records each
// node's kind, flags, position, field and parent, into an array the
// Parser owns outside the Go heap, and places each node among its
// parent's children as it goes), closes the tree-sitter
// tree at once, and the walk reads the copy: every [Node] method is a
// plain memory read, children are slices of per-tree arrays, nothing is
// allocated per node. A [Node] names its tree by the slot the walk holds,
// not by a pointer, so those arrays hold no Go pointer and live outside
// the Go heap, as the copy does. Node kinds are resolved once per
// [Grammar] and compared as integers ([Kind]); source text is exposed as
// byte slices of the caller's buffer ([Node.Bytes], [Between]) so
// operators and literals can be read without visiting token nodes. The
// copy's memory is reused from file to file by each Parser.
//
// The copy reads tree-sitter's subtrees directly (flat_direct.c): its
// public tree cursor rebuilds an iterator over a node's siblings at every
// step, and cost a quarter of the parse on its own; read directly, the
// copy costs a tenth. That reads the library's internal layout, so the
// trees of each grammar in a process are also copied through the cursor
// (flat_cursor.c) and compared until enough nodes agreed; if a copy
// differs, say after an upgrade of go-tree-sitter that moved the layout,
// the cursor serves from then on, and TestDirectCopyAgreesOnRealCode
// fails.
//
// There are no tree-sitter queries: the Python walker translates whole
// function bodies into statement trees, which is a walk in any case, and a
// query pass would cost a second traversal (DESIGN.md measures +25-40%).
//
// A [Parser] is not safe for concurrent use: give each worker goroutine its
// own, or take one from a [Pool].
package syntax
