// Package python extracts [facts.File] values from Python source.
//
// The walker descends the tree-sitter tree once per file, statement by
// statement, and translates the constructs listed in internal/facts into
// the neutral statement and expression trees: imports (relative ones
// resolved against the module name derived from the path), module
// assignments, classes (bases resolved through the imports, decorators,
// class keywords such as SQLModel's `table=True`, class-level fields,
// nested classes and methods) and functions (decorators with their
// arguments, parameters with annotations and defaults, bodies).
//
// Node kinds are compared as integers resolved once from the grammar
// ([kinds]); the only strings built are the names and literals that end up
// in the facts. Recursion is bounded by maxDepth so pathological nesting
// yields an opaque statement or expression instead of a stack overflow.
// Frameworks are not interpreted here: a `@router.post(...)` decorator is
// recorded as the call it is, and the distill stage decides it is a route.
package python
