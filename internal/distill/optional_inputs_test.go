package distill

import (
	"strings"
	"testing"
)

// TestOptionalInputIdioms pins the partial update of fastapi-dispatch-auth
// (auth/service.py update): a request shape's optional field tested by
// `if data.field:` or `if field := data.field:` guards what the block does,
// while a test of a field the request always gives stays input validation.
func TestOptionalInputIdioms(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name        string
		decl, test  string // the shape's field and the if's condition
		extra       string // more of the if's block
		wantEnsures string
	}{
		{"a walrus over an optional field: the name holds the input and the effect needs it given",
			"name: str | None = None", "name := user_in.name", "",
			"ensures:\n        if exists name:\n            user.name = name"},
		{"a plain test of an Optional[...] field with no default guards its effect the same way",
			"name: Optional[str]", "user_in.name", "",
			"ensures:\n        if exists name:\n            user.name = name"},
		{"a field whose default is None is optional too",
			"name = None", "user_in.name", "",
			"ensures:\n        if exists name:\n            user.name = name"},
		{"a test of a required field is input validation: the effect is stated without it",
			"name: str", "user_in.name", "",
			"ensures: user.name = name"},
		{"a walrus over a required field binds the name to the input",
			"name: str", "name := user_in.name", "",
			"ensures: user.name = name"},
		{"a block that also loops over a helper's calls is left out whole: its stated part alone would misstate the outcome",
			"name: str | None = None", "user_in.name", "\n        for tag in user_in.tags:\n            tags.append(rename(user, tag))",
			""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from sqlalchemy import Column, String, Integer
from sqlalchemy.orm import declarative_base
Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    name = Column(String)
`,
				"app/views.py": `
from typing import Optional
from fastapi import APIRouter, HTTPException
from pydantic import BaseModel
from .models import User
router = APIRouter()

class UserUpdate(BaseModel):
    ` + tt.decl + `

@router.put("/users/{user_id}")
def update_user(user_id: int, user_in: UserUpdate, db_session: DbSession):
    user = db_session.query(User).filter(User.id == user_id).one_or_none()
    if not user:
        raise HTTPException(status_code=404, detail="no user")
    if ` + tt.test + `:
        user.name = ` + strings.TrimSuffix(strings.SplitAfter(tt.test, " := ")[0], " := ") + tt.extra + `
    db_session.commit()
    return user
`})
			want := "" // no rule: nothing it changes could be stated
			if tt.wantEnsures != "" {
				want = "rule UpdateUser {\n    when: UpdateUser(user, name)\n    requires: exists user\n    " + tt.wantEnsures + "\n}"
			}
			if got := construct(out.Module, "UpdateUser"); got != want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, want, out.Notes)
			}
		})
	}
}
