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

// TestFieldsTheCodeDidNotGive: a request-shaped class the code builds by
// giving its fields (Buuntu/fastapi-react's sign_up_new_user:
// schemas.UserCreate(email=email, password=password, is_active=True,
// is_superuser=False), then create_user reads user.first_name) keeps its
// defaults in the fields it was not given: they are no request inputs
// (they were trigger parameters first_name and last_name). A form the code
// makes (ProfileForm(obj=user)) still reads them from the request, even
// when it is given a dependency its class declares (catalog
// shapes.request_bound).
func TestFieldsTheCodeDidNotGive(t *testing.T) {
	out := distilText(t, New(Options{}), map[string]string{"app/models.py": `
from sqlalchemy import Boolean, Column, String
from sqlalchemy.orm import declarative_base
Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    email = Column(String, unique=True, nullable=False)
    first_name = Column(String)
    is_active = Column(Boolean, default=True)
`, "app/schemas.py": `
from typing import Optional
from pydantic import BaseModel

class UserCreate(BaseModel):
    email: str
    first_name: Optional[str] = None
    is_active: bool = True
`, "app/forms.py": `
from flask_wtf import FlaskForm
from wtforms import StringField

class ProfileForm(FlaskForm):
    first_name = StringField("First name")

class RenameForm(FlaskForm):
    user_service: object
    first_name = StringField("First name")
`, "app/crud.py": `
from app.models import User

def create_user(db, user):
    db_user = User(email=user.email, first_name=user.first_name, is_active=user.is_active)
    db.add(db_user)
    db.commit()
    return db_user
`, "app/api.py": `
from fastapi import APIRouter, Depends
from app import schemas
from app.crud import create_user
from app.db import get_db

router = APIRouter()

@router.post("/signup")
def signup(email: str, db=Depends(get_db)):
    return create_user(db, schemas.UserCreate(email=email, is_active=False))
`, "app/views.py": `
from flask import Blueprint
from flask_login import current_user, login_required
from app.forms import ProfileForm, RenameForm
from app.db import db

bp = Blueprint("profile", __name__)

@bp.route("/profile", methods=["POST"])
@login_required
def profile():
    form = ProfileForm(obj=current_user)
    if form.validate_on_submit():
        current_user.first_name = form.first_name.data
        db.session.commit()

@bp.route("/rename", methods=["POST"])
@login_required
def rename():
    form = RenameForm(user_service=object())
    if form.validate_on_submit():
        current_user.first_name = form.first_name.data
        db.session.commit()
`})
	for _, tc := range []struct{ construct, want string }{
		{"Signup", `rule Signup {
    when: Signup(email)
    ensures: User.created(email: email, is_active: false)
}`},
		{"Profile", `rule Profile {
    when: Profile(first_name, user)
    ensures: user.first_name = first_name
}`},
		// A form given a dependency it declares (warehouse's LoginForm(
		// request.POST, user_service=...)) still reads its fields.
		{"Rename", `rule Rename {
    when: Rename(first_name, user)
    ensures: user.first_name = first_name
}`},
	} {
		t.Run(tc.construct, func(t *testing.T) {
			if got := construct(out.Module, tc.construct); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tc.want, out.Notes)
			}
		})
	}
}
