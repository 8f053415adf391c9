package distill

import (
	"maps"
	"testing"
)

// membershipModels are dispatch's shape: a user, an organization found by
// its slug, and the membership row linking them (backref organizations).
const membershipModels = `
from sqlalchemy import Column, String, Integer, ForeignKey
from sqlalchemy.orm import relationship, declarative_base
Base = declarative_base()

class Organization(Base):
    id = Column(Integer, primary_key=True)
    name = Column(String)
    slug = Column(String)

class User(Base):
    id = Column(Integer, primary_key=True)
    email = Column(String, unique=True)
    password = Column(String, nullable=False)

class Membership(Base):
    user_id = Column(Integer, ForeignKey(User.id), primary_key=True)
    user = relationship(User, backref="organizations")
    organization_id = Column(Integer, ForeignKey(Organization.id), primary_key=True)
    organization = relationship(Organization, backref="users")
    role = Column(String, default="member")
`

// membershipService is dispatch's organization service: the row found by
// its slug under a local that the caller's slug input also names.
const membershipService = `
from pydantic import ValidationError
from .models import Organization

def get_by_slug(*, db_session, slug: str):
    return db_session.query(Organization).filter(Organization.slug == slug).one_or_none()

def get_by_slug_or_raise(*, db_session, organization_in):
    organization = get_by_slug(db_session=db_session, slug=organization_in.slug)
    if not organization:
        raise ValidationError([{"msg": "Organization not found."}])
    return organization
`

// TestCollectionAppends pins rows put in an owner's relationship
// collection (user.organizations.append(Membership(...))), hasattr on a
// request schema, and the names of the rows such a flow finds and makes.
func TestCollectionAppends(t *testing.T) {
	d := New(Options{})
	views := func(body string) map[string]string {
		return map[string]string{
			"app/models.py":      membershipModels,
			"app/org_service.py": membershipService,
			"app/views.py": `
from fastapi import APIRouter, HTTPException
from pydantic import BaseModel
from .models import User, Membership, Organization
from . import org_service as organization_service
router = APIRouter()

class OrganizationRead(BaseModel):
    name: str
    slug: str

class UserRegister(BaseModel):
    email: str
    password: str

class UserCreate(UserRegister):
    role: str | None = None
` + body}
	}
	tests := []struct {
		name      string
		files     map[string]string
		construct string
		want      string
	}{
		{
			// dispatch's auth/service.py create: the membership is appended
			// before the user is added; the org helper's local shares the
			// slug input's name; hasattr(user_in, "role") on UserRegister
			// (no such field) keeps the member default.
			name: "a row appended to a new owner's collection is created after it, pointing at it",
			files: views(`
def create(*, db_session, organization: str, user_in):
    user = User(email=user_in.email, password=user_in.password)
    org = organization_service.get_by_slug_or_raise(
        db_session=db_session,
        organization_in=OrganizationRead(name=organization, slug=organization),
    )
    role = "member"
    if hasattr(user_in, "role"):
        role = user_in.role
    user.organizations.append(Membership(organization=org, role=role))
    db_session.add(user)
    db_session.commit()
    return user

@router.post("/register")
def register_user(user_in: UserRegister, organization: str, db_session: DbSession):
    user = db_session.query(User).filter(User.email == user_in.email).one_or_none()
    if user:
        raise HTTPException(status_code=422, detail="exists")
    user = create(db_session=db_session, organization=organization, user_in=user_in)
    return user

@router.post("/users")
def create_user(user_in: UserCreate, organization: str, db_session: DbSession):
    user = create(db_session=db_session, organization=organization, user_in=user_in)
    return user
`),
			construct: "RegisterUser",
			want: `rule RegisterUser {
    when: RegisterUser(email, password, organization)
    requires: not exists User{email}
    let org = Organization{slug: organization}
    requires: exists org
    ensures:
        let user = User.created(email: email, password: password)
        Membership.created(organization: org, role: "member", user: user)
}`,
		},
		{
			// The same helper for UserCreate, which declares role (through
			// its base's fields and its own): the request's role.
			name: "hasattr on a schema that declares the field takes its branch",
			files: views(`
def create(*, db_session, organization: str, user_in):
    user = User(email=user_in.email, password=user_in.password)
    role = "member"
    if hasattr(user_in, "role"):
        role = user_in.role
    user.organizations.append(Membership(role=role))
    db_session.add(user)
    db_session.commit()
    return user

@router.post("/users")
def create_user(user_in: UserCreate, organization: str, db_session: DbSession):
    return create(db_session=db_session, organization=organization, user_in=user_in)
`),
			construct: "CreateUser",
			want: `rule CreateUser {
    when: CreateUser(email, password, role)
    ensures:
        let user = User.created(email: email, password: password)
        Membership.created(role: role, user: user)
}`,
		},
		{
			name: "a row appended to the collection of a stored owner is created at once",
			files: views(`
@router.post("/join")
def join(organization: str, email: str, db_session: DbSession):
    user = db_session.query(User).filter(User.email == email).one_or_none()
    if not user:
        raise HTTPException(status_code=404, detail="no user")
    org = organization_service.get_by_slug_or_raise(
        db_session=db_session,
        organization_in=OrganizationRead(name=organization, slug=organization),
    )
    user.organizations.append(Membership(organization=org, role="member"))
    db_session.commit()
`),
			construct: "Join",
			want: `rule Join {
    when: Join(user, organization)
    requires: exists user
    let org = Organization{slug: organization}
    requires: exists org
    ensures: Membership.created(organization: org, role: "member", user: user)
}`,
		},
		{
			// A new owner never stored: its rows are not either.
			name: "rows appended to an owner that is never stored are not created",
			files: views(`
@router.post("/draft")
def draft(email: str, db_session: DbSession):
    user = User(email=email, password="x")
    user.organizations.append(Membership(role="member"))
    db_session.query(User).filter(User.email == email).update({"password": "y"})
    db_session.commit()
`),
			construct: "Draft",
			want: `rule Draft {
    when: Draft(user)
    ensures: user.password = "y"
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, maps.Clone(tt.files))
			if got := construct(out.Module, tt.construct); got != tt.want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", tt.construct, got, tt.want, out.Notes)
			}
		})
	}
}
