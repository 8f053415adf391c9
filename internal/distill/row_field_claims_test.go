package distill

import (
	"strings"
	"testing"
)

// resetTokenFiles is a Flask service whose reset handler reads a signed
// token's payload, finds its user by "user.id", runs check (lines of the
// handler) and sets the password.
func resetTokenFiles(check string) map[string]string {
	return map[string]string{
		"app/models.py": `
from app.extensions import db

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(255), nullable=False)
    password_hash = db.Column(db.String(255), nullable=False)
    last_login = db.Column(db.DateTime, nullable=True)
`,
		"app/routes.py": `
import datetime
import uuid
import pytz
from flask import Blueprint, request, abort
from itsdangerous import URLSafeTimedSerializer
from werkzeug.security import generate_password_hash
from app.models import User
from app.extensions import db
bp = Blueprint("a", __name__)
signer = URLSafeTimedSerializer("secret")

@bp.post("/reset")
def reset():
    data = signer.loads(request.form["token"])
    user = db.session.get(User, uuid.UUID(data.get("user.id")))
    if user is None:
        abort(404)
` + check + `
    user.password_hash = generate_password_hash(request.form["password"])
    db.session.commit()
`,
	}
}

// TestRowFieldClaims: a signed payload's "<entity>.<column>" entry beside
// its "<entity>.id" is what that column held when the token was signed, a
// field of the token (token.last_login), which a handler compares with the
// row's column now; a time read back from its ISO text
// (datetime.fromisoformat) and given its zone (pytz.UTC.localize) is that
// time. A key of no entity, or of no column of it, stays the claim it was
// (token.user_seen_at).
func TestRowFieldClaims(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, check string
		want        []string
		absent      []string
	}{
		{
			name: "the column's value at signing, read back from ISO text and localized",
			check: `    last_login = datetime.datetime.fromisoformat(data.get("user.last_login"))
    if not last_login.tzinfo:
        last_login = pytz.UTC.localize(last_login)
    if user.last_login and user.last_login > last_login:
        abort(400)`,
			want: []string{"requires: token.user.last_login = null or token.user.last_login <= token.last_login"},
		},
		{
			name: "the entry read as it is",
			check: `    if user.last_login and user.last_login > data["user.last_login"]:
        abort(400)`,
			want: []string{"requires: token.user.last_login = null or token.user.last_login <= token.last_login"},
		},
		{
			name: "a key naming no column of the entity stays a claim of its own",
			check: `    if user.last_login and user.last_login > data.get("user.seen_at"):
        abort(400)`,
			want:   []string{"token.user.last_login <= token.user_seen_at"},
			absent: []string{"token.seen_at"},
		},
		{
			name: "a key naming no entity stays a claim of its own",
			check: `    if user.last_login and user.last_login > data.get("session.last_login"):
        abort(400)`,
			want:   []string{"token.user.last_login <= token.session_last_login"},
			absent: []string{"token.last_login"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, resetTokenFiles(tt.check))
			got := construct(out.Module, "Reset")
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
			if !strings.Contains(got, "ensures: token.user.password_hash = hash(password)") {
				t.Errorf("the reset itself is lost:\n%s", got)
			}
		})
	}
}
