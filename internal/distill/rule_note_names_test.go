package distill

import (
	"slices"
	"testing"
)

// TestLeftOutNotesNameNumberedRule: a note about code left out of a rule
// names the rule as it is printed, numbered when a handler of the same
// name in another module had the name first (the full-stack template's
// two create_user handlers: CreateUser and CreateUser2).
func TestLeftOutNotesNameNumberedRule(t *testing.T) {
	const models = `
from sqlmodel import Field, SQLModel
class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str
`
	handler := func(mod, leftOut string) string {
		return `
from fastapi import APIRouter
from sqlmodel import Session
from app.models import User
router = APIRouter()
@router.post("/` + mod + `")
def create_user(session: Session, email: str):
    user = User(email=email)
    session.add(user)
    session.commit()
` + leftOut
	}
	const opaque = "    if mystery(user):\n        user.email = mangle(email)\n"
	tests := []struct {
		name          string
		first, second string
		wantNotes     []string
	}{
		{
			name:      "left out of the second: the numbered rule",
			first:     handler("a", ""),
			second:    handler("b", opaque),
			wantNotes: []string{"app/b.py:11: a field of a new User set under a condition left out of rule CreateUser2"},
		},
		{
			name:      "left out of the first: the rule of the plain name",
			first:     handler("a", opaque),
			second:    handler("b", ""),
			wantNotes: []string{"app/a.py:11: a field of a new User set under a condition left out of rule CreateUser"},
		},
	}
	d := New(Options{})
	defer d.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/a.py": tt.first, "app/b.py": tt.second})
			for _, w := range tt.wantNotes {
				if !slices.Contains(out.Notes, w) {
					t.Errorf("no note %q in %v", w, out.Notes)
				}
			}
			if construct(out.Module, "CreateUser2") == "" {
				t.Errorf("no rule CreateUser2; notes %v", out.Notes)
			}
		})
	}
}
