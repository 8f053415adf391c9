package distill

import "testing"

// TestControllerDependencies pins a class-based FastAPI controller's
// dependencies (mealie's BaseUserController, routes/_base/
// base_controllers.py:130-139, under its @controller(router)): self.user
// is the acting user its base declares with Depends(get_current_user); a
// dependency the route does not read is still run when it can turn the
// request away (it raises), and left alone when it cannot (a translator
// made from a header is no input of the rule).
func TestControllerDependencies(t *testing.T) {
	files := map[string]string{
		"app/deps.py": `
from fastapi import Depends, Header, HTTPException
from fastapi.security import OAuth2PasswordBearer
from .i18n import load_factory

oauth2 = OAuth2PasswordBearer(tokenUrl="token")


def get_db():
    yield None


def get_current_user(token: str = Depends(oauth2)):
    return token


def require_beta(x_beta: str = Header(None)):
    if x_beta != "on":
        raise HTTPException(403)
    return x_beta


def local_provider(accept_language: str = Header(None)):
    factory = load_factory()
    accept_language = accept_language or "en-US"
    return factory.get(accept_language)
`,
		"app/base.py": `
from fastapi import Depends
from .deps import get_current_user, get_db, local_provider, require_beta


class BaseUserController:
    session = Depends(get_db)
    user = Depends(get_current_user)
    beta = Depends(require_beta)
    translator = Depends(local_provider)
`,
		"app/models.py": `
from sqlalchemy import Column, Integer, String, ForeignKey
from sqlalchemy.orm import declarative_base
Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String)


class ApiToken(Base):
    __tablename__ = "api_tokens"
    id = Column(Integer, primary_key=True)
    name = Column(String)
    user_id = Column(Integer, ForeignKey("users.id"))
`,
		"app/views.py": `
from fastapi import APIRouter
from fastapi_utils.cbv import cbv
from pydantic import BaseModel
from .base import BaseUserController
from .models import ApiToken

router = APIRouter()


class TokenIn(BaseModel):
    name: str


@cbv(router)
class TokensController(BaseUserController):
    @router.post("/api-tokens")
    def create_api_token(self, token_params: TokenIn):
        token = ApiToken(name=token_params.name, user_id=self.user.id)
        self.session.add(token)
        self.session.commit()
        return token
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "self.user of a base's Depends(get_current_user) is the acting user",
			construct: "CreateApiToken",
			want:      []string{"ensures: ApiToken.created(name: name, user: user)"},
		},
		{
			name:      "an unread dependency that raises is run; one that cannot refuse is not",
			construct: "CreateApiToken",
			want:      []string{`requires: x_beta = "on"`},
			notWant:   []string{"accept_language"},
		},
	})
}
