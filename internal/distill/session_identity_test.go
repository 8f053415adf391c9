package distill

import (
	"strings"
	"testing"
)

// TestSessionIdentityIdioms pins the sessions a user model binds to its
// own fields through Flask-Login's get_id (redash: the id and an md5 of
// email and password_hash; its loader refuses a session whose identity no
// longer matches): assigning one of those fields ends the user's sessions.
func TestSessionIdentityIdioms(t *testing.T) {
	d := New(Options{})
	models := func(getID string) string {
		return `
import hashlib
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(128))
    email = db.Column(db.String(128))
    password_hash = db.Column(db.String(128))
    def hash_password(self, password):
        self.password_hash = pwd_context.hash(password)
` + getID
	}
	redashGetID := `
    def get_id(self):
        identity = hashlib.md5("{},{}".format(self.email, self.password_hash).encode()).hexdigest()
        return "{0}-{1}".format(self.id, identity)
`
	view := func(body string) string {
		return `
from flask import Flask, request, redirect
from flask_login import login_user
from app.models import User, db
app = Flask(__name__)
@app.route("/account", methods=["POST"])
def account():
    user = User.query.filter_by(email=request.form["email"]).first()
    if user is None:
        return redirect("/account")
` + body + `
    db.session.commit()
    return redirect("/")
`
	}
	// A new password and nothing else: what the rule states when no
	// session is bound to the password.
	const passwordOnly = `rule Account {
    when: Account(email, password)
    let user = User{email}
    requires: exists user
    ensures: user.password_hash = hash(password)
}`
	tests := []struct {
		name, models, view, want string
		sessions                 bool // User declares sessions: Session with user = this
	}{
		{
			name:   "a new password ends the sessions from before the rule, not the one it starts",
			models: models(redashGetID),
			view:   view("    user.hash_password(request.form[\"password\"])\n    login_user(user)"),
			want: `rule Account {
    when: Account(email, password)
    let user = User{email}
    requires: exists user
    let old_sessions = user.sessions
    ensures:
        user.password_hash = hash(password)
        for s in old_sessions:
            not exists s
        Session.created(user: user, remember: false)
}`,
			sessions: true,
		},
		{
			name:   "two fields the identity reads end them once, whatever the first was: a new password always differs",
			models: models(redashGetID),
			view:   view("    user.email = request.form[\"new_email\"]\n    user.hash_password(request.form[\"password\"])"),
			want: `rule Account {
    when: Account(email, new_email, password)
    let user = User{email}
    requires: exists user
    let old_sessions = user.sessions
    ensures:
        user.email = new_email
        for s in old_sessions:
            not exists s
        user.password_hash = hash(password)
}`,
			sessions: true,
		},
		{
			name:   "a new email the caller gives ends them only when it is another",
			models: models(redashGetID),
			view:   view("    user.email = request.form[\"new_email\"]"),
			want: `rule Account {
    when: Account(email, new_email)
    let user = User{email}
    requires: exists user
    let old_sessions = user.sessions
    let email_changed = new_email != user.email
    ensures:
        user.email = new_email
        if email_changed:
            for s in old_sessions:
                not exists s
}`,
			sessions: true,
		},
		{
			name:   "the code's own comparison, kept in a local, names the condition",
			models: models(redashGetID),
			view:   view("    moved = request.form[\"new_email\"] != user.email\n    user.email = request.form[\"new_email\"]"),
			want: `rule Account {
    when: Account(email, new_email)
    let user = User{email}
    requires: exists user
    let old_sessions = user.sessions
    let moved = new_email != user.email
    ensures:
        user.email = new_email
        if moved:
            for s in old_sessions:
                not exists s
}`,
			sessions: true,
		},
		{
			name:   "a field the identity does not read leaves them",
			models: models(redashGetID),
			view:   view("    user.name = request.form[\"name\"]"),
			want: `rule Account {
    when: Account(email, name)
    let user = User{email}
    requires: exists user
    ensures: user.name = name
}`,
		},
		{
			name:   "an identity of the id alone is bound to no field the rule can change",
			models: models("    def get_id(self):\n        return str(self.id)\n"),
			view:   view("    user.hash_password(request.form[\"password\"])"),
			want:   passwordOnly,
		},
		{
			name:   "a model without get_id keeps Flask-Login's, the id",
			models: models(""),
			view:   view("    user.hash_password(request.form[\"password\"])"),
			want:   passwordOnly,
		},
		{
			name:   "a user the rule creates takes the field in its creation and has no sessions to end",
			models: models(redashGetID),
			view: strings.Replace(view(`    user = User(email=request.form["new_email"])
    user.hash_password(request.form["password"])
    db.session.add(user)`), "if user is None:", "if user is not None:", 1),
			want: `rule Account {
    when: Account(email, new_email, password)
    let user = User{email}
    requires: not exists user
    ensures: User.created(email: new_email, password_hash: hash(password))
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": tt.models, "app/views.py": tt.view})
			if got := construct(out.Module, "Account"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
			user := construct(out.Module, "User")
			if got := strings.Contains(user, "sessions: Session with user = this"); got != tt.sessions {
				t.Errorf("User declares its sessions: %v, want %v\n%s", got, tt.sessions, user)
			}
		})
	}
}
