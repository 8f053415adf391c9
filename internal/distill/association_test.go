package distill

import (
	"strings"
	"testing"
)

// TestKeyReferences pins how a primary key that is also a foreign key is
// read: dispatch's DispatchUserOrganization is keyed by the user and the
// organization it links, and each key is a reference the spec states;
// CTFd's Solve(Submission) shares its parent's key, which stays an id.
func TestKeyReferences(t *testing.T) {
	d := New(Options{})
	membership := `
class Membership(Base):
    __tablename__ = "memberships"
    user_id = Column(Integer, ForeignKey(User.id), primary_key=True)
    user = relationship(User, backref="memberships")
    org_id = Column(Integer, ForeignKey("orgs.id"), primary_key=True)
    role = Column(String, nullable=False)
`
	tests := []struct {
		name, model, entity, want string
	}{
		{
			name:   "an association row keyed by the two rows it links states both references",
			model:  membership,
			entity: "Membership",
			want: `entity Membership {
    user: User
    org: Org
    role: String
}`,
		},
		{
			name:   "its backref is the user's collection of rows",
			model:  membership,
			entity: "User",
			want: `entity User {
    email: String

    memberships: Membership with user = this
}`,
		},
		{
			// flask-base: Role.users = db.relationship("User", backref="role").
			name: "a relationship with a backref on the side without the key is the collection of the rows that hold it",
			model: `
class Team(Base):
    __tablename__ = "teams"
    id = Column(Integer, primary_key=True)
    members = relationship("Player", backref="team", lazy="dynamic")
    captain = relationship("Player", uselist=False, backref="captained")
    sponsors = relationship("Player")

class Player(Base):
    __tablename__ = "players"
    id = Column(Integer, primary_key=True)
    team_id = Column(Integer, ForeignKey("teams.id"))
`,
			entity: "Team",
			want: `entity Team {
    members: Player with team = this
}`,
		},
		{
			name: "a lone key that is a foreign key is the row's identity (joined-table inheritance)",
			model: `
class Admin(User):
    __tablename__ = "admins"
    id = Column(Integer, ForeignKey("users.id"), primary_key=True)
    level = Column(Integer, nullable=False)
`,
			entity: "Admin",
			want: `entity Admin {
    level: Integer
}`,
		},
		{
			// mealie's ShoppingListRecipeReference (db/models/household/
			// shopping_list.py:98-102): a key of its own and the list's
			// key make the composite key; the relationship to the list is
			// a plain reference, not the list's collection seen back.
			name: "a foreign key in a composite key beside a key of its own is a reference",
			model: `
from sqlalchemy.orm import Mapped, mapped_column

class Team(Base):
    __tablename__ = "teams"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String)
    refs: Mapped[list["TeamRef"]] = relationship("TeamRef", back_populates="team")

class TeamRef(Base):
    __tablename__ = "team_refs"
    id: Mapped[int] = mapped_column(primary_key=True)
    team: Mapped["Team"] = relationship("Team", back_populates="refs")
    team_id: Mapped[int] = mapped_column(ForeignKey("teams.id"), primary_key=True)
    note: Mapped[str] = mapped_column(String)
`,
			entity: "TeamRef",
			want: `entity TeamRef {
    team: Team
    note: String
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": `
from sqlalchemy import Column, String, Integer, ForeignKey
from sqlalchemy.orm import declarative_base, relationship
Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String, nullable=False)

class Org(Base):
    __tablename__ = "orgs"
    id = Column(Integer, primary_key=True)
` + tt.model})
			if got := construct(out.Module, tt.entity); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}

// TestRelationshipSearch pins dispatch's role check: a model method that
// searches a relationship for the row a test names and returns a field
// of it is that row's field, and a StrEnum whose values are capitalised
// ("Owner") still gives its members (owner).
func TestRelationshipSearch(t *testing.T) {
	d := New(Options{})
	models := `
from enum import StrEnum
from sqlalchemy import Column, String, Integer, ForeignKey
from sqlalchemy.orm import declarative_base, relationship
Base = declarative_base()

class Roles(StrEnum):
    owner = "Owner"
    member = "Member"

class Org(Base):
    __tablename__ = "orgs"
    id = Column(Integer, primary_key=True)
    slug = Column(String, nullable=False)

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String, nullable=False)

    def org_role(self, slug):
` + "%s" + `

class Membership(Base):
    __tablename__ = "memberships"
    user_id = Column(Integer, ForeignKey(User.id), primary_key=True)
    user = relationship(User, backref="memberships")
    org_id = Column(Integer, ForeignKey(Org.id), primary_key=True)
    org = relationship(Org, backref="members")
    role = Column(String, default=Roles.member)
`
	view := `
from fastapi import APIRouter, HTTPException, Depends
from .models import User, Roles
from .auth import get_current_user
router = APIRouter()

@router.put("/users/{user_id}/email")
def rename_user(user_id: int, org: str, email: str, db_session: DbSession, current_user: User = Depends(get_current_user)):
    if current_user.org_role(org) != Roles.owner:
        raise HTTPException(status_code=403, detail="owners only")
    user = db_session.query(User).filter(User.id == user_id).one_or_none()
    user.email = email
    db_session.commit()
`
	tests := []struct {
		name, method, want string
	}{
		{
			name: "a search by a field of the row it refers to",
			method: `        for m in self.memberships:
            if m.org.slug == slug:
                return m.role`,
			want: "    requires: Membership{user: current_user, org: Org{slug: org}}.role = owner\n",
		},
		{
			name: "a search by the row's own reference",
			method: `        for m in self.memberships:
            if m.org_id == slug:
                return m.role`,
			want: "    requires: Membership{user: current_user, org: org}.role = owner\n",
		},
		{
			name: "a search with a result of its own when it finds nothing is not the row's field: the guard is left out",
			method: `        for m in self.memberships:
            if m.org.slug == slug:
                return m.role
        return Roles.owner`,
			want: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": strings.Replace(models, "%s", tt.method, 1),
				"app/views.py":  view,
			})
			got := construct(out.Module, "RenameUser")
			if !strings.Contains(got, "ensures: user.email = email\n") || strings.Contains(got, "owner") != (tt.want != "") || !strings.Contains(got, tt.want) {
				t.Errorf("got:\n%s\nwant a rule with:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}

// TestFlaskReferenceIdioms pins flask-base's admin views and healthchecks'
// signup: a constructor keyword or an assignment that names the
// relationship beside a key (User(role=...), user.role = ...) sets it; an
// input id compared with the signed-in user's id is the user a lookup by
// it finds; a row created under a name a lookup holds is new_<name>
// when a later row refers to it.
func TestFlaskReferenceIdioms(t *testing.T) {
	d := New(Options{})
	models := `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()

class Role(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    users = db.relationship("User", backref="role", lazy="dynamic")

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(64), nullable=False)
    role_id = db.Column(db.Integer, db.ForeignKey("roles.id"))

class Profile(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
`
	tests := []struct {
		name, route, body, rule, want string
	}{
		{
			name: "a constructor keyword naming the relationship beside a key",
			route: `@app.route("/users", methods=["POST"])
def new_user():`,
			body: `    user = User(role=request.form["role"], email=request.form["email"])
    db.session.add(user)`,
			rule: "NewUser",
			want: `rule NewUser {
    when: NewUser(role, email)
    ensures: User.created(role: role, email: email)
}`,
		},
		{
			name: "an input id compared with the signed-in user's is the user looked up by it; an assignment to the relationship",
			route: `@app.route("/user/<int:user_id>/role", methods=["POST"])
@login_required
def change_role(user_id):`,
			body: `    if current_user.id == user_id:
        return redirect("/")
    user = User.query.get(user_id)
    if user is None:
        abort(404)
    user.role = request.form["role"]`,
			rule: "ChangeRole",
			want: `rule ChangeRole {
    when: ChangeRole(current_user, user, role)
    requires: current_user != user
    requires: exists user
    ensures: user.role = role
}`,
		},
		{
			// The lookup's let is only the test that no row matches: the
			// test reads the lookup itself and the name goes to the row
			// the code rebinds it to.
			name: "a row created under the name of a lookup only tested absent takes the name",
			route: `@app.route("/signup", methods=["POST"])
def signup():`,
			body: `    user = User.query.filter_by(email=request.form["email"]).first()
    if user is not None:
        abort(400)
    user = User(email=request.form["email"])
    db.session.add(user)
    db.session.add(Profile(user=user))`,
			rule: "Signup",
			want: `rule Signup {
    when: Signup(email)
    requires: not exists User{email}
    ensures:
        let user = User.created(email: email)
        Profile.created(user: user)
}`,
		},
		{
			// healthchecks' signup: the lookup is also the condition of the
			// creation, so it keeps its let and the new row is new_user.
			name: "a row created under the name of a lookup read elsewhere is new_<name> to the row that refers to it",
			route: `@app.route("/signup", methods=["POST"])
def signup():`,
			body: `    user = User.query.filter_by(email=request.form["email"]).first()
    if user is None:
        user = User(email=request.form["email"])
        db.session.add(user)
        db.session.add(Profile(user=user))`,
			rule: "Signup",
			want: `rule Signup {
    when: Signup(email)
    let user = User{email}
    ensures:
        if not exists user:
            let new_user = User.created(email: email)
            Profile.created(user: new_user)
}`,
		},
		{
			name: "a field a branch of unknown condition sets on a row created after the if is not stated as always set",
			route: `@app.route("/register", methods=["POST"])
def register():`,
			body: `    user = User(email=request.form["email"])
    if [h for h in current_app.extensions["handlers"] if h.accepts(user)]:
        user.role = request.form["role"]
    db.session.add(user)`,
			rule: "Register",
			want: `rule Register {
    when: Register(email, role)
    ensures: User.created(email: email)
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/views.py": `
from flask import Flask, request, redirect, abort
from flask_login import login_required, current_user
from app.models import User, Profile, db
app = Flask(__name__)

` + tt.route + `
` + tt.body + `
    db.session.commit()
    return redirect("/")
`})
			if got := construct(out.Module, tt.rule); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
