// Package facts is the language-neutral intermediate form between the
// language extractors (internal/lang/...) and the distill stage.
//
// A [File] records faithfully what one source file says: its imports,
// module-level assignments, classes with their bases, decorators and
// class-level fields, and functions with their parameters and bodies as
// small statement and expression trees. It interprets nothing: whether a
// class is an ORM model or a function an HTTP handler is decided later
// from these facts by a pattern catalog.
//
// Invariants every extractor keeps:
//   - every slice is in source order, so the same input gives the same
//     facts;
//   - every statement and expression carries its 1-based source line;
//   - dotted names are resolved through the file's imports where possible
//     ([Expr.Resolved]), and the name as written is kept too ([Expr.Raw]);
//   - what could not be translated is kept as an Opaque statement or
//     expression with its syntax kind and line, and counted in [Stats];
//   - values are plain Go data with no reference to any syntax tree.
package facts
