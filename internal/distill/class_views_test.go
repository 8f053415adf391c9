package distill

import "testing"

// TestFastAPIClassBasedViews: a class decorated as a class-based view
// (fastapi-utils' @cbv(router), mealie's @controller(router); catalog
// controller_decorators) has its route-decorated methods as handlers, its
// Depends() class attributes as what self reads. Run untuned on
// mealie-recipes/mealie, distill found 25 of its 248 routes: the rest are
// such methods. A class without the decorator has no routes.
func TestFastAPIClassBasedViews(t *testing.T) {
	out := distilText(t, New(Options{}), map[string]string{"app/models.py": `
from sqlalchemy import Column, String
from sqlalchemy.orm import declarative_base
Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    email = Column(String, unique=True, nullable=False)
    name = Column(String)
`, "app/api.py": `
from fastapi import APIRouter, Depends
from fastapi_utils.cbv import cbv
from pydantic import BaseModel
from sqlalchemy.orm import Session
from app.models import User
from app.db import get_db

router = APIRouter()

class UserIn(BaseModel):
    email: str
    name: str

@cbv(router)
class UserController:
    session: Session = Depends(get_db)

    @router.post("/users")
    def create_user(self, data: UserIn):
        user = User(email=data.email, name=data.name)
        self.session.add(user)
        self.session.commit()
        return user

class Undecorated:
    @router.post("/others")
    def create_other(self, data: UserIn):
        self.session.add(User(email=data.email, name=data.name))
`})
	want := `rule CreateUser {
    when: CreateUser(email, name)
    ensures: User.created(email: email, name: name)
}`
	if got := construct(out.Module, "CreateUser"); got != want {
		t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, want, out.Notes)
	}
	if got := construct(out.Module, "CreateOther"); got != "" {
		t.Errorf("a method of an undecorated class is no route, got:\n%s", got)
	}
}
