// Package allium is distill's model of an Allium specification: a typed AST
// (this file's siblings ast.go and expr.go), the canonical printer, the
// parser and the checker.
//
// Every other stage speaks through this model. Extraction builds it,
// comparison aligns it, the printer writes it and the summary flattens it into
// rows. It knows nothing of Python or TypeScript: hand-written specs go through
// the same parser, checker and printer as distilled ones.
//
// Ordering. The model keeps declarations in the order they were added or
// parsed; the printer groups them into the sections of the language
// reference's "File structure" but never reorders within a section, so that
// `distill fmt` does not shuffle a person's rules. Producers that build models
// from code (internal/distill) are responsible for a deterministic order.
//
// Positions and provenance. Pos is where a construct starts in the .allium
// text it was parsed from (zero for constructs built in memory). Provenance is
// the place in the *service code* a construct was distilled from; the printer
// can write it as a `-- source: path:line` comment and the parser reads such a
// comment back into Provenance, so provenance survives a round trip through a
// file.
package allium
