package distill

import "testing"

// TestSpentTokenLookups pins how a lookup by a secret binds the row: a
// row found by a token column of its own that the rule clears is a let
// of the lookup (the spec states the column); a row whose rule leaves the
// column alone, and a token row found by its secret, are the trigger's
// parameter, as before.
func TestSpentTokenLookups(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from app import db

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), nullable=False)
    password = db.Column(db.String(128))
    confirmed = db.Column(db.Boolean, default=False)
    reset_password_token = db.Column(db.String(64))
    confirmation_token = db.Column(db.String(64))

class LoginToken(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    token = db.Column(db.String(64))
    used = db.Column(db.Boolean, default=False)
`,
		"app/views.py": `
from flask import Blueprint, request, abort
from app import db
from app.models import User, LoginToken

bp = Blueprint("auth", __name__)

@bp.route("/reset", methods=["POST"])
def reset():
    code = request.form["code"]
    user = User.query.filter_by(reset_password_token=code).first()
    if user is None:
        abort(400)
    user.reset_password_token = None
    user.confirmed = True
    db.session.commit()

@bp.route("/confirm", methods=["POST"])
def confirm():
    token = request.form["token"]
    user = User.query.filter_by(confirmation_token=token).first()
    if user is None:
        abort(400)
    user.confirmed = True
    db.session.commit()

@bp.route("/login-link", methods=["POST"])
def login_link():
    token = request.form["token"]
    link = LoginToken.query.filter_by(token=token).first()
    if link is None:
        abort(400)
    link.used = True
    db.session.commit()
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "a token column the rule clears: the row is found by it",
			construct: "Reset",
			want:      []string{"when: Reset(code)", "let user = User{reset_password_token: code}", "requires: exists user", "user.reset_password_token = null"},
			notWant:   []string{"Reset(code, user)"},
		},
		{
			name:      "a token column the rule leaves alone: the caller names the row",
			construct: "Confirm",
			want:      []string{"when: Confirm(user)", "user.confirmed = true"},
			notWant:   []string{"let user"},
		},
		{
			name:      "a token row found by its secret: the caller names the token",
			construct: "LoginLink",
			want:      []string{"when: LoginLink(link)", "link.used = true"},
			notWant:   []string{"let link"},
		},
	})
}
