package distill

import "testing"

// TestTokenInputClaims pins flask-base's email change: a signed token
// whose payload carries a request input (the new address) states it as a
// field of the token, given where the token is issued; a claim the walk
// cannot type (a literal number) is left out. The user it names has the
// collection of such link tokens; a JWT encoded for a session is no such
// link (TestFastAPIIdioms).
func TestTokenInputClaims(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/models.py": `
from flask import current_app
from itsdangerous import TimedJSONWebSignatureSerializer as Serializer
from app.extensions import db

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(64), unique=True)

    def generate_email_change_token(self, new_email, expiration=3600):
        s = Serializer(current_app.config["SECRET_KEY"], expiration)
        return s.dumps({"change_email": self.id, "new_email": new_email, "version": 2})
`,
		"app/views.py": `
from flask import Blueprint, request, redirect
from flask_login import login_required, current_user
from app.email import send_email
account = Blueprint("account", __name__)

@account.route("/change-email", methods=["POST"])
@login_required
def change_email_request():
    new_email = request.form["email"]
    token = current_user.generate_email_change_token(new_email)
    send_email(new_email, "Confirm", "account/email/change_email", token=token)
    return redirect("/")
`,
		"app/email.py": `
from flask_mail import Message
from app.extensions import mail

def send_email(recipient, subject, template, **kwargs):
    msg = Message(subject, recipients=[recipient])
    mail.send(msg)
`}
	tests := []struct{ construct, want string }{
		{"User", `entity User {
    email: String?

    email_change_tokens: EmailChangeToken with user = this
}`},
		{"EmailChangeToken", `entity EmailChangeToken {
    user: User
    new_email: String
    expires_at: Timestamp
    is_valid: expires_at > now
}`},
		{"ChangeEmailRequest", `rule ChangeEmailRequest {
    when: ChangeEmailRequest(user, email)
    ensures:
        EmailChangeToken.created(
            user: user,
            expires_at: now + config.email_change_token_expiry,
            new_email: email
        )
        Email.created(to: email)
}`},
	}
	out := distilText(t, d, files)
	for _, tt := range tests {
		if got := construct(out.Module, tt.construct); got != tt.want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", tt.construct, got, tt.want, out.Notes)
		}
	}
}
