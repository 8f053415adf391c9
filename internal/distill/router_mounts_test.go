package distill

import (
	"slices"
	"strings"
	"testing"
)

// TestConditionalRouterMount: a router mounted by include_router inside a
// module-level if (the FastAPI full-stack template's private routes,
// mounted only in development) serves its routes only then: the rule of
// each route carries a note naming where; a router mounted always, or a
// route of another router, has none.
func TestConditionalRouterMount(t *testing.T) {
	const models = `
from sqlmodel import Field, SQLModel
class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str
`
	const private = `
from fastapi import APIRouter
from sqlmodel import Session
from app.models import User
router = APIRouter(prefix="/private")
@router.post("/users/")
def create_user(session: Session, email: str):
    session.add(User(email=email))
    session.commit()
`
	const public = `
from fastapi import APIRouter
from sqlmodel import Session
from app.models import User
router = APIRouter()
@router.post("/signup")
def register_user(session: Session, email: str):
    session.add(User(email=email))
    session.commit()
`
	const note = "app/main.py:6: the condition its router is mounted under left out of rule "
	tests := []struct {
		name, main      string
		noted, notNoted []string
	}{
		{
			name: "mounted under a condition",
			main: `from fastapi import APIRouter
from app import private, public
from app.config import settings
api_router = APIRouter()
api_router.include_router(public.router)
if settings.ENV == "development":
    api_router.include_router(private.router)
`,
			noted:    []string{"CreateUser"},
			notNoted: []string{"RegisterUser"},
		},
		{
			name: "mounted always",
			main: `from fastapi import APIRouter
from app import private, public
from app.config import settings
api_router = APIRouter()
api_router.include_router(public.router)
api_router.include_router(private.router)
`,
			notNoted: []string{"CreateUser", "RegisterUser"},
		},
	}
	d := New(Options{})
	defer d.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/private.py": private, "app/public.py": public, "app/main.py": tt.main})
			for _, r := range tt.noted {
				if !slices.Contains(out.Notes, note+r) {
					t.Errorf("no mount note on %s in %v", r, out.Notes)
				}
				if construct(out.Module, r) == "" {
					t.Errorf("no rule %s", r)
				}
			}
			for _, r := range tt.notNoted {
				if slices.ContainsFunc(out.Notes, func(n string) bool { return strings.Contains(n, "mounted under") && strings.HasSuffix(n, " "+r) }) {
					t.Errorf("a mount note on %s in %v", r, out.Notes)
				}
			}
		})
	}
}
