package distill

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestTruthOnlyRuntimeConfig: a setting the deployment gives at run time,
// with no declaration to type it, is Boolean when the spec reads it only
// as a condition (netbox's `if get_config().MAINTENANCE_MODE:`,
// account/views.py:115), whatever its name says; one also compared with
// a text stays String. (A test the walk already wrote as a text's truth,
// config.x != "" under a negation, is a comparison here: it stays String.)
func TestTruthOnlyRuntimeConfig(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := func(cond string) map[string]string {
		return map[string]string{"app/models.py": `
from django.contrib.auth.models import AbstractUser
class User(AbstractUser):
    pass
`, "app/config/__init__.py": `
import threading
_thread_locals = threading.local()
def get_config():
    return _thread_locals.config
`, "app/views.py": `
from django.contrib.auth import login as auth_login
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import update_last_login
from django.contrib.auth.signals import user_logged_in
from django.shortcuts import redirect
from django.views.generic import View
from app.config import get_config
class LoginView(View):
    def post(self, request):
        form = AuthenticationForm(request, data=request.POST)
        if form.is_valid():
            if ` + cond + `:
                user_logged_in.disconnect(update_last_login, dispatch_uid="update_last_login")
            auth_login(request, form.get_user())
            return redirect("/")
        return redirect("/login")
`}
	}
	tests := []struct {
		name, cond   string
		want, absent []string
	}{
		{name: "read only as a condition: Boolean", cond: "get_config().MAINTENANCE_MODE",
			want:   []string{"if not config.maintenance_mode:", "maintenance_mode: Boolean\n"},
			absent: []string{"maintenance_mode: String"}},
		{name: "compared with a text: String", cond: `get_config().MAINTENANCE_MODE == "on"`,
			want:   []string{"maintenance_mode: String\n"},
			absent: []string{"maintenance_mode: Boolean"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, files(tt.cond))
			assertSpecText(t, string(allium.Print(out.Module, allium.PrintOptions{})), tt.want, tt.absent)
		})
	}
}
