package distill

import "testing"

// TestOpaqueSenders: a function of the service that mails by a route the
// walk cannot follow (polar's enqueue_email_template(email, *,
// to_email_addr, subject) handing the message to enqueue_job,
// email/sender.py:182-209) states the message, to the address its call
// gives, when its name has a mail word and a sending verb, it answers
// nothing and it takes a catalogued recipient parameter. A builder that
// hands its message back, a name with no sending verb, and a body that
// sends through a catalogued sink state no extra message. A service
// object's own send_email whose parameters take no address (polar's
// email_update.send_email(record, token, base_url), service.py:69-94) is
// read through its body; one that takes an address keeps the catalog's
// reading of its call. A helper's returned tuple of names is unpacked by
// its caller (tuple_returns.go): the record it created is the caller's.
func TestOpaqueSenders(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	const models = `
from app.db import db
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String, nullable=False)
class Change(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    user = db.relationship("User")
    email = db.Column(db.String, nullable=False)
`
	const mail = `
from app.worker import enqueue_job
from flask_mail import Message
from app.ext import mail

def enqueue_email_template(email, *, to_email_addr, subject):
    enqueue_job("email.send", to_email_addr=to_email_addr, subject=subject)

def queue_mail(to, body):
    enqueue_job("mail", to=to, body=body)

def generate_reset_email(to_email_addr):
    return {"to": to_email_addr}

def email_template(to_email_addr):
    enqueue_job("email.send", to_email_addr=to_email_addr)

def send_welcome_email(to, subject):
    mail.send(Message(subject, recipients=[to]))

class ChangeService:
    def request_change(self, user, email):
        record = Change(user=user, email=email)
        db.session.add(record)
        token = make_token()
        return record, token

    def send_email(self, record, token, base_url):
        address = record.email
        enqueue_email_template({"url": base_url}, to_email_addr=address, subject="Change")

class Mailer:
    def send_email(self, to, subject):
        enqueue_job("mail", to=to)

changes = ChangeService()
mailer = Mailer()
`
	tests := []struct {
		name, body, want string
	}{
		{
			name: "a queued sender: to the address given by keyword",
			body: `    enqueue_email_template({}, to_email_addr=user.email, subject="Hi")`,
			want: `rule Touch {
    when: Touch(user)
    requires: exists user
    ensures: Email.created(to: user.email)
}`,
		},
		{
			name: "a queued sender: to the address given in its place",
			body: `    queue_mail(user.email, "hello")`,
			want: `rule Touch {
    when: Touch(user)
    requires: exists user
    ensures: Email.created(to: user.email)
}`,
		},
		{
			name: "a builder hands its message back: no message",
			body: `    generate_reset_email(user.email)`,
			want: ``,
		},
		{
			name: "a name with no sending verb: no message",
			body: `    email_template(user.email)`,
			want: ``,
		},
		{
			name: "a sender whose body reaches a sink: that message only",
			body: `    send_welcome_email(user.email, "Hi")`,
			want: `rule Touch {
    when: Touch(user)
    requires: exists user
    ensures: Email.created(to: user.email, template: welcome_email)
}`,
		},
		{
			name: "an object's own send_email taking no address: its body, through a returned tuple",
			body: `    record, token = changes.request_change(user, request.form["email"])
    changes.send_email(record, token, base_url="https://x")`,
			want: `rule Touch {
    when: Touch(user, email)
    requires: exists user
    ensures:
        Change.created(user: user, email: email)
        Email.created(to: email)
}`,
		},
		{
			name: "an object's own send_email taking an address: the catalog's reading",
			body: `    mailer.send_email(user.email, "Hi")`,
			want: `rule Touch {
    when: Touch(user)
    requires: exists user
    ensures: Email.created(to: user.email, template: hi)
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			views := `
from flask import Flask, request, abort
from app.db import db
from app.models import User, Change
from app.mail import enqueue_email_template, queue_mail, generate_reset_email, email_template, send_welcome_email, changes, mailer
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
				"app/models.py": models, "app/mail.py": "from app.db import db\nfrom app.models import Change\n" + mail, "app/views.py": views,
			})
			if got := construct(out.Module, "Touch"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
