package distill

import "testing"

// repositoryClassService is polar's repository layer in small
// (kit/repository/base.py, user/repository.py): a base whose queries
// select self.model, a subclass naming its model at class level, an
// alternate constructor the base defines (from_session, return
// cls(session)), and a soft-deletion mixin of no bases whose
// get_base_statement extends super()'s.
var repositoryClassService = map[string]string{
	"app/models.py": `
from datetime import datetime
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

class Base(DeclarativeBase):
    pass

class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
    nickname: Mapped[str] = mapped_column(String(64))
    deleted_at: Mapped[datetime | None] = mapped_column(nullable=True)
`,
	"app/repository.py": `
from sqlalchemy import select
from app.models import User

class RepositoryBase:
    def __init__(self, session):
        self.session = session

    @classmethod
    def from_session(cls, session):
        return cls(session)

    def get_base_statement(self):
        return select(self.model)

    async def get_one_or_none(self, statement):
        result = await self.session.execute(statement)
        return result.unique().scalar_one_or_none()

class SoftDeletionMixin:
    def get_base_statement(self, *, include_deleted=False):
        statement = super().get_base_statement()
        if not include_deleted:
            statement = statement.where(self.model.deleted_at.is_(None))
        return statement

class UserRepository(RepositoryBase):
    model = User

    async def get_by_email(self, email):
        statement = self.get_base_statement().where(User.email == email)
        return await self.get_one_or_none(statement)

class ActiveUserRepository(SoftDeletionMixin, RepositoryBase):
    model = User

    async def get_by_email(self, email):
        statement = self.get_base_statement().where(User.email == email)
        return await self.get_one_or_none(statement)
`,
	"app/endpoints.py": `
from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from app.models import User
from app.repository import ActiveUserRepository, UserRepository

router = APIRouter()

class Body(BaseModel):
    email: str
    nickname: str

@router.post("/users")
async def create_user(body: Body, session=Depends(get_db_session)):
    repo = UserRepository(session)
    if await repo.get_by_email(body.email) is not None:
        raise HTTPException(400)
    session.add(User(email=body.email, nickname=body.nickname))

@router.post("/members")
async def create_member(body: Body, session=Depends(get_db_session)):
    repo = UserRepository.from_session(session)
    if await repo.get_by_email(body.email) is not None:
        raise HTTPException(400)
    session.add(User(email=body.email, nickname=body.nickname))

@router.post("/accounts")
async def create_account(body: Body, session=Depends(get_db_session)):
    repo = ActiveUserRepository.from_session(session)
    if await repo.get_by_email(body.email) is not None:
        raise HTTPException(400)
    session.add(User(email=body.email, nickname=body.nickname))
`,
}

// TestRepositoryClasses: self.model is the model the instance's class
// names; Cls.from_session(session), a classmethod returning cls(session),
// is an instance of the class the call names; super() in a mixin of no
// bases goes on along the instance's class's lineage.
func TestRepositoryClasses(t *testing.T) {
	out := distilText(t, New(Options{}), repositoryClassService)
	tests := []struct {
		name      string
		construct string
		want      string
	}{
		{
			name:      "select(self.model) in a base selects the model the subclass names",
			construct: "CreateUser",
			want: `rule CreateUser {
    when: CreateUser(email, nickname)
    requires: not exists User{email}
    ensures: User.created(email: email, nickname: nickname)
}`,
		},
		{
			name:      "a classmethod returning cls(session) makes the class the call names",
			construct: "CreateMember",
			want: `rule CreateMember {
    when: CreateMember(email, nickname)
    requires: not exists User{email}
    ensures: User.created(email: email, nickname: nickname)
}`,
		},
		{
			name:      "super() in a mixin reaches the next class of the instance's lineage",
			construct: "CreateAccount",
			want: `rule CreateAccount {
    when: CreateAccount(email, nickname)
    requires: not exists User{deleted_at: null, email}
    ensures: User.created(email: email, nickname: nickname)
}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := construct(out.Module, tc.construct); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}
