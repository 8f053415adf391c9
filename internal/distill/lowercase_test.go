package distill

import (
	"strings"
	"testing"
)

// TestLowercaseInputs: an input read in lower case is lowercase(input)
// wherever it goes (a lookup, a creation), and testing it for presence is
// input validation as testing the input is.
func TestLowercaseInputs(t *testing.T) {
	const models = `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(128))
`
	view := func(body string) string {
		return `
from flask import Blueprint, request, abort
from app.models import User, db
bp = Blueprint("auth", __name__)
@bp.route("/register", methods=["POST"])
def register():
    email = request.form.get("email", "").strip().lower()
` + body
	}
	tests := []struct {
		name, body  string
		want, never []string
	}{
		{"a lookup and a creation by the lowered input",
			"    if User.query.filter_by(email=email).first():\n        abort(409)\n    db.session.add(User(email=email))\n    db.session.commit()\n",
			[]string{"requires: not exists User{email: lowercase(trim(email))}", "User.created(email: lowercase(trim(email)))"}, nil},
		{"a presence test of the lowered input is no requires",
			"    if not email:\n        abort(400)\n    db.session.add(User(email=email))\n    db.session.commit()\n",
			[]string{"User.created(email: lowercase(trim(email)))"}, []string{"requires: lowercase(trim(email))", "requires: lowercase(email)"}},
		{"an input not lowered stays as given",
			"    db.session.add(User(email=request.form[\"other\"]))\n    db.session.commit()\n",
			[]string{"User.created(email: other)"}, []string{"lowercase(other)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, New(Options{}), map[string]string{"app/models.py": models, "app/views.py": view(tc.body)})
			got := construct(out.Module, "Register")
			for present, texts := range map[bool][]string{true: tc.want, false: tc.never} {
				for _, text := range texts {
					if strings.Contains(got, text) != present {
						t.Errorf("%q present: %v, want %v, in\n%s", text, !present, present, got)
					}
				}
			}
		})
	}
}
