package distill

import "testing"

// TestFilterBuilderLocal: a generic repository's filter built into a
// local first (mealie's _query_one: fltr = self._filter_builder(**{key:
// value}); filter_by(**fltr), repos/repository_generic.py:140-141) is the
// lookup by the key given, as filter_by(**self._filter_builder(...)) is;
// a local assigned twice is not read.
func TestFilterBuilderLocal(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base
Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    password = Column(String)
    nickname = Column(String)

    def update_password(self, password):
        self.password = password

    def rename(self, nickname):
        self.nickname = nickname
`,
		"app/repo.py": `
from typing import Any, Generic, TypeVar
from sqlalchemy import select
from .models import User

Model = TypeVar("Model")


class RepositoryGeneric(Generic[Model]):
    def __init__(self, session, primary_key: str, sql_model: type[Model]) -> None:
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

    def _query_twice(self, match_value, match_key: str | None = None):
        fltr = self._filter_builder(**{self.primary_key: match_value})
        if match_key is not None:
            fltr = self._filter_builder(**{match_key: match_value})
        return self.session.execute(self._query().filter_by(**fltr)).unique().scalars().one()


class RepositoryUsers(RepositoryGeneric[User]):
    def update_password(self, id, password: str):
        entry = self._query_one(match_value=id)
        entry.update_password(password)
        self.session.commit()
        return entry

    def rename(self, id, nickname: str):
        entry = self._query_twice(match_value=id)
        entry.rename(nickname)
        self.session.commit()
        return entry


class Repos:
    def __init__(self, session):
        self.session = session

    @property
    def users(self):
        return RepositoryUsers(self.session, "id", User)
`,
		"app/views.py": `
from fastapi import APIRouter, Depends
from pydantic import BaseModel
from .repo import Repos

router = APIRouter()


def get_db():
    yield None


class SetPassword(BaseModel):
    user_id: int
    password: str


class Rename(BaseModel):
    user_id: int
    nickname: str


@router.post("/set-password")
def set_password(body: SetPassword, session=Depends(get_db)):
    Repos(session).users.update_password(body.user_id, body.password)


@router.post("/rename")
def rename(body: Rename, session=Depends(get_db)):
    Repos(session).users.rename(body.user_id, body.nickname)
`,
	}
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, files)
	checkConstructs(t, out, []idiomCase{{
		name:      "filter_by(**fltr) of the builder's one result is the lookup by the key given",
		construct: "SetPassword",
		want:      []string{"ensures: entry.password = password"},
	}})
	// _query_twice's fltr holds one of two filters: no lookup is stated.
	if got := construct(out.Module, "Rename"); got != "" {
		t.Errorf("a filter local assigned on two paths was read:\n%s", got)
	}
}
