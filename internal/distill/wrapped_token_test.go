package distill

import (
	"github.com/distill/distill/internal/allium"

	"strings"
	"testing"
)

// storedTokenProfile is healthchecks' Profile: prepare_token stores a
// random secret hashed on the row and signs it into a login link.
const storedTokenProfile = `
from secrets import token_urlsafe
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.signing import TimestampSigner
from django.db import models
from hc.lib import emails

class Profile(models.Model):
    user = models.OneToOneField(User, models.CASCADE, related_name="profile")
    token = models.CharField(max_length=128, blank=True)
    nickname = models.CharField(max_length=128, blank=True)

    def prepare_token(self):
        token = token_urlsafe(24)
        self.token = make_password(token)
        self.save()
        return TimestampSigner().sign(token)

    def send_instant_login_link(self):
        token = self.prepare_token()
        emails.login(self.user.email, {"token": token})
`

// TestWrappedStoredToken: a secret a method stores hashed on its row
// (Profile.prepare_token) is one token whichever flow issues it, named
// after the first method that issues it; a signed payload that carries it
// beside other entries is that token with those entries (a one-letter key
// named after the variable it holds), not a second token. A payload that
// carries no issued token is a token of its own.
func TestWrappedStoredToken(t *testing.T) {
	models := func(tokenEntry string) string {
		return storedTokenProfile + `
    def send_change_email_link(self, new_email):
        payload = {"u": self.user.username, ` + tokenEntry + ` "e": new_email}
        signed_payload = TimestampSigner().sign_object(payload)
        emails.login(new_email, {"url": signed_payload})
`
	}
	const views = `
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

@login_required
def login_link(request):
    if request.method == "POST":
        request.user.profile.send_instant_login_link()
    return redirect("hc-login")

@login_required
def change_email(request):
    if request.method == "POST":
        email = request.POST["email"]
        request.user.profile.send_change_email_link(email)
    return redirect("hc-login")
`
	tests := []struct {
		name, tokenEntry string
		wantRule         string
		wantEntity       string
		absent           string
	}{
		{
			name:       "payload carrying the stored token is that token",
			tokenEntry: `"t": self.prepare_token(),`,
			wantRule:   "InstantLoginLinkToken.created(user: user, issued_at: now, new_email: email)",
			wantEntity: "entity InstantLoginLinkToken {\n    user: User\n    new_email: String?\n    issued_at: Timestamp\n}",
			absent:     "ChangeEmailLinkToken",
		},
		{
			name:       "payload carrying no issued token is a token of its own",
			tokenEntry: "",
			wantRule:   "ChangeEmailLinkToken.created(user: user, u: user.username, new_email: email)",
			wantEntity: "entity ChangeEmailLinkToken {",
		},
	}
	d := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"accounts/models.py": models(tt.tokenEntry), "accounts/views.py": views})
			spec := string(allium.Print(out.Module, allium.PrintOptions{}))
			rule := construct(out.Module, "ChangeEmail")
			if !strings.Contains(rule, tt.wantRule) {
				t.Errorf("rule ChangeEmail lacks %q:\n%s", tt.wantRule, rule)
			}
			if !strings.Contains(spec, tt.wantEntity) {
				t.Errorf("spec lacks %q:\n%s", tt.wantEntity, spec)
			}
			if tt.absent != "" && strings.Contains(spec, tt.absent) {
				t.Errorf("spec has %q:\n%s", tt.absent, spec)
			}
		})
	}
}

// TestClearedStoredSecret: emptying the column that keeps a token's secret
// hashed (profile.token = "") revokes the user's tokens of that kind;
// emptying another column stays an assignment.
func TestClearedStoredSecret(t *testing.T) {
	const models = storedTokenProfile
	view := func(field string) string {
		return `
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect

@login_required
def login_link(request):
    if request.method == "POST":
        request.user.profile.send_instant_login_link()
    return redirect("hc-login")

@login_required
def reset(request):
    if request.method == "POST":
        request.user.profile.` + field + ` = ""
        request.user.profile.save()
    return redirect("hc-login")
`
	}
	tests := []struct{ name, field, want string }{
		{name: "the secret's column revokes the tokens", field: "token", want: "ensures: not exists user.instant_login_link_tokens"},
		{name: "another column stays an assignment", field: "nickname", want: `ensures: user.profile.nickname = ""`},
	}
	d := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"accounts/models.py": models, "accounts/views.py": view(tt.field)})
			if got := construct(out.Module, "Reset"); !strings.Contains(got, tt.want) {
				t.Errorf("rule Reset lacks %q:\n%s", tt.want, got)
			}
		})
	}
}
