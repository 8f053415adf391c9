package distill

import (
	"strings"
	"testing"
)

// TestExistsBuilders pins SQLAlchemy's row tests: session.query(exists()
// .where(Model.col == x)).scalar() is exists Model{col: x} (catalog
// exists_builders); a one-column query's row read at index 0 is that
// column; a test of a required reference of a found row is a test that
// the row exists.
func TestExistsBuilders(t *testing.T) {
	d := New(Options{})
	models := `
from sqlalchemy import Column, Integer, String, ForeignKey
from sqlalchemy.orm import declarative_base, relationship
Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    username = Column(String)

class Email(Base):
    __tablename__ = "emails"
    id = Column(Integer, primary_key=True)
    user_id = Column(Integer, ForeignKey("users.id"), nullable=False)
    user = relationship(User)
    email = Column(String)

class ProhibitedUserName(Base):
    __tablename__ = "prohibited"
    id = Column(Integer, primary_key=True)
    name = Column(String)
`
	route := func(helpers string) map[string]string {
		return map[string]string{"app/__init__.py": "", "app/db.py": "db = None\n", "app/models.py": models, "app/routes.py": `
from flask import Blueprint, request, abort
from sqlalchemy import exists
from sqlalchemy.exc import NoResultFound
from app.models import User, Email, ProhibitedUserName
from app.db import db
bp = Blueprint("a", __name__)
` + helpers + `
@bp.post("/signup")
def signup():
    username = request.form["username"]
    email = request.form["email"]
    if check(username, email):
        abort(400)
    db.session.add(User(username=username))
    db.session.commit()
`}
	}
	tests := []struct {
		name    string
		helpers string
		want    []string
		absent  []string
	}{
		{
			name: "exists().where() answered by scalar()",
			helpers: `
def check(username, email):
    return db.session.query(exists().where(ProhibitedUserName.name == username.lower())).scalar()
`,
			want: []string{"requires: not exists ProhibitedUserName{name: lowercase(username)}"},
		},
		{
			name: "a one-column row at index 0, a required reference tested",
			helpers: `
def find_userid_by_email(email):
    try:
        user_id = (db.session.query(Email.user_id).filter(Email.email == email).one())[0]
    except NoResultFound:
        return None
    return user_id

def check(username, email):
    return find_userid_by_email(email)
`,
			want:   []string{"requires: not exists Email{email}"},
			absent: []string{"Email{email}.user"},
		},
		{
			name: "a local function named exists is not the builder",
			helpers: `
def exists():
    return None

def check(username, email):
    return db.session.query(exists().where(ProhibitedUserName.name == username)).scalar()
`,
			absent: []string{"ProhibitedUserName{"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, route(tt.helpers))
			got := construct(out.Module, "Signup")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("rule lacks %q:\n%s", w, got)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(got, a) {
					t.Errorf("rule holds %q:\n%s", a, got)
				}
			}
		})
	}
}
