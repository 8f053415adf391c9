package distill

import "testing"

// TestAdminGateDependency: polar's backoffice dependency get_admin
// (backoffice/dependencies.py:10-29) authenticates twice, keeps the
// session found (orig or user_session) and ends the request unless its
// user is an admin. The or of two reads of the caller's session is that
// session, so the admin test is stated of it; an or the walk reads only as
// a test is never compared with null; and a dependency that gates on an
// admin field of the user the request authenticates puts its routes on the
// admins' surface, one that tests a user the caller names does not.
func TestAdminGateDependency(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from sqlalchemy import ForeignKey
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    is_admin: Mapped[bool] = mapped_column(default=False)


class UserSession(Base):
    __tablename__ = "user_sessions"
    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column()
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))
    user: Mapped[User] = relationship(User)


class Invite(Base):
    __tablename__ = "invites"
    id: Mapped[int] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column()


class Note(Base):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    status: Mapped[str] = mapped_column()
`,
		"app/auth.py": `
from sqlalchemy import select
from app.models import UserSession


async def authenticate(session, request, cookie="session"):
    token = request.cookies.get(cookie)
    if token is None:
        return None
    user_session = (await session.execute(select(UserSession).where(UserSession.token == token))).scalar_one_or_none()
    if user_session is None:
        return None
    return user_session
`,
		"app/deps.py": `
from fastapi import Depends, Request, HTTPException
from sqlalchemy import select
from app.auth import authenticate
from app.db import get_db_session
from app.models import Invite, User, UserSession


async def get_admin(request: Request, session=Depends(get_db_session)):
    user_session = await authenticate(session, request)
    orig_user_session = await authenticate(session, request, cookie="impersonation")
    user_session = orig_user_session or user_session
    if user_session is None:
        raise HTTPException(status_code=401)
    user = user_session.user
    if not user.is_admin:
        raise HTTPException(status_code=403)
    return user_session


async def get_invited(code: str, session=Depends(get_db_session)):
    user_session = (await session.execute(select(UserSession).where(UserSession.token == code))).scalar_one_or_none()
    invite = (await session.execute(select(Invite).where(Invite.code == code))).scalar_one_or_none()
    either = user_session or invite
    if either is None:
        raise HTTPException(status_code=404)
    return either


async def get_named_admin(user_id: int, session=Depends(get_db_session)):
    user = await session.get(User, user_id)
    if not user.is_admin:
        raise HTTPException(status_code=403)
    return user
`,
		"app/endpoints.py": `
from fastapi import APIRouter, Depends, HTTPException
from app.db import get_db_session
from app.deps import get_admin, get_invited, get_named_admin
from app.models import Note

router = APIRouter()


@router.post("/notes/{id}/done")
async def done(id: int, user_session=Depends(get_admin), session=Depends(get_db_session)):
    note = await session.get(Note, id)
    if note is None:
        raise HTTPException(status_code=404)
    note.status = "done"


@router.post("/notes/{id}/seen")
async def seen(id: int, either=Depends(get_invited), session=Depends(get_db_session)):
    note = await session.get(Note, id)
    if note is None:
        raise HTTPException(status_code=404)
    note.status = "seen"


@router.post("/notes/{id}/kept")
async def kept(id: int, admin=Depends(get_named_admin), session=Depends(get_db_session)):
    note = await session.get(Note, id)
    if note is None:
        raise HTTPException(status_code=404)
    note.status = "kept"
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{name: "the or of one session is that session", construct: "Done",
			want:    []string{"requires: exists user_session\n", "requires: user_session.user.is_admin\n"},
			notWant: []string{"!= null"}},
		{name: "an or read as a test is never compared with null", construct: "Seen",
			notWant: []string{"!= null", "= null"}},
		{name: "the admin gate's routes face admins", construct: "AdminApi",
			want: []string{"Done("}, notWant: []string{"Seen(", "Kept("}},
		{name: "a gate on a user the caller names is no admin surface", construct: "PublicApi",
			want: []string{"Kept("}},
	})
}
