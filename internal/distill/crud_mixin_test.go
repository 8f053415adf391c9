package distill

import (
	"testing"
)

// conduitService is the shape of gothinkster's flask-realworld-example-app
// in small: a CRUD mixin made the model class of Flask-SQLAlchemy, a
// foreign-key column helper, models with an __init__ of their own that
// hands the columns on to db.Model's, flask-jwt-extended tokens, and a
// many-to-many set through an association table.
var conduitService = map[string]string{
	"conduit/extensions.py": `
from flask_sqlalchemy import SQLAlchemy, Model

class CRUDMixin(Model):
    def save(self, commit=True):
        db.session.add(self)
        if commit:
            db.session.commit()
        return self

db = SQLAlchemy(model_class=CRUDMixin)
`,
	"conduit/database.py": `
from sqlalchemy.orm import relationship
from .extensions import db

Model = db.Model
relationship = relationship

def reference_col(tablename, nullable=False, pk_name="id", **kwargs):
    return db.Column(db.ForeignKey("{0}.{1}".format(tablename, pk_name)), nullable=nullable, **kwargs)
`,
	"conduit/models.py": `
from flask_bcrypt import Bcrypt
from conduit.database import Model, db, reference_col, relationship

bcrypt = Bcrypt()

follows_assoc = db.Table("follows_assoc",
    db.Column("follower", db.Integer, db.ForeignKey("userprofile.id")),
    db.Column("followed", db.Integer, db.ForeignKey("userprofile.id")))

class User(Model):
    __tablename__ = "users"
    username = db.Column(db.String(80), unique=True, nullable=False)
    email = db.Column(db.String(100), unique=True, nullable=False)
    password = db.Column(db.Binary(128), nullable=True)
    bio = db.Column(db.String(300), nullable=True)
    created_at = db.Column(db.DateTime, nullable=False)
    updated_at = db.Column(db.DateTime, nullable=False)
    token: str = ""

    def __init__(self, username, email, password=None, **kwargs):
        db.Model.__init__(self, username=username, email=email, **kwargs)
        self.password = bcrypt.generate_password_hash(password)

    def check_password(self, value):
        return bcrypt.check_password_hash(self.password, value)

class UserProfile(Model):
    __tablename__ = "userprofile"
    user_id = reference_col("users", nullable=False)
    user = relationship("User", backref=db.backref("profile", uselist=False))
    follows = relationship("UserProfile", secondary=follows_assoc, backref="followed_by")

    def __init__(self, user, **kwargs):
        db.Model.__init__(self, user=user, **kwargs)
`,
	"conduit/serializers.py": `
from marshmallow import Schema, fields

class UserSchema(Schema):
    username = fields.Str()
    email = fields.Email()
    password = fields.Str(load_only=True)
    bio = fields.Str()
    token = fields.Str(dump_only=True)
    updatedAt = fields.DateTime(attribute="updated_at")

user_schema = UserSchema()
`,
	"conduit/views.py": `
from flask import Blueprint
from flask_apispec import use_kwargs
from conduit.serializers import user_schema
from flask_jwt_extended import create_access_token, current_user, jwt_required
from sqlalchemy.exc import IntegrityError
from conduit.extensions import db
from conduit.models import User, UserProfile, bcrypt

bp = Blueprint("user", __name__)

@bp.route("/api/users", methods=("POST",))
def register_user(username, password, email):
    try:
        profile = UserProfile(User(username, email, password=password).save()).save()
    except IntegrityError:
        db.session.rollback()
        raise ValueError("already registered")
    return profile

@bp.route("/api/users/login", methods=("POST",))
def login_user(email, password):
    user = User.query.filter_by(email=email).first()
    if user is not None and user.check_password(password):
        user.token = create_access_token(identity=user)
        return user
    raise ValueError("not found")

@bp.route("/api/user", methods=("PUT",))
@jwt_required
@use_kwargs(user_schema)
def update_user(**kwargs):
    user = current_user
    password = kwargs.pop("password", None)
    if password:
        user.password = bcrypt.generate_password_hash(password)
    if "updated_at" in kwargs:
        kwargs["updated_at"] = user.created_at.replace(tzinfo=None)
    for attr, value in kwargs.items():
        setattr(user, attr, value)
    db.session.commit()
    return user

@bp.route("/api/profiles/<username>/follow", methods=("POST",))
@jwt_required
def follow_user(username):
    user = User.query.filter_by(username=username).first()
    if not user:
        raise ValueError("not found")
    current_user.profile.follows.append(user.profile)
    db.session.commit()

@bp.route("/api/profiles/<username>/follow", methods=("DELETE",))
@jwt_required
def unfollow_user(username):
    user = User.query.filter_by(username=username).first()
    if not user:
        raise ValueError("not found")
    current_user.profile.follows.remove(user.profile)
    db.session.commit()
`,
}

// TestConduitIdioms pins what the shapes of conduitService give, one
// mechanism a case.
func TestConduitIdioms(t *testing.T) {
	out := distilText(t, New(Options{}), conduitService)
	tests := []struct {
		name      string
		construct string
		want      string
	}{
		{
			// db = SQLAlchemy(model_class=CRUDMixin): db.Model is the
			// mixin, a declarative base of no columns, not an entity.
			name:      "the model class given to the registry is no entity",
			construct: "CRUDMixin",
			want:      "",
		},
		{
			// reference_col("users") returns db.Column(db.ForeignKey(
			// "users.id")); the follows set runs through follows_assoc.
			name:      "a column helper's column is a key, a relationship through an association table a set",
			construct: "UserProfile",
			want: `entity UserProfile {
    user: User
    follows: Set<UserProfile>
}`,
		},
		{
			// User(username, email, password=p) runs User.__init__, which
			// hands username and email to db.Model.__init__ and hashes the
			// password; save() is the mixin's, and the unnamed new user is
			// the profile's. IntegrityError refuses a duplicate of either
			// unique column.
			name:      "an own __init__, a mixin's save, an unnamed new row, a caught IntegrityError",
			construct: "RegisterUser",
			want: `rule RegisterUser {
    when: RegisterUser(username, email, password)
    requires: not exists User{username}
    requires: not exists User{email}
    ensures:
        let user = User.created(username: username, email: email, password: hash(password))
        UserProfile.created(user: user)
}`,
		},
		{
			name:      "create_access_token(identity=user) signs an access token for the user",
			construct: "LoginUser",
			want: `rule LoginUser {
    when: LoginUser(email, password)
    let user = User{email}
    requires: exists user and verify(password, user.password)
    ensures: AccessToken.created(user: user)
}`,
		},
		{
			// @use_kwargs(user_schema): **kwargs holds those of the fields
			// UserSchema loads (not token, dump_only) that the body gives,
			// each set only when given; the password is popped with a None
			// default, so it may be absent; updated_at is set by the code,
			// not taken from the request (and is bookkeeping).
			name:      "a schema's fields are the view's keyword arguments, an entry the code sets is not the input",
			construct: "UpdateUser",
			want: `rule UpdateUser {
    when: UpdateUser(password, user, bio, email, username)
    ensures:
        if exists password:
            user.password = hash(password)
        if exists bio:
            user.bio = bio
        if exists email:
            user.email = email
        if exists username:
            user.username = username
}`,
		},
		{
			// backref("profile", uselist=False): user.profile is one row.
			name:      "appending to a many-to-many set adds to it",
			construct: "FollowUser",
			want: `rule FollowUser {
    when: FollowUser(user, current_user)
    requires: exists user
    ensures: current_user.profile.follows.add(user.profile)
}`,
		},
		{
			name:      "removing from a many-to-many set removes from it",
			construct: "UnfollowUser",
			want: `rule UnfollowUser {
    when: UnfollowUser(user, current_user)
    requires: exists user
    ensures: current_user.profile.follows.remove(user.profile)
}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := construct(out.Module, tc.construct); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// TestColumnHelperFormats: a column helper's foreign key target formatted
// with numbered or automatic fields is read; one with a named field is not
// (the key, and the relationship on it, are left out).
func TestColumnHelperFormats(t *testing.T) {
	tests := []struct {
		name, format, want string
	}{
		{"numbered fields", `"{0}.{1}"`, "entity Profile {\n    user: User\n}"},
		{"automatic fields", `"{}.{}"`, "entity Profile {\n    user: User\n}"},
		{"a named field is not read", `"{table}.id"`, "entity Profile {}"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, New(Options{}), map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import relationship
db = SQLAlchemy()

def reference_col(tablename, pk_name="id"):
    return db.Column(db.ForeignKey(` + tc.format + `.format(tablename, pk_name)), nullable=False)

class User(db.Model):
    __tablename__ = "users"
    name = db.Column(db.String(80), nullable=False)

class Profile(db.Model):
    user_id = reference_col("users")
    user = relationship("User")
`})
			if got := construct(out.Module, "Profile"); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// TestAssociationTableRelationships: a relationship through an association
// table (secondary=) is a set of the other rows, or one of them with
// uselist=False, whether the attribute is annotated (SQLAlchemy 2.0's
// Mapped[...]) or not. back_populates names the other side's attribute,
// which is a set too, not a key this side could be found by: reading it as
// `with organization = this` bound a name no entity has.
func TestAssociationTableRelationships(t *testing.T) {
	out := distilText(t, New(Options{}), map[string]string{"app/models.py": `
from sqlalchemy import Column, ForeignKey, Table
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship

class Base(DeclarativeBase):
    pass

members = Table("members", Base.metadata,
    Column("organization_id", ForeignKey("organizations.id")),
    Column("project_id", ForeignKey("projects.id")))

class Organization(Base):
    __tablename__ = "organizations"
    name: Mapped[str] = mapped_column(unique=True)
    projects: Mapped[list["Project"]] = relationship(secondary=members, back_populates="organization", viewonly=True)

class Project(Base):
    __tablename__ = "projects"
    name: Mapped[str]
    organization: Mapped["Organization"] = relationship(secondary=members, back_populates="projects", uselist=False)
    owners = relationship("Organization", secondary=members)
`})
	tests := []struct{ construct, want string }{
		{"Organization", "entity Organization {\n    name: String\n    projects: Set<Project>\n}"},
		{"Project", "entity Project {\n    name: String\n    organization: Organization?\n    owners: Set<Organization>\n}"},
	}
	for _, tc := range tests {
		t.Run(tc.construct, func(t *testing.T) {
			if got := construct(out.Module, tc.construct); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}

// TestReverseSideKeys: the one side of a one-to-many is found by the key
// foreign_keys= names (as a list, or as its text) when the many side has
// two keys to it (a follow table's follower and followed); with two keys
// and nothing naming one,
// the relationship is left out rather than stated over the wrong key.
func TestReverseSideKeys(t *testing.T) {
	out := distilText(t, New(Options{}), map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()

class Follow(db.Model):
    follower_id = db.Column(db.Integer, db.ForeignKey("users.id"), primary_key=True)
    followed_id = db.Column(db.Integer, db.ForeignKey("users.id"), primary_key=True)

class Post(db.Model):
    author_id = db.Column(db.Integer, db.ForeignKey("users.id"))

class User(db.Model):
    __tablename__ = "users"
    username = db.Column(db.String(64), unique=True)
    posts = db.relationship("Post", backref="author", lazy="dynamic")
    followed = db.relationship("Follow", foreign_keys=[Follow.follower_id], backref=db.backref("follower", lazy="joined"))
    followers = db.relationship("Follow", foreign_keys="[Follow.followed_id]", backref=db.backref("followed", lazy="joined"))
    either = db.relationship("Follow")
`})
	want := `entity User {
    username: String?

    posts: Post with author = this
    followed: Follow with follower = this
    followers: Follow with followed = this
}`
	if got := construct(out.Module, "User"); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
