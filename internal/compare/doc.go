// Package compare aligns the Allium specs of variant implementations of one
// behaviour and derives what they share: a shared spec, a similarity matrix
// and, per variant, what it has beyond the shared spec, lacks and does
// differently. It works on the Allium model only, so hand-written specs
// compare exactly like distilled ones.
//
// # Alignment
//
// Variants are sorted by ID first; everything below walks them in that
// order, so the order they were given in never changes the result.
//
// Names are compared as sets of stems: a name is split at underscores and
// case changes, lower-cased, stop words ("at", "is", "has", "the", "of",
// "on", "to") are dropped unless nothing else is left, and one suffix is
// stripped from each word (-ations, -ation, -ings, -ing, -ies, -als, -al,
// -ed, -es, -s, -y, -e, keeping at least three letters). A few words code
// uses interchangeably are mapped first (timeout, ttl, lifetime, validity,
// age, exp -> expir; hashed -> hash; pwd, passwd -> password), and a few stems
// after (confirm, verifi, verific, activat -> verif: confirming an email,
// verifying it and activating the account are one step; updat, modif ->
// chang). So expires_at, expiry and expiration all become {expir}, and
// failed_attempts ~ failed_login_attempts scores 0.8. Name similarity is 1
// for equal names, else the Dice coefficient of the stem sets.
//
// Clustering (one pass per construct kind and scope). Variants are taken in
// order. The constructs of the first variant each open a group. Each later
// variant's constructs are scored against every candidate group: the best
// score against its first four members (the seed and the next three, in
// variant order); pairs at or above the kind's threshold are taken
// greedily, best score first, ties to the older group and then to the
// construct that sorts first by name, one construct per group and one
// group per construct; then two pairs whose constructs score more than
// 0.05 higher together the other way round exchange their groups
// (swapPairs: best first alone can leave its rival the worse match).
// Constructs left over open new groups. Candidates are
// the groups sharing an index key (a name stem, a field stem, a trigger
// stem, an effect) with the construct; keys carried by more than a quarter
// of the groups (at least 16) are ignored when the construct has a rarer
// one. A last pass joins two groups no variant holds both of when their
// first members score at or above the threshold (taking variants in order,
// a construct opens a group of its own when it resembles a later variant's
// construct more than the one that seeded the group). With at most four
// comparison points per group and the key index pruning candidates, the
// work is about 4·n·k·c similarity evaluations for n variants of k
// constructs with c candidates each, at most O(n·k²).
//
// Before the passes, an entity one variant tells apart by kind with an
// enum field (Token with token_type: access | refresh) meets the entity per
// kind other variants declare (AccessToken, RefreshToken): when every value
// before the entity's last name word names an entity only other variants
// declare, the variant's working copy gains one entity per value (the
// members without the field) and its creations of a literal kind create
// that entity (splitDiscriminated; Options.WholeKinds turns it off, as
// internal/score does, which counts constructs as written).
//
// The passes, in order; each renames what it aligned before the next one
// looks at expressions:
//
//  1. Entities, external entities and value types (each kind apart), and
//     enums: 0.4·name + 0.6·overlap(stems of all member names, or enum
//     values) ≥ 0.5, where overlap is |A∩B| / min(|A|,|B|) (1 for two
//     empty sets), so a Member that kept four of User's six fields still
//     matches it. Without a common name stem, fewer than three member
//     stems on either side score 0. Type references in every variant are
//     renamed to the group's canonical name.
//  2. The members of each aligned entity, one kind against the same kind:
//     fields and relationships 0.7·name + 0.3·type ≥ 0.55 (type 1 when
//     equal, 0.5 when only optionality or inline-enum values differ; a
//     field that is its entity's only one of a non-built-in type counts
//     name 0.9 against another such field of the same canonical type, so
//     user: User ~ account: Account once the entities align);
//     projections, derived values, invariants and transition graphs by name
//     ≥ 0.55 (a derived value that is one enum literal, template: welcome,
//     is the field holding that value in every instance, and aligns as one). Config parameters: 0.7·name + 0.3·type ≥ 0.55. Fields are
//     then renamed in entity bodies, in x.field where x is a type, in
//     creation arguments and join keys, and elsewhere in x.field when every
//     entity of the variant with that field agrees on its canonical name;
//     config.x references are renamed too.
//  3. Rules, by what they do first: 0.2·name + 0.3·trigger (1 when the
//     same after renaming, else Dice of the stems of its name and
//     parameters) + 0.3·effects + 0.1·Jaccard
//     (fields and types touched) + 0.1·Jaccard(clauses in normal form) ≥
//     0.5. The effects of a rule are what its ensures do: ".field" set,
//     "create Entity", "remove Entity", "emit Trigger" (Jaccard of the two
//     sets). So Verify and UserVerifiesEmail that both set
//     is_email_verified align, while two rules that share a name and
//     nothing else do not. Then two rule groups no variant holds both of
//     join when each is the other's likeliest such partner at 0.4 or
//     more (one pass over the groups sharing an index key): the leftovers
//     of two variants once the rest paired off are one flow each wrote
//     its own way (graphql-auth's login, issuing its tokens under a
//     condition, against two that issue them outright). Each rule group
//     then takes the external trigger name its members use (as names
//     are chosen, below), and trigger parameters are renamed to the
//     representative's: equal names stay, names sharing a stem pair best
//     first (new_password ~ password), then parameters the rules read alike (the
//     same fields, calls and lookups, and the same entity: a parameter
//     read for two or more fields that only one entity of its variant
//     declares is of that entity, and its fields are renamed to the
//     entity's canonical ones, verification.email where
//     EmailVerification.email became new_email), and, when both triggers have as many
//     parameters, what is left pairs by position, so `reset_token` and
//     `token` read alike; lets and trigger bindings named after a renamed
//     type (`let account = Account{email}` where Account became User) take
//     the snake_case of the canonical type. Then, rule by rule, a let whose
//     value is the representative's (in normal form), or failing that whose
//     value has the same shape (a lookup of the same entity, a navigation
//     ending in the same field) when it is the only one of that shape on
//     both sides, takes the representative's name; a for variable takes
//     the name of the representative's for over the same collection, else
//     of the one at the same place. Renames never take a name the rule
//     already binds. Bindings, trigger parameters, lets and for variables
//     are so renamed consistently (α-equivalence) before clauses compare.
//  4. The clauses of each aligned rule (let, requires, ensures; those inside
//     a rule-level for carry the for's header). A requires of several
//     conjuncts is one clause per conjunct, an ensures block of several
//     statements one per statement. Clauses compare in normal form:
//     comments dropped; join shorthand for a field looked up by its own
//     name, join fields and named arguments in name order; normalising calls
//     (lower, strip, ...) around join keys and creation arguments dropped;
//     comparisons written with > and >=; tests against true, false and null
//     written as the test; not (a = b) as a != b; double negation folded;
//     the operands of and, or, = and != in text order. A rule whose only
//     outcome is `ensures: if C: A B` (one branch, no else) does nothing
//     when C fails, as `requires: C` with `ensures: A`, `ensures: B`
//     does; when another variant's rule requires a conjunct of C, or
//     guards its only outcome with one, its clauses are read so, and meet
//     one by one. The same kind, 1
//     when the normal forms are equal; an ensures by its effects
//     (0.7·(0.75·Jaccard of the primary effects + 0.25·Jaccard of the
//     details: the entity whose field is set when the binding's type is
//     known, the enum literals a creation is given such as an email's
//     template) + 0.3·Dice of words); a let of another name at most 0.5;
//     else Dice of the words. Threshold 0.5.
//  5. Uses, given bindings, config overrides, contracts, sum-type variants,
//     defaults, top-level invariants, actors, surfaces (with their provides
//     entries by trigger), deferred specifications and open questions: as
//     whole constructs by name (≥ 0.8) or equal text.
//
// A group's canonical name is the local name most of its members use;
// among names as many use, the one whose words the others share most (the
// sum of Dice coefficients of their words, stemmed but not mapped onto
// one another, so ConfirmationToken over AccountToken and verified over
// activated), then one whose words the other only adds to (email over
// customer_email), then the one that sorts first. No two groups of a kind take one name
// where either has another: the groups whose name more members use choose
// first; external trigger names are chosen the same way. Its
// representative is the first variant (by ID) using the name most members
// use, ties to the one that sorts first, whatever the canonical name: it
// is what the other members are read against.
//
// # The shared spec
//
// A group is shared when at least the quorum of variants hold it (default:
// all). Entities, enums, fields and config parameters need only to be
// aligned (a field keeps a comment only when every variant makes it); other members and whole constructs need the quorum to agree on
// their text after renaming, clauses on their normal form. A field fewer
// than the quorum declare is declared all the same when a shared rule
// looks a row up by it (User{email}, where one variant's lookup is a black
// box that names no field). Exceptions: a field takes the
// majority type and an inline enum keeps the values the quorum holds; an
// enum likewise keeps the quorum's values; a config parameter whose default
// differs between variants is declared without a default, with a comment
// giving each variant's value; a field prefers the majority among the
// types the shared spec declares; an inline enum is narrowed only to two
// values or more (one value would read back as a type name); an ensures clause the quorum aligns but words
// differently keeps the statements the quorum shares, when there are any,
// else its general form: a creation of the same entity with the arguments
// the quorum agrees on (Email.created(to: user.email) for variants that
// mail different templates), or the same field set to the same value on
// an entity reached differently (user.password_hash = hash(password)
// against token.user.password_hash = ...), written the way most members
// reach the row, each read through its lets and the paths its requires
// equate (session.user under requires token.user = session.user is
// token.user), ties to the representative's (and on that path when no
// member writes it so); an assignment under a test that its value is
// present (if token.new_email != null: ...) counts as made outright when
// the shared spec declares the field required; an argument naming a looked-up row's field (to: user.email with
// let user = User{email}) counting as the value it was looked up by; a
// field every variant sets to now plus its own lifetime is set to now plus
// the config parameter one of them reads, declared without a default and
// with each variant's value, and named for the field it bounds
// (reset_password_expires: reset_password_expiry) when fewer than the
// quorum declare it, as the others would name what they write as a
// literal; @guidance is kept only when every variant has the same.
// A lookup key or stored value that only some of the members written
// alike normalise (lower, strip, ...) is written as given, with a comment
// saying which do: the normal form holds them for one, but lower() in the
// shared spec would be false of the others. When a variant writes a
// shared rule's guard as the condition of its only outcome, the shared
// rule writes the shared requires it lifted from there and the shared
// ensures as one `ensures: if C: ...`: requires C with ensures A implies
// if C: A, while requires C would say the variant refuses what it answers
// alike. When fewer than the quorum require that guard, each shared
// outcome is written under it (`ensures: if exists user: Email.created(...)`):
// bare, it would say the guarded variant acts when the guard fails, while
// under it, it is true of every variant (guardUnshared). Constructs
// are copied from the representative (or the first member with the chosen
// text; a rule's comments only when every variant writes the same, as one
// variant's account of its rule may be false of the others), in the order of the first variant that has them; conjuncts and
// outcomes of one clause that are all shared are written as the clause
// was, the ones that are shared joined again otherwise.
//
// A rule is shared when its trigger aligns in the quorum. A shared clause
// brings the lets it reads (and theirs) into the shared rule, taken from
// among the variants' lets of that name whose own names the shared rule
// can bind: the value most variants give, ties to the representative's;
// when the variants bind it differently, a comment on the let and a note in
// the report say so. A member's trigger parameter that pairs with none of
// the representative's and is named for a field the representative reads
// of a parameter nothing pairs with (user, where the representative reads
// session.user) is read as that field (actingParams). A rule-level let that
// only names a path from a trigger parameter (let user = session.user) is
// read as the path when the members do not all bind the same such lets
// alike (inlineAliases): a variant that writes session.user itself says the
// same. When no two variants bind it alike and each binds it
// to a lookup of one entity from the trigger's parameters (User{email:
// login}, User{username: login}, an if of both), the let is written as a
// black box of those parameters, `let user = user_for(login)`, true of
// each, where any one variant's lookup would be false of the others. A clause that reads a name the shared rule cannot
// bind (a trigger parameter the representative lacks) is left out and
// listed with the dropped constructs; nothing is written unbound and left
// for the checker to catch. A shared rule none of whose outcomes agree,
// not even in general form, is not written; the report lists it under
// "shared trigger, differing outcomes" with each variant's outcomes.
//
// The shared spec is then checked with allium.Check. Each construct and
// each member or clause carries its own id as its position while being
// checked, so every error names the construct to drop; dropping repeats
// until no error is left (a rule whose only ensures went fails next round
// and goes too). A name declared both as an entity and as an external
// entity keeps the entity. The result is printed, parsed back and checked
// once more; a top-level construct that reads back with an error is
// dropped the same way. Only what survives is marked shared.
//
// # Reports
//
// The report leads with what a person merging the variants needs: per
// shared rule, the clauses only some variants have (or word otherwise),
// each with the variants holding it and its code location, and those
// lacking it; then the rules with a shared trigger and differing outcomes;
// then the choices the shared spec made.
//
// The similarity of two variants is |constructs both hold| / |constructs
// either holds| over all aligned constructs. Per variant the report lists
// what it holds that is not shared (members and clauses only under a parent
// both sides share), what is shared that it lacks, and where its shared
// constructs differ: config defaults, field types, enum values, other
// outcomes of an ensures, extra preconditions. Each line cites the
// construct's provenance (the service file and line) when the spec has
// it, else the line in the variant's spec.
//
// Alignment reads every variant in the shared spec's names, but the report
// quotes a variant's text as its own spec writes it (each renamed copy's
// constructs map back to the variant's, copyWithOrigins), followed by the
// names it uses for the shared ones: flask-accounts' `not token.used`
// (here `token` for `reset`, `used` for `used_at`), never the renamed
// `not reset.used_at`, which no spec holds. Only a construct the alignment
// made itself is quoted in the shared names, and marked so. A Boolean flag
// aligned with a Timestamp recording when the same thing happened (`used`,
// `used_at`) stays aligned, one fact written two ways, and the field's
// line says how the clauses of one read in the other.
//
// # Slices
//
// Slice cuts a spec down to one flow: the named rules and the entities,
// members and config parameters they use. Comparing the slices of several
// larger specs compares that flow alone (distill compare --rules; the
// groups of testdata/compare/realworld).
package compare
