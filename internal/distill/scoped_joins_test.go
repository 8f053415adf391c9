package distill

import (
	"slices"
	"strings"
	"testing"
)

// TestScopedJoinLeftOut: a lookup narrowed by a condition the spec cannot
// name (Household.group_id == self.group.id, of a group the code has just
// looked up) is left out, even when another condition names rows
// (Household.name == household): a household's name is unique only within
// its group, and Household{name: household} would find one of any group.
// mealie's User.update (db/models/users/users.py:164-182).
func TestScopedJoinLeftOut(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from uuid import UUID
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship, Session
class Base(DeclarativeBase):
    pass
class Group(Base):
    __tablename__ = "groups"
    id: Mapped[UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64), unique=True)
class Household(Base):
    __tablename__ = "households"
    id: Mapped[UUID] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(64))
    group_id: Mapped[UUID] = mapped_column(ForeignKey("groups.id"))
class User(Base):
    __tablename__ = "users"
    id: Mapped[UUID] = mapped_column(primary_key=True)
    group_id: Mapped[UUID | None] = mapped_column(ForeignKey("groups.id"), nullable=True)
    group: Mapped[Group | None] = relationship()
    household_id: Mapped[UUID | None] = mapped_column(ForeignKey("households.id"), nullable=True)
    household: Mapped[Household | None] = relationship()

    def update(self, session: Session, group, household):
        self.group = session.execute(select(Group).filter(Group.name == group)).scalars().one_or_none()
        if self.group:
            self.household = (
                session.execute(select(Household).filter(Household.name == household, Household.group_id == self.group.id))
                .scalars()
                .one_or_none()
            )
        else:
            self.household = None
`,
		"app/views.py": `
from fastapi import APIRouter, Depends
from pydantic import BaseModel
from app.models import User
router = APIRouter()
def get_session():
    pass
class UserUpdate(BaseModel):
    group: str
    household: str
@router.put("/users/{user_id}")
def update_user(user_id: str, body: UserUpdate, session=Depends(get_session)):
    user = session.get(User, user_id)
    user.update(session, body.group, body.household)
    session.commit()
`,
	}
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, files)
	checkConstructs(t, out, []idiomCase{
		{name: "the scoped lookup is left out, the rest kept", construct: "UpdateUser",
			want:    []string{"user.group = Group{name: group}", "if not exists Group{name: group}:", "user.household = null"},
			notWant: []string{"Household{name: household}"}},
	})
	if !slices.ContainsFunc(out.Notes, func(n string) bool { return strings.Contains(n, "User.household left out") }) {
		t.Errorf("no note on the household left out: %v", out.Notes)
	}
}
