// Package syntax is the only package that imports tree-sitter.
//
// It owns the grammars, the parsers and the lifetime of every syntax tree.
// A tree never outlives the call that parsed it: [Parser.Parse] runs the
// caller's walk function over the root [Node] and closes the tree before it
// returns, so only plain Go values (facts) leave this package.
//
// Performance notes (see DESIGN.md "Performance"): node kinds are compared
// as [Kind] values (tree-sitter symbol ids resolved once per [Grammar])
// rather than as type strings, source text is exposed as byte slices of the
// caller's buffer without copying, and children are collected with one
// reusable tree cursor per parse instead of index-based child lookups,
// which are linear in the child index.
//
// A [Parser] is not safe for concurrent use: give each worker goroutine its
// own (or take one from a [Pool]).
package syntax
