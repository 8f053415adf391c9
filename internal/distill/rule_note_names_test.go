package distill

import (
	"slices"
	"strings"
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

// TestLeftOutNotesOfUnprintedRules: a note about code left out of a rule
// the spec does not print names the handler it was left out of (file,
// line, function) instead; a printed rule keeps its name. No note ever
// names a rule the spec lacks.
func TestLeftOutNotesOfUnprintedRules(t *testing.T) {
	const models = `
from sqlmodel import Field, SQLModel
class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str
`
	tests := []struct {
		name      string
		handler   string
		wantNotes []string
	}{
		{
			name: "a handler that states nothing: the note names the handler",
			handler: `
@router.get("/preview")
def preview_user(session: Session, email: str):
    user = User(email=email)
    if mystery(user):
        user.email = mangle(email)
    return user
`,
			wantNotes: []string{"app/routes.py:11: a field of a new User set under a condition left out of handler preview_user (app/routes.py:9)"},
		},
		{
			name: "a handler with a rule: the note names the rule",
			handler: `
@router.post("/users")
def create_user(session: Session, email: str):
    user = User(email=email)
    if mystery(user):
        user.email = mangle(email)
    session.add(user)
    session.commit()
`,
			wantNotes: []string{"app/routes.py:11: a field of a new User set under a condition left out of rule CreateUser"},
		},
	}
	d := New(Options{})
	defer d.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			routes := `
from fastapi import APIRouter, HTTPException
from sqlmodel import Session, select
from app.models import User
from app.lib import mystery, mangle
router = APIRouter()
` + tt.handler
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/routes.py": routes})
			for _, w := range tt.wantNotes {
				if !slices.Contains(out.Notes, w) {
					t.Errorf("no note %q in %v", w, out.Notes)
				}
			}
			printed := map[string]bool{}
			for _, r := range out.Module.Rules {
				printed[r.Name] = true
			}
			for _, n := range out.Notes {
				if _, rule, ok := strings.Cut(n, " left out of rule "); ok && !printed[rule] {
					t.Errorf("note names rule %s, which the spec lacks: %q", rule, n)
				}
			}
		})
	}
}
