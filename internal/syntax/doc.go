// Package syntax is the only package that imports tree-sitter.
//
// It owns the grammars, the parsers and the lifetime of every syntax tree.
// A tree never outlives the call that parsed it: [Parser.Parse] runs the
// caller's walk function over the root [Node] and closes the tree before it
// returns, so only plain Go values (facts) leave this package.
//
// Performance (see DESIGN.md "Performance"): every access to a node goes
// through cgo and the Go binding's node cache, so this package keeps the
// accesses few. Node kinds are resolved once per [Grammar] and compared
// as integers ([Kind]); a Node reads its kind once when it is made; named
// children are fetched by index (one call into C each, no anonymous
// tokens touched) and long child lists with one reusable tree cursor;
// child slices are carved from a per-parse slab; source text is exposed
// as byte slices of the caller's buffer ([Node.Bytes], [Between]) so
// operators and literals can be read without visiting token nodes.
//
// There are no tree-sitter queries: the Python walker translates whole
// function bodies into statement trees, which is a walk in any case, and a
// query pass would cost a second traversal (DESIGN.md measures +25-40%).
//
// A [Parser] is not safe for concurrent use: give each worker goroutine its
// own, or take one from a [Pool].
package syntax
