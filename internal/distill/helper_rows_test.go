package distill

import (
	"strings"
	"testing"
)

// TestUnreadHelperRows: a row a helper found under a local of its own,
// tested only for the helper's early return, is no trigger parameter when
// nothing in the rule reads it (mealie's get_current_user, repos.users.
// get_one's result, core/dependencies/dependencies.py:116); a row the
// handler goes on to read stays, named after the handler's local.
func TestUnreadHelperRows(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	const models = `
from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base
Base = declarative_base()
class Recipe(Base):
    __tablename__ = "recipes"
    id = Column(Integer, primary_key=True)
    name = Column(String)
class Event(Base):
    __tablename__ = "events"
    id = Column(Integer, primary_key=True)
    subject = Column(String)
`
	views := func(use string) string {
		return `
import jwt
from fastapi import APIRouter, Depends, HTTPException
from sqlalchemy import select
from app.models import Recipe, Event
router = APIRouter()

def load(session, recipe_id):
    result = session.execute(select(Recipe).filter_by(id=recipe_id)).scalars().one_or_none()
    if not result:
        return None
    return result

@router.post("/events")
def add_event(subject: str, token: str, session=Depends(get_session)):
    payload = jwt.decode(token, "k", algorithms=["HS256"])
` + use + `
    session.add(Event(subject=subject))
    session.commit()
`
	}
	for _, tc := range []struct {
		name, use, trigger string
	}{
		{"a helper's row nothing reads: off the trigger",
			`    load(session, payload.get("sub"))`, "when: AddEvent(token, subject)"},
		{"a helper's row the handler reads: kept, under the handler's name",
			`    recipe = load(session, payload.get("sub"))
    if not recipe:
        raise HTTPException(status_code=404)
    recipe.name = subject`, "when: AddEvent(token, recipe, subject)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/views.py": views(tc.use)})
			got := construct(out.Module, "AddEvent")
			if !strings.Contains(got, tc.trigger) {
				t.Errorf("AddEvent lacks %q:\n%s", tc.trigger, got)
			}
		})
	}
}
