package compare

import (
	"strings"
	"testing"
)

// TestLikeMost: the name most members use wins; among names as many use,
// the one whose words the others share (spelledTokens, where confirmed and
// activated stay apart) rather than the one that sorts first; a tie
// within that goes to the name whose words the other only adds to
// (verified, which is_email_verified says more of), then to the smallest.
func TestLikeMost(t *testing.T) {
	tests := []struct {
		name   string
		counts map[string]int
		want   string
	}{
		{"majority", map[string]int{"AccountToken": 2, "ConfirmationToken": 1}, "AccountToken"},
		{"one name", map[string]int{"token": 3}, "token"},
		{"no names", map[string]int{}, ""},
		{"tied, wording shared", map[string]int{"ConfirmationToken": 1, "EmailConfirmationToken": 1, "ActivationToken": 1, "AccountToken": 1}, "ConfirmationToken"},
		{"tied fields", map[string]int{"confirmed": 1, "verified": 1, "activated": 1, "is_email_verified": 1}, "verified"},
		{"tied columns", map[string]int{"reset_token_expires": 1, "forgot_password_expiry": 1, "reset_password_expires": 1}, "reset_password_expires"},
		{"tied alike", map[string]int{"b_name": 1, "a_name": 1}, "a_name"},
		{"tied, one adds words", map[string]int{"customer_email": 1, "email": 1}, "email"},
		{"tied, neither adds", map[string]int{"session_retention": 1, "reset_token_retention": 1}, "reset_token_retention"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := likeMost(tt.counts); got != tt.want {
				t.Errorf("likeMost(%v) = %q, want %q", tt.counts, got, tt.want)
			}
		})
	}
}

// TestDistinctNames: two groups do not take one name where either has
// another; the group whose name more members use keeps it (flask-ctfd's
// ResetPassword requests a reset, the others' ResetPassword performs one).
func TestDistinctNames(t *testing.T) {
	tests := []struct {
		name   string
		counts []map[string]int
		want   []string
	}{
		{"apart", []map[string]int{{"A": 1}, {"B": 2}}, []string{"A", "B"}},
		{"majority keeps it", []map[string]int{
			{"ResetPasswordRequest": 1, "ResetPassword": 1, "ForgotPassword": 1, "Reset": 1},
			{"ResetPassword": 3, "UserResetPassword": 1},
		}, []string{"ResetPasswordRequest", "ResetPassword"}},
		{"no other name", []map[string]int{{"Reset": 1}, {"Reset": 2}}, []string{"Reset", "Reset"}},
		{"empty", []map[string]int{{}, {"A": 1}}, []string{"", "A"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := distinctNames(tt.counts)
			if strings.Join(got, ",") != strings.Join(tt.want, ",") {
				t.Errorf("distinctNames = %v, want %v", got, tt.want)
			}
		})
	}
}

// TestCanonicalName: four variants each naming the token differently
// share it as the name the others' wording repeats (ConfirmationToken,
// not AccountToken, which sorts first), while the group's representative,
// whose trigger and parameters the other members are read against, stays
// the member of the majority name, ties to the smallest: renaming a group
// does not change what its members are read against.
func TestCanonicalName(t *testing.T) {
	spec := func(entity string) string {
		return "-- allium: 3\nentity " + entity + " {\n    expires_at: Timestamp\n    used: Boolean\n}\n"
	}
	res := compareTexts(t, 0, spec("ConfirmationToken"), spec("EmailConfirmationToken"), spec("ActivationToken"), spec("AccountToken"))
	if got := string(PrintShared(res)); !strings.Contains(got, "entity ConfirmationToken {") {
		t.Errorf("shared spec does not name the token ConfirmationToken:\n%s", got)
	}

	g := &group{members: []*unit{{local: "ConfirmationToken"}, {local: "EmailConfirmationToken"}, {local: "ActivationToken"}, {local: "AccountToken"}}}
	nameGroups([]*group{g})
	if g.name != "ConfirmationToken" || g.representative().local != "AccountToken" {
		t.Errorf("name %q, representative %q; want ConfirmationToken, AccountToken", g.name, g.representative().local)
	}
}

// TestPairLeftovers: two groups no variant holds both of are joined when
// each is the other's likeliest partner at the floor or above; a group
// whose likeliest partner prefers another waits, and groups a variant
// holds both of never join.
func TestPairLeftovers(t *testing.T) {
	scores := map[[2]string]float64{}
	sim := func(a, b *unit) float64 {
		if s, ok := scores[[2]string{a.local, b.local}]; ok {
			return s
		}
		return scores[[2]string{b.local, a.local}]
	}
	// one builds a group of three variants holding the named units at
	// the variants given.
	one := func(names map[int]string) *group {
		g := &group{members: make([]*unit, 3)}
		for v, n := range names {
			g.members[v] = &unit{v: v, local: n}
		}
		return g
	}
	render := func(gs []*group) string {
		var parts []string
		for _, g := range gs {
			var names []string
			for _, u := range g.members {
				if u != nil {
					names = append(names, u.local)
				}
			}
			parts = append(parts, strings.Join(names, "+"))
		}
		return strings.Join(parts, " ")
	}
	tests := []struct {
		name   string
		scores map[[2]string]float64
		groups []map[int]string
		want   string
	}{
		{"mutual best above the floor", map[[2]string]float64{{"LoginA", "LogsIn"}: 0.45},
			[]map[int]string{{0: "LoginA", 1: "LoginB"}, {2: "LogsIn"}}, "LoginA+LoginB+LogsIn"},
		{"below the floor", map[[2]string]float64{{"LoginA", "LogsIn"}: 0.3},
			[]map[int]string{{0: "LoginA", 1: "LoginB"}, {2: "LogsIn"}}, "LoginA+LoginB LogsIn"},
		{"partner prefers another", map[[2]string]float64{{"A", "C"}: 0.42, {"B", "C"}: 0.48},
			[]map[int]string{{0: "A"}, {0: "B"}, {2: "C"}}, "A B+C"},
		// One pass: A is not tried against B+C.
		{"three variants' leftovers", map[[2]string]float64{{"A", "C"}: 0.42, {"B", "C"}: 0.48},
			[]map[int]string{{0: "A"}, {1: "B"}, {2: "C"}}, "A B+C"},
		{"a variant holds both", map[[2]string]float64{{"A", "B"}: 0.45},
			[]map[int]string{{0: "A", 1: "X"}, {1: "B"}}, "A+X B"},
		{"whole groups wait for nothing", map[[2]string]float64{{"A", "D"}: 0.45},
			[]map[int]string{{0: "A", 1: "B", 2: "C"}, {0: "D"}}, "A+B+C D"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			clear(scores)
			for k, v := range tt.scores {
				scores[k] = v
			}
			var gs []*group
			for _, names := range tt.groups {
				gs = append(gs, one(names))
			}
			if got := render(pairLeftovers(gs, sim, leftoverFloor)); got != tt.want {
				t.Errorf("pairLeftovers = %q, want %q", got, tt.want)
			}
		})
	}
}

// TestDeclareLookupFields: a field the shared spec looks a row up by is
// declared in the shared entity though a variant whose lookup is a black
// box lacks it; a field fewer than the quorum declare and no shared
// lookup reads stays out.
func TestDeclareLookupFields(t *testing.T) {
	spec := func(fields, lookup string) string {
		return `-- allium: 3
entity User {
    password_hash: String
` + fields + `}

entity Session {
    user: User
}

rule UserLogsIn {
    when: UserLogsIn(email, password)

    let user = ` + lookup + `
    requires: exists user
    requires: verify(password, user.password_hash)

    ensures: Session.created(user: user)
}
`
	}
	byEmail := spec("    email: String\n    nickname: String\n", "User{email}")
	blackBox := spec("", "user_by_username_or_email(email)")
	tests := []struct {
		name       string
		texts      []string
		want, lack []string
	}{
		{"read by the kept lookup", []string{byEmail, byEmail, blackBox},
			[]string{"    email: String\n", "let user = User{email}"}, []string{"nickname"}},
		{"no lookup reads it", []string{blackBox, blackBox, byEmail},
			nil, []string{"    email: String\n", "nickname"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := string(PrintShared(compareTexts(t, 0, tt.texts...)))
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("shared spec lacks %q:\n%s", w, got)
				}
			}
			for _, l := range tt.lack {
				if strings.Contains(got, l) {
					t.Errorf("shared spec has %q:\n%s", l, got)
				}
			}
		})
	}
}
