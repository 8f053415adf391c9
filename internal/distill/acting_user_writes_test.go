package distill

import "testing"

// TestWritesOnActingUser pins polar's verify: a row's user reloaded after
// a guard made it the signed-in user is written as the signed-in user; a
// row's user the rule never ties to the caller keeps its path.
func TestWritesOnActingUser(t *testing.T) {
	d := New(Options{})
	models := `
from sqlalchemy import Column, ForeignKey, Integer, String
from sqlalchemy.orm import declarative_base, relationship
Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String)

class UserSession(Base):
    __tablename__ = "user_sessions"
    id = Column(Integer, primary_key=True)
    user_agent = Column(String)
    user_id = Column(Integer, ForeignKey("users.id"))
    user = relationship(User)

class EmailVerification(Base):
    __tablename__ = "email_verifications"
    id = Column(Integer, primary_key=True)
    email = Column(String)
    user_id = Column(Integer, ForeignKey("users.id"))
    user = relationship(User)
`
	views := func(guard string) string {
		return `
from typing import Annotated
from fastapi import APIRouter, Depends, HTTPException
from polar.auth.models import AuthSubject
from .models import EmailVerification, User
router = APIRouter()

def WebUserAuthorizer(scopes):
    async def dependency(auth_subject: AuthSubject[User]) -> AuthSubject[User]:
        return auth_subject
    return dependency

AuthorizeWebUserWrite = Annotated[AuthSubject[User], Depends(WebUserAuthorizer({"user:write"}))]

@router.post("/verify")
async def verify(email: str, auth_subject: AuthorizeWebUserWrite, session=None):
    user = auth_subject.subject
    record = session.query(EmailVerification).filter_by(email=email).first()
    if ` + guard + `:
        raise HTTPException(status_code=401)
    user = record.user
    user.email = record.email
`
	}
	tests := []struct {
		name  string
		guard string
		want  string
	}{
		{
			name:  "a record required to be the caller's writes the caller",
			guard: "record is None or record.user_id != user.id",
			want: `rule Verify {
    when: Verify(session, email)
    let record = EmailVerification{email}
    requires: exists record
    requires: record.user = session.user
    ensures: session.user.email = record.email
}`,
		},
		{
			name:  "a record not tied to the caller keeps its user's path",
			guard: "record is None",
			want: `rule Verify {
    when: Verify(session, email)
    let record = EmailVerification{email}
    requires: exists record
    ensures: record.user.email = record.email
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/views.py": views(tt.guard)})
			if got := construct(out.Module, "Verify"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
