package distill

import "testing"

// TestNumberColumnDefaults pins the number a column defaults to as the
// value a new row gets when its creation does not give one, as a flag's
// default is (flaskbb's login_attempts = mapped_column(default=0),
// flaskbb/user/models.py:141; healthchecks' IntegerField(default=20),
// hc/accounts/models.py:84): written in decimal, a negative one with its
// sign, a float as a decimal; a value the creation gives wins; a default
// that is no literal states nothing, nor one of a field the model's own
// save sets (plane's Issue.save numbers a new issue over default=1,
// plane/db/models/issue.py:199).
func TestNumberColumnDefaults(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import Mapped, mapped_column
db = SQLAlchemy()
LIMIT = 7
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(128))
    login_attempts: Mapped[int] = mapped_column(default=0)
    quota = db.Column(db.Integer, default=0x10)
    balance = db.Column(db.Integer, default=-1)
    score = db.Column(db.Float, default=1.0)
    ratio = db.Column(db.Float, default=2.5e1)
    limit = db.Column(db.Integer, default=LIMIT)
    sequence_id = db.Column(db.Integer, default=1)

    def save(self):
        last = next_number()
        if last:
            self.sequence_id = last + 1
        db.session.add(self)
`,
		"app/views.py": `
from flask import Blueprint, request
from app.models import db, User
bp = Blueprint("auth", __name__)

@bp.route("/register", methods=["POST"])
def register():
    db.session.add(User(email=request.form["email"]))
    db.session.commit()

@bp.route("/import", methods=["POST"])
def import_user():
    db.session.add(User(email=request.form["email"], login_attempts=3))
    db.session.commit()
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{name: "an integer default", construct: "Register", want: []string{"login_attempts: 0"}},
		{name: "a hexadecimal default, in decimal", construct: "Register", want: []string{"quota: 16"}},
		{name: "a negative default", construct: "Register", want: []string{"balance: -1"}},
		{name: "a float default, as a decimal", construct: "Register", want: []string{"score: 1.0", "ratio: 25.0"}},
		{name: "a default that is no literal states nothing", construct: "Register", notWant: []string{"limit:"}},
		{name: "a field the model's own save sets gets no default", construct: "Register", notWant: []string{"sequence_id:"}},
		{name: "a value given wins over the default", construct: "ImportUser", want: []string{"login_attempts: 3"}, notWant: []string{"login_attempts: 0"}},
	})
}
