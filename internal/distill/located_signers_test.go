package distill

import (
	"strings"
	"testing"
)

// locatedTokenFiles is a Flask service whose signed tokens come from a
// token service that a container hands over (request.find_service of a
// zope.interface, the class @implementer names): the signer lives on the
// instance (self.serializer), built from constructor parameters. The
// reset handler reads the token from request.params and is body.
func locatedTokenFiles(loads, body string) map[string]string {
	return map[string]string{
		"app/models.py": `
from app.extensions import db

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(255), nullable=False)
    password_hash = db.Column(db.String(255), nullable=False)

class Address(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
    user = db.relationship("User")
    verified = db.Column(db.Boolean, nullable=False, default=False)
`,
		"app/interfaces.py": `
from zope.interface import Interface

class ITokenService(Interface):
    def loads(token):
        pass
`,
		"app/tokens.py": `
from itsdangerous import URLSafeTimedSerializer
from zope.interface import implementer
from app.interfaces import ITokenService

@implementer(ITokenService)
class TokenService:
    def __init__(self, secret, salt, max_age):
        self.serializer = URLSafeTimedSerializer(secret, salt=salt)
        self.max_age = max_age

    def loads(self, token):
` + loads + `
`,
		"app/routes.py": `
import uuid
from flask import Blueprint, request, abort
from werkzeug.security import generate_password_hash
from app.models import User, Address
from app.extensions import db
from app.interfaces import ITokenService
bp = Blueprint("a", __name__)

@bp.post("/reset")
def reset():
    token_service = request.find_service(ITokenService, name="password")
    data = token_service.loads(request.params.get("token"))
` + body,
	}
}

// TestLocatedSigners pins a signer kept on an instance of a service class
// a container hands over: its verify call reads the token, the payload's
// "<entity>.id" entries name the rows it was signed for, and a maximum age
// the spec cannot read still makes the token expire.
func TestLocatedSigners(t *testing.T) {
	d := New(Options{})
	const resetBody = `    user = db.session.get(User, uuid.UUID(data.get("user.id")))
    if user is None:
        abort(404)
    user.password_hash = generate_password_hash(request.form["password"])
    db.session.commit()
`
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{
			name:  "a maximum age read from the instance: the token expires; user.id names its user (through uuid.UUID)",
			files: locatedTokenFiles(`        return self.serializer.loads(token, max_age=self.max_age)`, resetBody),
			want: `rule Reset {
    when: Reset(token, password)
    requires: token.expires_at > now
    requires: token.user != null
    ensures: token.user.password_hash = hash(password)
}`,
		},
		{
			name:  "no maximum age: only the signature is checked",
			files: locatedTokenFiles(`        return self.serializer.loads(token)`, resetBody),
			want: `rule Reset {
    when: Reset(token, password)
    requires: token.is_valid
    requires: token.user != null
    ensures: token.user.password_hash = hash(password)
}`,
		},
		{
			name: "an entry keyed by another entity's id names that row: token.address",
			files: locatedTokenFiles(`        return self.serializer.loads(token, max_age=self.max_age)`,
				`    address = db.session.query(Address).filter(Address.id == int(data["address.id"])).one()
    address.verified = True
    db.session.commit()
`),
			want: `rule Reset {
    when: Reset(token)
    requires: token.expires_at > now
    ensures: token.address.verified = true
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			constructIs(t, out, "Reset", tt.want)
		})
	}
}

// TestLocatedSignersNeedTheSigner pins that an instance attribute that is
// not a catalogued signer gives the verify call nothing: no token.
func TestLocatedSignersNeedTheSigner(t *testing.T) {
	d := New(Options{})
	files := locatedTokenFiles(`        return self.serializer.loads(token, max_age=self.max_age)`, `    user = db.session.get(User, data.get("user.id"))
    user.password_hash = "x"
    db.session.commit()
`)
	files["app/tokens.py"] = strings.Replace(files["app/tokens.py"], "URLSafeTimedSerializer(secret, salt=salt)", "Codec(secret)", 1)
	out := distilText(t, d, files)
	if got := construct(out.Module, "Reset"); strings.Contains(got, "token.") {
		t.Errorf("a token read through an unknown codec:\n%s", got)
	}
}
