package score

import (
	"bytes"
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// base is a small expected spec: a password reset with a lookup, guards,
// several outcomes and a config parameter.
const base = `-- allium: 3

entity User {
    email: String
    password_hash: String
    locked: Boolean
}

entity ResetToken {
    user: User
    used: Boolean
    expires_at: Timestamp
}

config {
    reset_token_expiry: Duration = 1.hour
}

rule RequestReset {
    when: RequestReset(email)
    let user = User{email}
    requires: exists user
    ensures: ResetToken.created(user: user, used: false, expires_at: now + config.reset_token_expiry)
}

rule ResetPassword {
    when: ResetPassword(token, password)
    requires: not token.used
    requires: token.expires_at > now
    ensures:
        token.used = true
        token.user.password_hash = hash(password)
}
`

func parse(t *testing.T, name, src string) *allium.Module {
	t.Helper()
	m, diags := allium.Parse(name, []byte(src))
	if diags.HasErrors() {
		t.Fatalf("%s does not parse: %v\n%s", name, diags.Errors(), src)
	}
	return m
}

// edit applies textual replacements to base, each of which must apply, so
// a case cannot silently test base against itself.
func edit(t *testing.T, pairs ...string) string {
	t.Helper()
	s := base
	for i := 0; i+1 < len(pairs); i += 2 {
		if !strings.Contains(s, pairs[i]) {
			t.Fatalf("edit: %q not in base", pairs[i])
		}
		s = strings.Replace(s, pairs[i], pairs[i+1], 1)
	}
	return s
}

// mdx is a count as "matched/distilled/expected".
type mdx [3]int

func TestScore(t *testing.T) {
	for _, tc := range []struct {
		name string
		// distilled and expected edit base (nil: base itself).
		distilled, expected []string
		want                map[Category]mdx
		// aligned, when set, is how many clauses compare paired whatever
		// their text.
		aligned map[Category]int
	}{{
		name: "identical",
		want: map[Category]mdx{Entities: {2, 2, 2}, Fields: {6, 6, 6}, Config: {1, 1, 1}, Rules: {2, 2, 2},
			Requires: {3, 3, 3}, Ensures: {3, 3, 3}},
	}, {
		// Binding names and the way a lookup is written are not behaviour:
		// lets are inlined and User{email: email} is User{email}.
		name:      "renamed let and explicit join field",
		distilled: []string{"let user = User{email}\n    requires: exists user\n    ensures: ResetToken.created(user: user,", "let account = User{email: email}\n    requires: exists account\n    ensures: ResetToken.created(user: account,"},
		want:      map[Category]mdx{Requires: {3, 3, 3}, Ensures: {3, 3, 3}},
	}, {
		// Two preconditions written as one conjunction, or as the
		// negation of a disjunction, are the same two preconditions.
		name:      "preconditions as a conjunction and as a negated disjunction",
		distilled: []string{"requires: not token.used\n    requires: token.expires_at > now", "requires: not token.used and not token.user.locked"},
		expected:  []string{"requires: not token.used\n    requires: token.expires_at > now", "requires: not (token.used or token.user.locked)"},
		want:      map[Category]mdx{Requires: {3, 3, 3}, Ensures: {3, 3, 3}},
	}, {
		// A conjunction under a negated disjunction under a negated
		// disjunction is split all the way down.
		name:      "negated disjunction of a negated conjunction",
		distilled: []string{"requires: not token.used\n    requires: token.expires_at > now", "requires: not (token.used or not (token.expires_at > now and not token.user.locked))"},
		expected:  []string{"requires: not token.used\n    requires: token.expires_at > now", "requires: not token.used\n    requires: token.expires_at > now\n    requires: not token.user.locked"},
		want:      map[Category]mdx{Requires: {4, 4, 4}},
	}, {
		// A lookup written inline in the clause states the same as one
		// bound by a let.
		name:      "inline lookup",
		distilled: []string{"let user = User{email}\n    requires: exists user\n    ensures: ResetToken.created(user: user,", "requires: exists User{email}\n    ensures: ResetToken.created(user: User{email},"},
		want:      map[Category]mdx{Requires: {3, 3, 3}, Ensures: {3, 3, 3}},
	}, {
		// Trigger parameters are renamed by position after both sides are
		// put in name order.
		name:      "trigger parameters in another order",
		distilled: []string{"ResetPassword(token, password)", "ResetPassword(password, token)"},
		want:      map[Category]mdx{Rules: {2, 2, 2}, Requires: {3, 3, 3}, Ensures: {3, 3, 3}},
	}, {
		name:      "trigger parameters renamed",
		distilled: []string{"ResetPassword(token, password)", "ResetPassword(new_password, reset_token)", "not token.used\n    requires: token.expires_at", "not reset_token.used\n    requires: reset_token.expires_at", "token.used = true\n        token.user.password_hash = hash(password)", "reset_token.used = true\n        reset_token.user.password_hash = hash(new_password)"},
		want:      map[Category]mdx{Rules: {2, 2, 2}, Requires: {3, 3, 3}, Ensures: {3, 3, 3}},
	}, {
		// Entity, field and config names follow compare's alignment; the
		// clauses that use them are renamed with them.
		name: "renamed entity, field and config parameter",
		distilled: []string{"entity User {\n    email: String\n    password_hash: String", "entity Account {\n    email: String\n    hashed_password: String",
			"user: User", "user: Account", "User{email}", "Account{email}", "token.user.password_hash", "token.user.hashed_password",
			"reset_token_expiry: Duration", "reset_ttl: Duration", "config.reset_token_expiry", "config.reset_ttl"},
		want: map[Category]mdx{Entities: {2, 2, 2}, Fields: {6, 6, 6}, Config: {1, 1, 1}, Requires: {3, 3, 3}, Ensures: {3, 3, 3}},
	}, {
		// A parameter read only through a field that refers to an entity
		// (session.user) carries that entity: it meets the rule that names
		// the user itself, when the other spec has no parameter of its name.
		name:      "parameter read only through an entity field",
		distilled: []string{"rule ResetPassword {", "rule Lock {\n    when: Lock(current_user)\n    requires: not current_user.locked\n    ensures: current_user.locked = true\n}\n\nrule ResetPassword {"},
		expected:  []string{"rule ResetPassword {", "rule Lock {\n    when: Lock(session)\n    let user = session.user\n    requires: not user.locked\n    ensures: user.locked = true\n}\n\nrule ResetPassword {"},
		want:      map[Category]mdx{Rules: {3, 3, 3}, Requires: {4, 4, 4}, Ensures: {4, 4, 4}},
	}, {
		// Read also through another field, the parameter is more than
		// the entity: the clauses stay as written and do not meet.
		name:      "parameter read through two fields",
		distilled: []string{"rule ResetPassword {", "rule Lock {\n    when: Lock(current_user)\n    requires: not current_user.locked\n    ensures: current_user.locked = true\n}\n\nrule ResetPassword {"},
		expected:  []string{"rule ResetPassword {", "rule Lock {\n    when: Lock(session)\n    requires: not session.used\n    requires: not session.user.locked\n    ensures: session.user.locked = true\n}\n\nrule ResetPassword {"},
		want:      map[Category]mdx{Rules: {3, 3, 3}, Requires: {3, 4, 5}, Ensures: {3, 4, 4}},
		aligned:   map[Category]int{Requires: 4, Ensures: 4}, // paired, worded differently
	}, {
		// A lookup by a secret input (ResetToken{token}) meets the row
		// the other spec has the caller name (reset_token), when that
		// spec names parameters after the entity; the input stays.
		name:      "lookup by a secret input and the row as a parameter",
		distilled: []string{"rule ResetPassword {", "rule Redeem {\n    when: Redeem(token, reset_token)\n    requires: length(token) = 36\n    requires: exists reset_token\n    ensures: reset_token.used = true\n}\n\nrule ResetPassword {"},
		expected:  []string{"rule ResetPassword {", "rule Redeem {\n    when: Redeem(token)\n    let row = ResetToken{token}\n    requires: length(token) = 36\n    requires: exists row\n    ensures: row.used = true\n}\n\nrule ResetPassword {"},
		want:      map[Category]mdx{Rules: {3, 3, 3}, Requires: {5, 5, 5}, Ensures: {4, 4, 4}},
	}, {
		// A lookup by the trigger's id parameter (User{id: user_id}) meets
		// the row the other spec has the caller name (user); the id,
		// read nowhere else, goes.
		name:      "lookup by an id input and the row as a parameter",
		distilled: []string{"rule ResetPassword {", "rule Lock {\n    when: Lock(user)\n    requires: exists user\n    ensures: user.locked = true\n}\n\nrule ResetPassword {"},
		expected:  []string{"rule ResetPassword {", "rule Lock {\n    when: Lock(user_id)\n    let user = User{id: user_id}\n    requires: exists user\n    ensures: user.locked = true\n}\n\nrule ResetPassword {"},
		want:      map[Category]mdx{Rules: {3, 3, 3}, Requires: {4, 4, 4}, Ensures: {4, 4, 4}},
	}, {
		// random_token() and random_key() name the same opaque draw.
		name:      "a random value under another name",
		distilled: []string{"token.used = true", "token.used = random_key()"},
		expected:  []string{"token.used = true", "token.used = random_token()"},
		want:      map[Category]mdx{Ensures: {3, 3, 3}},
	}, {
		// random_nonce() is that draw too (a session's nonce).
		name:      "a random nonce",
		distilled: []string{"token.used = true", "token.used = random_key()"},
		expected:  []string{"token.used = true", "token.used = random_nonce()"},
		want:      map[Category]mdx{Ensures: {3, 3, 3}},
	}, {
		// random_chars(n), n random characters, is that draw too, its
		// length a detail distill leaves unsaid.
		name:      "random characters",
		distilled: []string{"token.used = true", "token.used = random_key()"},
		expected:  []string{"token.used = true", "token.used = random_chars(32)"},
		want:      map[Category]mdx{Ensures: {3, 3, 3}},
	}, {
		// A random value made from arguments is another thing: no match.
		name:      "a random value with arguments",
		distilled: []string{"token.used = true", "token.used = random_key()"},
		expected:  []string{"token.used = true", "token.used = random_nonce(16)"},
		want:      map[Category]mdx{Ensures: {2, 3, 3}},
		aligned:   map[Category]int{Ensures: 3},
	}, {
		name:      "missing rule lowers recall, its clauses too",
		distilled: []string{"rule RequestReset {\n    when: RequestReset(email)\n    let user = User{email}\n    requires: exists user\n    ensures: ResetToken.created(user: user, used: false, expires_at: now + config.reset_token_expiry)\n}\n", ""},
		want:      map[Category]mdx{Rules: {1, 1, 2}, Requires: {2, 2, 3}, Ensures: {2, 2, 3}},
	}, {
		name:      "extra rule lowers precision",
		distilled: []string{"rule ResetPassword {", "rule LockAccount {\n    when: LockAccount(user)\n    ensures: user.locked = true\n}\n\nrule ResetPassword {"},
		want:      map[Category]mdx{Rules: {2, 3, 2}, Requires: {3, 3, 3}, Ensures: {3, 4, 3}},
	}, {
		// Compare pairs the two clauses, but they state opposite outcomes:
		// aligned, not matched.
		name:      "clause that says something else",
		distilled: []string{"token.used = true", "token.used = false"},
		want:      map[Category]mdx{Ensures: {2, 3, 3}},
		aligned:   map[Category]int{Ensures: 3},
	}, {
		name:      "missing clause lowers recall",
		distilled: []string{"    requires: not token.used\n", ""},
		want:      map[Category]mdx{Requires: {2, 2, 3}},
	}, {
		// One ensures block or one ensures per outcome; one requires with
		// and or two requires: the same statements.
		name:      "grouping of clauses",
		distilled: []string{"requires: not token.used\n    requires: token.expires_at > now", "requires: not token.used and token.expires_at > now", "ensures:\n        token.used = true\n        token.user", "ensures: token.used = true\n    ensures: token.user"},
		want:      map[Category]mdx{Requires: {3, 3, 3}, Ensures: {3, 3, 3}},
	}, {
		name:      "equivalent ways to write a condition",
		distilled: []string{"requires: not token.used", "requires: token.used = false", "requires: exists user", "requires: user != null", "token.expires_at > now", "now < token.expires_at"},
		want:      map[Category]mdx{Requires: {3, 3, 3}},
	}, {
		name:      "argument order and comments",
		distilled: []string{"ResetToken.created(user: user, used: false, expires_at: now + config.reset_token_expiry)", "ResetToken.created(expires_at: now + config.reset_token_expiry, used: false, user: user) -- the link's token", "    requires: not token.used\n", "    -- one use only\n    requires: not token.used\n"},
		want:      map[Category]mdx{Requires: {3, 3, 3}, Ensures: {3, 3, 3}},
	}, {
		// The fields of an entity the distilled spec lacks are misses, not
		// left out of the count.
		name:      "fields of a missing entity",
		distilled: []string{"entity ResetToken {\n    user: User\n    used: Boolean\n    expires_at: Timestamp\n}\n", ""},
		want:      map[Category]mdx{Entities: {1, 1, 2}, Fields: {3, 3, 6}},
	}, {
		name:      "extra field lowers precision",
		distilled: []string{"    locked: Boolean\n", "    locked: Boolean\n    last_login: Timestamp?\n"},
		want:      map[Category]mdx{Entities: {2, 2, 2}, Fields: {6, 7, 6}},
	}, {
		// let x = X.created(...) inside an ensures is an outcome; inlining
		// must keep it rather than drop it with the let.
		name:      "creation bound by a let in an ensures",
		distilled: []string{"ensures: ResetToken.created(user: user, used: false, expires_at: now + config.reset_token_expiry)", "ensures:\n        let t = ResetToken.created(user: user, used: false, expires_at: now + config.reset_token_expiry)\n        Email.created(to: user.email, token: t)"},
		expected:  []string{"ensures: ResetToken.created(user: user, used: false, expires_at: now + config.reset_token_expiry)", "ensures:\n        ResetToken.created(user: user, used: false, expires_at: now + config.reset_token_expiry)\n        Email.created(to: user.email)"},
		// The emails differ (one passes the token): aligned, not matched.
		want:    map[Category]mdx{Ensures: {3, 4, 4}},
		aligned: map[Category]int{Ensures: 4},
	}, {
		// A for variable hides a let of the same name: the let's value is
		// not inlined into the loop body.
		name:      "for variable shadows a let",
		distilled: []string{"ensures:\n        token.used = true", "ensures:\n        for t in token.user.tokens:\n            t.used = true\n        token.used = true"},
		expected:  []string{"ensures:\n        token.used = true", "let t = token\n    ensures:\n        for t in token.user.tokens:\n            t.used = true\n        t.used = true"},
		want:      map[Category]mdx{Ensures: {4, 4, 4}},
	}, {
		// A derived value is a named expression: token.is_valid where
		// is_valid: not used and expires_at > now states the two
		// requires the other spec writes out.
		name:      "derived value written out",
		distilled: []string{"    expires_at: Timestamp\n}", "    expires_at: Timestamp\n\n    is_valid: not used and expires_at > now\n}", "requires: not token.used\n    requires: token.expires_at > now", "requires: token.is_valid"},
		want:      map[Category]mdx{Requires: {3, 3, 3}},
	}, {
		// A derived value that reads another is written out through it.
		name:      "derived value through another",
		distilled: []string{"    expires_at: Timestamp\n}", "    expires_at: Timestamp\n\n    is_live: expires_at > now\n    is_valid: not used and is_live\n}", "requires: not token.used\n    requires: token.expires_at > now", "requires: token.is_valid"},
		want:      map[Category]mdx{Requires: {3, 3, 3}},
	}, {
		// When both specs declare the name it is one name on both sides:
		// the clauses meet as written (written out, each would count two).
		name:      "derived value both declare",
		distilled: []string{"    expires_at: Timestamp\n}", "    expires_at: Timestamp\n\n    is_valid: not used and expires_at > now\n}", "requires: not token.used\n    requires: token.expires_at > now", "requires: token.is_valid"},
		expected:  []string{"    expires_at: Timestamp\n}", "    expires_at: Timestamp\n\n    is_valid: not used and expires_at > now\n}", "requires: not token.used\n    requires: token.expires_at > now", "requires: token.is_valid"},
		want:      map[Category]mdx{Requires: {2, 2, 2}},
	}, {
		// Two entities defining the name differently: which one a clause
		// reads depends on a type the spec does not state, so it stays.
		name:      "derived value defined two ways",
		distilled: []string{"    locked: Boolean\n}", "    locked: Boolean\n\n    is_valid: not locked\n}", "    expires_at: Timestamp\n}", "    expires_at: Timestamp\n\n    is_valid: not used and expires_at > now\n}", "requires: not token.used\n    requires: token.expires_at > now", "requires: token.is_valid"},
		want:      map[Category]mdx{Requires: {1, 2, 3}},
		aligned:   map[Category]int{Requires: 2},
	}, {
		// A lambda's parameter hides the member of its name: the user
		// inside is the lambda's, not the token's.
		name:      "derived value with a lambda",
		distilled: []string{"    expires_at: Timestamp\n}", "    expires_at: Timestamp\n\n    shared: user.tokens.any(user => user.used)\n}", "requires: not token.used\n", "requires: not token.used\n    requires: token.shared\n"},
		expected:  []string{"requires: not token.used\n", "requires: not token.used\n    requires: token.user.tokens.any(user => user.used)\n"},
		want:      map[Category]mdx{Requires: {4, 4, 4}},
	}, {
		// A filtering projection is a named expression too, and a count of
		// its elements above zero tests for some matching element: the
		// counted projection meets any() with whatever parameter name.
		name:      "projection count as any",
		distilled: []string{"    locked: Boolean\n}", "    locked: Boolean\n\n    tokens: ResetToken with user = this\n    used_tokens: tokens where used = true\n    has_used_token: used_tokens.count > 0\n}", "requires: not token.used\n", "requires: not token.used\n    requires: token.user.has_used_token\n"},
		expected:  []string{"requires: not token.used\n", "requires: not token.used\n    requires: token.user.tokens.any(t => t.used)\n"},
		want:      map[Category]mdx{Requires: {4, 4, 4}},
	}, {
		// Two any() tests that differ only in their parameter's name meet.
		name:      "any with another parameter name",
		distilled: []string{"requires: not token.used\n", "requires: not token.used\n    requires: token.user.tokens.any(t => t.used and t.expires_at > now)\n"},
		expected:  []string{"requires: not token.used\n", "requires: not token.used\n    requires: token.user.tokens.any(x => x.used and x.expires_at > now)\n"},
		want:      map[Category]mdx{Requires: {4, 4, 4}},
	}, {
		// A body that reads a name of the rule's (token) keeps its
		// lambda: written bare it would read as each element's field.
		name:      "any reading an outer name stays",
		distilled: []string{"requires: not token.used\n", "requires: not token.used\n    requires: token.user.tokens.any(t => t = token)\n"},
		expected:  []string{"requires: not token.used\n", "requires: not token.used\n    requires: token.user.tokens.any(x => x = token)\n"},
		want:      map[Category]mdx{Requires: {3, 4, 4}},
		aligned:   map[Category]int{Requires: 4},
	}, {
		// The name a creation is bound to is its writer's: a later
		// outcome about the new entity reads the same under either.
		name:      "created entity bound to another name",
		distilled: []string{"ensures: ResetToken.created(user: user, used: false, expires_at: now + config.reset_token_expiry)", "ensures:\n        let t = ResetToken.created(user: user, used: false, expires_at: now + config.reset_token_expiry)\n        t.user.locked = false"},
		expected:  []string{"ensures: ResetToken.created(user: user, used: false, expires_at: now + config.reset_token_expiry)", "ensures:\n        let token = ResetToken.created(user: user, used: false, expires_at: now + config.reset_token_expiry)\n        token.user.locked = false"},
		want:      map[Category]mdx{Ensures: {4, 4, 4}},
	}, {
		// if f: E.created(b: true) else: E.created(b: false) creates E
		// either way with b = f; what else a branch does stays under it.
		name:      "a flag deciding a creation's Boolean argument",
		distilled: []string{"RequestReset(email)", "RequestReset(email, quiet)", "ensures: ResetToken.created(user: user, used: false, expires_at: now + config.reset_token_expiry)", "ensures:\n        ResetToken.created(user: user, used: quiet, expires_at: now + config.reset_token_expiry)\n        if not quiet:\n            user.locked = true"},
		expected:  []string{"RequestReset(email)", "RequestReset(email, quiet)", "ensures: ResetToken.created(user: user, used: false, expires_at: now + config.reset_token_expiry)", "ensures:\n        if quiet:\n            ResetToken.created(user: user, used: true, expires_at: now + config.reset_token_expiry)\n        else:\n            ResetToken.created(user: user, used: false, expires_at: now + config.reset_token_expiry)\n            user.locked = true"},
		want:      map[Category]mdx{Ensures: {4, 4, 4}},
	}, {
		// Branches whose creations differ in more than the flag's
		// Booleans make different entities: the if stays one outcome.
		name:      "branches creating with other values stay an if",
		distilled: []string{"RequestReset(email)", "RequestReset(email, quiet)", "ensures: ResetToken.created(user: user, used: false, expires_at: now + config.reset_token_expiry)", "ensures:\n        ResetToken.created(user: user, used: quiet, expires_at: now + config.reset_token_expiry)\n        if not quiet:\n            user.locked = true"},
		expected:  []string{"RequestReset(email)", "RequestReset(email, quiet)", "ensures: ResetToken.created(user: user, used: false, expires_at: now + config.reset_token_expiry)", "ensures:\n        if quiet:\n            ResetToken.created(user: user, used: true, expires_at: now)\n        else:\n            ResetToken.created(user: user, used: false, expires_at: now + config.reset_token_expiry)\n            user.locked = true"},
		want:      map[Category]mdx{Ensures: {2, 4, 3}},
		aligned:   map[Category]int{Ensures: 3},
	}, {
		name:      "external entity on one side",
		distilled: []string{"entity ResetToken {", "external entity ResetToken {"},
		want:      map[Category]mdx{Entities: {2, 2, 2}, Fields: {6, 6, 6}},
	}, {
		name:      "empty distilled spec",
		distilled: []string{base, "-- allium: 3\n"},
		want: map[Category]mdx{Entities: {0, 0, 2}, Fields: {0, 0, 6}, Config: {0, 0, 1}, Rules: {0, 0, 2},
			Requires: {0, 0, 3}, Ensures: {0, 0, 3}},
	}} {
		t.Run(tc.name, func(t *testing.T) {
			distilled := parse(t, "distilled", edit(t, tc.distilled...))
			expected := parse(t, "expected", edit(t, tc.expected...))
			before := [][]byte{allium.Print(distilled, allium.PrintOptions{}), allium.Print(expected, allium.PrintOptions{})}
			r := Score(distilled, expected)
			for c, w := range tc.want {
				n := r.Counts[c]
				if got := (mdx{n.Matched, n.Distilled, n.Expected}); got != w {
					t.Errorf("%s: matched/distilled/expected = %v, want %v\nmissing: %q\nextra: %q", c, got, w, r.Missing[c], r.Extra[c])
				}
				want := w[0]
				if a, ok := tc.aligned[c]; ok {
					want = a
				}
				if n.Aligned != want {
					t.Errorf("%s: aligned = %d, want %d", c, n.Aligned, want)
				}
			}
			after := [][]byte{allium.Print(distilled, allium.PrintOptions{}), allium.Print(expected, allium.PrintOptions{})}
			if !bytes.Equal(before[0], after[0]) || !bytes.Equal(before[1], after[1]) {
				t.Error("Score changed its arguments")
			}
		})
	}
}

// TestPrecisionRecall pins the ratios and when they are undefined.
func TestPrecisionRecall(t *testing.T) {
	for _, tc := range []struct {
		c        Count
		p, r     float64
		pOK, rOK bool
		desc     string
	}{
		{c: Count{Matched: 2, Distilled: 4, Expected: 8}, p: 0.5, r: 0.25, pOK: true, rOK: true, desc: "both defined"},
		{c: Count{Expected: 3}, r: 0, rOK: true, desc: "nothing distilled: precision undefined"},
		{c: Count{Distilled: 3}, p: 0, pOK: true, desc: "nothing expected: recall undefined"},
		{c: Count{}, desc: "neither"},
	} {
		p, pOK := tc.c.Precision()
		r, rOK := tc.c.Recall()
		if p != tc.p || pOK != tc.pOK || r != tc.r || rOK != tc.rOK {
			t.Errorf("%s: precision %v,%v recall %v,%v; want %v,%v %v,%v", tc.desc, p, pOK, r, rOK, tc.p, tc.pOK, tc.r, tc.rOK)
		}
	}
}

// TestMeansAndTable: means skip undefined ratios, and the table shows them
// as "-".
func TestMeansAndTable(t *testing.T) {
	var a, b Result
	a.Counts[Rules] = Count{Matched: 1, Distilled: 2, Expected: 4} // 0.50 / 0.25
	b.Counts[Rules] = Count{Matched: 0, Distilled: 0, Expected: 2} // - / 0.00
	rows := []Row{{Service: "a", Result: a}, {Service: "b", Result: b}}
	m := Means(rows)[Rules]
	if m.Precision != 0.5 || m.PrecisionN != 1 || m.Recall != 0.125 || m.RecallN != 2 {
		t.Errorf("rules mean = %+v, want precision 0.5 over 1, recall 0.125 over 2", m)
	}
	var buf bytes.Buffer
	if err := WriteTable(&buf, rows); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"0.50/0.25", "-/0.00", "0.50/0.12", "1/2/4", "0/0/2"} {
		if !strings.Contains(buf.String(), want) {
			t.Errorf("table lacks %q:\n%s", want, buf.String())
		}
	}
}

// TestTableByLanguage: each language's services are listed together and
// get a mean of their own, so a service in one language never moves the
// other's mean.
func TestTableByLanguage(t *testing.T) {
	count := func(m, d, e int) Result {
		var r Result
		r.Counts[Rules] = Count{Matched: m, Distilled: d, Expected: e}
		return r
	}
	rows := []Row{
		{Service: "ts-a", Language: "typescript", Result: count(0, 4, 4)}, // 0.00 / 0.00
		{Service: "py-a", Language: "python", Result: count(2, 2, 4)},     // 1.00 / 0.50
		{Service: "py-b", Language: "python", Result: count(1, 2, 2)},     // 0.50 / 0.50
	}
	for _, tc := range []struct {
		lang    string
		p, r    float64
		service []string
	}{
		{"python", 0.75, 0.5, []string{"py-a", "py-b"}},
		{"typescript", 0, 0, []string{"ts-a"}},
	} {
		in := InLanguage(rows, tc.lang)
		var names []string
		for _, r := range in {
			names = append(names, r.Service)
		}
		if strings.Join(names, ",") != strings.Join(tc.service, ",") {
			t.Errorf("%s rows %v, want %v", tc.lang, names, tc.service)
		}
		if m := Means(in)[Rules]; m.Precision != tc.p || m.Recall != tc.r {
			t.Errorf("%s rules mean %.2f/%.2f, want %.2f/%.2f", tc.lang, m.Precision, m.Recall, tc.p, tc.r)
		}
	}
	if got := RowLanguages(rows); strings.Join(got, ",") != "python,typescript" {
		t.Errorf("languages %v, want python,typescript", got)
	}
	var buf bytes.Buffer
	if err := WriteTable(&buf, rows); err != nil {
		t.Fatal(err)
	}
	text := buf.String()
	// Python's rows and mean come first, then TypeScript's.
	order := []string{"py-a", "py-b", "mean python", "ts-a", "mean typescript"}
	at := -1
	for _, s := range order {
		i := strings.Index(text, s)
		if i < at {
			t.Errorf("%q out of order in:\n%s", s, text)
		}
		at = i
	}
	for _, line := range strings.Split(text, "\n") {
		if strings.HasPrefix(line, "mean python") && !strings.Contains(line, "0.75/0.50") {
			t.Errorf("python mean line %q lacks 0.75/0.50", line)
		}
		if strings.HasPrefix(line, "mean typescript") && !strings.Contains(line, "0.00/0.00") {
			t.Errorf("typescript mean line %q lacks 0.00/0.00", line)
		}
	}
}
