package distill

import (
	"strings"
	"testing"
)

// TestStampReceiversTakenOff pins netbox's login view (account/views.py:
// 113-117): under maintenance mode it takes update_last_login off the
// user_logged_in signal before signing the user in, so last_login is set
// only when maintenance mode is off; a receiver taken off on the
// sign-in's own path sets nothing, and one taken off after the sign-in,
// or another receiver, changes nothing.
func TestStampReceiversTakenOff(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	view := func(before, after string) map[string]string {
		return map[string]string{"app/models.py": `
from django.contrib.auth.models import AbstractUser
class User(AbstractUser):
    pass
`, "app/views.py": `
from django.conf import settings
from django.contrib.auth import login as auth_login
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import update_last_login
from django.contrib.auth.signals import user_logged_in
from django.shortcuts import redirect
from django.views.generic import View
from app.receivers import audit_login
from app.utils import get_config
class LoginView(View):
    def post(self, request):
        form = AuthenticationForm(request, data=request.POST)
        if form.is_valid():
` + before + `
            auth_login(request, form.get_user())
` + after + `
            return redirect("/")
        return redirect("/login")
`, "app/receivers.py": `
def audit_login(sender, user, **kwargs):
    pass
`}
	}
	const off = `            if get_config("maintenance_mode"):
                user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")`
	tests := []struct {
		name          string
		before, after string
		want, absent  string
	}{
		{name: "taken off under a condition: set only when it is false", before: off,
			want: "if not config.maintenance_mode:\n            user.last_login = now"},
		{name: "taken off under a setting the deployment gives: set only when it is false",
			before: `            if settings.MAINTENANCE_MODE:
                user_logged_in.disconnect(update_last_login)`,
			want: "if not config.maintenance_mode:\n            user.last_login = now"},
		{name: "taken off under a condition the spec cannot state: left out, not stated always",
			before: `            if request.session.get("quiet"):
                user_logged_in.disconnect(update_last_login)`, absent: "last_login"},
		{name: "taken off on the sign-in's path: never set",
			before: `            user_logged_in.disconnect(update_last_login)`, absent: "last_login"},
		{name: "never taken off: always set", want: "        user.last_login = now"},
		{name: "taken off after the sign-in: always set", after: off, want: "        user.last_login = now", absent: "if not config.maintenance_mode"},
		{name: "another receiver taken off: always set",
			before: `            if get_config("maintenance_mode"):
                user_logged_in.disconnect(audit_login)`, want: "        user.last_login = now", absent: "if not config.maintenance_mode"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, view(tt.before, tt.after))
			got := construct(out.Module, "Login")
			if tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("Login lacks %q:\n%s\nnotes: %v", tt.want, got, out.Notes)
			}
			if strings.Contains(strings.Join(out.Notes, "\n"), "disconnect") {
				t.Errorf("the disconnect is read, yet noted as left out: %v", out.Notes)
			}
			if tt.absent != "" && strings.Contains(got, tt.absent) {
				t.Errorf("Login has %q:\n%s", tt.absent, got)
			}
		})
	}
}
