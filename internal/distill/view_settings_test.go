package distill

import (
	"maps"
	"strings"
	"testing"
)

// settingsService is flaskbb in small: settings described one by one in a
// fixture, read through an object imported from a settings module the
// source set lacks, by class-based views whose decorators list guards of
// the service's own.
var settingsService = map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(128))
    activated = db.Column(db.Boolean, default=False)
`, "app/fixtures/settings.py": `
fixture = (
    ("auth", {
        "name": "Authentication Settings",
        "settings": (
            ("registration_enabled", {"value": True, "value_type": "boolean", "name": "Enable Registration"}),
            ("activate_account", {"value": True, "value_type": "boolean"}),
            ("not_a_setting", {"value": 3}),
        ),
    }),
)
`, "app/helpers.py": `
from functools import wraps
from flask import redirect, flash
from flask_login import current_user
from app.utils.settings import app_config
def registration_enabled(f):
    @wraps(f)
    def wrapper(*a, **k):
        if not app_config["REGISTRATION_ENABLED"]:
            flash("The registration has been disabled.", "info")
            return redirect("/")
        return f(*a, **k)
    return wrapper
def requires_unactivated(f):
    @wraps(f)
    def wrapper(*a, **k):
        if current_user.is_active or not app_config["ACTIVATE_ACCOUNT"]:
            return redirect("/")
        return f(*a, **k)
    return wrapper
def quota_guard(f):
    @wraps(f)
    def wrapper(*a, **k):
        if not app_config["NOT_A_SETTING"]:
            return redirect("/")
        return f(*a, **k)
    return wrapper
`}

func TestViewDecoratorsAndSettings(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name      string
		view      string
		construct string
		want      string
	}{
		{
			// flaskbb's Register: decorators = [registration_enabled], whose
			// wrapper redirects away unless the setting is on.
			name: "a guard of a decorator the view class lists is a precondition, its setting a config parameter",
			view: `
from flask import redirect
from flask.views import MethodView
from app.models import User, db
from app.helpers import registration_enabled
class Register(MethodView):
    decorators = [registration_enabled]
    def post(self, email):
        db.session.add(User(email=email))
        db.session.commit()
        return redirect("/")
`,
			construct: "Register",
			want: `rule Register {
    when: Register(email)
    requires: config.registration_enabled
    ensures: User.created(email: email, activated: false)
}`,
		},
		{
			// flaskbb's requires_unactivated: the current user's activation
			// is a property the spec cannot state; the setting it is ored
			// with must still be on, and the rule is not made the signed-in
			// user's for having read it.
			name: "a failing or states each operand the spec can state, negated",
			view: `
from flask import redirect
from flask.views import MethodView
from app.models import User, db
from app.helpers import requires_unactivated
class Activate(MethodView):
    decorators = [requires_unactivated]
    def post(self, email):
        user = User.query.filter_by(email=email).first_or_404()
        user.activated = True
        db.session.commit()
        return redirect("/")
`,
			construct: "Activate",
			want: `rule Activate {
    when: Activate(email)
    requires: config.activate_account
    let user = User{email}
    requires: exists user
    ensures: user.activated = true
}`,
		},
		{
			// A fixture entry without the catalog's value_type describes no
			// setting: its read is no config parameter, the guard is left
			// out.
			name: "a fixture entry lacking a settings_fixture key is no setting",
			view: `
from flask import redirect
from flask.views import MethodView
from app.models import User, db
from app.helpers import quota_guard
class Quota(MethodView):
    decorators = [quota_guard]
    def post(self, email):
        db.session.add(User(email=email))
        db.session.commit()
        return redirect("/")
`,
			construct: "Quota",
			want: `rule Quota {
    when: Quota(email)
    ensures: User.created(email: email, activated: false)
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := maps.Clone(settingsService)
			files["app/views.py"] = tt.view
			out := distilText(t, d, files)
			if got := construct(out.Module, tt.construct); got != tt.want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", tt.construct, got, tt.want, out.Notes)
			}
		})
	}
}

// TestSettingsLimits: a blueprint's rate limit given by a function that
// formats two settings into the limit text declares both, the period as a
// Duration in the text's unit (flaskbb auth/views.py:389-426).
func TestSettingsLimits(t *testing.T) {
	d := New(Options{})
	limits := `
from flask import Blueprint, redirect
from flask.views import MethodView
from app.extensions import limiter
from app.models import User, db
from app.utils.settings import app_config
class Register(MethodView):
    def post(self, email):
        db.session.add(User(email=email))
        db.session.commit()
        return redirect("/")
def load_blueprints(app):
    auth = Blueprint("auth", __name__)
    def login_rate_limit():
        return "%s".format(count=app_config["AUTH_REQUESTS"], timeout=app_config["AUTH_TIMEOUT"])
    limiter.limit(login_rate_limit)(auth)
    auth.add_url_rule("/register", view_func=Register.as_view("register"))
`
	tests := []struct {
		name, text, count, period string
	}{
		{"count per period in minutes", "{count}/{timeout}minutes", "auth_requests: Integer = 20", "auth_timeout: Duration = 15.minutes"},
		{"count per period in hours, spelt per", "{count} per {timeout} hour", "auth_requests: Integer = 20", "auth_timeout: Duration = 15.hours"},
		// Not a limit text: the settings are no limit's.
		{"a text that is no limit declares nothing", "{count}-{timeout}", "", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := maps.Clone(settingsService)
			files["app/fixtures/settings.py"] = `
fixture = (("auth", {"settings": (
    ("auth_requests", {"value": 20, "value_type": "integer"}),
    ("auth_timeout", {"value": 15, "value_type": "integer"}),
)}),)
`
			files["app/views.py"] = strings.Replace(limits, "%s", tt.text, 1)
			out := distilText(t, d, files)
			if got := construct(out.Module, "auth_requests"); got != tt.count {
				t.Errorf("count: got %q, want %q", got, tt.count)
			}
			if got := construct(out.Module, "auth_timeout"); got != tt.period {
				t.Errorf("period: got %q, want %q", got, tt.period)
			}
		})
	}
}
