package distill

import (
	"strings"
	"testing"
)

// TestNestedRejections pins a guard nested in an if that does something
// before it fails (warehouse's LoginForm.validate_password disables a
// breached password, then rejects the login): the rule requires it under
// the if's condition, its outcomes are a rule of their own requiring both
// conditions one by one, and a disjunction whose first alternative is the
// absence of a lookup the rule requires under another name settles to the
// other alternative.
func TestNestedRejections(t *testing.T) {
	d := New(Options{})
	files := map[string]string{"app/models.py": flaskModels, "app/routes.py": `
from flask import Blueprint, request, abort
from app.models import User
from app.extensions import db
bp = Blueprint("a", __name__)

@bp.post("/login")
def login():
    email = request.form["email"]
    found = User.query.filter_by(email=email).first()
    if found is not None:
        if found.status == "breached":
            found.locked_until = None
            db.session.commit()
            abort(400)
    user = User.query.filter_by(email=email).first()
    if user is None:
        abort(404)
    user.status = "active"
    db.session.commit()
`}
	out := distilText(t, d, files)
	login := construct(out.Module, "Login")
	for _, w := range []string{"requires: found.status != breached", "requires: exists user", "user.status = active"} {
		if !strings.Contains(login, w) {
			t.Errorf("rule Login lacks %q:\n%s", w, login)
		}
	}
	if strings.Contains(login, "not exists found or") {
		t.Errorf("rule Login keeps a disjunction its other requires settle:\n%s", login)
	}
	rejected := construct(out.Module, "LoginRejected")
	for _, w := range []string{"when: Login(", "requires: exists found\n", "requires: found.status = breached", "found.locked_until = null"} {
		if !strings.Contains(rejected, w) {
			t.Errorf("rule LoginRejected lacks %q:\n%s", w, rejected)
		}
	}
}
