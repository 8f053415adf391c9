// Package score measures how faithful a distilled spec is to a spec written
// by hand from the same code: precision and recall per category (entities,
// fields, config, rules, requires, ensures).
//
// # One aligner
//
// Score does not align anything itself. It runs internal/compare on the two
// specs as two variants and reads compare's alignment: an item of the
// distilled spec matches an item of the expected spec when compare puts
// them in one group. So every improvement to compare's alignment (names,
// renaming, clause matching) moves the score the same way, and the score
// reads "how much of the expected spec would compare call shared with the
// distilled one".
//
// # What counts as a match
//
//   - entities: entity, external entity and value type declarations that
//     compare aligns (name stems and member overlap). External entities are
//     read as entities (below), so one declared external on one side only
//     still aligns. Named enums are not counted.
//   - fields: fields and relationships of aligned entities that compare
//     aligns (name and type). The fields of an entity that did not align
//     are misses on their side, so they lower recall or precision.
//   - config: parameters compare aligns (name and type); defaults may
//     differ.
//   - rules: rules compare aligns (name, trigger, what the rule touches,
//     clause overlap).
//   - requires, ensures: clauses of aligned rules that compare aligns and
//     whose text is equal after compare's renaming: the condition compare
//     itself applies before it calls a clause shared. Clauses of rules that
//     did not align are misses. Result also counts, as Aligned, the clauses
//     compare paired but that say something else (token.used = true
//     against token.used = false), so a reader can tell a wrong clause from
//     a missing one; they do not count as matches.
//
// # Differences that are not behavioural
//
// Before aligning, Score rewrites copies of both specs into one normal form,
// so that a hand-written clause and a distilled one that state the same
// thing compare equal:
//
//   - external entities are entities: whether a type is governed
//     elsewhere is a judgement the code rarely shows;
//   - lets are inlined: every use of a let's name reads as its value, and
//     the let goes, so `let user = User{email}  requires: exists user` and
//     `requires: exists User{email}` read alike whatever the binding is
//     called; a let inside an ensures that creates an entity (`let user =
//     User.created(...)`) stays as the creation, its name as written;
//   - a trigger parameter read only through one field that refers to an
//     entity (token read only as token.user, Token.user: User) reads as
//     that field, named after it, when the other spec has no parameter of
//     its name: ChangePassword(token) requiring exists token.user meets
//     ChangePassword(current_user) requiring exists current_user
//     (carriers.go);
//   - a lookup by one secret input (User{reset_password_token}: token,
//     code, key or *_token, a trigger parameter) reads as a parameter
//     named after the entity (user), when the other spec names
//     parameters so and the rule does not: distill writes a row found by
//     a secret the caller holds as the row the caller names (carriers.go);
//   - so does a lookup by the trigger's id parameter (User{id: user_id}),
//     the id parameter going when nothing else reads it: distill writes
//     the row a request's id names as the row the caller names
//     (LogInAs(user) requiring exists user; carriers.go);
//   - random_token(), random_nonce() and random_chars(n) read
//     random_key(): each names an unspecified fresh random value (of n
//     characters), and random_key() is distill's name for it;
//   - trigger parameters are put in name order, so that compare, which
//     renames them by position, pairs equal names when both sides declare
//     the same parameters in different orders;
//   - a requires whose condition is `a and b` becomes two requires, and
//     so does one whose condition is `not (a or b)`: `not a` and `not b`;
//   - an ensures block of several statements becomes one ensures per
//     statement, so one outcome is one item whichever way it was grouped;
//   - comments go (compare prints them with a clause);
//   - join lookups use the shorthand where the value is the field's own
//     name (User{email: email} reads User{email}) and list their fields
//     in name order; named call arguments (X.created(b: 1, a: 2)) are in
//     name order;
//   - comparisons are written with > and >= (now < t.expires_at reads
//     t.expires_at > now);
//   - x = true reads x; x = false reads not x; x != null reads exists x;
//     x = null reads not exists x; not (a = b) reads a != b; not not x
//     reads x;
//   - a derived value one spec declares and the other does not is
//     written out where a rule reads it: with Token's is_valid: not used
//     and expires_at > now, requires: token.is_valid reads requires: not
//     token.used and token.expires_at > now (then two requires, above).
//     A derived value is a name for an expression, so one spec naming
//     the test and the other writing it states the same. A name both
//     specs declare stays a name (their definitions meet as members of
//     the aligned entities); one two entities define differently, or
//     that is also a stored member, stays too, since which one a clause
//     reads depends on a type the spec does not state (derived.go).
//     A filtering projection (verified: addresses where verified) is
//     such a name too;
//   - s.any(v => v.f and ...) reads (s where f and ...).count > 0, the
//     form a counted projection writes out to, and one that names no
//     parameter; a body reading any other name keeps its lambda.
//
// Names that differ are compare's business: aligned entities, fields,
// config parameters and rules take one canonical name on both sides;
// trigger parameters are renamed by position (in name order, above) to the
// representative rule's. What compare does not rename stays a difference:
// parameters of different names whose name order differs, the name given
// to a created entity, a rule whose name, trigger and clauses are too far
// apart to align (its clauses are then all misses).
//
// # Precision and recall
//
// Precision = matched / items in the distilled spec; recall = matched /
// items in the expected spec. With no items on the side a ratio divides by,
// the ratio is undefined: the table prints "-" and means leave it out (a
// spec that states nothing has made no wrong statement; its recall says
// what it lacks).
//
// # Scope
//
// An expected spec states a service's auth flows, and says in its header
// what it excludes; the vendored code can carry more (a models module
// vendored whole). A service's scope.txt lists, each with its reason, the
// code's entities and the distilled rules the expected spec deliberately
// leaves out. Distilled items about them that match nothing are counted as
// OutOfScope rather than lowering precision: an entity listed, its fields,
// a rule listed or one that names listed entities and no other declared
// one, that rule's clauses, and a config parameter only such rules read.
// A field line ("field User.website -- ...") leaves out that one field of
// an entity the expected spec keeps, and nothing else. A config line
// ("config max_email_length -- ...") leaves out that distilled parameter
// of a topic the header excludes and every unmatched requires or ensures
// clause that reads it. A matched item always counts, and recall never
// changes. A field or config line that leaves nothing out (no such
// distilled item, or one the expected spec has) is reported in
// Result.StaleScope, and TestRealWorld fails on it.
//
// # The corpus
//
// TestRealWorld scores every testdata/realworld/<service>/ that has src/
// and expected.allium: it distils src/ with the real distiller, prints the
// table (make score) and keeps distill's output beside the expected spec
// as distilled.allium, a regression golden (-update rewrites it). It
// always asserts that the yardstick holds: each expected spec parses,
// passes our checker with no error and scores 1 against itself (and the
// distilled spec scores 1 against itself). It fails when the mean of the
// Python services, or of the TypeScript ones (issue 13), falls below one of
// issue 9's floors (enforcedFloors).
package score
