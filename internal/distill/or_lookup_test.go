package distill

import (
	"maps"
	"strings"
	"testing"
)

// TestOrLookupAndGuardedHelpers pins flaskbb's login in small: the user
// found by a login that is either the username or the email, and a check
// of a helper run only under a setting.
func TestOrLookupAndGuardedHelpers(t *testing.T) {
	d := New(Options{})
	users := `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(64))
    email = db.Column(db.String(128))
    activated = db.Column(db.Boolean, default=False)
    login_attempts = db.Column(db.Integer, default=0)
`
	login := `
from flask import abort, redirect
from flask.views import MethodView
from app.models import User, db
from app.utils.settings import app_config
class Blocked(Exception):
    pass
def block_unactivated(user):
    if not user.activated:
        raise Blocked()
class Login(MethodView):
    def post(self, login):
        user = db.session.execute(db.select(User).filter(%s)).scalar_one_or_none()
        if user is None:
            abort(401)
        if app_config["ACTIVATE_ACCOUNT"]:
            block_unactivated(user)
        user.login_attempts = 0
        db.session.commit()
        return redirect("/")
`
	tests := []struct {
		name, filter, want, note string
	}{
		{
			name:   "a row found by one value in either of two fields is that lookup, named by its fields",
			filter: `db.or_(User.username == login, User.email == login)`,
			want: `rule Login {
    when: Login(login)
    let user = user_by_username_or_email(login)
    requires: exists user
    requires: not config.activate_account or user.activated
    ensures: user.login_attempts = 0
}`,
		},
		{
			// Two values: no one lookup; left out, so is the rule's
			// subject.
			name:   "an or of two different values is left out",
			filter: `db.or_(User.username == login, User.email == "admin@example.com")`,
			want:   ``,
			note:   "the lookup of user left out",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := maps.Clone(settingsService)
			files["app/models.py"] = users
			files["app/views.py"] = strings.Replace(login, "%s", tt.filter, 1)
			out := distilText(t, d, files)
			if got := construct(out.Module, "Login"); got != tt.want {
				t.Errorf("Login:\ngot:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
			if tt.note != "" && !strings.Contains(strings.Join(out.Notes, "\n"), tt.note) {
				t.Errorf("no note %q in %v", tt.note, out.Notes)
			}
		})
	}
}
