package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
)

// TestConfigObjects: an attribute of the service's config object, given
// back by a catalogued function called with no argument (netbox's
// get_config().MAINTENANCE_MODE, account/views.py:113-117), is that config
// parameter, with the default its declaration gives when a catalog
// override names the service's declaring call (ConfigParam(name=
// 'MAINTENANCE_MODE', default=False), config/parameters.py:198-204), or
// typed by its name when none is declared. Another function, or the
// getter called with an argument, is no config object: the condition is
// left out, as before.
func TestConfigObjects(t *testing.T) {
	cat, err := catalog.Default()
	if err != nil {
		t.Fatal(err)
	}
	cat.Languages["python"].ConfigParams.Calls = []string{"ConfigParam"}
	d := New(Options{Catalog: cat})
	defer d.Close()
	files := func(cond string) map[string]string {
		return map[string]string{"app/models.py": `
from django.contrib.auth.models import AbstractUser
class User(AbstractUser):
    pass
`, "app/config/__init__.py": `
import threading
from .parameters import PARAMS
_thread_locals = threading.local()
def get_config():
    if not hasattr(_thread_locals, "config"):
        _thread_locals.config = Config()
    return _thread_locals.config
def load_conf():
    return _thread_locals.config
class Config:
    def __init__(self):
        self.defaults = {param.name: param.default for param in PARAMS}
    def __getattr__(self, item):
        return self.defaults[item]
`, "app/config/parameters.py": `
from django import forms
class ConfigParam:
    def __init__(self, name, label, default, description=""):
        self.name = name
        self.default = default
PARAMS = (
    ConfigParam(name="MAINTENANCE_MODE", label="Maintenance mode", default=False),
    ConfigParam(name="PAGINATE_COUNT", label="Paginate count", default=50),
)
`, "app/views.py": `
from django.contrib.auth import login as auth_login
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.models import update_last_login
from django.contrib.auth.signals import user_logged_in
from django.shortcuts import redirect
from django.views.generic import View
from app.config import get_config, load_conf
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
		{name: "a declared parameter: its default", cond: "get_config().MAINTENANCE_MODE",
			want: []string{"if not config.maintenance_mode:\n            user.last_login = now", "maintenance_mode: Boolean = false"}},
		{name: "an undeclared parameter: typed by its name", cond: "get_config().LOGIN_REQUIRED",
			want: []string{"if not config.login_required:\n            user.last_login = now", "login_required: Boolean\n"}},
		{name: "another function's object: left out", cond: "load_conf().MAINTENANCE_MODE",
			absent: []string{"last_login", "maintenance_mode"}},
		{name: "the getter given an argument: left out", cond: "get_config(request).MAINTENANCE_MODE",
			absent: []string{"last_login", "maintenance_mode"}},
		{name: "a private attribute: left out", cond: "get_config()._populated",
			absent: []string{"last_login", "populated"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, files(tt.cond))
			got := string(allium.Print(out.Module, allium.PrintOptions{}))
			if testing.Verbose() {
				t.Logf("%s\nnotes:\n%s", got, strings.Join(out.Notes, "\n"))
			}
			assertSpecText(t, got, tt.want, tt.absent)
		})
	}
}
