package distill

import (
	"strings"
	"testing"
)

// keyService is a boilerplate-like service: users found by a username
// in the route's path through a FastCRUD repository; unique says whether
// the username column is declared unique, handler is the route module's
// handler.
func keyService(unique bool, handler string) map[string]string {
	return repoService("FastCRUD", unique, handler)
}

// repoService is keyService with a repository made from base.
func repoService(base string, unique bool, handler string) map[string]string {
	col := "mapped_column(String(20))"
	if unique {
		col = "mapped_column(String(20), unique=True, index=True)"
	}
	return map[string]string{
		"app/models.py": `
from datetime import datetime
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

class Base(DeclarativeBase):
    pass

class User(Base):
    __tablename__ = "user"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(30))
    username: Mapped[str] = ` + col + `
    is_deleted: Mapped[bool] = mapped_column(default=False)
    updated_at: Mapped[datetime | None] = mapped_column(default=None)
    deleted_at: Mapped[datetime | None] = mapped_column(default=None)
`,
		"app/crud.py": `
from fastcrud import FastCRUD
from .base import CRUDBase
from .models import User
crud_users = ` + base + `(User)
`,
		"app/routes.py": `
from fastapi import APIRouter, HTTPException
from pydantic import BaseModel
from .crud import crud_users
router = APIRouter()

class UserUpdate(BaseModel):
    name: str
    username: str | None = None
` + handler,
	}
}

// TestKeyParams pins a route input that only names a row by a unique
// field: the rule takes the row itself.
func TestKeyParams(t *testing.T) {
	d := New(Options{})
	const patch = `
@router.patch("/user/{username}")
async def patch_user(values: UserUpdate, username: str, db = None):
    db_user = await crud_users.get(db=db, username=username)
    if db_user is None:
        raise HTTPException(status_code=404)
    await crud_users.update(db=db, object=values, username=username)
    return {"message": "ok"}
`
	tests := []struct {
		name      string
		files     map[string]string
		construct string
		want      string
	}{
		{
			name:      "a path key of a unique field is the row; the body's field of the same name is the new value, set when given",
			files:     keyService(true, patch),
			construct: "PatchUser",
			want: `rule PatchUser {
    when: PatchUser(user, name, username)
    requires: exists user
    ensures:
        user.name = name
        if exists username:
            user.username = username
        user.updated_at = now
}`,
		},
		{
			name:      "a key of a field not declared unique stays an input and the change a loop",
			files:     keyService(false, patch),
			construct: "PatchUser",
			want: `rule PatchUser {
    when: PatchUser(path_username, name, username)
    let db_user = User{username: path_username}
    requires: exists db_user
    ensures:
        for user in Users where username = path_username:
            user.name = name
            if exists username:
                user.username = username
            user.updated_at = now
}`,
		},
		{
			name: "a key also read as a value stays an input",
			files: keyService(true, `
@router.delete("/user/{username}")
async def erase_user(username: str, db = None):
    if not await crud_users.exists(db=db, username=username):
        raise HTTPException(status_code=404)
    await crud_users.update(db=db, object={"name": username}, username=username)
    return {"message": "ok"}
`),
			construct: "EraseUser",
			want: `rule EraseUser {
    when: EraseUser(username)
    requires: exists User{username}
    ensures:
        User{username}.name = username
        User{username}.updated_at = now
}`,
		},
		{
			// Only FastCRUD stamps its changes (catalog stamps).
			name: "a repository of another base stamps nothing by itself",
			files: repoService("CRUDBase", true, `
@router.delete("/user/{username}")
async def erase_user(username: str, db = None):
    await crud_users.update(db=db, object={"name": "x"}, username=username)
    await crud_users.delete(db=db, username=username)
    return {"message": "ok"}
`),
			construct: "EraseUser",
			want: `rule EraseUser {
    when: EraseUser(user)
    ensures:
        user.name = "x"
        user.is_deleted = true
}`,
		},
		{
			name: "keys compared: the rows are one; a soft delete marks the row",
			files: keyService(true, `
@router.delete("/user/{username}")
async def erase_user(username: str, other: str, db = None):
    me = await crud_users.get(db=db, username=other)
    if not await crud_users.exists(db=db, username=username):
        raise HTTPException(status_code=404)
    if username != me.username:
        raise HTTPException(status_code=403)
    await crud_users.delete(db=db, username=username)
    return {"message": "ok"}
`),
			construct: "EraseUser",
			// other only names me, so it is that row too (user); the
			// row of the path is then named target.
			want: `rule EraseUser {
    when: EraseUser(user, target)
    requires: exists target
    requires: target = user
    ensures:
        target.is_deleted = true
        target.deleted_at = now
}`,
		},
		{
			// fastapi-full-stack's recover_password: the same answer
			// whether or not the address names a user.
			name: "a key whose row the outcomes test for stays an input; the helper's row takes the caller's name",
			files: keyService(true, `
async def find_user(db, username):
    session_user = await crud_users.get(db=db, username=username)
    return session_user

@router.post("/recover/{username}")
async def recover(username: str, db = None):
    user = await find_user(db, username)
    if user:
        await crud_users.update(db=db, object={"name": "x"}, username=username)
    return {"message": "ok"}
`),
			construct: "Recover",
			want: `rule Recover {
    when: Recover(username)
    let user = User{username}
    ensures:
        if exists user:
            User{username}.name = "x"
            User{username}.updated_at = now
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			got := construct(out.Module, tt.construct)
			if got != tt.want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", tt.construct, got, tt.want, out.Notes)
			}
			if strings.Contains(got, "{user}") {
				t.Errorf("a row parameter used as a key: %s", got)
			}
		})
	}
}
