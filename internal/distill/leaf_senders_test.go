package distill

import "testing"

// TestLeafSendersBeyondDepth: a function of the service that only builds
// and sends a message runs beyond the inline depth (flaskbb's send_email,
// email.py:68-83, three calls below Register); a helper that calls
// another function of the service stays bounded by the depth.
func TestLeafSendersBeyondDepth(t *testing.T) {
	src := map[string]string{
		"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), unique=True, nullable=False)
`,
		"app/mailer.py": `
from flask import render_template
from flask_mail import Message
from app.extensions import mail

def send_email(subject, recipients, html_body):
    msg = Message(subject, recipients=recipients)
    msg.html = html_body
    mail.send(msg)

def deliver(subject, recipients, html_body):
    send_email("[app] " + subject, recipients, html_body)

def send_welcome(email):
    send_email(subject="Welcome", recipients=[email], html_body=render_template("email/welcome.html"))

def send_goodbye(email):
    deliver(subject="Bye", recipients=[email], html_body=render_template("email/goodbye.html"))
`,
		"app/views.py": `
from flask import Blueprint, request
from app.models import User, db
from app.mailer import send_goodbye, send_welcome

bp = Blueprint("users", __name__)

def welcome(email):
    send_welcome(email)

def goodbye(email):
    send_goodbye(email.strip())

@bp.route("/users", methods=["POST"])
def register():
    email = request.form["email"]
    db.session.add(User(email=email))
    db.session.commit()
    welcome(email)
    return "", 201

@bp.route("/users/leave", methods=["POST"])
def leave():
    email = request.form["email"]
    db.session.add(User(email=email))
    db.session.commit()
    goodbye(email)
    return "", 201
`,
	}
	out := distilText(t, New(Options{MaxInlineDepth: 2}), src)
	tests := []struct {
		name      string
		construct string
		want      string
	}{
		{
			name:      "a leaf sender runs beyond the depth",
			construct: "Register",
			want: `rule Register {
    when: Register(email)
    ensures:
        User.created(email: email)
        Email.created(to: email, template: welcome)
}`,
		},
		{
			name:      "a helper calling another function of the service stays bounded",
			construct: "Leave",
			want: `rule Leave {
    when: Leave(email)
    ensures: User.created(email: email)
}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := construct(out.Module, tc.construct); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}
