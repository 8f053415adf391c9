package distill

import (
	"strings"
	"testing"
)

// TestPendingStep pins healthchecks' _check_2fa (hc/accounts/views.py:125):
// a branch that parks the user in the session (a collection holding the
// user's id) and redirects is the first of two sign-in steps, so the
// sign-in after it happens under the negated test and nothing requires
// it; a branch that stores a flag before redirecting is still a refusal.
func TestPendingStep(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name   string
		branch string
		want   []string // in order, in rule SignIn
		absent string
	}{
		{"a list with the user's id: the sign-in is conditional",
			`        request.session["2fa_user"] = [user.id, user.email]
        return redirect("second-step")`,
			[]string{"ensures:", "if user.profile.totp = null:", "Session.created(user: user)"}, "requires: user.profile.totp"},
		{"a dict with the user's pk reads the same",
			`        request.session["pending"] = {"id": user.pk}
        return redirect("second-step")`,
			[]string{"if user.profile.totp = null:", "Session.created(user: user)"}, "requires: user.profile.totp"},
		{"a flag before a redirect turns the caller away",
			`        request.session["bad_link"] = True
        return redirect("login")`,
			[]string{"requires: user.profile.totp = null", "Session.created(user: user)"}, "if user.profile.totp"},
		{"a failure response is a refusal whatever it stores",
			`        request.session["2fa_user"] = [user.id]
        return HttpResponse(status=403)`,
			[]string{"requires: user.profile.totp = null", "Session.created(user: user)"}, "if user.profile.totp"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from django.db import models
from django.contrib.auth.models import User
class Profile(models.Model):
    user = models.OneToOneField(User, models.CASCADE)
    totp = models.CharField(max_length=32, null=True)
`,
				"app/views.py": `
from django.contrib.auth import login as auth_login
from django.contrib.auth.models import User
from django.http import HttpResponse
from django.shortcuts import redirect
from app.models import Profile

def _finish(request, user):
    profile = Profile.objects.get(user=user)
    if profile.totp:
` + tt.branch + `
    auth_login(request, user)
    return redirect("home")

def sign_in(request, email):
    user = User.objects.get(email=email)
    return _finish(request, user)
`,
				"app/urls.py": djangoRoute("in/<str:email>/", "sign_in")})
			got := construct(out.Module, "SignIn")
			wantInOrder(t, got, tt.want, out.Notes)
			if strings.Contains(got, tt.absent) {
				t.Errorf("%q in:\n%s", tt.absent, got)
			}
		})
	}
}
