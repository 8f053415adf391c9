package distill

import (
	"slices"
	"strings"
	"testing"
)

// TestShapeOfAnUnreadRow: a request-shaped class (a pydantic model) built
// by the code from a row the spec cannot read (UserInDB(**user_row), the
// row of a raw SQL query: nsidnev/fastapi-realworld-example-app's
// repositories) holds the row's fields, not request inputs. Its method's
// self.salt was read as a trigger parameter salt; now the value is
// unknown, so the check on it is left out with a note, and no parameter
// is made up.
func TestShapeOfAnUnreadRow(t *testing.T) {
	out := distilText(t, New(Options{}), map[string]string{"app/models.py": `
from pydantic import BaseModel
from passlib.context import CryptContext
from sqlalchemy import Column, String
from sqlalchemy.orm import declarative_base
Base = declarative_base()
pwd_context = CryptContext(schemes=["bcrypt"])

class LoginAttempt(Base):
    __tablename__ = "login_attempts"
    email = Column(String, nullable=False)

class UserInDB(BaseModel):
    email: str
    salt: str = ""
    hashed_password: str = ""

    def check_password(self, password: str) -> bool:
        return pwd_context.verify(self.salt + password, self.hashed_password)
`, "app/repo.py": `
from app.models import UserInDB

class UsersRepository:
    def __init__(self, conn):
        self.connection = conn

    async def get_user_by_email(self, *, email: str) -> UserInDB:
        user_row = await queries.get_user_by_email(self.connection, email=email)
        if user_row:
            return UserInDB(**user_row)
        raise LookupError(email)
`, "app/db.py": `
from fastapi import Depends

def get_repository(repo_type):
    def _get_repo(conn=Depends(get_connection)):
        return repo_type(conn)
    return _get_repo
`, "app/views.py": `
from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from app.models import LoginAttempt
from app.repo import UsersRepository
from app.db import get_session, get_repository

router = APIRouter()

class UserInLogin(BaseModel):
    email: str
    password: str

@router.post("/login")
async def login(user_login: UserInLogin, users_repo: UsersRepository = Depends(get_repository(UsersRepository)), session=Depends(get_session)):
    session.add(LoginAttempt(email=user_login.email))
    user = await users_repo.get_user_by_email(email=user_login.email)
    if not user.check_password(user_login.password):
        raise HTTPException(status_code=400)
    return user
`})
	got := construct(out.Module, "Login")
	want := `rule Login {
    when: Login(email, password)
    ensures: LoginAttempt.created(email: email)
}`
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if !slices.ContainsFunc(out.Notes, func(n string) bool { return strings.HasPrefix(n, "app/views.py:18: a guard left out") }) {
		t.Errorf("no note on the check left out; notes: %v", out.Notes)
	}
}
