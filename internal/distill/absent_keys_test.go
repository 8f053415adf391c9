package distill

import (
	"strings"
	"testing"
)

// TestKeyedLookupOrAbsent: `None if key is None else get_user(key)` (either
// way round) is the row the lookup finds, since a lookup by an absent key
// finds none; so is `None if row is None else row.user`. A call that does
// not take the tested key is not read so.
func TestKeyedLookupOrAbsent(t *testing.T) {
	d := New(Options{})
	const models = `
from app.extensions import db

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(50), nullable=False)
    is_active = db.Column(db.Boolean, nullable=False)

class Email(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
    user = db.relationship("User", backref="emails")
    email = db.Column(db.String(255), nullable=False)
`
	users := func(body string) string {
		return `
from sqlalchemy.exc import NoResultFound
from app.extensions import db
from app.models import User, Email

def find_userid(username):
    try:
        user = db.session.query(User.id).filter(User.username == username).one()
    except NoResultFound:
        return None
    return user.id

def find_userid_by_email(email):
    try:
        user_id = db.session.query(Email.user_id).filter(Email.email == email).one()[0]
    except NoResultFound:
        return None
    return user_id

def get_user(userid):
    return db.session.query(User).filter(User.id == userid).one_or_none()

def first_user():
    return db.session.query(User).first()

def find(value):
` + body + "\n"
	}
	const view = `
from flask import Blueprint, request, abort
from app.extensions import db
from app.users import find
bp = Blueprint("a", __name__)

@bp.post("/deactivate")
def deactivate():
    user = find(request.form["login"])
    if not user:
        abort(404)
    user.is_active = False
    db.session.commit()
`
	tests := []struct {
		name, body string
		want       []string
		absent     []string
	}{
		{
			name: "by an id found by username",
			body: `    user_id = find_userid(value)
    return None if user_id is None else get_user(user_id)`,
			want: []string{"requires: exists user", "let user = User{username: login}", "ensures: user.is_active = false"},
		},
		{
			name: "by an id another entity's key holds, the other way round",
			body: `    user_id = find_userid_by_email(value)
    return get_user(user_id) if user_id is not None else None`,
			want: []string{"requires: Email{email: login}.user != null", "ensures: Email{email: login}.user.is_active = false"},
		},
		{
			name: "a row's attribute",
			body: `    row = Email.query.filter_by(email=value).first()
    return None if row is None else row.user`,
			want: []string{"ensures: row.user.is_active = false"},
		},
		{
			name: "a call that does not take the key",
			body: `    user_id = find_userid(value)
    return None if user_id is None else first_user()`,
			absent: []string{"ensures"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/users.py": users(tt.body), "app/routes.py": view})
			got := construct(out.Module, "Deactivate")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q in:\n%s", w, got)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(got, a) {
					t.Errorf("unexpected %q in:\n%s", a, got)
				}
			}
		})
	}
}
