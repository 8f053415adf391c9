package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// renameUserView sets a plain attribute and a column of a user it loads.
const renameUserView = `
from flask import Blueprint, request
from app.models import User, db
bp = Blueprint("b", __name__)
@bp.route("/users/<int:uid>", methods=["POST"])
def rename(uid):
    user = db.session.get(User, uid)
    user.display_name = request.form["name"]
    user.email = request.form["email"]
    db.session.commit()
    return ""
`

// TestPlainAttrOnDeclarativeModel: a declarative model (Flask-SQLAlchemy,
// SQLAlchemy's declarative bases) maps only column calls and Mapped[...]
// annotations, so an attribute annotated otherwise with no column call
// (flask-realworld's token: str set to the empty string, conduit/user/models.py:19) is no
// field and writing it is no outcome nor a note; a bare Mapped annotation
// (warehouse's is_active: Mapped[bool_false]) and a SQLModel table's
// annotation stay columns.
func TestPlainAttrOnDeclarativeModel(t *testing.T) {
	d := New(Options{})
	for _, tc := range []struct {
		name  string
		files map[string]string
		plain bool
	}{
		{"Flask-SQLAlchemy db.Model", map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), nullable=False)
    display_name: str = ''
`}, true},
		{"a model_class built on flask_sqlalchemy.Model, named again", map[string]string{"app/ext.py": `
from flask_sqlalchemy import SQLAlchemy, Model
class CRUDMixin(Model):
    def save(self):
        db.session.add(self)
        db.session.commit()
        return self
db = SQLAlchemy(model_class=CRUDMixin)
`, "app/database.py": `
from app.ext import db
Column = db.Column
Model = db.Model
`, "app/models.py": `
from app.database import Column, Model
from app.ext import db
class User(Model):
    id = Column(db.Integer, primary_key=True)
    email = Column(db.String(120), nullable=False)
    display_name: str = ''
`}, true},
		{"declarative_base()", map[string]string{"app/models.py": `
from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base
from app.ext import db
Base = declarative_base()
class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String, nullable=False)
    display_name: str
`}, true},
		{"SQLAlchemy 2.0: a bare Mapped annotation is a column", map[string]string{"app/models.py": `
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from app.ext import db
class Base(DeclarativeBase):
    pass
class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column()
    display_name: Mapped[str]
`}, false},
		{"SQLModel table: an annotation is a column", map[string]string{"app/models.py": `
from sqlmodel import Field, SQLModel
from app.ext import db
class User(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str
    display_name: str = ''
`}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"app/views.py": renameUserView}
			if _, ok := tc.files["app/ext.py"]; !ok {
				files["app/ext.py"] = "from flask_sqlalchemy import SQLAlchemy\ndb = SQLAlchemy()\n"
			}
			for p, s := range tc.files {
				files[p] = s
			}
			out := distilText(t, d, files)
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			if !strings.Contains(text, "user.email = email") {
				t.Fatalf("the column write is missing:\n%s", text)
			}
			if got := strings.Contains(text, "display_name"); got == tc.plain {
				t.Errorf("display_name stated = %v, want %v:\n%s", got, !tc.plain, text)
			}
			if tc.plain {
				for _, n := range out.Notes {
					if strings.Contains(n, "display_name") {
						t.Errorf("a note on the plain attribute: %s", n)
					}
				}
			}
		})
	}
}
