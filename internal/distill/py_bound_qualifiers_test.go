package distill

import (
	"strings"
	"testing"
)

// TestPythonBoundQualifiers pins the catalog's python bound_qualifiers: the
// bound on current_password or confirm_password of a pydantic body is
// min_password_length, the one parameter of the password's bounds, not
// one per qualified name; a bound on an input of another kind keeps its
// own name.
func TestPythonBoundQualifiers(t *testing.T) {
	tests := []struct {
		name, field, want string
	}{
		{"a current password's bound", "current_password", "requires: length(current_password) >= config.min_password_length"},
		{"a confirmation's bound", "confirm_password", "requires: length(confirm_password) >= config.min_password_length"},
		{"an unqualified other input keeps its name", "nickname", "requires: length(nickname) >= config.min_nickname_length"},
	}
	d := New(Options{})
	defer d.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := `
from fastapi import APIRouter
from pydantic import BaseModel, Field
router = APIRouter()

class Body(BaseModel):
    ` + tt.field + `: str = Field(min_length=8)

@router.post("/password")
def change_password(body: Body):
    send_email(to=body.` + tt.field + `, subject="changed")
`
			out := distilText(t, d, map[string]string{"app/routes.py": src})
			if got := construct(out.Module, "ChangePassword"); !strings.Contains(got, tt.want) {
				t.Errorf("missing %q in:\n%s\nnotes: %v", tt.want, got, out.Notes)
			}
		})
	}
}
