package distill

import "testing"

// TestRuntimeSettingIdioms pins settings read at run time (redash's
// org.get_setting, CTFd's get_config): a guard on one is a requires on a
// config parameter, with the default the code gives it or none.
func TestRuntimeSettingIdioms(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name      string
		files     map[string]string
		construct string
		want      string
	}{
		{
			// redash: current_org.get_setting("auth_password_login_enabled"),
			// its default in a module dict of organisation settings that
			// names an environment-read constant.
			name: "a setting read through a getter takes the default of the settings dict's constant",
			files: map[string]string{"app/models.py": emailUserModels, "app/org_settings.py": `
import os
from .helpers import parse_boolean
PASSWORD_LOGIN_ENABLED = parse_boolean(os.environ.get("APP_PASSWORD_LOGIN_ENABLED", "true"))
settings = {"auth_password_login_enabled": PASSWORD_LOGIN_ENABLED}
`, "app/views.py": `
from flask import Flask, request, abort
from app.models import User, db
from app.auth import current_org
app = Flask(__name__)
@app.route("/forgot", methods=["POST"])
def forgot():
    if not current_org.get_setting("auth_password_login_enabled"):
        abort(404)
    user = User.query.filter_by(email=request.form["email"]).first()
    db.session.delete(user)
    db.session.commit()
`},
			construct: "password_login_enabled",
			want:      `password_login_enabled: Boolean = true`,
		},
		{
			// redash: settings.email_server_is_configured() returns
			// MAIL_DEFAULT_SENDER is not None, the sender read from the
			// environment with no default.
			name: "a function of the settings module testing that an environment setting without a default is set is a Boolean parameter, false unless the deployment sets it",
			files: map[string]string{"app/models.py": emailUserModels, "app/settings.py": `
import os
MAIL_DEFAULT_SENDER = os.environ.get("APP_MAIL_DEFAULT_SENDER", None)
SUPPORT_ADDRESS = os.environ.get("APP_SUPPORT_ADDRESS", "help@example.com")

def email_server_is_configured():
    return MAIL_DEFAULT_SENDER is not None

def mail_missing():
    return MAIL_DEFAULT_SENDER is None

def support_set():
    return SUPPORT_ADDRESS is not None
`, "app/views.py": `
from flask import Flask, request
from flask_mail import Message
from app import settings
from app.models import User, db
app = Flask(__name__)
@app.route("/invite", methods=["POST"])
def invite():
    user = User(email=request.form["email"])
    db.session.add(user)
    db.session.commit()
    if settings.email_server_is_configured():
        mail.send(Message("invite", recipients=[user.email]))
    if settings.mail_missing():
        mail.send(Message("warn", recipients=["ops@example.com"]))
    if settings.support_set():
        mail.send(Message("copy", recipients=[user.email]))
`},
			construct: "Invite",
			// A setting with a default is a parameter of its own, tested
			// against null.
			want: `rule Invite {
    when: Invite(email)
    ensures:
        User.created(email: email)
        if config.mail_default_sender_configured:
            Email.created(to: email, template: invite)
        else:
            Email.created(to: "ops@example.com", template: warn)
        if config.support_address != null:
            Email.created(to: email, template: copy)
}`,
		},
		{
			// CTFd: get_config("verify_emails") with no default anywhere.
			name: "a setting read at run time with no visible default is a config parameter without one",
			files: map[string]string{"app/models.py": emailUserModels, "app/views.py": `
from flask import Flask, request, abort
from app.models import User, db
from app.utils import get_config
app = Flask(__name__)
@app.route("/register", methods=["POST"])
def register():
    if not get_config("registration_enabled"):
        abort(403)
    db.session.add(User(email=request.form["email"]))
    db.session.commit()
`},
			construct: "Register",
			want: `rule Register {
    when: Register(email)
    requires: config.registration_enabled
    ensures: User.created(email: email)
}`,
		},
		{
			name: "its type comes from its name",
			files: map[string]string{"app/models.py": emailUserModels, "app/views.py": `
from flask import Flask, request, abort
from app.models import User, db
from app.utils import get_config
app = Flask(__name__)
@app.route("/register", methods=["POST"])
def register():
    if not get_config("registration_enabled"):
        abort(403)
    db.session.add(User(email=request.form["email"]))
    db.session.commit()
`},
			construct: "registration_enabled",
			want:      `registration_enabled: Boolean`,
		},
		{
			// CTFd: a registration code checked only when one is set, the
			// failure collected in a list of errors.
			name: "an error collected under nested ifs requires one of their conditions false; a String setting tested for truth is one not empty",
			files: map[string]string{"app/models.py": emailUserModels, "app/views.py": `
from flask import Flask, request, render_template
from app.models import User, db
from app.utils import get_config
app = Flask(__name__)
@app.route("/register", methods=["POST"])
def register():
    errors = []
    code = request.form["registration_code"]
    if get_config("registration_code"):
        if code != get_config("registration_code", default=""):
            errors.append("The registration code you entered was incorrect")
    if errors:
        return render_template("register.html", errors=errors)
    db.session.add(User(email=request.form["email"]))
    db.session.commit()
`},
			construct: "Register",
			want: `rule Register {
    when: Register(registration_code, email)
    requires: config.registration_code = "" or registration_code = config.registration_code
    ensures: User.created(email: email)
}`,
		},
		{
			// CTFd's preset admin: the application's environment, not a
			// setting; left out as before.
			name: "an upper-case key read through a getter is the environment's, not a run-time setting",
			files: map[string]string{"app/models.py": emailUserModels, "app/views.py": `
from flask import Flask, request, abort
from app.models import User, db
from app.utils import get_app_config
app = Flask(__name__)
@app.route("/register", methods=["POST"])
def register():
    if not get_app_config("PRESET_ADMIN_NAME"):
        abort(403)
    db.session.add(User(email=request.form["email"]))
    db.session.commit()
`},
			construct: "preset_admin_name",
			want:      ``,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			if got := construct(out.Module, tt.construct); got != tt.want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", tt.construct, got, tt.want, out.Notes)
			}
		})
	}
}
