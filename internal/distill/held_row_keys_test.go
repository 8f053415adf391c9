package distill

import "testing"

// TestHeldRowByOwnKey pins mealie's password reset
// (services/user_services/password_reset_service.py:52-69): the reset
// token's row is found by the token, then deleted through the generic
// repository by its own token, the key the repository was built with
// (PK_TOKEN = "token", repos/repository_factory.py:82,186: a constant
// whose name reads as a secret's, so no setting, yet still the column
// name). The column is kept unique (db/models/users/password_reset.py:18),
// so the row deleted is the one found. A column not kept unique finds
// rows the walk cannot name: no deletion of the found row is stated.
func TestHeldRowByOwnKey(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from sqlalchemy import Column, Integer, String, ForeignKey
from sqlalchemy.orm import declarative_base, relationship
Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    password = Column(String)


class ResetToken(Base):
    __tablename__ = "reset_tokens"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
    user = relationship("User")
    token = Column(String(64), unique=True, nullable=False)


class Invite(Base):
    __tablename__ = "invites"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"))
    user = relationship("User")
    token = Column(String(64), nullable=False)
`,
		"app/repo.py": `
from typing import Any, Generic, TypeVar
from sqlalchemy import select
from sqlalchemy.orm import Session
from .models import Invite, ResetToken

Model = TypeVar("Model")

PK_TOKEN = "token"


class RepositoryGeneric(Generic[Model]):
    session: Session

    def __init__(self, session: Session, primary_key: str, sql_model: type[Model]) -> None:
        self.session = session
        self.primary_key = primary_key
        self.model = sql_model

    def _query(self):
        return select(self.model)

    def _filter_builder(self, **kwargs) -> dict[str, Any]:
        return {**kwargs}

    def _query_one(self, match_value, match_key: str | None = None):
        if match_key is None:
            match_key = self.primary_key
        fltr = self._filter_builder(**{match_key: match_value})
        return self.session.execute(self._query().filter_by(**fltr)).unique().scalars().one()

    def get_one(self, value, key: str | None = None):
        key = key or self.primary_key
        q = self._query().filter_by(**self._filter_builder(**{key: value}))
        return self.session.execute(q).unique().scalars().one_or_none()

    def delete(self, value, match_key: str | None = None):
        match_key = match_key or self.primary_key
        row = self._query_one(value, match_key)
        self.session.delete(row)
        self.session.commit()


class Repos:
    def __init__(self, session):
        self.session = session

    @property
    def reset_tokens(self):
        return RepositoryGeneric(self.session, PK_TOKEN, ResetToken)

    @property
    def invites(self):
        return RepositoryGeneric(self.session, PK_TOKEN, Invite)
`,
		"app/views.py": `
from fastapi import APIRouter, HTTPException
from fastapi_utils.cbv import cbv
from pydantic import BaseModel
from .repo import Repos

router = APIRouter()


class ResetIn(BaseModel):
    token: str
    password: str


@cbv(router)
class ResetController:
    session = None

    @router.post("/reset-password")
    def reset_password(self, body: ResetIn):
        repos = Repos(self.session)
        entry = repos.reset_tokens.get_one(body.token, "token")
        if entry is None:
            raise HTTPException(400)
        entry.user.password = body.password
        repos.reset_tokens.delete(entry.token)

    @router.post("/accept-invite")
    def accept_invite(self, body: ResetIn):
        repos = Repos(self.session)
        entry = repos.invites.get_one(body.token, "token")
        if entry is None:
            raise HTTPException(400)
        entry.user.password = body.password
        repos.invites.delete(entry.token)
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "deleted by its own unique key: the row found is deleted",
			construct: "ResetPassword",
			want:      []string{"entry.user.password = password", "not exists entry"},
		},
		{
			name:      "a key not kept unique names no row the rule holds",
			construct: "AcceptInvite",
			want:      []string{"entry.user.password = password"},
			notWant:   []string{"not exists entry"},
		},
	})
}
