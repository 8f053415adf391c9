package compare

import (
	"strings"
	"testing"
)

const changeEntities = `-- allium: 3
entity User {
    email: String
}
entity Session {
    user: User
}
entity EmailChangeToken {
    user: User
    new_email: String
}
`

// TestGeneralAssignReach: members that set one field to one value on a row
// they reach differently meet on the way each of them reaches it, their
// lets read through and the paths their requires equate applied
// (reachForms): session.user under requires token.user = session.user is
// token.user. And a member that sets it under a test that the value is
// present meets those that set it outright when the shared spec declares
// the field required (sharedAssign), not when it declares it optional.
func TestGeneralAssignReach(t *testing.T) {
	viaSession := changeEntities + `
rule ConfirmEmailChange {
    when: ConfirmEmailChange(session, token)
    requires: token.user = session.user
    ensures: session.user.email = token.new_email
}
`
	viaToken := changeEntities + `
rule ConfirmEmailChange {
    when: ConfirmEmailChange(token)
    ensures: token.user.email = token.new_email
}
`
	viaParam := changeEntities + `
rule ConfirmEmailChange {
    when: ConfirmEmailChange(token, user)
    requires: token.user = user
    ensures: user.email = token.new_email
}
`
	viaLet := changeEntities + `
rule ConfirmEmailChange {
    when: ConfirmEmailChange(token)
    let user = token.user
    ensures: user.email = token.new_email
}
`
	viaLookup := changeEntities + `
rule ConfirmEmailChange {
    when: ConfirmEmailChange(token, email)
    let user = User{email}
    requires: token.user = user
    ensures: user.email = token.new_email
}
`
	presenceTested := strings.Replace(changeEntities, "new_email: String", "new_email: String?", 1) + `
rule ConfirmEmailChange {
    when: ConfirmEmailChange(token)
    ensures:
        if token.new_email != null:
            token.user.email = token.new_email
        not exists token
}
`
	optional := func(s string) string { return strings.Replace(s, "new_email: String", "new_email: String?", 1) }
	tests := []struct {
		name       string
		specs      []string
		want, lack []string
	}{
		{"equated paths meet on the one all reach", []string{viaSession, viaToken, viaParam},
			[]string{"ensures: token.user.email = token.new_email"}, []string{"session.user.email"}},
		{"lets read through", []string{viaSession, viaLet, viaParam},
			[]string{"email = token.new_email"}, []string{"session.user.email"}},
		{"a path no member writes, each reaches it so", []string{viaSession, viaLookup},
			[]string{"ensures: token.user.email = token.new_email"}, []string{"session.user.email", "ensures: user.email"}},
		{"a presence test of a required field holds", []string{presenceTested, viaToken, viaParam},
			[]string{"ensures: token.user.email = token.new_email"}, []string{"if ", "!= null"}},
		{"a presence test of an optional field stays apart", []string{presenceTested, optional(viaToken), optional(viaParam)},
			nil, []string{"rule ConfirmEmailChange"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res := compareTexts(t, 0, tt.specs...)
			got := string(PrintShared(res))
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
