package distill

import "testing"

// TestKeyReferences pins how a primary key that is also a foreign key is
// read: dispatch's DispatchUserOrganization is keyed by the user and the
// organization it links, and each key is a reference the spec states;
// CTFd's Solve(Submission) shares its parent's key, which stays an id.
func TestKeyReferences(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, model, entity, want string
	}{
		{
			name: "an association row keyed by the two rows it links states both references",
			model: `
class Membership(Base):
    __tablename__ = "memberships"
    user_id = Column(Integer, ForeignKey(User.id), primary_key=True)
    user = relationship(User, backref="memberships")
    org_id = Column(Integer, ForeignKey("orgs.id"), primary_key=True)
    role = Column(String, nullable=False)
`,
			entity: "Membership",
			want: `entity Membership {
    user: User
    org: Org
    role: String
}`,
		},
		{
			name: "its backref is the user's collection of rows",
			model: `
class Membership(Base):
    __tablename__ = "memberships"
    user_id = Column(Integer, ForeignKey(User.id), primary_key=True)
    user = relationship(User, backref="memberships")
    org_id = Column(Integer, ForeignKey("orgs.id"), primary_key=True)
    role = Column(String, nullable=False)
`,
			entity: "User",
			want: `entity User {
    email: String

    memberships: Membership with user = this
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
