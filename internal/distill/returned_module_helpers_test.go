package distill

import "testing"

// TestReturnedModuleHelpers pins a helper of the service called through
// its module inside the response a handler returns as run when the
// response is built (fastapi-full-stack's login_access_token,
// backend/app/api/routes/login.py:38-42: return Token(access_token=
// security.create_access_token(user.id, expires_delta=...))): the token
// it issues is created, as it is when the helper's result is bound to a
// local first. A library's call in a response runs nothing: greet, built
// with humanize.naturaltime, has no rule.
func TestReturnedModuleHelpers(t *testing.T) {
	files := map[string]string{
		"app/core/config.py": `
from pydantic_settings import BaseSettings
class Settings(BaseSettings):
    SECRET_KEY: str = "x"
    ACCESS_TOKEN_EXPIRE_MINUTES: int = 60
settings = Settings()
`,
		"app/core/security.py": `
from datetime import datetime, timedelta, timezone
import jwt
from app.core.config import settings

def create_access_token(subject, expires_delta: timedelta) -> str:
    expire = datetime.now(timezone.utc) + expires_delta
    to_encode = {"exp": expire, "sub": str(subject)}
    return jwt.encode(to_encode, settings.SECRET_KEY, algorithm="HS256")
`,
		"app/models.py": `
from sqlmodel import Field, SQLModel
class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(unique=True)
    hashed_password: str
class Token(SQLModel):
    access_token: str
`,
		"app/routes.py": `
from datetime import timedelta
from fastapi import APIRouter, HTTPException
from sqlmodel import Session, select
import humanize
from app.core import security
from app.core.config import settings
from app.models import User, Token
router = APIRouter()

@router.post("/login")
def login(session: Session, email: str):
    user = session.exec(select(User).where(User.email == email)).first()
    if not user:
        raise HTTPException(status_code=400)
    expires = timedelta(minutes=settings.ACCESS_TOKEN_EXPIRE_MINUTES)
    return Token(access_token=security.create_access_token(user.id, expires_delta=expires))

@router.post("/greet")
def greet(session: Session, email: str):
    user = session.exec(select(User).where(User.email == email)).first()
    if not user:
        raise HTTPException(status_code=400)
    return Token(access_token=humanize.naturaltime(user.id))
`,
	}
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, files)
	if got := construct(out.Module, "Greet"); got != "" {
		t.Errorf("a response built with a library's call is a rule:\n%s", got)
	}
	checkConstructs(t, out, []idiomCase{
		{name: "the helper the returned response is built with issues its token", construct: "Login",
			want: []string{"AccessToken.created(user: user, expires_at: now + config.access_token_expire)"}},
	})
}
