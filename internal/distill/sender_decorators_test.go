package distill

import "testing"

// TestSenderDecorators: a function of the service that a catalogued
// decorator factory makes a sender (warehouse's @_email("verify-email",
// allow_unverified=True), email/__init__.py:142-231) sends the template
// the decorator names to the row the caller gives, after its body's
// effects: to the user's address, or to the address row of a (user,
// address) pair, the value it was created with when the rule created it
// (a user the rule created is sent to user.email).
// A sender whose decorator does not set the catalog's any_address keyword
// sends only to an address the wrapper finds deliverable, which the spec
// does not read: left out. An undecorated function sends nothing.
func TestSenderDecorators(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	const models = `
from app.db import db
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String, nullable=False)
class Address(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    user = db.relationship("User")
    email = db.Column(db.String, nullable=False)
`
	const emails = `
import functools
def _email(name, *, allow_unverified=False):
    def inner(fn):
        @functools.wraps(fn)
        def wrapper(request, user_or_users, **kwargs):
            context = fn(request, user_or_users, **kwargs)
            return context
        return wrapper
    return inner

@_email("welcome-aboard", allow_unverified=True)
def send_welcome_email(request, user):
    return {"name": user.email}

@_email("verify-email", allow_unverified=True)
def send_verify_email(request, user_and_address):
    user, address = user_and_address
    return {"address": address.email}

@_email("password-change")
def send_password_change_email(request, user):
    return {}

def send_plain_email(request, user):
    return {}
`
	tests := []struct {
		name, body, want string
	}{
		{
			name: "to the user's address",
			body: `    send_welcome_email(request, user)`,
			want: `rule Touch {
    when: Touch(user)
    requires: exists user
    ensures: EmailMessage.created(to: user.email, template: welcome_aboard)
}`,
		},
		{
			name: "to the address row of a pair, as it was created",
			body: `    address = Address(user=user, email=request.form["email"])
    db.session.add(address)
    send_verify_email(request, (user, address))`,
			want: `rule Touch {
    when: Touch(user, email)
    requires: exists user
    ensures:
        Address.created(user: user, email: email)
        EmailMessage.created(to: email, template: verify_email)
}`,
		},
		{
			name: "to a user the rule created: the user's address",
			body: `    member = User(email=request.form["email"])
    db.session.add(member)
    send_welcome_email(request, member)`,
			want: `rule Touch {
    when: Touch(user, email)
    requires: exists user
    ensures:
        let member = User.created(email: email)
        EmailMessage.created(to: member.email, template: welcome_aboard)
}`,
		},
		{
			name: "only to a deliverable address: left out",
			body: `    send_password_change_email(request, user)`,
			want: ``,
		},
		{
			name: "an undecorated function sends nothing",
			body: `    send_plain_email(request, user)`,
			want: ``,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			views := `
from flask import Flask, request, abort
from app.db import db
from app.models import User, Address
from app.emails import send_welcome_email, send_verify_email, send_password_change_email, send_plain_email
app = Flask(__name__)
@app.route("/touch/<int:user_id>", methods=["POST"])
def touch(user_id):
    user = User.query.get(user_id)
    if user is None:
        abort(404)
` + tt.body + `
    return "ok"
`
			out := distilText(t, d, map[string]string{
				"app/db.py":     "from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n",
				"app/models.py": models, "app/emails.py": emails, "app/views.py": views,
			})
			if got := construct(out.Module, "Touch"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
