package distill

import (
	"strings"
	"testing"
)

// TestDumpedItemsLoop pins fastapi-react's crud.edit_user
// (backend/app/db/crud.py:52-64): a loop of setattr over a dump of the
// request's schema sets one field per entry, a defaulted or optional
// field only when the request set it (exclude_unset), an entry set in a
// branch under that branch's condition, a key taken out (del) nowhere.
func TestDumpedItemsLoop(t *testing.T) {
	d := New(Options{})
	const found = `    db_user = db.query(User).filter(User.id == user_id).first()
    if not db_user:
        raise HTTPException(status_code=404)
`
	tests := []struct {
		name   string
		body   string
		want   []string // in order, in rule UserEdit
		absent []string
	}{
		{"a dump of the set fields, the password swapped for its hash",
			found + `    update_data = user.dict(exclude_unset=True)
    if "password" in update_data:
        update_data["hashed_password"] = get_password_hash(user.password)
        del update_data["password"]
    for key, value in update_data.items():
        setattr(db_user, key, value)`,
			[]string{"user.email = email", "if exists is_active:", "user.is_active = is_active", "if exists first_name:",
				"user.first_name = first_name", "if exists password:", "user.hashed_password = hash(password)"},
			[]string{"user.password", "a loop left out"}},
		{"a dump of every field sets each always",
			found + `    update_data = user.model_dump()
    for key, value in update_data.items():
        setattr(db_user, key, value)`,
			[]string{"user.email = email", "user.is_active = is_active", "user.first_name = first_name"},
			[]string{"if exists"}},
		{"a dict that is no dump of the schema is left out as before",
			found + `    update_data = get_changes(user)
    for key, value in update_data.items():
        setattr(db_user, key, value)`,
			nil, []string{"user.email", "user.is_active"}},
		// dispatch's update_my_settings (auth/service.py:299-329): a row
		// made when missing takes the value it was made with, then the
		// entry the request set (is_active ?? true); a creation stating
		// the input always would misstate a request that leaves it out,
		// and a field it was not made with (first_name) is left out. The
		// row found, when none was made, gets each entry given.
		{"a row made before takes a given entry over its value; the row found each entry given",
			`    db_user = db.query(User).filter(User.id == user_id).first()
    if not db_user:
        db_user = User(email="x", is_active=True)
        db.add(db_user)
        db.commit()
    update_data = user.dict(exclude_unset=True)
    for key, value in update_data.items():
        setattr(db_user, key, value)`,
			[]string{"if not exists db_user:", "User.created(email: email, is_active: is_active ?? true)", "else:", "db_user.email = email",
				"if exists is_active:", "if exists db_user:", "db_user.is_active = is_active", "if exists first_name:", "if exists db_user:", "db_user.first_name = first_name"},
			[]string{"is_active: is_active)", "first_name: first_name"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from sqlalchemy import Boolean, Column, Integer, String
from sqlalchemy.orm import declarative_base
Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String, unique=True)
    first_name = Column(String)
    hashed_password = Column(String)
    is_active = Column(Boolean, default=True)
`,
				"app/schemas.py": `
import typing as t
from pydantic import BaseModel

class UserEdit(BaseModel):
    email: str
    is_active: bool = True
    first_name: str = None
    password: t.Optional[str] = None
`,
				"app/routes.py": `
from fastapi import APIRouter, Depends, HTTPException
from .models import User
from .schemas import UserEdit
router = APIRouter()

def get_password_hash(password):
    return pwd_context.hash(password)

def get_changes(user):
    return external.diff(user)

@router.put("/users/{user_id}")
async def user_edit(user_id: int, user: UserEdit, db=Depends(get_db)):
` + tt.body + `
    db.add(db_user)
    db.commit()
    return db_user
`,
			})
			got := construct(out.Module, "UserEdit")
			wantInOrder(t, got, tt.want, out.Notes)
			all := got + strings.Join(out.Notes, "\n")
			for _, a := range tt.absent {
				if strings.Contains(got, a) || a == "a loop left out" && strings.Contains(all, a) {
					t.Errorf("%q in:\n%s\nnotes: %v", a, got, out.Notes)
				}
			}
		})
	}
}
