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
