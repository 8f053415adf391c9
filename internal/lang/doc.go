// Package lang defines the [Language] interface that every language
// extractor implements and the explicit registry of supported languages
// (no init-time registration: [Default] lists them).
//
// A Language turns one source file into [facts.File] using a
// [syntax.Parser] owned by the calling worker. Language packages
// (internal/lang/python, later internal/lang/typescript) depend on
// internal/syntax for trees and never import tree-sitter themselves.
package lang
