package distill

import "testing"

// TestSchemaViews pins a row read through a schema of the service
// (mealie's acting user is a PrivateUser, schema/user/user.py:198, built
// from the User row): a field the schema declares plain (group: str,
// schema/user/user.py:111) where the model has a relation is what the
// schema's before-validator keeps of the related row (v.name,
// schema/user/user.py:133-141), so self.user.group != new_data.group
// (routes/users/crud.py:111) compares the group's name; with no such
// validator the spec cannot say what the field holds and leaves the
// comparison out; read as the model itself the relation is unchanged.
func TestSchemaViews(t *testing.T) {
	files := map[string]string{
		"app/deps.py": `
from fastapi import Depends
from fastapi.security import OAuth2PasswordBearer

oauth2 = OAuth2PasswordBearer(tokenUrl="token")


def get_db():
    yield None


def get_current_user(token: str = Depends(oauth2)):
    return token
`,
		"app/models.py": `
from sqlalchemy import Column, Integer, String, ForeignKey
from sqlalchemy.orm import declarative_base, relationship
Base = declarative_base()


class Group(Base):
    __tablename__ = "groups"
    id = Column(Integer, primary_key=True)
    name = Column(String)


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String)
    group_id = Column(Integer, ForeignKey("groups.id"))
    group = relationship("Group")


class ApiToken(Base):
    __tablename__ = "api_tokens"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    user_id = Column(Integer, ForeignKey("users.id"))
`,
		"app/schemas.py": `
from pydantic import BaseModel, field_validator


class UserBase(BaseModel):
    email: str
    group: str | None = None

    @field_validator("group", mode="before")
    def convert_group_to_name(cls, v):
        if not v or isinstance(v, str):
            return v
        try:
            return v.name
        except AttributeError:
            return v


class PrivateUser(UserBase):
    id: int


class BareUser(BaseModel):
    id: int
    group: str
`,
		"app/views.py": `
from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from .deps import get_current_user, get_db
from .models import ApiToken, User
from .schemas import BareUser, PrivateUser

router = APIRouter()


class TokenIn(BaseModel):
    name: str
    group: str


@router.post("/named-tokens")
def create_named_token(params: TokenIn, user: PrivateUser = Depends(get_current_user), db=Depends(get_db)):
    if user.group != params.group:
        raise HTTPException(403)
    token = ApiToken(name=params.name, user_id=user.id)
    db.add(token)
    db.commit()
    return token


@router.post("/bare-tokens")
def create_bare_token(params: TokenIn, user: BareUser = Depends(get_current_user), db=Depends(get_db)):
    if user.group != params.group:
        raise HTTPException(403)
    token = ApiToken(name=params.name, user_id=user.id)
    db.add(token)
    db.commit()
    return token


@router.post("/model-tokens")
def create_model_token(params: TokenIn, user: User = Depends(get_current_user), db=Depends(get_db)):
    if user.group.name != params.group:
        raise HTTPException(403)
    token = ApiToken(name=params.name, user_id=user.id)
    db.add(token)
    db.commit()
    return token
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "the schema's validator keeps the related row's name",
			construct: "CreateNamedToken",
			want:      []string{"requires: user.group.name = group"},
			notWant:   []string{"user.group = group"},
		},
		{
			name:      "a plain field with no validator is left out",
			construct: "CreateBareToken",
			want:      []string{"ensures: ApiToken.created(name: name, user: user)"},
			notWant:   []string{"user.group"},
		},
		{
			name:      "read as the model, the relation is the row",
			construct: "CreateModelToken",
			want:      []string{"requires: user.group.name = group"},
		},
	})
}
