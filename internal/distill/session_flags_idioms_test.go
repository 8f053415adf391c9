package distill

import (
	"strings"
	"testing"
)

// emailUserModels is a Flask-SQLAlchemy User with an email.
const emailUserModels = `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(128))
`

// loginView is a Flask-Login sign-in view that signs the user found by
// email in with call.
func loginView(call string) string {
	return `
from flask import Flask, request, redirect
from flask_login import login_user
from app.models import User
app = Flask(__name__)
@app.route("/login", methods=["POST"])
def login():
    user = User.query.filter_by(email=request.form["email"]).first()
    if user is None:
        return redirect("/login")
    ` + call + `
    return redirect("/")
`
}

// TestSessionFlagIdioms pins the remember-me flag of Flask-Login's
// login_user (flask-base: login_user(user, form.remember_me.data)).
func TestSessionFlagIdioms(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, view, want string
		session          string // the session entity: a flag given is a field of it
	}{
		{
			name: "a remember flag given by position is stated on the session",
			view: loginView(`login_user(user, request.form["remember_me"])`),
			want: `rule Login {
    when: Login(email, remember_me)
    let user = User{email}
    requires: exists user
    ensures: Session.created(user: user, remember: remember_me)
}`,
			session: "entity Session {\n    user: User\n    remember: Boolean\n}",
		},
		{
			name: "one given by keyword too",
			view: loginView("login_user(user, remember=True)"),
			want: `rule Login {
    when: Login(email)
    let user = User{email}
    requires: exists user
    ensures: Session.created(user: user, remember: true)
}`,
			session: "entity Session {\n    user: User\n    remember: Boolean\n}",
		},
		{
			name: "no flag given: Flask-Login's default, remember=False, is stated",
			view: loginView("login_user(user)"),
			want: `rule Login {
    when: Login(email)
    let user = User{email}
    requires: exists user
    ensures: Session.created(user: user, remember: false)
}`,
			session: "entity Session {\n    user: User\n    remember: Boolean\n}",
		},
		{
			// ctfd: the service's own login_user takes no flag; no
			// default is Flask-Login's to give it.
			name: "a sign-in function of the service's own has no default flag",
			view: strings.Replace(loginView("login_user(user)"), "from flask_login import login_user", "from app.auth import login_user", 1),
			want: `rule Login {
    when: Login(email)
    let user = User{email}
    requires: exists user
    ensures: Session.created(user: user)
}`,
			session: "entity Session {\n    user: User\n}",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": emailUserModels, "app/views.py": tt.view})
			if got := construct(out.Module, "Login"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
			if got := construct(out.Module, "Session"); got != tt.session {
				t.Errorf("session:\ngot:\n%s\nwant:\n%s", got, tt.session)
			}
		})
	}
}

// TestPermanentSessionHookIdioms pins sessions made lasting by a function
// Flask runs before every request (redash's extend_session: session.
// permanent = True; app.permanent_session_lifetime = timedelta(seconds=
// settings.SESSION_EXPIRY_TIME)), and the remember cookie's lifetime.
func TestPermanentSessionHookIdioms(t *testing.T) {
	d := New(Options{})
	settings := `
import os
SESSION_EXPIRY_TIME = int(os.environ.get("APP_SESSION_EXPIRY_TIME", 60 * 60 * 6))
REMEMBER_COOKIE_DURATION = int(os.environ.get("APP_REMEMBER_COOKIE_DURATION", 60 * 60 * 24 * 31))
`
	hook := func(decorator, body string) string {
		return `
from datetime import timedelta
from flask import session
from app import settings
def init_app(app):
    ` + decorator + `
    def extend_session():
` + body
	}
	const lasting = "        session.permanent = True\n        app.permanent_session_lifetime = timedelta(seconds=settings.SESSION_EXPIRY_TIME)\n"
	tests := []struct {
		name, hook, call, want string
	}{
		{
			name: "a session made lasting before every request ends after the lifetime the hook sets",
			hook: hook("@app.before_request", lasting),
			call: "login_user(user)",
			want: "ensures: Session.created(user: user, remember: false, expires_at: now + config.session_expiry_time)",
		},
		{
			name: "remembered, it lasts as long as the remember cookie the service sets",
			hook: hook("@app.before_request", lasting),
			call: "login_user(user, remember=True)",
			want: "ensures: Session.created(user: user, remember: true, expires_at: now + config.remember_cookie_duration)",
		},
		{
			name: "a remember flag from the request chooses between the two",
			hook: hook("@app.before_request", lasting),
			call: `login_user(user, remember=request.form["remember"])`,
			want: "ensures: Session.created(user: user, remember: remember, " +
				"expires_at: (if remember: now + config.remember_cookie_duration else: now + config.session_expiry_time))",
		},
		{
			name: "a hook that does not mark the session lasting gives no lifetime",
			hook: hook("@app.before_request", "        app.permanent_session_lifetime = timedelta(seconds=settings.SESSION_EXPIRY_TIME)\n"),
			call: "login_user(user)",
			want: "ensures: Session.created(user: user, remember: false)",
		},
		{
			name: "a function the framework does not run before each request gives none either",
			hook: hook("@app.teardown_request", lasting),
			call: "login_user(user)",
			want: "ensures: Session.created(user: user, remember: false)",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": emailUserModels, "app/settings.py": settings,
				"app/authentication.py": tt.hook, "app/views.py": loginView(tt.call)})
			// The printer breaks a long clause over lines: compared
			// without the layout.
			squash := func(s string) string { return strings.Join(strings.Fields(s), "") }
			if got := construct(out.Module, "Login"); !strings.Contains(squash(got), squash(tt.want)) {
				t.Errorf("got:\n%s\nwant it to hold:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
