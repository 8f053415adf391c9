package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestRouteCallIdioms pins a FastAPI route registered by calling the
// router's decorator at module level, under a module-level condition
// (dispatch's register_user), and a request input with a generated
// fallback hashed by a field validator.
func TestRouteCallIdioms(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/config.py": `
REGISTRATION_ENABLED = True
`,
		"app/models.py": `
from sqlalchemy import Column, String, Integer
from sqlalchemy.orm import declarative_base
Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String)
    password_hash = Column(String)
`,
		"app/views.py": `
from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, field_validator
from .config import REGISTRATION_ENABLED
from .models import User
router = APIRouter()

class Register(BaseModel):
    email: str
    password: str = ""

    @field_validator("password", mode="before")
    @classmethod
    def hashed(cls, v):
        password = v or generate_password()
        return hash_password(password)

def register(user_in: Register, db_session: DbSession):
    if db_session.query(User).filter(User.email == user_in.email).one_or_none():
        raise HTTPException(status_code=422, detail="taken")
    user = User(email=user_in.email, password_hash=user_in.password)
    db_session.add(user)
    db_session.commit()
    return user

if REGISTRATION_ENABLED:
    register = router.post("/register")(register)
`}
	out := distilText(t, d, files)
	got := construct(out.Module, "Register")
	for _, want := range []string{
		"when: Register(email, password)",
		"requires: config.registration_enabled",
		"requires: not exists User{email}",
		"User.created(email: email, password_hash: hash(password))",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("Register lacks %q:\n%s\nnotes: %v", want, got, out.Notes)
		}
	}
}

// TestFlagFromTextIdioms: a flag made from a textual setting
// (X = ENV_X != "false") is a Boolean config parameter with the
// comparison of the setting's default as its default.
func TestFlagFromTextIdioms(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/config.py": `
from starlette.config import Config
config = Config(".env")
VITE_REGISTRATION_ENABLED = config("VITE_REGISTRATION_ENABLED", default="true")
REGISTRATION_ENABLED = VITE_REGISTRATION_ENABLED != "false"
`,
		"app/models.py": `
from sqlalchemy import Column, String, Integer
from sqlalchemy.orm import declarative_base
Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String)
    password_hash = Column(String)
`,
		"app/views.py": `
from fastapi import APIRouter, HTTPException
from pydantic import BaseModel, field_validator
from .config import REGISTRATION_ENABLED
from .models import User
router = APIRouter()

class Register(BaseModel):
    email: str
    password: str = ""

    @field_validator("password", mode="before")
    @classmethod
    def hashed(cls, v):
        password = v or generate_password()
        return hash_password(password)

def register(user_in: Register, db_session: DbSession):
    if db_session.query(User).filter(User.email == user_in.email).one_or_none():
        raise HTTPException(status_code=422, detail="taken")
    user = User(email=user_in.email, password_hash=user_in.password)
    db_session.add(user)
    db_session.commit()
    return user

if REGISTRATION_ENABLED:
    register = router.post("/register")(register)
`}
	out := distilText(t, d, files)
	if got := construct(out.Module, "Register"); !strings.Contains(got, "requires: config.registration_enabled") {
		t.Errorf("Register lacks the flag:\n%s\nnotes: %v", got, out.Notes)
	}
	for _, c := range out.Module.Config {
		if c.Name == "registration_enabled" {
			if c.Type == nil || c.Type.Name != "Boolean" || c.Default == nil || allium.ExprString(c.Default) != "true" {
				t.Errorf("registration_enabled: %+v", c)
			}
			return
		}
	}
	t.Errorf("no config registration_enabled")
}
