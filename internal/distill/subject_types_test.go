package distill

import "testing"

// TestNonUserSubjects: an auth subject whose types name entities, none of
// them the user entity (polar's customer portal, AuthSubject[Customer |
// Member], customer_portal/auth.py:46-70), is no signed-in user: the
// trigger takes no user, and each entity it may be reaches the rule
// through a surface facing it. A subject that may be a user
// (AuthSubject[User | Organization]) stays the user's.
func TestNonUserSubjects(t *testing.T) {
	models := authSubjectModels(false) + `

class Customer(Base):
    __tablename__ = "customers"
    id = Column(Integer, primary_key=True)

class Member(Base):
    __tablename__ = "members"
    id = Column(Integer, primary_key=True)

class Organization(Base):
    __tablename__ = "organizations"
    id = Column(Integer, primary_key=True)
`
	views := `
from typing import Annotated
from fastapi import APIRouter, Depends, HTTPException
from app.db import get_db_session
from polar.auth.models import AuthSubject
from .models import Customer, Member, Note, Organization, User
router = APIRouter()

def Authenticator(allowed):
    async def dependency(auth_subject: AuthSubject[User]) -> AuthSubject[User]:
        return auth_subject
    return dependency

CustomerPortalWrite = Annotated[AuthSubject[Customer | Member], Depends(Authenticator({"customer"}))]
OrgWrite = Annotated[AuthSubject[User | Organization], Depends(Authenticator({"org"}))]

@router.patch("/portal/notes/{id}")
async def portal_edit(id: int, text: str, auth_subject: CustomerPortalWrite, session=Depends(get_db_session)):
    note = await session.get(Note, id)
    if note is None:
        raise HTTPException(status_code=404)
    note.text = text

@router.patch("/notes/{id}")
async def org_edit(id: int, text: str, auth_subject: OrgWrite, session=Depends(get_db_session)):
    note = await session.get(Note, id)
    if note is None:
        raise HTTPException(status_code=404)
    note.text = text
    note.user = auth_subject.subject
`
	runIdiomCases(t, map[string]string{"app/models.py": models, "app/views.py": views}, []idiomCase{
		{name: "a customer or member subject is no user", construct: "PortalEdit",
			want: []string{"when: PortalEdit(note, text)"}, notWant: []string{"user"}},
		{name: "customers reach it", construct: "CustomerApi",
			want: []string{"facing customer: Customer", "PortalEdit(note, text)"}, notWant: []string{"OrgEdit"}},
		{name: "members reach it", construct: "MemberApi",
			want: []string{"facing member: Member", "PortalEdit(note, text)"}},
		{name: "a subject that may be a user stays the user's", construct: "UserApi",
			want: []string{"OrgEdit("}, notWant: []string{"PortalEdit"}},
	})
}
