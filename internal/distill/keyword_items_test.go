package distill

import (
	"strings"
	"testing"
)

// keywordRoute is a Flask route module (over flaskModels) whose helper
// update_user sets each keyword its caller hands **changes on the user,
// hashing the password one, and whose handler body calls it.
func keywordRoute(body string) map[string]string {
	return map[string]string{"app/models.py": flaskModels, "app/routes.py": `
from flask import Blueprint, request
from werkzeug.security import generate_password_hash
from app.models import User
from app.extensions import db
bp = Blueprint("a", __name__)

PASSWORD_FIELD = "password_hash"

def update_user(user, **changes):
    for attr, value in changes.items():
        if attr == PASSWORD_FIELD:
            setattr(user, attr, generate_password_hash(value))
        else:
            setattr(user, attr, value)
    if PASSWORD_FIELD in changes:
        user.locked_until = None

@bp.post("/users/<user_id>")
def change(user_id):
    user = db.session.get(User, user_id)
` + body}
}

// TestKeywordItems pins `for attr, value in changes.items(): setattr(...)`
// over the keywords a caller hands a helper's **changes: one assignment per
// keyword, the comparisons of attr (and `KEY in changes`) decided by the
// keywords given.
func TestKeywordItems(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name   string
		files  map[string]string
		want   string
		absent []string // texts the rule must not hold
	}{
		{
			name: "the password keyword: hashed, and the password-only outcome holds",
			files: keywordRoute(`    update_user(user, password_hash=request.form["password"])
    db.session.commit()
`),
			want: `rule Change {
    when: Change(password, user)
    ensures:
        user.password_hash = hash(password)
        user.locked_until = null
}`,
		},
		{
			name: "another keyword: set as given, the password-only outcome left out",
			files: keywordRoute(`    update_user(user, status="locked")
    db.session.commit()
`),
			want: `rule Change {
    when: Change(user)
    ensures: user.status = "locked"
}`,
			absent: []string{"locked_until", "password_hash"},
		},
		{
			name: "two keywords: each set once",
			files: keywordRoute(`    update_user(user, status="locked", email=request.form["email"])
    db.session.commit()
`),
			want: `rule Change {
    when: Change(user, email)
    ensures:
        user.status = "locked"
        user.email = email
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			constructIs(t, out, "Change", tt.want)
			got := construct(out.Module, "Change")
			for _, a := range tt.absent {
				if strings.Contains(got, a) {
					t.Errorf("rule holds %q:\n%s", a, got)
				}
			}
		})
	}
}
