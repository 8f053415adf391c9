package distill

import (
	"strings"
	"testing"
)

// TestValidatingConstructors pins SQLModel's model_validate: a row built
// from a request body with update= entries on top, a body built from
// another body (the fields the other lacks keep their defaults), and the
// bound of an optional body field stated only when it is given. (The
// bounds a body inherits from its base are not read: UserCreate's
// full_name, declared on UserBase, is unbounded in the first case.)
func TestValidatingConstructors(t *testing.T) {
	models := `
from sqlmodel import Field, SQLModel

class UserBase(SQLModel):
    email: str
    is_active: bool = True
    full_name: str | None = Field(default=None, max_length=255)

class UserCreate(UserBase):
    password: str = Field(min_length=8)

class UserRegister(SQLModel):
    email: str
    password: str = Field(min_length=8)
    full_name: str | None = Field(default=None, max_length=255)

class User(UserBase, table=True):
    id: int | None = Field(default=None, primary_key=True)
    hashed_password: str
`
	tests := []struct {
		name, handler, want string
	}{
		{
			name: "a row from a body, update entries on top",
			handler: `def create_user(*, session: Session, user_in: UserCreate):
    user = User.model_validate(user_in, update={"hashed_password": get_password_hash(user_in.password)})
    session.add(user)
    session.commit()
`,
			want: `rule CreateUser {
    when: CreateUser(email, is_active, full_name, password)
    requires: length(password) >= config.min_password_length
    ensures:
        User.created(
            email: email,
            is_active: is_active,
            full_name: full_name,
            hashed_password: hash(password)
        )
}`,
		},
		{
			name: "a body from another body keeps the defaults of what it lacks",
			handler: `def create_user(*, session: Session, user_in: UserRegister):
    user_create = UserCreate.model_validate(user_in)
    user = User.model_validate(user_create, update={"hashed_password": get_password_hash(user_create.password)})
    session.add(user)
    session.commit()
`,
			want: `rule CreateUser {
    when: CreateUser(email, full_name, password)
    requires: not exists full_name or length(full_name) <= config.max_full_name_length
    requires: length(password) >= config.min_password_length
    ensures:
        User.created(
            email: email,
            is_active: true,
            full_name: full_name,
            hashed_password: hash(password)
        )
}`,
		},
	}
	d := New(Options{})
	defer d.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			routes := sqlmodelRoutesHeader + `
@router.post("/users/")
` + tt.handler
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/routes.py": routes})
			if got := construct(out.Module, "CreateUser"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, strings.Join(out.Notes, "\n"))
			}
		})
	}
}

// sqlmodelRoutesHeader opens a routes module of the SQLModel tests: a
// router, the models module's classes, and the password hasher the
// full-stack template wraps.
const sqlmodelRoutesHeader = `
from fastapi import APIRouter, HTTPException
from sqlmodel import Session
from pwdlib import PasswordHash
from app.models import *
router = APIRouter()
password_hash = PasswordHash.recommended()

def get_password_hash(password: str) -> str:
    return password_hash.hash(password)
`
