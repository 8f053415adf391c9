package distill

import "testing"

// TestReboundRow: a not-found handler that makes the row the try looked up
// rebinds the name; what follows the try is stated once for the row found
// and once for the row made, never for a row looked up and not there.
func TestReboundRow(t *testing.T) {
	d := New(Options{})
	models := `
from django.contrib.auth.models import User
from django.db import models
class Invite(models.Model):
    user = models.ForeignKey(User, models.CASCADE)
    note = models.CharField(max_length=10)
`
	view := func(handler, rest string) string {
		return `
from django.contrib.auth.models import User
from django.shortcuts import redirect
from django.views.decorators.http import require_POST
from accounts.models import Invite

@require_POST
def send_invite(request):
    email = request.POST["email"]
    try:
        user = User.objects.get(email=email)
    except User.DoesNotExist:
` + handler + `
` + rest + `
    return redirect("hc-index")
`
	}
	tests := []struct {
		name, handler, rest, want string
	}{
		{name: "the rest is stated for the row found and for the row made",
			handler: `        user = User.objects.create(email=email, username=email)`,
			rest:    `    Invite.objects.create(user=user, note="hi")`,
			want: `rule SendInvite {
    when: SendInvite(email)
    let user = User{email}
    ensures:
        if exists user:
            Invite.created(user: user, note: "hi")
        else:
            let new_user = User.created(email: email, username: email)
            Invite.created(user: new_user, note: "hi")
}`},
		{name: "a rest with no outcomes leaves the made row alone",
			handler: `        user = User.objects.create(email=email, username=email)`,
			rest:    `    note = "done"`,
			want: `rule SendInvite {
    when: SendInvite(email)
    let user = User{email}
    ensures:
        if not exists user:
            User.created(email: email, username: email)
}`},
		{name: "a handler that binds no row states the rest for the row found only, as before",
			handler: `        user = None
        Invite.objects.create(user=request.user, note="new")`,
			rest: `    if user:
        Invite.objects.create(user=user, note="hi")`,
			want: `rule SendInvite {
    when: SendInvite(email, current_user)
    let user = User{email}
    ensures:
        if not exists user:
            Invite.created(user: current_user, note: "new")
        else:
            Invite.created(user: user, note: "hi")
}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"accounts/models.py": models,
				"accounts/views.py": view(tt.handler, tt.rest)})
			if got := construct(out.Module, "SendInvite"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}

// TestRelatedOfNewRow: a helper that gets a row's one related row or makes
// it (healthchecks' Profile.objects.for_user), given a user made in this
// request, makes it the first time and answers that row after; the row's
// own methods then act for that user (a login link signed for it and
// mailed to it).
func TestRelatedOfNewRow(t *testing.T) {
	d := New(Options{})
	models := `
from secrets import token_urlsafe
from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.core.mail import send_mail
from django.core.signing import TimestampSigner
from django.db import models

class ProfileManager(models.Manager):
    def for_user(self, user):
        try:
            return user.profile
        except Profile.DoesNotExist:
            profile = Profile(user=user)
            profile.save()
            return profile

class Profile(models.Model):
    user = models.OneToOneField(User, models.CASCADE)
    token = models.CharField(max_length=128, blank=True)
    nickname = models.CharField(max_length=20, blank=True)
    objects = ProfileManager()

    def prepare_token(self):
        token = token_urlsafe(24)
        self.token = make_password(token)
        self.save()
        return TimestampSigner().sign(token)

    def send_login_link(self):
        token = self.prepare_token()
        send_mail("Log in", token, "noreply@example.org", [self.user.email])
`
	view := func(body string) string {
		return `
from django.contrib.auth.models import User
from django.shortcuts import redirect
from django.views.decorators.http import require_POST
from accounts.models import Profile

def _make_user(email):
    user = User(username=email, email=email)
    user.save()
    Profile.objects.for_user(user)
    return user

@require_POST
def join(request):
    email = request.POST["email"]
` + body + `
    return redirect("hc-index")
`
	}
	tests := []struct {
		name, body, want string
	}{
		{name: "made once, then the row made is answered",
			body: `    user = _make_user(email)
    profile = Profile.objects.for_user(user)
    profile.send_login_link()`,
			want: `rule Join {
    when: Join(email)
    ensures:
        let user = User.created(username: email, email: email)
        Profile.created(user: user)
        LoginLinkToken.created(user: user, issued_at: now)
        Email.created(to: user.email, template: log_in)
}`},
		{name: "a user looked up has its related row: nothing is made",
			body: `    user = User.objects.get(email=email)
    profile = Profile.objects.for_user(user)
    profile.send_login_link()`,
			want: `rule Join {
    when: Join(email)
    let user = User{email}
    ensures:
        LoginLinkToken.created(user: user, issued_at: now)
        Email.created(to: user.email, template: log_in)
}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"accounts/models.py": models, "accounts/views.py": view(tt.body)})
			if got := construct(out.Module, "Join"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
