package distill

import "testing"

// TestJoinTruth pins that a test of a field just set to the row a lookup
// names, or none (mealie's User.update, db/models/users/users.py:172-173:
// self.group = session.execute(select(Group)...).scalars().one_or_none();
// if self.group:), reads as that row's existence, not the truth of a
// join, which Allium does not give.
func TestJoinTruth(t *testing.T) {
	runIdiomCases(t, map[string]string{
		"app/models.py": `
from sqlalchemy import ForeignKey, String, select
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship


class Base(DeclarativeBase):
    pass


class Group(Base):
    __tablename__ = "groups"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String)


class Profile(Base):
    __tablename__ = "profiles"
    id: Mapped[int] = mapped_column(primary_key=True)
    group_id: Mapped[int | None] = mapped_column(ForeignKey("groups.id"))
    group: Mapped["Group"] = relationship("Group")
    note: Mapped[str] = mapped_column(String)

    def regroup(self, session, group):
        self.group = session.execute(select(Group).filter(Group.name == group)).scalars().one_or_none()
        if self.group:
            self.note = "grouped"
        else:
            self.note = "alone"
`,
		"app/views.py": `
from flask import Flask, request
from .db import session
from .models import Profile

app = Flask(__name__)

@app.route("/profiles/<int:profile_id>/group", methods=["POST"])
def regroup(profile_id):
    profile = session.get(Profile, profile_id)
    profile.regroup(session, request.form["group"])
    session.commit()
    return "ok"
`,
		"app/db.py": `
from sqlalchemy import create_engine
from sqlalchemy.orm import Session

session = Session(create_engine("sqlite://"))
`,
	}, []idiomCase{{name: "the row's existence", construct: "Regroup", want: []string{"if exists Group{name: group}:", `profile.note = "grouped"`}, notWant: []string{"if Group{name: group}:"}}})
}
