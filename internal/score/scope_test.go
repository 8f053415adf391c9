package score

import (
	"slices"
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestScoreInScope: distilled items about what the expected spec's scope
// leaves out count apart and do not lower precision; an item in scope, a
// rule that also touches an in-scope entity, and anything that matched stay
// counted; recall never moves.
func TestScoreInScope(t *testing.T) {
	extra := `
entity Challenge {
    name: String
    auditor: Audit?
}

entity Audit {
    note: String
    last_challenge: Challenge?
    challenges: Challenge with auditor = this
    seen: Set<Challenge>
}

config {
    max_challenge_name: Integer = 60
}

rule SolveChallenge {
    when: SolveChallenge(challenge)
    requires: length(challenge.name) <= config.max_challenge_name
    ensures: challenge.name = "solved"
    ensures: Challenge.created(name: "x")
}

rule ResetAndSolve {
    when: ResetAndSolve(user)
    ensures: User.created(email: "a")
    ensures: Challenge.created(name: "y")
}

rule Listed {
    when: Listed(x)
    ensures: Audit.created(note: x)
}
`
	distilled := parse(t, "distilled", base+extra)
	expected := parse(t, "expected", base)
	plain, scoped := scoreScoped(t, distilled, expected, `# comment

entity Challenge -- not an auth model
rule Listed -- a flow the expected spec excludes
entity ResetToken -- listed, but it matches, so it still counts
`)
	for _, tc := range []struct {
		c                   Category
		distilled, outScope int
	}{
		// Challenge leaves; Audit (not listed) and the matched ResetToken stay.
		{Entities, 3, 1},
		// Challenge's own two fields leave with it, and so do Audit's
		// three ways to reach a Challenge; Audit.note stays.
		{Fields, 7, 5},
		// SolveChallenge (only Challenge) and Listed leave; ResetAndSolve
		// also creates a User, so it stays.
		{Rules, 3, 2},
		{Ensures, 5, 3},
		{Requires, 3, 1},
		// Read only by SolveChallenge, out of scope with it.
		{Config, 1, 1},
	} {
		n := scoped.Counts[tc.c]
		if n.Distilled != tc.distilled || n.OutOfScope != tc.outScope {
			t.Errorf("%s: distilled %d out of scope %d, want %d and %d", tc.c, n.Distilled, n.OutOfScope, tc.distilled, tc.outScope)
		}
		p := plain.Counts[tc.c]
		if p.Distilled != n.Distilled+n.OutOfScope || p.Matched != n.Matched || p.Expected != n.Expected {
			t.Errorf("%s: scope changed more than precision: plain %+v scoped %+v", tc.c, p, n)
		}
	}
}

// scoreScoped scores distilled against expected without and with the scope
// file scopeText.
func scoreScoped(t *testing.T, distilled, expected *allium.Module, scopeText string) (plain, scoped Result) {
	t.Helper()
	scope, err := ParseScope("scope.txt", strings.NewReader(scopeText))
	if err != nil {
		t.Fatal(err)
	}
	return Score(distilled, expected), ScoreIn(distilled, expected, scope)
}

// TestScoreInScopeFields: a field line leaves that one distilled field out
// of precision and nothing else: the entity's other fields, the rule that
// writes the field and its clauses still count, and recall does not move.
// Lines that leave nothing out are reported as stale.
func TestScoreInScopeFields(t *testing.T) {
	distilled := parse(t, "distilled", edit(t,
		"    locked: Boolean\n", "    locked: Boolean\n    website: String\n    avatar: String?\n    bio: String\n",
		"rule RequestReset {", `entity Challenge {
    name: String
}

rule SetWebsite {
    when: SetWebsite(user, url)
    ensures: user.website = url
}

rule RequestReset {`))
	expected := parse(t, "expected", base)
	plain, scoped := scoreScoped(t, distilled, expected, `entity Challenge -- not an auth model
field User.website -- profile details; excluded
field User.avatar -- profile details; excluded
field User.email -- the expected spec has it
field User.nickname -- not distilled
field Challenge.name -- its entity is out already
`)
	checkScopedCounts(t, plain, scoped, []scopedCount{
		// website, avatar and Challenge.name leave; bio stays an extra.
		{Fields, 7, 6, 3},
		{Entities, 2, 2, 1},
		// SetWebsite writes a scoped field but stays counted, with its
		// ensures.
		{Rules, 3, 2, 0},
		{Ensures, 4, 3, 0},
	})
	if got, want := scoped.Extra[Fields], []string{"User.bio"}; !slices.Equal(got, want) {
		t.Errorf("extra fields %q, want %q", got, want)
	}
	want := []string{
		"field Challenge.name: its entity is out of scope already",
		"field User.email: matches the expected spec's User.email",
		"field User.nickname: not a field of the distilled spec",
	}
	if !slices.Equal(scoped.StaleScope, want) {
		t.Errorf("stale scope lines:\n got %q\nwant %q", scoped.StaleScope, want)
	}
	if len(plain.StaleScope) != 0 {
		t.Errorf("no scope, yet stale lines %q", plain.StaleScope)
	}
}

// TestScoreInScopeConfig: a config line leaves that distilled parameter
// out of precision, and with it every distilled clause that reads it and
// matched nothing; a clause that reads another parameter, the rule and a
// matched clause stay counted, and recall does not move. Lines that leave
// nothing out are reported as stale.
func TestScoreInScopeConfig(t *testing.T) {
	distilled := parse(t, "distilled", edit(t,
		"    reset_token_expiry: Duration = 1.hour\n",
		"    reset_token_expiry: Duration = 1.hour\n    max_email_length: Integer = 255\n    min_password_length: Integer = 8\n",
		"    requires: exists user\n",
		"    requires: exists user\n    requires: length(email) <= config.max_email_length\n    requires: not exists email or length(email) <= config.max_email_length\n",
		"    requires: token.expires_at > now\n",
		"    requires: token.expires_at > now\n    requires: length(password) >= config.min_password_length\n"))
	expected := parse(t, "expected", base)
	plain, scoped := scoreScoped(t, distilled, expected, `config max_email_length -- the header excludes the length limit of emails
config reset_token_expiry -- the expected spec has it
config max_name_length -- not distilled
`)
	checkScopedCounts(t, plain, scoped, []scopedCount{
		// max_email_length leaves; min_password_length stays an extra.
		{Config, 2, 1, 1},
		// Both clauses reading max_email_length leave; the one reading
		// min_password_length stays.
		{Requires, 4, 3, 2},
		{Rules, 2, 2, 0},
	})
	want := []string{
		"config max_name_length: not a config parameter of the distilled spec",
		"config reset_token_expiry: matches the expected spec's reset_token_expiry",
	}
	if !slices.Equal(scoped.StaleScope, want) {
		t.Errorf("stale scope lines:\n got %q\nwant %q", scoped.StaleScope, want)
	}
}

func TestParseScope(t *testing.T) {
	s, err := ParseScope("scope.txt", strings.NewReader(`# header
entity Challenge -- not auth
rule Listed -- excluded flow

field User.website   --   profile details
config max_email_length -- length limits
`))
	if err != nil {
		t.Fatal(err)
	}
	if !s.Entities["Challenge"] || !s.Rules["Listed"] || !s.Fields["User.website"] || !s.Config["max_email_length"] ||
		len(s.Entities)+len(s.Rules)+len(s.Fields)+len(s.Config) != 4 {
		t.Errorf("parsed %+v", s)
	}
}

func TestParseScopeErrors(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"entity Challenge\n", "scope.txt:1: want"},
		{"\nentity Challenge -- why\nentity Challenge -- again\n", "scope.txt:3: entity Challenge listed twice"},
		// A field line needs its entity, its reason, and only one dot.
		{"field User -- no entity\n", "scope.txt:1: want"},
		{"field User.x\n", "scope.txt:1: want"},
		{"field User.x --\n", "scope.txt:1: want"},
		{"field User.x.y -- too deep\n", "scope.txt:1: want"},
		{"field User.x -- why\nfield User.x -- again\n", "scope.txt:2: field User.x listed twice"},
		// Entities and rules have no dot.
		{"entity User.x -- no\n", "scope.txt:1: want"},
		{"rule User.x -- no\n", "scope.txt:1: want"},
		{"fields User.x -- no\n", "scope.txt:1: want"},
		// A config line names one parameter, no entity.
		{"config User.x -- no\n", "scope.txt:1: want"},
		{"config max_email_length\n", "scope.txt:1: want"},
		{"config a -- why\nconfig a -- again\n", "scope.txt:2: config a listed twice"},
	} {
		_, err := ParseScope("scope.txt", strings.NewReader(tc.text))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want it to contain %q", tc.text, err, tc.want)
		}
	}
}

// scopedCount is what a category should count once scoped: its distilled
// items, the matched ones and those left out of precision.
type scopedCount struct {
	c                            Category
	distilled, matched, outScope int
}

// checkScopedCounts compares the scoped counts with want and checks that
// scope moved no recall.
func checkScopedCounts(t *testing.T, plain, scoped Result, want []scopedCount) {
	t.Helper()
	for _, tc := range want {
		n := scoped.Counts[tc.c]
		if n.Distilled != tc.distilled || n.Matched != tc.matched || n.OutOfScope != tc.outScope {
			t.Errorf("%s: distilled %d matched %d out of scope %d, want %d, %d and %d",
				tc.c, n.Distilled, n.Matched, n.OutOfScope, tc.distilled, tc.matched, tc.outScope)
		}
		if p := plain.Counts[tc.c]; p.Expected != n.Expected || p.Matched != n.Matched {
			t.Errorf("%s: scope moved recall: plain %+v scoped %+v", tc.c, p, n)
		}
	}
}
