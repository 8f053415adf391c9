package distill

import (
	"strings"
	"testing"
)

// TestFallbackLookups: a row looked up by one key and, when none is found,
// by another (if user: ... elif user := by_email(x): ... else: return), is
// the row either finds: the rule requires one and names it
// user_by_username_or_email(x), the second lookup reaching the user
// through another entity's foreign key or by a column of its own. A chain
// whose last way does something, or whose lookups take different values,
// is not read so.
func TestFallbackLookups(t *testing.T) {
	d := New(Options{})
	const models = `
from app.extensions import db

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(50), nullable=False)
    nickname = db.Column(db.String(50), nullable=False)
    is_active = db.Column(db.Boolean, nullable=False)

class Email(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
    user = db.relationship("User", backref="emails")
    email = db.Column(db.String(255), nullable=False)
`
	const users = `
from app.extensions import db
from app.models import User, Email

def by_username(username):
    return User.query.filter_by(username=username).first()

def by_nickname(nickname):
    return User.query.filter_by(nickname=nickname).first()

def email_user(email):
    row = Email.query.filter_by(email=email).first()
    return None if row is None else row.user
`
	view := func(chain string) string {
		return `
from flask import Blueprint, request, abort, flash
from app.extensions import db
from app.models import User
from app.users import by_username, by_nickname, email_user
bp = Blueprint("a", __name__)

@bp.post("/deactivate")
def deactivate():
    login = request.form["login"]
    other = request.form["other"]
    note = None
    user = by_username(login)
` + chain + `
    user.is_active = False
    db.session.commit()
`
	}
	tests := []struct {
		name, chain string
		want        []string
		absent      []string
	}{
		{
			name: "by username, else by a column of its own",
			chain: `    if user:
        note = "name"
    elif user := by_nickname(login):
        note = "nick"
    else:
        return "ok"`,
			want: []string{"let user = user_by_username_or_nickname(login)", "requires: exists user", "ensures: user.is_active = false"},
		},
		{
			name: "by username, else through another entity's key",
			chain: `    if user:
        pass
    elif user := email_user(login):
        pass
    else:
        status = 200
        return "ok"`,
			want: []string{"let user = user_by_username_or_email(login)", "requires: exists user", "ensures: user.is_active = false"},
		},
		{
			name: "a last way that does something is no plain refusal",
			chain: `    if user:
        pass
    elif user := by_nickname(login):
        pass
    else:
        flash("unknown")
        return "ok"`,
			absent: []string{"user_by_username_or_nickname"},
		},
		{
			name: "lookups of different values are not one row",
			chain: `    if user:
        pass
    elif user := by_nickname(other):
        pass
    else:
        return "ok"`,
			absent: []string{"user_by_username_or_nickname"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/users.py": users, "app/routes.py": view(tt.chain)})
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
