package distill

import (
	"fmt"
	"testing"
)

// TestTailBranchProvenance pins the source of a rule made from a branch of
// a method the handler hands over to (return helper(...)): the handler's
// line, in the handler's file, which the rule names; a line of the
// helper's file would point at an unrelated line of the handler's.
func TestTailBranchProvenance(t *testing.T) {
	const handler = `
from flask import Blueprint, request
from app.models import User
from app.extensions import db
from app.service import update
bp = Blueprint("a", __name__)

@bp.post("/users/<user_id>")
def update_user(user_id):
    user = db.session.get(User, user_id)
    return update(user, request.get_json())
`
	const service = `from app.extensions import db


def update(user, data):
    if data["active"]:
        user.status = "active"
        db.session.commit()
        return "active"
    user.status = "guest"
    db.session.commit()
    return "guest"
`
	tests := []struct {
		name  string
		files map[string]string
		want  map[string]string // rule -> its source
	}{
		{
			name:  "a branch of a helper in another file: the handler's line",
			files: map[string]string{"app/models.py": flaskModels, "app/routes.py": handler, "app/service.py": service},
			want:  map[string]string{"UpdateUser": "app/routes.py:9", "UpdateUser2": "app/routes.py:9"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, New(Options{}), tt.files)
			got := map[string]string{}
			for _, r := range out.Module.Rules {
				if r.Prov != nil {
					got[r.Name] = fmt.Sprintf("%s:%d", r.Prov.File, r.Prov.Line)
				}
			}
			for name, want := range tt.want {
				if got[name] != want {
					t.Errorf("rule %s: source %q, want %q (all: %v)", name, got[name], want, got)
				}
			}
		})
	}
}
