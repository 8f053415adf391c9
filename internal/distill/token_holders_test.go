package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

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
			[]string{"when: CheckToken(token)", "requires: token.user.is_active", "not exists token\n", "token.user.last_login = now"},
			[]string{"username", "verify(", "let "}},
		{"the row is read for more than its user", "\n        profile.theme = \"dark\"",
			[]string{"when: CheckToken(username, token)", "verify(token, profile.token)", "let profile = Profile{user: User{username}}"},
			[]string{"not exists token\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"hc/accounts/models.py": `
from secrets import token_urlsafe
from django.contrib.auth.hashers import check_password, make_password
from django.contrib.auth.models import User
from django.core.signing import BadSignature, TimestampSigner
from django.db import models

class Profile(models.Model):
    user = models.OneToOneField(User, models.CASCADE)
    token = models.CharField(max_length=128, blank=True)
    theme = models.CharField(max_length=10, null=True)

    def prepare_token(self):
        token = token_urlsafe(24)
        self.token = make_password(token)
        self.save()
        return TimestampSigner().sign(token)

    def check_token(self, token):
        try:
            token = TimestampSigner().unsign(token, max_age=3600)
        except BadSignature:
            return False
        return check_password(token, self.token)

    def send_login_link(self):
        token = self.prepare_token()
        return token
`,
				"hc/accounts/views.py": `
from django.contrib.auth import login as auth_login
from django.shortcuts import redirect
from hc.accounts.models import Profile

def magic_link(request, username):
    profile = Profile.objects.get(user__username=username)
    profile.send_login_link()
    return redirect("hc-login-link-sent")

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
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			rule := text[strings.Index(text, "rule CheckToken"):]
			rule = rule[:strings.Index(rule, "\n}")+2]
			for _, w := range tc.want {
				if !strings.Contains(rule, w) {
					t.Errorf("missing %q:\n%s", w, rule)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(rule, w) {
					t.Errorf("unexpected %q:\n%s", w, rule)
				}
			}
		})
	}
}
