// Package distill turns the facts of one service's files into an Allium
// module: it resolves names across files (imports, foreign keys, enums,
// constants) and abstracts the code into domain terms (entities, config,
// rules with their preconditions and outcomes, temporal rules from jobs,
// actors and surfaces).
//
// What a construct means (an ORM model, an email sender, an auth decorator)
// comes from the pattern catalog; how it becomes Allium is decided here.
// The result always passes allium.Check without errors: after building, the
// module is checked and every construct the checker rejects is dropped,
// counted and explained in a note. A spec that says less but is right beats
// one that says more and is wrong.
package distill
