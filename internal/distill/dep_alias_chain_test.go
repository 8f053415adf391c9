package distill

import (
	"strings"
	"testing"
)

// TestDependencyAliasChain pins a current-user dependency reached through
// annotated aliases all the way down (the full-stack FastAPI template's
// deps.py): the token the dependency verifies is declared as `token:
// TokenDep`, an alias of Annotated[str, Depends(reusable_oauth2)], its
// payload is read into a SQLModel body (TokenPayload(**payload)), and a
// superuser dependency listed on the route takes the user as `current_user:
// CurrentUser`. The rule names the token and states the dependencies'
// guards on its user.
func TestDependencyAliasChain(t *testing.T) {
	models := `
from sqlmodel import Field, SQLModel

class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str
    is_active: bool = True
    is_superuser: bool = False

class TokenPayload(SQLModel):
    sub: str | None = None
`
	deps := `
from typing import Annotated
import jwt
from fastapi import Depends, HTTPException
from fastapi.security import OAuth2PasswordBearer
from sqlmodel import Session
from app.models import TokenPayload, User

reusable_oauth2 = OAuth2PasswordBearer(tokenUrl="/login/access-token")

def get_db():
    with Session(engine) as session:
        yield session

SessionDep = Annotated[Session, Depends(get_db)]
TokenDep = Annotated[str, Depends(reusable_oauth2)]

def get_current_user(session: SessionDep, token: TOKEN) -> User:
    try:
        payload = jwt.decode(token, "secret", algorithms=["HS256"])
        token_data = TokenPayload(**payload)
    except jwt.InvalidTokenError:
        raise HTTPException(status_code=403, detail="Could not validate credentials")
    user = session.get(User, token_data.sub)
    if not user:
        raise HTTPException(status_code=404, detail="User not found")
    if not user.is_active:
        raise HTTPException(status_code=400, detail="Inactive user")
    return user

CurrentUser = Annotated[User, Depends(get_current_user)]

def get_current_active_superuser(current_user: CurrentUser) -> User:
    if not current_user.is_superuser:
        raise HTTPException(status_code=403, detail="not enough privileges")
    return current_user
`
	routes := `
from fastapi import APIRouter, Depends
from app.api.deps import CurrentUser, SessionDep, get_current_active_superuser
from app.models import User
router = APIRouter()

@router.delete("/me")
def delete_user_me(session: SessionDep, current_user: CurrentUser):
    session.delete(current_user)
    session.commit()

@router.delete("/{user_id}", dependencies=[Depends(get_current_active_superuser)])
def delete_user(session: SessionDep, user_id: int):
    user = session.get(User, user_id)
    if not user:
        raise HTTPException(status_code=404, detail="User not found")
    session.delete(user)
    session.commit()
`
	tests := []struct {
		name, token string
	}{
		{"the token through an alias", "TokenDep"},
		{"the token annotated in place", "Annotated[str, Depends(reusable_oauth2)]"},
	}
	wants := map[string]string{
		"DeleteUserMe": `rule DeleteUserMe {
    when: DeleteUserMe(token)
    requires: token.is_valid
    requires: exists token.user
    requires: token.user.is_active
    ensures: not exists token.user
}`,
		"DeleteUser": `rule DeleteUser {
    when: DeleteUser(token, user)
    requires: token.is_valid
    requires: exists token.user
    requires: token.user.is_active
    requires: token.user.is_superuser
    requires: exists user
    ensures: not exists user
}`,
	}
	d := New(Options{})
	defer d.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py":           models,
				"app/api/deps.py":         strings.Replace(deps, "TOKEN", tt.token, 1),
				"app/api/routes/users.py": routes,
			})
			for rule, want := range wants {
				if got := construct(out.Module, rule); got != want {
					t.Errorf("%s: got:\n%s\nwant:\n%s\nnotes: %v", rule, got, want, out.Notes)
				}
			}
		})
	}
}
