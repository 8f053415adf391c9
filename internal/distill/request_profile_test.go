package distill

import "testing"

// TestCurrentUserAttrs: a request attribute a middleware sets from the
// signed-in user (catalog auth.current_user_attrs: request.profile is
// user.profile) reads as that attribute of the user; another request
// attribute stays unknown, so its writes say nothing.
func TestCurrentUserAttrs(t *testing.T) {
	models := `
from django.contrib.auth.models import User
from django.db import models
class Profile(models.Model):
    user = models.OneToOneField(User, models.CASCADE, related_name="profile")
    totp_created = models.DateTimeField(null=True)
`
	view := func(attr string) string {
		return `
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from django.utils.timezone import now

@login_required
def remove_totp(request):
    if request.method == "POST":
        request.` + attr + `.totp_created = None
        request.` + attr + `.save()
    return redirect("hc-profile")
`
	}
	tests := []struct {
		name, attr, want string
	}{
		{name: "request.profile is the user's profile", attr: "profile", want: `rule RemoveTotp {
    when: RemoveTotp(user)
    ensures: user.profile.totp_created = null
}`},
		{name: "an attribute the catalog does not name is no rule", attr: "account", want: ""},
	}
	d := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"accounts/models.py": models, "accounts/views.py": view(tt.attr)})
			if got := construct(out.Module, "RemoveTotp"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
