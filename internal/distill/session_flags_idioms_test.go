package distill

import "testing"

// TestSessionFlagIdioms pins the remember-me flag of Flask-Login's
// login_user (flask-base: login_user(user, form.remember_me.data)).
func TestSessionFlagIdioms(t *testing.T) {
	d := New(Options{})
	models := `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(128))
`
	loginView := func(call string) string {
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
			name: "one given by keyword too; none given is the framework's default, left unsaid",
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
			name: "no flag given: the session has none",
			view: loginView("login_user(user)"),
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
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/views.py": tt.view})
			if got := construct(out.Module, "Login"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
			if got := construct(out.Module, "Session"); got != tt.session {
				t.Errorf("session:\ngot:\n%s\nwant:\n%s", got, tt.session)
			}
		})
	}
}
