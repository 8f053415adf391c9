package distill

import "testing"

// TestAuthSubjects pins polar's auth subjects: a handler parameter typed
// AuthSubject[User] (through an Annotated alias of a dependency factory)
// holds the signed-in user in .subject; with a session entity of the user
// the trigger takes the session and the user is session.user.
func TestAuthSubjects(t *testing.T) {
	d := New(Options{})
	views := `
from typing import Annotated
from fastapi import APIRouter, Depends
from polar.auth.models import AuthSubject
from .models import Note, User
router = APIRouter()

def WebUserAuthorizer(scopes):
    async def dependency(auth_subject: AuthSubject[User]) -> AuthSubject[User]:
        return auth_subject
    return dependency

AuthorizeWebUserWrite = Annotated[AuthSubject[User], Depends(WebUserAuthorizer({"user:write"}))]

@router.post("/notes")
async def create_note(text: str, auth_subject: AuthorizeWebUserWrite, session=None):
    user = auth_subject.subject
    note = Note(text=text, user=user)
    session.add(note)
`
	tests := []struct {
		name    string
		session bool
		want    string
	}{
		{
			name:    "with a session entity of the user, the trigger takes the session and the user is its user",
			session: true,
			want: `rule CreateNote {
    when: CreateNote(session, text)
    ensures: Note.created(text: text, user: session.user)
}`,
		},
		{
			// The handler's local user is named apart from the trigger's.
			name: "without a session entity, the subject is the signed-in user",
			want: `rule CreateNote {
    when: CreateNote(text, current_user)
    ensures: Note.created(text: text, user: current_user)
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": authSubjectModels(tt.session), "app/views.py": views})
			if got := construct(out.Module, "CreateNote"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}

// TestSubjectDependencyGuards pins the guards of the dependency that
// yields an auth subject: a factory's closure (WebUserAuthorizer(scopes)
// returning its nested dependency) runs with the factory's parameters
// bound to the call's arguments, a factory that wraps another runs both,
// and what the guards read of the subject is the trigger's session.
func TestSubjectDependencyGuards(t *testing.T) {
	d := New(Options{})
	deps := `
from datetime import datetime, timedelta
from typing import Annotated
from fastapi import Depends
from polar.auth.models import AuthSubject
from .models import User

SESSION_FRESHNESS = timedelta(hours=1)

class Forbidden(Exception):
    pass

def AgentAuthorizer(banned_agent):
    async def dependency(auth_subject: AuthSubject[User]) -> AuthSubject[User]:
        if auth_subject.session.user_agent == banned_agent:
            raise Forbidden()
        return auth_subject
    return dependency

def ensure_fresh(auth_subject):
    if datetime.utcnow() - auth_subject.session.created_at > SESSION_FRESHNESS:
        raise Forbidden()

def FreshAuthorizer(banned_agent):
    async def dependency(
        auth_subject: Annotated[AuthSubject[User], Depends(AgentAuthorizer(banned_agent))],
    ) -> AuthSubject[User]:
        ensure_fresh(auth_subject)
        return auth_subject
    return dependency

AuthorizeShortAgent = Annotated[AuthSubject[User], Depends(AgentAuthorizer("curl"))]
AuthorizeFresh = Annotated[AuthSubject[User], Depends(FreshAuthorizer("wget"))]
`
	view := func(alias string) string {
		return `
from fastapi import APIRouter
from .deps import ` + alias + `
from .models import User
router = APIRouter()

@router.post("/email")
async def change_email(email: str, auth_subject: ` + alias + `):
    user = auth_subject.subject
    user.email = email
`
	}
	tests := []struct {
		name  string
		alias string
		want  string
	}{
		{
			name:  "the factory's argument reaches the guard of the function it returns",
			alias: "AuthorizeShortAgent",
			want: `rule ChangeEmail {
    when: ChangeEmail(session, email)
    requires: session.user_agent != "curl"
    ensures: session.user.email = email
}`,
		},
		{
			name:  "a factory wrapping another runs the inner guard with its own argument, then its own",
			alias: "AuthorizeFresh",
			want: `rule ChangeEmail {
    when: ChangeEmail(session, email)
    requires: session.user_agent != "wget"
    requires: now - session.created_at <= config.session_freshness
    ensures: session.user.email = email
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": authSubjectModels(true), "app/deps.py": deps, "app/views.py": view(tt.alias)})
			if got := construct(out.Module, "ChangeEmail"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}

// authSubjectModels are the models of the auth-subject tests: users, their
// notes and, withSession, their web sessions.
func authSubjectModels(withSession bool) string {
	s := `
from sqlalchemy import Column, DateTime, ForeignKey, Integer, String
from sqlalchemy.orm import declarative_base, relationship
Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String)

class Note(Base):
    __tablename__ = "notes"
    id = Column(Integer, primary_key=True)
    text = Column(String)
    user_id = Column(Integer, ForeignKey("users.id"))
    user = relationship(User)
`
	if withSession {
		s += `
class UserSession(Base):
    __tablename__ = "user_sessions"
    id = Column(Integer, primary_key=True)
    user_agent = Column(String)
    created_at = Column(DateTime)
    user_id = Column(Integer, ForeignKey("users.id"))
    user = relationship(User)
`
	}
	return s
}
