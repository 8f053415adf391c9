package distill

import "testing"

// TestCondOwnedLookup pins CTFd's TokenDetail.delete: administrators find
// any token by its id, others only their own; the rule names the token and
// requires that the user administers or owns it.
func TestCondOwnedLookup(t *testing.T) {
	d := New(Options{})
	models := `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()

class Users(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(128))
    password = db.Column(db.String(128))
    is_admin = db.Column(db.Boolean, default=False)

class Tokens(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    description = db.Column(db.Text)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    user = db.relationship("Users")
`
	view := func(body string) string {
		return `
from flask import Blueprint
from flask_login import current_user, login_required
from app.models import db, Tokens
from app.utils import is_admin
bp = Blueprint("tokens", __name__)

@bp.route("/tokens/<token_id>", methods=["DELETE"])
@login_required
def delete_token(token_id):
` + body + `
    db.session.delete(token)
    db.session.commit()
    return {"success": True}
`
	}
	utils := `
from flask_login import current_user

def is_admin():
    return current_user.is_admin
`
	tests := []struct {
		name string
		body string
		want string
	}{
		{
			name: "the administrator's branch finds any token, the other only the user's own",
			body: `
    if is_admin():
        token = Tokens.query.filter_by(id=token_id).first_or_404()
    else:
        token = Tokens.query.filter_by(id=token_id, user_id=current_user.id).first_or_404()
`,
			want: `rule DeleteToken {
    when: DeleteToken(user, token)
    requires: user.is_admin or token.user = user
    ensures: not exists token
}`,
		},
		{
			name: "the narrowed lookup first, under the negated condition",
			body: `
    if not is_admin():
        token = Tokens.query.filter_by(id=token_id, user_id=current_user.id).first_or_404()
    else:
        token = Tokens.query.filter_by(id=token_id).first_or_404()
`,
			want: `rule DeleteToken {
    when: DeleteToken(user, token)
    requires: user.is_admin or token.user = user
    ensures: not exists token
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/utils.py": utils, "app/views.py": view(tt.body)})
			if got := construct(out.Module, "DeleteToken"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
