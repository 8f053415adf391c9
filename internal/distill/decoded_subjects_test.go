package distill

import (
	"strings"
	"testing"
)

// TestDecodedTokenSubjects pins what a decoded token's subject claim is
// when the service signs several kinds of token: fastapi-full-stack signs
// the user's id as its access token's sub (core/security.py:21-26) and the
// address as its reset token's (utils.py:104-114), and reads the reset
// token back in verify_password_reset_token (utils.py:117-124). The sub a
// decode reads is what the token it is paired with carries: by the helper
// that reads it, by the secret, by the audience; a decode the service's
// encoders do not tell apart reads the user, as before.
func TestDecodedTokenSubjects(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	const models = `
from sqlmodel import Field, SQLModel
class User(SQLModel, table=True):
    id: int = Field(primary_key=True)
    email: str = Field(unique=True)
    is_active: bool = True
    hashed_password: str
`
	// security is the access token, signed with secret for the user's id
	// (aud: the audience entry, if any).
	security := func(secret, aud string) string {
		return `
import jwt
from datetime import datetime, timedelta
def create_access_token(subject) -> str:
    expire = datetime.utcnow() + timedelta(minutes=30)
    return jwt.encode({"exp": expire, "sub": str(subject)` + aud + `}, ` + secret + `, algorithm="HS256")
`
	}
	// utils signs the address as the reset token's subject and reads a
	// token back in reader (a function of that name).
	utils := func(secret, aud, reader, decodeArgs string) string {
		return `
import jwt
from datetime import datetime, timedelta
def generate_password_reset_token(email: str) -> str:
    expires = datetime.utcnow() + timedelta(hours=1)
    return jwt.encode({"exp": expires, "sub": email` + aud + `}, ` + secret + `, algorithm="HS256")
def ` + reader + `(token: str):
    try:
        decoded = jwt.decode(` + decodeArgs + `)
        return str(decoded["sub"])
    except jwt.InvalidTokenError:
        return None
`
	}
	route := func(reader string) string {
		return `
from fastapi import APIRouter, Depends, HTTPException
from sqlmodel import Session, select
from app.db import get_session
from app.models import User
from app.utils import ` + reader + `
router = APIRouter()
@router.post("/reset-password/")
def reset_password(token: str, session: Session = Depends(get_session)):
    email = ` + reader + `(token=token)
    if not email:
        raise HTTPException(status_code=400, detail="Invalid token")
    user = session.exec(select(User).where(User.email == email)).first()
    if not user:
        raise HTTPException(status_code=400, detail="Invalid token")
    user.is_active = True
    session.add(user)
    session.commit()
`
	}
	tests := []struct {
		name   string
		files  map[string]string
		want   []string
		absent []string
	}{
		{
			name: "paired by the helper that reads it: verify_password_reset_token reads what generate_password_reset_token signs",
			files: map[string]string{"app/models.py": models, "app/security.py": security("SECRET", ""),
				"app/utils.py": utils("SECRET", "", "verify_password_reset_token", `token, SECRET, algorithms=["HS256"]`),
				"app/login.py": route("verify_password_reset_token")},
			want:   []string{"requires: token.is_valid", "let user = User{email: token.email}", "requires: exists user"},
			absent: []string{"token.user"},
		},
		{
			name: "paired by the secret it is verified with",
			files: map[string]string{"app/models.py": models, "app/security.py": security("ACCESS_SECRET", ""),
				"app/utils.py": utils("RESET_SECRET", "", "read_link", `token, RESET_SECRET, algorithms=["HS256"]`),
				"app/login.py": route("read_link")},
			want:   []string{"let user = User{email: token.email}", "requires: exists user"},
			absent: []string{"token.user"},
		},
		{
			name: "paired by the audience it demands",
			files: map[string]string{"app/models.py": models, "app/security.py": security("SECRET", `, "aud": "access"`),
				"app/utils.py": utils("SECRET", `, "aud": "reset"`, "read_link", `token, SECRET, audience="reset", algorithms=["HS256"]`),
				"app/login.py": route("read_link")},
			want:   []string{"let user = User{email: token.email}", "requires: exists user"},
			absent: []string{"token.user"},
		},
		{
			name: "a decode nothing pairs: the subject is the user, as before",
			files: map[string]string{"app/models.py": models, "app/security.py": security("SECRET", ""),
				"app/utils.py": utils("SECRET", "", "read_link", `token, SECRET, algorithms=["HS256"]`),
				"app/login.py": route("read_link")},
			want: []string{"requires: exists token.user"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			got := construct(out.Module, "ResetPassword")
			at := 0
			for _, w := range tt.want {
				i := strings.Index(got[at:], w)
				if i < 0 {
					t.Fatalf("ResetPassword lacks %q (in order):\n%s\nnotes: %v", w, got, out.Notes)
				}
				at += i + len(w)
			}
			for _, a := range tt.absent {
				if strings.Contains(got, a) {
					t.Errorf("ResetPassword has %q:\n%s", a, got)
				}
			}
		})
	}
}
