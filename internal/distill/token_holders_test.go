package distill

import "testing"

// TestTokenHolders: a link token checked against the hash stored on the
// row a lookup by the link's username finds names its user, so the rule
// is stated over the token (token.user) and spending the stored hash
// spends the token; a row the rule also reads for something other than
// its user keeps its lookup and the comparison.
func TestTokenHolders(t *testing.T) {
	d := New(Options{})
	for _, tc := range []struct {
		name, extra string
		want, not   []string
	}{
		{"the row serves only to find the user", "",
			[]string{"when: CheckToken(token)", "requires: token.user.is_active", "        not exists token\n", "token.user.last_login = now"},
			[]string{"username", "verify(", "let "}},
		{"the row is read for more than its user", "\n        profile.theme = \"dark\"",
			[]string{"when: CheckToken(username, token)", "verify(token, profile.token)", "let profile = Profile{user: User{username}}"},
			[]string{"        not exists token\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// loginLinkService's Profile, given the check of a token
			// it issued, and its views the view that checks one.
			out := distilText(t, d, map[string]string{
				"hc/accounts/models.py": loginLinkService["hc/accounts/models.py"] + profileCheckToken + `
    theme = models.CharField(max_length=10, null=True)

from django.contrib.auth.hashers import check_password
from django.core.signing import BadSignature
`,
				"hc/accounts/views.py": loginLinkService["hc/accounts/views.py"] + `
from django.contrib.auth import login as auth_login

def check_token(request, username, token):
    try:
        profile = Profile.objects.get(user__username=username)
    except Profile.DoesNotExist:
        return redirect("hc-login")
    if not profile.check_token(token):
        return redirect("hc-login")
    if profile.user.is_active:
        profile.token = ""` + tc.extra + `
        profile.save()
        auth_login(request, profile.user)
    return redirect("hc-index")
`})
			wantConstruct(t, out, "CheckToken", tc.want, tc.not)
		})
	}
}

// profileCheckToken is healthchecks' Profile.check_token: the link token
// read back with its age, then compared with the hash the row stores.
const profileCheckToken = `
    def check_token(self, token):
        try:
            token = TimestampSigner().unsign(token, max_age=3600)
        except BadSignature:
            return False
        return check_password(token, self.token)
`
