package score

import (
	"strings"
	"testing"
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
	scope, err := ParseScope("scope.txt", strings.NewReader(`# comment

entity Challenge -- not an auth model
rule Listed -- a flow the expected spec excludes
entity ResetToken -- listed, but it matches, so it still counts
`))
	if err != nil {
		t.Fatal(err)
	}
	plain, scoped := Score(distilled, expected), ScoreIn(distilled, expected, scope)
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

func TestParseScopeErrors(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"entity Challenge\n", "scope.txt:1: want"},
		{"\nentity Challenge -- why\nentity Challenge -- again\n", "scope.txt:3: entity Challenge listed twice"},
		{"field User.x -- no\n", "scope.txt:1: want"},
	} {
		_, err := ParseScope("scope.txt", strings.NewReader(tc.text))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%q: error %v, want it to contain %q", tc.text, err, tc.want)
		}
	}
}
