package distill

import "testing"

// TestClaimLookedUpAsUser: a claim of a token read back and then used as
// a user's id (User.query.get(data.get("reset")), flasky's reset_password)
// holds the id of the user the token was signed for: the row found is
// token.user, as for a claim under a subject key. Before, the claim's own
// name was taken for the row (token.reset.password_hash), a field no token
// has.
func TestClaimLookedUpAsUser(t *testing.T) {
	out := distilText(t, New(Options{}), map[string]string{"app/models.py": `
from flask import current_app
from itsdangerous import TimedJSONWebSignatureSerializer as Serializer
from flask_sqlalchemy import SQLAlchemy
from werkzeug.security import generate_password_hash
db = SQLAlchemy()

class User(db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(64), unique=True)
    password_hash = db.Column(db.String(128))

    @property
    def password(self):
        raise AttributeError("password is not a readable attribute")

    @password.setter
    def password(self, password):
        self.password_hash = generate_password_hash(password)

    @staticmethod
    def reset_password(token, new_password):
        s = Serializer(current_app.config["SECRET_KEY"])
        try:
            data = s.loads(token.encode("utf-8"))
        except:
            return False
        user = User.query.get(data.get("reset"))
        if user is None:
            return False
        user.password = new_password
        db.session.add(user)
        return True
`, "app/views.py": `
from flask import Blueprint, redirect, request
from app.models import User, db
bp = Blueprint("auth", __name__)

@bp.route("/reset/<token>", methods=["POST"])
def password_reset(token):
    if User.reset_password(token, request.form["password"]):
        db.session.commit()
    return redirect("/")
`})
	got := construct(out.Module, "PasswordReset")
	want := `rule PasswordReset {
    when: PasswordReset(token, password)
    requires: token.is_valid
    ensures: token.user.password_hash = hash(password)
}`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
