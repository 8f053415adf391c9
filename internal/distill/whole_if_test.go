package distill

import "testing"

// TestWholeIfIdioms pins a handler whose own body does nothing but one
// conditional outcome (redash's verification_email, flask-base's
// reset_password_request and delete_user): the condition is the rule's
// precondition. Optional inputs and get-or-create stay conditional
// (TestOptionalInputIdioms, TestDjangoIdioms).
func TestWholeIfIdioms(t *testing.T) {
	d := New(Options{})
	view := func(body string) string {
		return `
from flask import Blueprint, request, flash, redirect
from flask_login import current_user, login_required
from app.models import User, Token
from app.extensions import db
bp = Blueprint("account", __name__)

@bp.route("/lock", methods=["POST"])
@login_required
def lock():
` + body + `
    return redirect("/")
`
	}
	tests := []struct {
		name, body, want string
	}{
		{
			name: "an if that is all the handler does is its precondition",
			body: `    if current_user.status == "active":
        current_user.status = "locked"
        db.session.commit()`,
			want: `rule Lock {
    when: Lock(user)
    requires: user.status = active
    ensures: user.status = locked
}`,
		},
		{
			name: "an if whose other way only flashes a message is too",
			body: `    if current_user.status == "locked":
        flash("Locked.")
    else:
        current_user.locked_until = None
        db.session.commit()`,
			want: `rule Lock {
    when: Lock(user)
    requires: user.status != locked
    ensures: user.locked_until = null
}`,
		},
		{
			name: "so does the if of a handler with code left out of its rule",
			body: `    audit(current_user)
    if current_user.status == "active":
        current_user.status = "locked"
        db.session.commit()`,
			want: `rule Lock {
    when: Lock(user)
    ensures:
        if user.status = active:
            user.status = locked
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": flaskModels, "app/views.py": view(tt.body)})
			if got := construct(out.Module, "Lock"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
