package distill

import "testing"

// TestRequestLocalIdioms pins module-level proxies of the request
// (redash's current_org = LocalProxy(_get_current_org)): the request's org
// is an input of the rule, and a lookup by a token's user id scoped by it
// requires the token's user to belong to it.
func TestRequestLocalIdioms(t *testing.T) {
	d := New(Options{})
	files := func(view string) map[string]string {
		return map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class Org(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    slug = db.Column(db.String(32))
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(128))
    org_id = db.Column(db.Integer, db.ForeignKey("org.id"))
    org = db.relationship(Org)
    verified = db.Column(db.Boolean)

    @classmethod
    def get_by_org(cls, org):
        return cls.query.filter(cls.org == org)

    @classmethod
    def get_by_email_and_org(cls, email, org):
        return cls.get_by_org(org).filter(cls.email == email).one()

    @classmethod
    def get_by_id_and_org(cls, _id, org):
        return cls.get_by_org(org).filter(cls.id == _id).one()
`, "app/auth.py": `
from flask import request
from werkzeug.local import LocalProxy
from app.models import Org
def _get_current_org():
    return Org.query.filter_by(slug=request.view_args.get("org_slug")).first()
current_org = LocalProxy(_get_current_org)
`, "app/views.py": view}
	}
	tests := []struct {
		name      string
		files     map[string]string
		construct string
		want      string
	}{
		{
			name: "current_org behind a LocalProxy is the request's org: a lookup scoped by it names it",
			files: files(`
from flask import Flask, request, redirect, flash
from flask_login import login_user
from app.models import User
from app.auth import current_org
app = Flask(__name__)
@app.route("/login", methods=["POST"])
def login():
    if current_org == None:
        return redirect("/")
    org = current_org._get_current_object()
    user = User.get_by_email_and_org(request.form["email"], org)
    if user and user.verified:
        login_user(user)
        return redirect("/")
    flash("Wrong email")
`),
			construct: "Login",
			want: `rule Login {
    when: Login(org, email)
    let user = User{org, email}
    requires: exists user and user.verified
    ensures: Session.created(user: user, remember: false)
}`,
		},
		{
			name: "a lookup by a token's user id, scoped by the request's org, is the token's user, required to be in it",
			files: files(`
from flask import Flask
from itsdangerous import URLSafeTimedSerializer
from app.models import User, db
from app.auth import current_org
app = Flask(__name__)
serializer = URLSafeTimedSerializer("k")
@app.route("/verify/<token>")
def verify(token):
    user_id = serializer.loads(token, max_age=3600)
    user = User.get_by_id_and_org(user_id, current_org)
    user.verified = True
    db.session.commit()
`),
			construct: "Verify",
			want: `rule Verify {
    when: Verify(token, org)
    requires: token.issued_at + config.signed_token_expiry >= now
    requires: token.user.org = org
    ensures: token.user.verified = true
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			if got := construct(out.Module, tt.construct); got != tt.want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", tt.construct, got, tt.want, out.Notes)
			}
		})
	}
}
