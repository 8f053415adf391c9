package distill

import (
	"strings"
	"testing"
)

// TestPartlyReturningBranches: in a helper whose answer its caller does
// not read, a branch on a condition the spec cannot state that returns on
// some of its paths only (allauth's EmailAddress.set_as_primary: if
// old_primary: if conditional: return False, account/models.py:98-100)
// makes what follows happen only sometimes: it is left out, not stated
// always (self.primary = True, :103). A branch that cannot return leaves
// what follows as it was.
func TestPartlyReturningBranches(t *testing.T) {
	tests := []struct {
		name, branch string
		stated       bool
	}{
		{name: "a return nested in the branch", branch: "if other:\n        if strict:\n            return False\n        other.status = \"old\"", stated: false},
		{name: "a branch with no return", branch: "if other:\n        other.status = \"old\"", stated: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, New(Options{}), map[string]string{"app/models.py": flaskModels, "app/views.py": `
from flask import Blueprint
from app.models import User, db
from app.lookups import find_other
bp = Blueprint("a", __name__)

def make_primary(user, strict):
    other = find_other(user)["row"]
    ` + tc.branch + `
    user.status = "primary"
    return True

@bp.post("/primary/<int:user_id>")
def primary(user_id):
    user = User.query.get(user_id)
    make_primary(user, True)
    db.session.commit()
    return "", 204
`})
			got := construct(out.Module, "Primary")
			if strings.Contains(got, "user.status = primary") != tc.stated {
				t.Errorf("stated = %v, want %v:\n%s\nnotes %v", !tc.stated, tc.stated, got, out.Notes)
			}
		})
	}
}
