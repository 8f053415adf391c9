package distill

import "testing"

// TestCreationIdioms pins what a creation states beyond the keywords the
// code gives: the defaults the ORM fills in, and the fields of a request
// schema splatted into the constructor; and a model's password predicate
// read through its guards.
func TestCreationIdioms(t *testing.T) {
	d := New(Options{})
	models := `
from datetime import datetime, timezone
from sqlalchemy import Column, String, Integer, Boolean, DateTime, func
from sqlalchemy.orm import declarative_base
Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String)
    name = Column(String)
    password_hash = Column(String)
    is_admin = Column(Boolean, default=False)
    active = Column(Boolean, default=True)
    created_at = Column(DateTime, default=lambda: datetime.now(timezone.utc))
    seen_at = Column(DateTime, server_default=func.now())
    expires = Column(DateTime, default=lambda: datetime.utcnow() + timedelta(days=30))
`
	tests := []struct {
		name      string
		files     map[string]string
		construct string
		want      string
	}{
		{
			name: "Boolean and clock column defaults are stated in the creation; server defaults and computed ones are not",
			files: map[string]string{
				"app/models.py": models,
				"app/views.py": `
from fastapi import APIRouter
from pydantic import BaseModel
from .models import User
router = APIRouter()

class UserIn(BaseModel):
    email: str
    name: str

@router.post("/users")
def create_user(user_in: UserIn, db_session: DbSession):
    user = User(email=user_in.email, name=user_in.name, active=False)
    db_session.add(user)
    db_session.commit()
    return user
`},
			construct: "CreateUser",
			want: `rule CreateUser {
    when: CreateUser(email, name)
    ensures: User.created(email: email, name: name, active: false, created_at: now, is_admin: false)
}`,
		},
		{
			name: "a request schema's dump splatted into the constructor gives the entity's fields it has, less the ones excluded",
			files: map[string]string{
				"app/models.py": models,
				"app/views.py": `
from fastapi import APIRouter
from pydantic import BaseModel
from .models import User
router = APIRouter()

class UserIn(BaseModel):
    email: str
    name: str
    password: str
    role: str

@router.post("/users")
def create_user(user_in: UserIn, db_session: DbSession):
    user = User(**user_in.model_dump(exclude={"password", "name"}), password_hash=hash_password(user_in.password))
    db_session.add(user)
    db_session.commit()
    return user
`},
			construct: "CreateUser",
			want: `rule CreateUser {
    when: CreateUser(email, password)
    ensures:
        User.created(
            email: email,
            password_hash: hash(password),
            active: true,
            created_at: now,
            is_admin: false
        )
}`,
		},
		{
			name: "a schema the code built and spread gives the fields it was given and the literal defaults of the others",
			files: map[string]string{
				"app/models.py": models,
				"app/views.py": `
from fastapi import APIRouter
from pydantic import BaseModel
from .models import User
router = APIRouter()

class UserIn(BaseModel):
    email: str

class UserRow(BaseModel):
    email: str
    name: str = "anonymous"
    active: bool

@router.post("/users")
def create_user(user_in: UserIn, db_session: DbSession):
    row = UserRow(email=user_in.email)
    user = User(**row.model_dump())
    db_session.add(user)
    db_session.commit()
    return user
`},
			construct: "CreateUser",
			want: `rule CreateUser {
    when: CreateUser(email)
    ensures:
        User.created(
            email: email,
            name: "anonymous",
            active: true,
            created_at: now,
            is_admin: false
        )
}`,
		},
		{
			// dispatch: DispatchUser.verify_password answers False for an
			// empty password or hash, then checks the bytes of the password.
			name: "a predicate method that answers False for empty values and then verifies is the verification; encode(\"utf-8\") keeps the value",
			files: map[string]string{
				"app/models.py": `
import bcrypt
from sqlalchemy import Column, String, Integer, LargeBinary
from sqlalchemy.orm import declarative_base
Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String)
    password = Column(LargeBinary, nullable=False)

    def verify_password(self, password: str) -> bool:
        """Check the password."""
        if not password or not self.password:
            return False
        return bcrypt.checkpw(password.encode("utf-8"), self.password)
`,
				"app/views.py": `
from fastapi import APIRouter, HTTPException
from pydantic import BaseModel
from .models import User
router = APIRouter()

class UserLogin(BaseModel):
    email: str
    password: str

def get_by_email(*, db_session, email):
    return db_session.query(User).filter(User.email == email).one_or_none()

@router.post("/login")
def login_user(user_in: UserLogin, db_session: DbSession):
    user = get_by_email(db_session=db_session, email=user_in.email)
    if user and user.verify_password(user_in.password):
        user.email = "signed-in"
        db_session.commit()
        return {"ok": 1}
    raise HTTPException(status_code=422, detail="bad")
`},
			construct: "LoginUser",
			want: `rule LoginUser {
    when: LoginUser(email, password)
    let user = User{email}
    requires: exists user and verify(password, user.password)
    ensures: user.email = "signed-in"
}`,
		},
		{
			name: "a column default that is a function of the service is what that function returns; one with effects or of another module is left out",
			files: map[string]string{
				"app/config.py": `
from pydantic_settings import BaseSettings

class Settings(BaseSettings):
    INVITE_TTL_SECONDS: int = 60 * 30

settings = Settings()
`,
				"app/models.py": `
from datetime import datetime, timedelta
from sqlalchemy import Column, String, Integer, DateTime
from sqlalchemy.orm import declarative_base
from uuid import uuid4
from .config import settings
Base = declarative_base()

def utc_now():
    return datetime.utcnow()

def get_expires_at():
    return utc_now() + timedelta(seconds=settings.INVITE_TTL_SECONDS)

def noisy_default():
    audit_log.write("row made")
    return utc_now()

class Invite(Base):
    __tablename__ = "invites"
    id = Column(Integer, primary_key=True)
    email = Column(String)
    code = Column(String, default=uuid4)
    expires_at = Column(DateTime, default=get_expires_at)
    touched_at = Column(DateTime, default=noisy_default)
`,
				"app/views.py": `
from fastapi import APIRouter
from .models import Invite
router = APIRouter()

@router.post("/invites")
def create_invite(email: str, db_session: DbSession):
    invite = Invite(email=email)
    db_session.add(invite)
    db_session.commit()
    return invite
`},
			construct: "CreateInvite",
			want: `rule CreateInvite {
    when: CreateInvite(email)
    ensures: Invite.created(email: email, expires_at: now + config.invite_ttl)
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			if got := construct(out.Module, tt.construct); got != tt.want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", tt.construct, got, tt.want, out.Notes)
			}
		})
	}
}
