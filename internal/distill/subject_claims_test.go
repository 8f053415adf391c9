package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestSubjectFieldClaims: a token whose subject entry holds a field of the
// user rather than the user ({"sub": email}, fastapi-full-stack's reset
// token, utils.py:104-114) carries that field: its creation states it and
// its entity declares it, as the decode reads it back (token.email). A
// subject that is the user's id stays the token's user.
func TestSubjectFieldClaims(t *testing.T) {
	const models = `
from sqlmodel import Field, SQLModel
class User(SQLModel, table=True):
    id: int = Field(primary_key=True)
    email: str = Field(unique=True)
    hashed_password: str
`
	const utils = `
import jwt
from datetime import datetime, timedelta
def generate_password_reset_token(email: str) -> str:
    expires = datetime.utcnow() + timedelta(hours=1)
    return jwt.encode({"exp": expires, "sub": email}, "secret", algorithm="HS256")
def create_access_token(subject) -> str:
    expire = datetime.utcnow() + timedelta(minutes=30)
    return jwt.encode({"exp": expire, "sub": str(subject)}, "secret", algorithm="HS256")
`
	const routes = `
from fastapi import APIRouter, Depends
from sqlmodel import Session, select
from app.db import get_session
from app.models import User
from app.utils import generate_password_reset_token, create_access_token
router = APIRouter()
@router.post("/password-recovery/{email}")
def recover_password(email: str, session: Session = Depends(get_session)):
    user = session.exec(select(User).where(User.email == email)).first()
    if user:
        token = generate_password_reset_token(email=email)
        return {"token": token}
    return {"msg": "sent"}
@router.post("/login")
def login(email: str, session: Session = Depends(get_session)):
    user = session.exec(select(User).where(User.email == email)).first()
    if not user:
        return {"msg": "no"}
    return {"access_token": create_access_token(user.id)}
`
	out := distilText(t, New(Options{}), map[string]string{"app/models.py": models, "app/utils.py": utils, "app/routes.py": routes})
	text := string(allium.Print(out.Module, allium.PrintOptions{}))
	assertSpecText(t, construct(out.Module, "RecoverPassword"), []string{"email: email"}, []string{"user: user"})
	assertSpecText(t, construct(out.Module, "Login"), []string{"user: user"}, []string{"email: "})
	if !strings.Contains(text, "    email: String?\n") {
		t.Errorf("the token entity does not declare the carried address:\n%s", text)
	}
}
