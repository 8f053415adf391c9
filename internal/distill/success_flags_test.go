package distill

import "testing"

// flagModels is flask-base's User in small: methods that check a signed
// token and answer False on a failed check, True once they did their work.
const flagModels = `
from flask import current_app
from flask_sqlalchemy import SQLAlchemy
from itsdangerous import TimedJSONWebSignatureSerializer as Serializer, BadSignature, SignatureExpired
db = SQLAlchemy()
class Invite(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(64))
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(64))
    confirmed = db.Column(db.Boolean, default=False)
    def change_email(self, token):
        signer = Serializer(current_app.config['SECRET_KEY'])
        try:
            payload = signer.loads(token)
        except BadSignature:
            return False
        wanted = payload.get('new_email')
        if payload.get('change_email') != self.id or wanted is None:
            return False
        if self.query.filter_by(email=wanted).first():
            return False
        self.email = wanted
        db.session.commit()
        return True
    def confirm_late(self, token):
        s = Serializer(current_app.config['SECRET_KEY'])
        try:
            data = s.loads(token)
        except (BadSignature, SignatureExpired):
            return False
        self.confirmed = True
        if data.get('confirm') != self.id:
            return False
        return True
    def mentions_url(self, text):
        if len(text) > 1000:
            return False
        for line in text.split("\n"):
            if "http" in line:
                return True
        return False
`

// flagView is a view module calling the model's methods; body is its
// handler's body.
func flagView(body string) map[string]string {
	return map[string]string{"app/models.py": flagModels, "app/views.py": `
from flask import Blueprint, flash, redirect
from flask_login import login_required, current_user
from app.models import User, Invite, db
bp = Blueprint("account", __name__)
@bp.route("/change-email/<token>")
@login_required
def change_email(token):
` + body}
}

// checkedChangeEmail is the rule that states change_email's checks.
const checkedChangeEmail = `rule ChangeEmail {
    when: ChangeEmail(token, user)
    requires: token.is_valid
    requires: token.user = user
    requires: not exists User{email: token.new_email}
    ensures: user.email = token.new_email
}`

// TestSuccessFlags: the checks of a helper that answers False on failure
// become the caller's requires when what the caller does on False states
// nothing, and only then.
func TestSuccessFlags(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name string
		body string
		want string
	}{
		{
			name: "both branches flash and fall through to one redirect",
			body: `
    if current_user.change_email(token):
        flash('updated')
    else:
        flash('invalid', 'error')
    return redirect('/')
`,
			want: checkedChangeEmail,
		},
		{
			name: "both branches end the request",
			body: `
    if current_user.change_email(token):
        return redirect('/login')
    else:
        flash('invalid', 'error')
        return redirect('/')
`,
			want: checkedChangeEmail,
		},
		{
			name: "a guard on the negated flag",
			body: `
    if not current_user.change_email(token):
        return redirect('/')
    return redirect('/login')
`,
			want: checkedChangeEmail,
		},
		{
			// plane's contains_url (utils/url.py:26-52): read as a flag,
			// the refusal required every text longer than 1000.
			name: "an answer found by a loop is no success flag: the guard is left out",
			body: `
    if current_user.mentions_url(token):
        flash('no links', 'error')
        return redirect('/')
    current_user.confirmed = True
    db.session.commit()
    return redirect('/')
`,
			want: `rule ChangeEmail {
    when: ChangeEmail(token, user)
    ensures: user.confirmed = true
}`,
		},
		{
			name: "an outcome stated before the call holds whatever the helper answers: no checks",
			body: `
    db.session.add(Invite(email=current_user.email))
    if current_user.change_email(token):
        flash('updated')
    else:
        flash('invalid', 'error')
    return redirect('/')
`,
			want: `rule ChangeEmail {
    when: ChangeEmail(user, token)
    requires: token.is_valid
    ensures:
        Invite.created(email: user.email)
        user.email = token.new_email
}`,
		},
		{
			name: "a failure branch with an outcome of its own: no checks",
			body: `
    if current_user.change_email(token):
        flash('updated')
    else:
        db.session.add(Invite(email=current_user.email))
    return redirect('/')
`,
			want: `rule ChangeEmail {
    when: ChangeEmail(token, user)
    requires: token.is_valid
    ensures: user.email = token.new_email
}`,
		},
		{
			// What follows, on failure, changes nothing: the only rule.
			name: "a branch that works and ends on the flag is a rule under the helper's checks",
			body: `
    if current_user.change_email(token):
        db.session.add(Invite(email=current_user.email))
        db.session.commit()
        return redirect('/')
    flash('invalid')
    return redirect('/')
`,
			want: `rule ChangeEmail {
    when: ChangeEmail(token, user)
    requires: token.is_valid
    requires: token.user = user and not exists User{email: token.new_email}
    ensures:
        user.email = token.new_email
        Invite.created(email: token.new_email)
}`,
		},
		{
			name: "what follows an ending success branch runs when a check failed, without the helper's outcomes",
			body: `
    if current_user.change_email(token):
        return redirect('/')
    db.session.add(Invite(email=current_user.email))
    db.session.commit()
    return redirect('/')
`,
			want: `rule ChangeEmail {
    when: ChangeEmail(token, user)
    requires: not token.is_valid or token.user != user or exists User{email: token.new_email}
    ensures: Invite.created(email: user.email)
}`,
		},
		{
			name: "a check after the helper's outcome is no precondition of it",
			body: `
    if current_user.confirm_late(token):
        flash('confirmed')
    else:
        flash('invalid', 'error')
    return redirect('/')
`,
			want: `rule ChangeEmail {
    when: ChangeEmail(token, user)
    requires: token.is_valid
    ensures: user.confirmed = true
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, flagView(tt.body))
			if got := construct(out.Module, "ChangeEmail"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
