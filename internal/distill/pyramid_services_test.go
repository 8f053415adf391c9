package distill

import "testing"

// TestPyramidServiceIdioms: a Pyramid view reaches the database through a
// service it looks up by interface (request.find_service(IUserService)),
// which the class declared @implementer(IUserService) provides; it builds
// the form class its parameter defaults to (_form_class=RegistrationForm)
// and runs the form's validators, the functions listed in a field's
// validators too; a query of one column (query(User.id)) finds the row.
func TestPyramidServiceIdioms(t *testing.T) {
	d := New(Options{})
	const models = `
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
class Base(DeclarativeBase):
    pass
class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str]
    name: Mapped[str]
`
	const interfaces = `
from zope.interface import Interface
class IUserService(Interface):
    def find_userid(username):
        """Return the id of the user called username."""
    def create_user(username, name):
        """Create a user."""
`
	const impl = `
from zope.interface import implementer
from sqlalchemy.exc import NoResultFound
from app.interfaces import IUserService
from app.models import User
@implementer(IUserService)
class DatabaseUserService:
    def __init__(self, session):
        self.db = session
    def find_userid(self, username):
        try:
            user = self.db.query(User.id).filter(User.username == username).one()
        except NoResultFound:
            return None
        return user.id
    def create_user(self, username, name):
        user = User(username=username, name=name)
        self.db.add(user)
        return user
`
	const other = `
from zope.interface import implementer
from app.interfaces import IUserService
from app.models import User
@implementer(IUserService)
class OtherUserService:
    def find_userid(self, username):
        return None
    def create_user(self, username, name):
        user = User(username=username, name=name)
        self.db.add(user)
        return user
`
	const forms = `
import wtforms
def _check_for_email(form, field):
    if field.data and "@" in field.data:
        raise wtforms.validators.StopValidation("not an email")
class RegistrationForm(wtforms.Form):
    username = wtforms.StringField(validators=[wtforms.validators.InputRequired(), _check_for_email])
    full_name = wtforms.StringField()
    def __init__(self, *args, user_service, **kwargs):
        super().__init__(*args, **kwargs)
        self.user_service = user_service
    def validate_username(self, field):
        if self.user_service.find_userid(field.data) is not None:
            raise wtforms.validators.ValidationError("taken")
`
	const view = `
from pyramid.view import view_config
from app.interfaces import IUserService
from app.forms import RegistrationForm
@view_config(route_name="accounts.register", require_methods=False)
def register(request, _form_class=RegistrationForm):
    user_service = request.find_service(IUserService, context=None)
    form = _form_class(request.POST, user_service=user_service)
    if request.method == "POST" and form.validate():
        user_service.create_user(form.username.data, form.full_name.data)
    return {"form": form}
`
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{
			name:  "the one implementer of the interface serves the view",
			files: map[string]string{"app/services.py": impl},
			want: `rule Register {
    when: Register(username, full_name)
    let user = User{username}
    requires: not exists user
    requires: not contains(username, "@")
    ensures: User.created(username: username, name: full_name)
}`,
		},
		{
			name:  "with two implementers which one is registered is configuration: no rule",
			files: map[string]string{"app/services.py": impl, "app/other.py": other},
			want:  "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"app/models.py": models, "app/interfaces.py": interfaces, "app/forms.py": forms, "app/views.py": view}
			for k, v := range tt.files {
				files[k] = v
			}
			out := distilText(t, d, files)
			if got := construct(out.Module, "Register"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}

// TestAnnotatedColumnAliases: a column annotated with a module-level
// alias of an Annotated type (warehouse's bool_false = Annotated[bool,
// mapped_column(...)], Mapped[bool_false]) has the alias's type.
func TestAnnotatedColumnAliases(t *testing.T) {
	d := New(Options{})
	const types = `
import datetime
from typing import Annotated
from sqlalchemy import sql
from sqlalchemy.orm import mapped_column
bool_false = Annotated[bool, mapped_column(server_default=sql.false())]
datetime_now = Annotated[datetime.datetime, mapped_column(server_default=sql.func.now())]
looping = Annotated["looping", mapped_column()]
`
	tests := []struct {
		name, column, want string
	}{
		{"a Boolean alias", "is_frozen: Mapped[bool_false]", "is_frozen: Boolean"},
		{"an optional timestamp alias", "joined: Mapped[datetime_now | None]", "joined: Timestamp?"},
		{"an alias of itself is no type", "odd: Mapped[looping]", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			models := `
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
from app.types import bool_false, datetime_now, looping
class Base(DeclarativeBase):
    pass
class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str]
    ` + tt.column + "\n"
			out := distilText(t, d, map[string]string{"app/types.py": types, "app/models.py": models})
			got := construct(out.Module, "User")
			want := "entity User {\n    username: String\n}"
			if tt.want != "" {
				want = "entity User {\n    username: String\n    " + tt.want + "\n}"
			}
			if got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// TestPyramidSessionsAndHasher: pyramid.security's remember(request,
// userid) signs the user in and forget(request) signs out; passlib's
// CryptContext kept as self.hasher hashes the password it stores.
func TestPyramidSessionsAndHasher(t *testing.T) {
	d := New(Options{})
	const models = `
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
class Base(DeclarativeBase):
    pass
class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str]
    password: Mapped[str]
`
	const views = `
from passlib.context import CryptContext
from pyramid.httpexceptions import HTTPSeeOther
from pyramid.security import forget, remember
from pyramid.view import view_config
from app.models import User
class UserService:
    def __init__(self, session):
        self.db = session
        self.hasher = CryptContext(schemes=["argon2"])
    def create_user(self, username, password):
        user = User(username=username, password=self.hasher.hash(password))
        self.db.add(user)
        return user
@view_config(route_name="accounts.register", require_methods=False)
def register(request):
    user = UserService(request.db).create_user(request.POST["username"], request.POST["password"])
    remember(request, str(user.id))
    return HTTPSeeOther("/")
@view_config(route_name="accounts.logout", require_methods=False)
def logout(request):
    if request.user is None:
        return HTTPSeeOther("/")
    if request.method == "POST":
        headers = forget(request)
        return HTTPSeeOther("/", headers=headers)
    return {}
`
	tests := []struct{ rule, want string }{
		{"Register", `rule Register {
    when: Register(username, password)
    ensures:
        let user = User.created(username: username, password: hash(password))
        Session.created(user: user)
}`},
		{"Logout", `rule Logout {
    when: Logout(user, session)
    requires: exists user
    ensures: not exists session
}`},
	}
	out := distilText(t, d, map[string]string{"app/models.py": models, "app/views.py": views})
	for _, tt := range tests {
		t.Run(tt.rule, func(t *testing.T) {
			if got := construct(out.Module, tt.rule); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}

// TestRootPackageImports: a service read from its package's own directory
// (distill dir .../warehouse, with warehouse/__init__.py) imports its
// modules by the package's name (from shop.models import User for
// models.py); without the root __init__.py the name stays unknown.
func TestRootPackageImports(t *testing.T) {
	d := New(Options{})
	const models = `
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
class Base(DeclarativeBase):
    pass
class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
`
	const views = `
from pyramid.view import view_config
from shop.services import UserService
@view_config(route_name="users.create", require_methods=False)
def create(request):
    UserService(request.db).create(request.POST["name"])
    return {}
`
	const services = `
from shop.models import User
class UserService:
    def __init__(self, session):
        self.db = session
    def create(self, name):
        self.db.add(User(name=name))
`
	tests := []struct {
		name string
		root bool
		want string
	}{
		{"the directory is the package", true, "rule Create {\n    when: Create(name)\n    ensures: User.created(name: name)\n}"},
		{"no root package: the import names nothing of the service", false, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{"models.py": models, "views.py": views, "services.py": services}
			if tt.root {
				files["__init__.py"] = ""
			}
			out := distilText(t, d, files)
			if got := construct(out.Module, "Create"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
