package distill

import (
	"strings"
	"testing"
)

// changeEmailModels is healthchecks' Profile (hc/accounts/models.py:120-167)
// cut to its change-e-mail link: a payload of one-letter keys carrying the
// new address and a login token the profile stores hashed, signed with a
// TimestampSigner.
const changeEmailModels = `from secrets import token_urlsafe
from django.db import models
from django.contrib.auth.models import User
from django.contrib.auth.hashers import check_password, make_password
from django.core.signing import BadSignature, TimestampSigner
from django.core.mail import send_mail


class Profile(models.Model):
    user = models.OneToOneField(User, models.CASCADE)
    token = models.CharField(max_length=128, blank=True)

    def prepare_token(self) -> str:
        token = token_urlsafe(24)
        self.token = make_password(token)
        self.save()
        return TimestampSigner().sign(token)

    def check_token(self, token: str) -> bool:
        try:
            token = TimestampSigner().unsign(token, max_age=3600)
        except BadSignature:
            return False
        return check_password(token, self.token)

    def send_change_email_link(self, new_email: str) -> None:
        payload = {"u": self.user.username, "t": self.prepare_token(), "e": new_email}
        signed_payload = TimestampSigner().sign_object(payload)
        send_mail("Change", signed_payload, "noreply@example.com", [new_email])
`

// changeEmailViews is healthchecks' change_email, check_token and
// change_email_verify (hc/accounts/views.py:254-290, 603-637), with the
// token checked by the profile directly instead of an auth backend.
const changeEmailViews = `from django.contrib.auth.decorators import login_required
from django.core.signing import BadSignature, TimestampSigner
from django.http import HttpResponse
from app.models import Profile


@login_required
def change_email(request):
    request.user.profile.send_change_email_link(request.POST["email"])
    return HttpResponse("sent")


def check_token(request, username: str, token: str, new_email: str | None = None):
    try:
        profile = Profile.objects.get(user__username=username)
    except Profile.DoesNotExist:
        return HttpResponse(status=400)
    if not profile.check_token(token):
        return HttpResponse(status=400)
    user = profile.user
    if new_email:
        user.email = new_email
        user.save()
    profile.token = ""
    profile.save()
    return HttpResponse("ok")


def change_email_verify(request, signed_payload: str):
    try:
        payload = TimestampSigner().unsign_object(signed_payload, max_age=900)
    except BadSignature:
        return HttpResponse(status=400)
    return check_token(request, payload["u"], payload["t"], payload["e"])
`

const changeEmailURLs = `from django.urls import path
from app import views
urlpatterns = [
    path("change/", views.change_email),
    path("check/<str:username>/<str:token>/", views.check_token),
    path("verify/<str:signed_payload>/", views.change_email_verify),
]
`

// TestSignedPayloadKeys pins the reading of a payload the service signs
// and reads back (signed_keys.go): its keys are named as where it is
// built ("e" of new_email is new_email, the entry carrying the token the
// profile issued is that token), a truth test of a helper's optional text
// parameter is that the text is there, and a second read of the token
// with a longer maximum age requires nothing more.
func TestSignedPayloadKeys(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name   string
		want   []string // in order, in rule ChangeEmailVerify
		absent []string
	}{
		{"a one-letter key is the variable the signing side gave it",
			[]string{"signed_payload.user.email = signed_payload.new_email"}, []string{"signed_payload.e"}},
		{"the entry carrying the issued token is the token",
			[]string{"requires: exists signed_payload.user", "not exists signed_payload\n"}, []string{"Profile{", "signed_payload.t"}},
		{"the token's second read, with a longer maximum age, adds no requires",
			[]string{"requires: signed_payload.issued_at + config.change_email_token_expiry >= now"}, []string{"check_token_expiry"}},
		{"the truth of an optional text parameter is that it is there",
			[]string{"if signed_payload.new_email != null:"}, []string{"if signed_payload.new_email:"}},
	}
	out := distilText(t, d, map[string]string{
		"app/models.py": changeEmailModels, "app/views.py": changeEmailViews, "app/urls.py": changeEmailURLs})
	got := construct(out.Module, "ChangeEmailVerify")
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			wantInOrder(t, got+"\n", tt.want, out.Notes)
			for _, a := range tt.absent {
				if strings.Contains(got, a) {
					t.Errorf("%q in:\n%s", a, got)
				}
			}
		})
	}
	// The token read by itself keeps its own lifetime.
	wantInOrder(t, construct(out.Module, "CheckToken"), []string{"requires: token.issued_at + config.check_token_expiry >= now"}, out.Notes)
}

// TestSignedPayloadKeyClash pins that a key two signed payloads of the
// service use for different values is named by neither: the payload read
// back keeps the key as written.
func TestSignedPayloadKeyClash(t *testing.T) {
	d := New(Options{})
	for _, tt := range []struct {
		name, other, want string
	}{
		{"one payload names the key", "", "user.email = signed.new_email"},
		{"two payloads name it differently", `
def send_other(email):
    return TimestampSigner().sign_object({"e": email})
`, "user.email = signed.e"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from django.db import models
from django.contrib.auth.models import User
`,
				"app/links.py": `
from django.core.signing import TimestampSigner

def send_link(new_email):
    return TimestampSigner().sign_object({"e": new_email})
` + tt.other,
				"app/views.py": `
from django.contrib.auth.models import User
from django.core.signing import TimestampSigner
from django.http import HttpResponse

def verify(request, signed):
    payload = TimestampSigner().unsign_object(signed, max_age=900)
    user = User.objects.get(username=payload["u"])
    user.email = payload["e"]
    user.save()
    return HttpResponse("ok")
`,
				"app/urls.py": djangoRoute("v/<str:signed>/", "verify")})
			wantInOrder(t, construct(out.Module, "Verify"), []string{tt.want}, out.Notes)
		})
	}
}
