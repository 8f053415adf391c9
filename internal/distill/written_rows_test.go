package distill

import "testing"

// TestWrittenRows: an assignment to a row the rule created is one of the
// values it is created with, also after a commit; but a function that
// signs the new user in and then stamps it is a sign-in, stated as a
// sign-in of a found user is: the session, then the update of the stored
// user (warehouse's _login_user, views.py:1480-1530, sets last_login
// through update_user after remember). Once that function has returned,
// what the rule sets folds into the creation again.
func TestWrittenRows(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	const models = `
from flask_login import UserMixin
from app.db import db
class User(UserMixin, db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String, nullable=False)
    name = db.Column(db.String, nullable=True)
    last_login = db.Column(db.DateTime, nullable=True)
`
	tests := []struct {
		name, body, want string
	}{
		{
			name: "set after a commit: created with it",
			body: `    user = User(email=request.form["email"])
    db.session.add(user)
    db.session.commit()
    user.name = request.form["name"]
    db.session.commit()`,
			want: `rule Join {
    when: Join(email, name)
    ensures: User.created(email: email, name: name)
}`,
		},
		{
			name: "stamped by the function that signs it in: an update",
			body: `    user = User(email=request.form["email"])
    db.session.add(user)
    db.session.commit()
    sign_in(user)`,
			want: `rule Join {
    when: Join(email)
    ensures:
        let user = User.created(email: email)
        Session.created(user: user, remember: false)
        user.last_login = now
}`,
		},
		{
			name: "set after the sign-in returned: created with it",
			body: `    user = User(email=request.form["email"])
    db.session.add(user)
    db.session.commit()
    sign_in(user)
    user.name = request.form["name"]`,
			want: `rule Join {
    when: Join(email, name)
    ensures:
        let user = User.created(email: email, name: name)
        Session.created(user: user, remember: false)
        user.last_login = now
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			views := `
from datetime import datetime
from flask import Flask, request
from flask_login import login_user
from app.db import db
from app.models import User
app = Flask(__name__)
def sign_in(user):
    login_user(user)
    user.last_login = datetime.utcnow()
    db.session.commit()
@app.route("/join", methods=["POST"])
def join():
` + tt.body + `
    return "ok"
`
			out := distilText(t, d, map[string]string{
				"app/db.py":     "from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n",
				"app/models.py": models, "app/views.py": views,
			})
			if got := construct(out.Module, "Join"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
