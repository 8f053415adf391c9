package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestSettleBoundNames: a bound is named for the end the requires holds
// the value to. A comparison the handler computes as a flag and tests
// later is the passing test (CTFd/auth.py:316-317, 359:
// valid_affiliation = len(affiliation) < 128): the rule requires the
// length under the bound, a maximum; read where it fails (if len(pw) < 8:
// abort) the name says the same end as before.
func TestSettleBoundNames(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name, body, want, unwanted string
	}{
		{"a passing flag under the bound is a maximum",
			`    nickname = data.get("nickname")
    if nickname:
        valid_nickname = len(nickname) < 128
    else:
        valid_nickname = True
    if valid_nickname is False:
        abort(400)`,
			"length(nickname) < config.max_nickname_length", "min_nickname_length"},
		{"a passing flag over the bound is a minimum",
			`    long_enough = len(data["nickname"]) > 3
    if not long_enough:
        abort(400)`,
			"length(nickname) > config.min_nickname_length", "max_nickname_length"},
		{"a failing test keeps its name",
			`    if len(data["nickname"]) < 3:
        abort(400)`,
			"length(nickname) >= config.min_nickname_length", "max_nickname_length"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from app.extensions import db

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(255), nullable=False)
    nickname = db.Column(db.String(128))
`,
				"app/routes.py": `
from flask import Blueprint, request, abort
from app.models import User
from app.extensions import db
bp = Blueprint("a", __name__)

@bp.route("/users/<int:user_id>/nickname", methods=["POST"])
def set_nickname(user_id):
    data = request.get_json()
    user = User.query.get_or_404(user_id)
` + tt.body + `
    user.nickname = data.get("nickname")
    db.session.commit()
    return "ok"
`,
			})
			got := construct(out.Module, "SetNickname")
			printed := string(allium.Print(out.Module, allium.PrintOptions{}))
			if !strings.Contains(got, tt.want) || strings.Contains(printed, tt.unwanted) {
				t.Errorf("want %q and no %q:\n%s", tt.want, tt.unwanted, printed)
			}
		})
	}
}
