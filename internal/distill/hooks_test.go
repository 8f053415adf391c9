package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestHookDispatch: a call through a plugin manager's hook relay runs the
// service's implementations of that hook (functions marked by a decorator
// a HookimplMarker made); a None or falsy answer the caller refuses makes
// what the implementation checks before answering a precondition.
func TestHookDispatch(t *testing.T) {
	const service = `
from werkzeug.security import check_password_hash
from flask import Blueprint, request
from flask_login import current_user
from .extensions import pm
bp = Blueprint("auth", __name__)

class StopAuthentication(Exception):
    pass

class Checker:
    def check(self, user, secret):
        if check_password_hash(user.password, secret):
            return True

class Manager:
    def __init__(self, plugin_manager):
        self.plugin_manager = plugin_manager

    def reauthenticate(self, user, secret):
        result = self.plugin_manager.hook.app_reauth_attempt(user=user, secret=secret)
        if not result:
            raise StopAuthentication()
        self.plugin_manager.hook.app_post_reauth(user=user)

@bp.route("/reauth", methods=["POST"])
def reauth():
    Manager(pm).reauthenticate(user=current_user, secret=request.form["password"])
`
	impls := func(marker string) string {
		return `
from pluggy import HookimplMarker
from .service import Checker
` + marker + `

@impl(trylast=True)
def app_reauth_attempt(user, secret):
    return Checker().check(user, secret)

@impl
def app_post_reauth(user):
    user.login_attempts = 0
`
	}
	for _, tc := range []struct {
		name       string
		marker     string
		want, lack []string
	}{
		{"marked implementations run", `impl = HookimplMarker("app")`,
			[]string{"requires: verify(password, user.password)", "ensures: user.login_attempts = 0"}, nil},
		{"a decorator no marker made runs nothing", `def impl(*a, **k):
    return lambda f: f`,
			nil, []string{"verify(", "login_attempts"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, New(Options{}), map[string]string{
				"app/models.py":     flaskAccountModels,
				"app/extensions.py": "from pluggy import PluginManager\npm = PluginManager(\"app\")\n",
				"app/service.py":    service,
				"app/plugins.py":    impls(tc.marker),
			})
			got := construct(out.Module, "Reauth")
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("Reauth lacks %q:\n%s\nnotes: %v", w, allium.Print(out.Module, allium.PrintOptions{}), out.Notes)
				}
			}
			for _, w := range tc.lack {
				if strings.Contains(got, w) {
					t.Errorf("Reauth has %q:\n%s", w, got)
				}
			}
		})
	}
}
