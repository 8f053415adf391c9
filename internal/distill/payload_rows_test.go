package distill

import (
	"strings"
	"testing"
)

// TestPayloadKeyedRows: a signed payload read back stands for the user the
// token was signed for (token.user); used as the key of a row of another
// entity it is that entity's row the token was signed for. allauth's
// EmailConfirmationHMAC signs the e-mail address's pk (account/
// models.py:208) and finds the address by what signing.loads gives back
// (EmailAddress.objects.get(pk=pk, verified=False), :214-215): the key's
// email_address, where key.user named a user the key does not carry.
func TestPayloadKeyedRows(t *testing.T) {
	tests := []struct {
		name, lookup, write, want string
	}{
		{name: "a row of another entity", lookup: `EmailAddress.query.filter_by(id=pk, verified=False).first()`,
			write: "row.verified = True", want: "key.email_address.verified = true"},
		{name: "the user", lookup: `User.query.filter_by(id=pk).first()`,
			write: `row.email = "x"`, want: `key.user.email = "x"`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, New(Options{}), map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(64), unique=True)
    password_hash = db.Column(db.String(128))

class EmailAddress(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
    verified = db.Column(db.Boolean, nullable=False, default=False)
`, "app/views.py": `
from flask import Blueprint
from django.core import signing
from app.models import EmailAddress, User, db
bp = Blueprint("a", __name__)

@bp.route("/confirm/<key>", methods=["POST"])
def confirm(key):
    pk = signing.loads(key, max_age=3600, salt="confirm")
    row = ` + tc.lookup + `
    ` + tc.write + `
    db.session.commit()
    return "", 204
`})
			if got := construct(out.Module, "Confirm"); !strings.Contains(got, tc.want) {
				t.Errorf("got:\n%s\nwant it to contain %q", got, tc.want)
			}
		})
	}
}
