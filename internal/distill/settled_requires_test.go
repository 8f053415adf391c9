package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestSettleDisjunctions: a requires `a or b` beside a requires that
// states not b keeps a; beside one that states b it goes; an alternative
// stated twice is stated once; otherwise it stays as written.
func TestSettleDisjunctions(t *testing.T) {
	tests := []struct {
		name string
		reqs []string
		want []string
	}{
		{"the alternative the path rules out goes",
			[]string{"config.can_send_mail or token != null", "token = null"},
			[]string{"config.can_send_mail", "token = null"}},
		{"a disjunction another requires states goes",
			[]string{"config.can_send_mail or token != null", "token != null"},
			[]string{"token != null"}},
		{"a disjunction with no stated alternative stays",
			[]string{"config.can_send_mail or token != null", "exists user"},
			[]string{"config.can_send_mail or token != null", "exists user"}},
		{"of three alternatives, two are left",
			[]string{"a or b or c", "not b"},
			[]string{"a or c", "not b"}},
		{"a minimum of 0 beside a length at least that minimum goes",
			[]string{"config.min = 0 or length(password) >= config.min"},
			[]string{"length(password) >= config.min"}},
		{"a zero test of another value stays",
			[]string{"config.other = 0 or length(password) >= config.min"},
			[]string{"config.other = 0 or length(password) >= config.min"}},
		{"an alternative stated twice is one (a or a is a)",
			[]string{"verify(password, user.password) or verify(password, user.password)"},
			[]string{"verify(password, user.password)"}},
		{"a repeated alternative goes and the others stay",
			[]string{"a or b or a"},
			[]string{"a or b"}},
		{"a disjunction every alternative of which is ruled out stays as written",
			[]string{"a or b", "not a", "not b"},
			[]string{"a or b", "not a", "not b"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkRequiresRewrite(t, settleDisjunctions, tc.reqs, tc.want) })
	}
}

// TestJoinedPaths: two paths of one trigger join only when one requires
// of each negates the other's, the rest of what they require is the same,
// and an outcome they both state comes before the branch.
func TestJoinedPaths(t *testing.T) {
	const head = "-- allium: 3\nentity User {\n    name: String\n}\nentity Email {\n    to: String\n}\nconfig {\n    mail: Boolean\n    other: Boolean\n}\n"
	// pair is rule R (the path that goes on) and R2 (the branch that
	// ended), each with its requires and outcomes.
	pair := func(reqR, ensR, reqR2, ensR2 string) string {
		return "rule R {\n    when: R(name)\n" + reqR + "    ensures:\n" + ensR + "}\n" +
			"rule R2 {\n    when: R(name)\n" + reqR2 + "    ensures:\n" + ensR2 + "}\n"
	}
	const (
		created = "        User.created(name: name)\n"
		mailed  = "        Email.created(to: name)\n"
	)
	tests := []struct {
		name  string
		rules string
		want  string // the joined body, "" when the paths stay apart
	}{
		{"negated conditions after a common outcome join",
			pair("    requires: not config.mail\n", created, "    requires: config.mail\n", created+mailed),
			"ensures:\n    User.created(name: name)\n    if config.mail:\n        Email.created(to: name)"},
		{"conditions that are not each other's negation stay apart",
			pair("    requires: not config.other\n", created, "    requires: config.mail\n", created+mailed), ""},
		{"paths with no common outcome stay apart",
			pair("    requires: not config.mail\n", created, "    requires: config.mail\n", mailed), ""},
		{"paths that differ in two requires stay apart",
			pair("    requires: not config.mail\n    requires: config.other\n", created,
				"    requires: config.mail\n    requires: not config.other\n", created+mailed), ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			m, diags := allium.Parse("t.allium", []byte(head+tc.rules))
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			var got []string
			for _, s := range joinedPaths(m.Rules[0], m.Rules[1]) {
				got = append(got, stmtKey(s))
			}
			if g := strings.Join(got, "\n"); g != tc.want {
				t.Errorf("got\n%s\nwant\n%s", g, tc.want)
			}
		})
	}
}

// TestDropStatedConjuncts: a conjunct another requires states alone goes
// from a conjunction (a null test counting as the presence it states); a
// conjunction of nothing else goes whole; a clause stated twice is kept
// once; conjunctions with nothing stated elsewhere stay as written.
func TestDropStatedConjuncts(t *testing.T) {
	tests := []struct {
		name string
		reqs []string
		want []string
	}{
		{"a null test stated as a presence elsewhere goes",
			[]string{"exists token.user", "token.user != null and token.user.is_active"},
			[]string{"exists token.user", "token.user.is_active"}},
		{"a conjunct stated later goes too",
			[]string{"user.is_active and not user.locked", "not user.locked"},
			[]string{"user.is_active", "not user.locked"}},
		{"an absence stated as a null test elsewhere goes",
			[]string{"token.used_at = null", "not exists token.used_at and token.expires_at > now"},
			[]string{"token.used_at = null", "token.expires_at > now"}},
		{"a conjunction all of whose conjuncts are stated goes",
			[]string{"a", "b", "a and b"},
			[]string{"a", "b"}},
		{"a clause stated twice is kept once",
			[]string{"exists user", "user.is_active", "user != null"},
			[]string{"exists user", "user.is_active"}},
		{"a conjunction with nothing stated elsewhere stays",
			[]string{"a and b", "c"},
			[]string{"a and b", "c"}},
		{"a disjunction is no conjunct",
			[]string{"a or b", "a"},
			[]string{"a or b", "a"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) { checkRequiresRewrite(t, dropStatedConjuncts, tc.reqs, tc.want) })
	}
}

// checkRequiresRewrite runs rewrite on requires clauses parsed from reqs
// and compares the clauses it leaves with want.
func checkRequiresRewrite(t *testing.T, rewrite func([]allium.Stmt) []allium.Stmt, reqs, want []string) {
	t.Helper()
	var body []allium.Stmt
	for _, r := range reqs {
		x, err := allium.ParseExpr(r)
		if err != nil {
			t.Fatal(err)
		}
		body = append(body, &allium.Requires{Cond: x})
	}
	var got []string
	for _, s := range rewrite(body) {
		got = append(got, exprKey(s.(*allium.Requires).Cond))
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got %q, want %q", got, want)
	}
}
