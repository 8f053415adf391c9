package distill

import (
	"maps"
	"strings"
	"testing"
)

// TestFlaskIdioms pins Flask-ecosystem shapes of the real services of the
// corpus (redash, flaskbb, CTFd): each case is a small service in the shape
// of one of them and the construct it must give.
func TestFlaskIdioms(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name      string
		files     map[string]string
		construct string
		want      string
	}{
		{
			// CTFd: class Users(db.Model) with columns; class Admins(Users).
			// Named after its table in the plural, it is a User.
			name: "a model that other models extend polymorphically is still an entity, named in the singular",
			files: map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class Users(db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(128))
    __mapper_args__ = {"polymorphic_identity": "user", "polymorphic_on": type}
class Admins(Users):
    __mapper_args__ = {"polymorphic_identity": "admin"}
`},
			construct: "User",
			want: `entity User {
    name: String?
}`,
		},
		{
			// flaskbb: forms derive from a base of the service's own that
			// the source set lacks; the view's form() picks one of two.
			name: "a form known by its wtforms fields is the request's input, whichever form form() returns",
			files: map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(128))
    activated = db.Column(db.Boolean, default=False)
`, "app/forms.py": `
from wtforms import StringField, BooleanField
from app.utils.forms import ServiceForm
class ActivationForm(ServiceForm):
    email = StringField("Email")
class ActivationCaptchaForm(ActivationForm):
    captcha = BooleanField("Captcha")
`, "app/views.py": `
from flask import render_template, redirect
from flask.views import MethodView
from app.forms import ActivationForm, ActivationCaptchaForm
from app.models import User, db
class Activate(MethodView):
    def form(self):
        if too_many_requests():
            return ActivationCaptchaForm()
        return ActivationForm()
    def post(self):
        form = self.form()
        if form.validate_on_submit():
            user = User.query.filter_by(email=form.email.data).first()
            if user is None:
                return render_template("activate.html", form=form)
            user.activated = True
            db.session.commit()
            return redirect("/")
        return render_template("activate.html", form=form)
`},
			construct: "Activate",
			want: `rule Activate {
    when: Activate(email)
    let user = User{email}
    requires: exists user
    ensures: user.activated = true
}`,
		},
		{
			// CTFd: the service signs users in by hand on flask.session.
			name:      "a user's id stored in the flask session signs the user in",
			files:     flaskSessionStore,
			construct: "Login",
			want: `rule Login {
    when: Login(name, password)
    let user = User{name}
    requires: exists user and verify(password, user.password)
    ensures: Session.created(user: user, expires_at: now + config.session_lifetime)
}`,
		},
		{
			// session.permanent = True: the session lasts Flask's
			// PERMANENT_SESSION_LIFETIME, 31 days when the service keeps it.
			name:      "a permanent flask session lasts the framework's session lifetime",
			files:     flaskSessionStore,
			construct: "session_lifetime",
			want:      `session_lifetime: Duration = 31.days`,
		},
		{
			name:      "a permanent flask session lasts the lifetime the service's config class sets, read with a default",
			files:     withFile(flaskSessionStore, "app/config.py", sessionLifetimeConfig),
			construct: "session_lifetime",
			want:      `session_lifetime: Duration = 7.days`,
		},
		{
			name:      "a session entity that expires has expires_at",
			files:     withFile(flaskSessionStore, "app/config.py", sessionLifetimeConfig),
			construct: "Session",
			want: `entity Session {
    user: User
    expires_at: Timestamp
}`,
		},
		{
			name:      "clearing the flask session, all a handler does for a signed-in caller, signs out",
			files:     flaskSessionStore,
			construct: "Logout",
			want: `rule Logout {
    when: Logout(session)
    ensures: not exists session
}`,
		},
		{
			// redash: invite and reset pages share one helper; the checks
			// on the password flash an error and fall through to the page.
			name:      "an elif chain of flashed errors guards the work of its final else",
			files:     flaskTokenPage,
			construct: "Invite",
			// max_age=settings.TOKEN_MAX_AGE, a setting of a module not
			// among the files: the token expires, when is not known.
			want: `rule Invite {
    when: Invite(token, password)
    requires: token.expires_at > now
    requires: length(password) >= config.min_password_length
    ensures:
        token.user.pending = false
        token.user.password_hash = hash(password)
}`,
		},
		{
			name:      "a flag passed as a literal decides its part of an or",
			files:     flaskTokenPage,
			construct: "Reset",
			// max_age=settings.TOKEN_MAX_AGE, a setting of a module not
			// among the files: the token expires, when is not known.
			want: `rule Reset {
    when: Reset(token, password)
    requires: token.expires_at > now
    requires: length(password) >= config.min_password_length
    ensures:
        token.user.pending = false
        token.user.password_hash = hash(password)
}`,
		},
		{
			name: "Model.query.get_or_404(id) looks the instance up by id",
			files: map[string]string{"app/models.py": flaskTokenPage["app/models.py"], "app/views.py": `
from flask import Blueprint, redirect
from app.models import User, db
bp = Blueprint("auth", __name__)
@bp.route("/users/<user_id>/approve", methods=["POST"])
def approve(user_id):
    user = User.query.get_or_404(user_id)
    user.pending = False
    db.session.commit()
    return redirect("/")
`},
			construct: "Approve",
			want: `rule Approve {
    when: Approve(user)
    ensures: user.pending = false
}`,
		},
		{
			// redash's login: the sign-in is one path inside a POST branch
			// that otherwise flashes and falls through to the page.
			name: "an if whose body ends the request on one path only keeps that path's guards",
			files: map[string]string{"app/models.py": flaskTokenPage["app/models.py"], "app/views.py": `
from flask import Blueprint, request, redirect, flash, render_template
from flask_login import login_user
from sqlalchemy.orm.exc import NoResultFound
from app.models import User
bp = Blueprint("auth", __name__)
@bp.route("/login", methods=["GET", "POST"])
def login():
    if request.method == "POST":
        try:
            user = User.query.filter_by(email=request.form["email"]).one()
            if user and not user.pending and user.verify_password(request.form["password"]):
                login_user(user)
                return redirect("/")
            else:
                flash("Wrong email or password.")
        except NoResultFound:
            flash("Wrong email or password.")
    elif request.method == "PUT":
        flash("Not here.")
    return render_template("login.html")
`},
			construct: "Login",
			want: `rule Login {
    when: Login(email, password)
    let user = User{email}
    requires: exists user and not user.pending and verify(password, user.password_hash)
    ensures: Session.created(user: user, remember: false)
}`,
		},
		{
			// redash forgot_password: the lookup follows another read in
			// the try, and the NoResultFound handler only logs; with
			// nothing after the try, the request changes nothing
			// without the row.
			name:      "a lookup whose not-found handler goes on without outcomes, nothing following, requires the row",
			files:     flaskForgotPage(""),
			construct: "Forgot",
			want: `rule Forgot {
    when: Forgot(email, org)
    let user = User{email, org}
    requires: exists user
    ensures: user.reset_requested = true
}`,
		},
		{
			name:      "a lookup whose not-found handler goes on, with outcomes after the try, does not require the row",
			files:     flaskForgotPage("    db.session.add(Visit(email=email))\n"),
			construct: "Forgot",
			want: `rule Forgot {
    when: Forgot(email, org)
    let user = User{email, org}
    ensures:
        user.reset_requested = true
        Visit.created(email: email)
}`,
		},
		{
			// healthchecks check_token: a guard inside a conditional
			// block that only flags the next page (a session flag, a
			// flashed message) before turning the request away is a
			// guard, not a path of its own: one rule.
			name: "a nested guard that only leaves a session flag and a message is no work of its own",
			files: map[string]string{"app/models.py": flaskTokenPage["app/models.py"], "app/views.py": `
from flask import Blueprint, request, redirect, flash, session
from app.models import User, db
bp = Blueprint("auth", __name__)
@bp.route("/confirm", methods=["POST"])
def confirm():
    user = User.query.filter_by(email=request.form["email"]).first()
    if not user:
        return redirect("/login")
    if user.pending:
        if User.query.filter_by(email=request.form["new_email"]).first():
            session["bad_link"] = True
            flash("That address is taken.")
            return redirect("/login")
        user.email = request.form["new_email"]
    user.pending = False
    db.session.commit()
    return redirect("/")
`},
			construct: "Confirm",
			want: `rule Confirm {
    when: Confirm(email, new_email)
    let user = User{email}
    requires: exists user
    requires: not user.pending or not exists User{email: new_email}
    ensures:
        if user.pending:
            user.email = new_email
        user.pending = false
}`,
		},
		{
			// CTFd: Users(password=...) hashes through @validates.
			name: "a column validator that hashes stores the hash",
			files: map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import validates
db = SQLAlchemy()
class Users(db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(128))
    password = db.Column(db.String(128))
    @validates("password")
    def validate_password(self, key, plaintext):
        from app.crypto import hash_password
        return hash_password(str(plaintext))
`, "app/views.py": flaskRegisterView("Users", "name", "password")},
			construct: "Register",
			want: `rule Register {
    when: Register(name, password)
    ensures: User.created(name: name, password: hash(password))
}`,
		},
		{
			// redash: User.__init__ lowercases kwargs["email"] before
			// the base class stores it; name is passed through as given.
			name: "a constructor that rewrites a keyword stores the rewritten value",
			files: map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(128))
    email = db.Column(db.String(320))
    def __init__(self, *args, **kwargs):
        if kwargs.get("email") is not None:
            kwargs["email"] = kwargs["email"].lower()
        super(User, self).__init__(*args, **kwargs)
`, "app/views.py": flaskRegisterView("User", "name", "email")},
			construct: "Register",
			want: `rule Register {
    when: Register(name, email)
    ensures: User.created(name: name, email: lowercase(email))
}`,
		},
		{
			// country.upper() is no longer read as the country given:
			// the row is found by, and stores, the upper-cased one.
			name: "a receiver normalised by upper() is looked up and stored in that form",
			files: map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class Region(db.Model):
    __tablename__ = "regions"
    id = db.Column(db.Integer, primary_key=True)
    country = db.Column(db.String(2), unique=True)
`, "app/views.py": `
from flask import Blueprint, request, redirect, abort
from app.models import Region, db
bp = Blueprint("regions", __name__)
@bp.route("/regions", methods=["POST"])
def add_region():
    country = request.form["country"].upper()
    if Region.query.filter_by(country=country).first():
        abort(400)
    db.session.add(Region(country=country))
    db.session.commit()
    return redirect("/")
`},
			construct: "AddRegion",
			want: `rule AddRegion {
    when: AddRegion(country)
    requires: not exists Region{country: uppercase(country)}
    ensures: Region.created(country: uppercase(country))
}`,
		},
		{
			// CTFd: class UserTokens(Tokens) only sets a polymorphic
			// identity; its rows are Tokens rows, carrying that identity
			// in the discriminator column.
			name: "a model subclass with no columns of its own creates its base",
			files: map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class Users(db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(128))
class Tokens(db.Model):
    __tablename__ = "tokens"
    id = db.Column(db.Integer, primary_key=True)
    type = db.Column(db.String(32))
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    description = db.Column(db.Text)
    __mapper_args__ = {"polymorphic_on": type}
class UserTokens(Tokens):
    __mapper_args__ = {"polymorphic_identity": "user"}
`, "app/views.py": `
from flask import Blueprint, request
from flask_login import current_user, login_required
from app.models import UserTokens, db
bp = Blueprint("api", __name__)
@bp.route("/tokens", methods=["POST"])
@login_required
def create_token():
    token = UserTokens(user_id=current_user.id, description=request.json.get("description"))
    db.session.add(token)
    db.session.commit()
    return {"success": True}
`},
			construct: "CreateToken",
			want: `rule CreateToken {
    when: CreateToken(user, description)
    ensures: Token.created(user: user, description: description, type: "user")
}`,
		},
		{
			// CTFd: Users(...) in register() is a row of type "user", the
			// identity its class maps; Admins' "admin" is the other value
			// of the column.
			name:      "a polymorphic class's identity is its discriminator column's value in the rows it creates",
			files:     ctfdUsersPage("Users(name=request.form['name'])"),
			construct: "Register",
			want: `rule Register {
    when: Register(name)
    ensures: User.created(name: name, type: user)
}`,
		},
		{
			name:      "the discriminator column of a polymorphic class is an enum of its classes' identities",
			files:     ctfdUsersPage("Users(name=request.form['name'])"),
			construct: "User",
			want: `entity User {
    name: String?
    type: admin | user?
}`,
		},
		{
			// CTFd: Fields.type defaults to "standard" and maps
			// UserFields' "user"; Brackets.type is compared with "users"
			// elsewhere, a value of another column of the same name.
			name: "a discriminator column takes its classes' identities, not literals of other columns of its name",
			files: map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class Fields(db.Model):
    __tablename__ = "fields"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.Text)
    type = db.Column(db.String(80), default="standard")
    __mapper_args__ = {"polymorphic_identity": "standard", "polymorphic_on": type}
class UserFields(Fields):
    __mapper_args__ = {"polymorphic_identity": "user"}
class Brackets(db.Model):
    __tablename__ = "brackets"
    id = db.Column(db.Integer, primary_key=True)
    type = db.Column(db.String(80))
`, "app/views.py": `
from flask import Blueprint, request, abort
from app.models import Brackets, UserFields, db
bp = Blueprint("auth", __name__)
@bp.route("/fields", methods=["POST"])
def add_field():
    bracket = Brackets.query.filter_by(id=request.form["bracket_id"]).first()
    if bracket.type != "users":
        abort(400)
    db.session.add(UserFields(name=request.form["name"]))
    db.session.commit()
    return "ok"
`},
			construct: "Field",
			want: `entity Field {
    name: String?
    type: standard | user?
}`,
		},
		{
			// CTFd's generate_preset_admin: Users(..., type="admin").
			name:      "a creation that gives the discriminator column keeps its value",
			files:     ctfdUsersPage("Users(name=request.form['name'], type='admin')"),
			construct: "Register",
			want: `rule Register {
    when: Register(name)
    ensures: User.created(name: name, type: admin)
}`,
		},
		{
			// healthchecks: the signed value is a username, not an id:
			// the user is the one whose field the token carries, not
			// token.user (tokenCarriedFields).
			name: "a signed value matched against another field than the id is not the token's user",
			files: map[string]string{"app/models.py": flaskTokenPage["app/models.py"], "app/views.py": `
from flask import Blueprint, redirect
from itsdangerous import TimestampSigner, BadSignature
from app.models import User, db
bp = Blueprint("auth", __name__)
@bp.route("/unsubscribe/<signed>", methods=["POST"])
def unsubscribe(signed):
    try:
        email = TimestampSigner().unsign(signed)
    except BadSignature:
        return "bad", 400
    user = User.query.filter_by(email=email).first()
    user.pending = False
    db.session.commit()
    return redirect("/")
`},
			construct: "Unsubscribe",
			want: `rule Unsubscribe {
    when: Unsubscribe(signed)
    requires: signed.is_valid
    let user = User{email: signed.email}
    ensures: user.pending = false
}`,
		},
		{
			// flaskbb: the column is private and a synonym with a property
			// descriptor hashes what is assigned to the public name.
			name: "a private column behind a synonym's property setter stores what the setter does",
			files: map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.orm import Mapped, mapped_column, synonym
from sqlalchemy import String
from werkzeug.security import generate_password_hash
db = SQLAlchemy()
class User(db.Model):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(200))
    _password: Mapped[str] = mapped_column("password", String(120))
    def _get_password(self):
        return self._password
    def _set_password(self, password):
        self._password = generate_password_hash(password)
    password = synonym("_password", descriptor=property(_get_password, _set_password))
`, "app/views.py": `
from flask import Blueprint, request, redirect
from flask_login import current_user, login_required
from app.models import db
bp = Blueprint("user", __name__)
@bp.route("/password", methods=["POST"])
@login_required
def change_password():
    current_user.password = request.form["new_password"]
    db.session.commit()
    return redirect("/")
`},
			construct: "ChangePassword",
			want: `rule ChangePassword {
    when: ChangePassword(new_password, user)
    ensures: user.password = hash(new_password)
}`,
		},
		{
			// flaskbb's user settings: an attrs view whose form and
			// handler come from factories; the form builds a change set.
			name: "an attrs view's factory attributes, a form method and a change set carry the input to the handler",
			files: map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(200))
`, "app/forms.py": `
import attr
from wtforms import StringField
from app.utils.forms import ServiceForm
@attr.s(frozen=True)
class EmailUpdate(object):
    old_email = attr.ib()
    new_email = attr.ib()
class ChangeEmailForm(ServiceForm):
    old_email = StringField("Old")
    new_email = StringField("New")
    def as_change(self):
        return EmailUpdate(old_email=self.old_email.data, new_email=self.new_email.data)
`, "app/services.py": `
import attr
from app.forms import ChangeEmailForm
from app.models import db
@attr.s(frozen=True)
class EmailUpdateHandler(object):
    db = attr.ib()
    def apply_changeset(self, model, changeset):
        model.email = changeset.new_email
        self.db.session.commit()
def email_update_handler():
    return EmailUpdateHandler(db)
def change_email_form_factory():
    return ChangeEmailForm()
`, "app/views.py": `
import attr
from flask import redirect, render_template
from flask.views import MethodView
from flask_login import current_user, login_required
from app.services import email_update_handler, change_email_form_factory
@attr.s(frozen=True)
class ChangeEmail(MethodView):
    form = attr.ib(factory=change_email_form_factory)
    handler = attr.ib(factory=email_update_handler)
    decorators = [login_required]
    def post(self):
        if self.form.validate_on_submit():
            self.handler.apply_changeset(current_user, self.form.as_change())
            return redirect("/")
        return render_template("change_email.html", form=self.form)
`},
			construct: "ChangeEmail",
			want: `rule ChangeEmail {
    when: ChangeEmail(new_email, user)
    ensures: user.email = new_email
}`,
		},
		{
			// flaskbb's serializer: jwt.encode(payload=..., key=...) with
			// keywords only, which once read as str.encode().
			name: "a JWT encoded with a payload keyword is a signed token issued",
			files: map[string]string{"app/models.py": flaskTokenPage["app/models.py"], "app/views.py": `
from datetime import timedelta, datetime
import jwt
from flask import Blueprint, request
from app.models import User
bp = Blueprint("auth", __name__)
@bp.route("/forgot", methods=["POST"])
def forgot():
    user = User.query.filter_by(email=request.form["email"]).first()
    if user is None:
        return "no", 404
    token = jwt.encode(payload={"id": user.id, "exp": datetime.utcnow() + timedelta(hours=1)}, key="k")
    send_email(to=user.email, template="reset", token=token)
    return "ok"
`},
			construct: "Forgot",
			want: `rule Forgot {
    when: Forgot(email)
    let user = User{email}
    requires: exists user
    ensures:
        SignedToken.created(user: user, expires_at: now + config.signed_token_expiry)
        Email.created(to: user.email, template: reset)
}`,
		},
		{
			name: "a token no function names is named after the flow that issues it",
			files: map[string]string{"app/models.py": flaskTokenPage["app/models.py"], "app/views.py": `
from datetime import timedelta, datetime
import jwt
from flask import Blueprint, request
from app.models import User
bp = Blueprint("auth", __name__)
def initiate_password_reset(user):
    link = jwt.encode(payload={"id": user.id, "exp": datetime.utcnow() + timedelta(hours=1)}, key="k")
    send_email(to=user.email, template="reset", link=link)
@bp.route("/forgot", methods=["POST"])
def forgot():
    user = User.query.filter_by(email=request.form["email"]).first()
    if user is None:
        return "no", 404
    initiate_password_reset(user)
    return "ok"
`},
			construct: "Forgot",
			want: `rule Forgot {
    when: Forgot(email)
    let user = User{email}
    requires: exists user
    ensures:
        PasswordResetToken.created(user: user, expires_at: now + config.password_reset_token_expiry)
        Email.created(to: user.email, template: reset)
}`,
		},
		{
			// CTFd: reset tokens are random nonces kept in the cache.
			name: "a token kept in a cache is valid while it is there, matched by what was kept, and spent when deleted",
			files: map[string]string{"app/models.py": flaskTokenPage["app/models.py"], "app/tokens.py": `
from app.cache import cache
def verify_reset_password_token(nonce):
    addr = cache.get(f"reset_password_{nonce}")
    if addr is None:
        raise ValueError("invalid")
    return addr
def remove_reset_password_token(nonce):
    cache.delete(f"reset_password_{nonce}")
`, "app/views.py": `
from flask import Blueprint, request, redirect
from app.models import User, db
from app.tokens import verify_reset_password_token, remove_reset_password_token
bp = Blueprint("auth", __name__)
@bp.route("/reset_password/<data>", methods=["POST"])
def reset_password(data):
    email_address = verify_reset_password_token(data)
    user = User.query.filter_by(email=email_address).first_or_404()
    user.pending = False
    db.session.commit()
    remove_reset_password_token(data)
    return redirect("/login")
`},
			construct: "ResetPassword",
			// The route calls the nonce data; the spec calls it the token.
			// first_or_404 ends the request when no user has the address.
			want: `rule ResetPassword {
    when: ResetPassword(token)
    requires: token.is_valid
    let user = User{email: token.email}
    requires: exists user
    ensures:
        user.pending = false
        not exists token
}`,
		},
		{
			name: "a cached token's key keeps its name when the handler has another token",
			files: map[string]string{"app/models.py": flaskTokenPage["app/models.py"], "app/views.py": `
from flask import Blueprint, request, redirect
from app.models import User, db
from app.cache import cache
bp = Blueprint("auth", __name__)
@bp.route("/reset_password/<data>", methods=["POST"])
def reset_password(data):
    token = request.form["token"]
    email_address = cache.get(f"reset_password_{data}")
    user = User.query.filter_by(email=email_address).first_or_404()
    user.pending = token
    db.session.commit()
    return redirect("/login")
`},
			construct: "ResetPassword",
			want: `rule ResetPassword {
    when: ResetPassword(data, token)
    requires: data.is_valid
    let user = User{email: data.email}
    requires: exists user
    ensures: user.pending = token
}`,
		},
		{
			// CTFd's register: the user is created and signed in, then
			// `if can_send_mail() and ...: <email> return`. The branch's condition is not known; a rule of its
			// own would repeat the trigger and preconditions and so say
			// the email goes out on every registration.
			name:  "an ending branch with an unknown condition after stated outcomes is no rule of its own",
			files: registerThenMail(`app.extensions.get("mail")`),

			construct: "Register2",
			want:      "",
		},
		{
			name:  "... and the rule that goes on without it keeps the outcomes stated before it",
			files: registerThenMail(`app.extensions.get("mail")`),

			construct: "Register",
			want: `rule Register {
    when: Register(name)
    ensures: User.created(name: name)
}`,
		},
		{
			// CTFd's can_send_mail() answers from the deployment's settings
			// alone: a config flag. The two paths it splits the handler into
			// are one rule whose last outcome depends on it.
			name:  "an ending branch on a settings flag after stated outcomes is a conditional outcome of the one rule",
			files: registerThenMail(`app.config.get("MAIL_SERVER") and get_config("mail_port")`),

			construct: "Register",
			want: `rule Register {
    when: Register(name)
    ensures:
        User.created(name: name)
        if config.can_send_mail:
            Email.created(template: welcome)
}`,
		},
		{
			name:      "... and no second rule repeats the trigger",
			files:     registerThenMail(`app.config.get("MAIL_SERVER") and get_config("mail_port")`),
			construct: "Register2",
			want:      "",
		},
		{
			// CTFd's confirm: the emailed link is opened with a GET, and
			// that GET confirms the address.
			name:      "a GET branch that ends the request and changes state is a path of its own",
			files:     withFile(flaskTokenPage, "app/views.py", confirmByGet),
			construct: "Confirm",
			want: `rule Confirm {
    when: Confirm(token)
    requires: token.is_valid
    let user = User{email: token.email}
    requires: exists user
    ensures:
        user.pending = false
        not exists token
}`,
		},
		{
			// CTFd's login: the name given is looked up as an email address
			// when its own validate_email (a regex) says it is one.
			name: "a service's email check is is_valid_email, so a lookup by email or by name is one binding",
			files: withFile(withFile(withFile(flaskSessionStore, "app/views.py", loginByNameOrEmail),
				"app/validators.py", emailValidator), "app/models.py", usersWithEmail),
			construct: "Login",
			want: `rule Login {
    when: Login(name, password)
    let user = if is_valid_email(name): User{email: name} else: User{name}
    requires: exists user and verify(password, user.password)
    ensures: Session.created(user: user, expires_at: now + config.session_lifetime)
}`,
		},
		{
			// CTFd's forgot_password: the token is issued inside the
			// keyword arguments of the link and the text it is formatted
			// into, both calls of libraries.
			name:      "a token kept in a cache for a time by the function that issues it is created, carrying the user's field kept",
			files:     cacheTokenIssue,
			construct: "ResetPassword",
			want: `rule ResetPassword {
    when: ResetPassword(email)
    let user = User{email: trim(email)}
    requires: exists user
    ensures:
        PasswordResetToken.created(
            expires_at: now + config.password_reset_token_expiry,
            email: trim(email)
        )
        Email.created(to: trim(email), template: forgot_password)
}`,
		},
		{
			name:      "... and it expires after the timeout the issuing function gives",
			files:     cacheTokenIssue,
			construct: "password_reset_token_expiry",
			want:      `password_reset_token_expiry: Duration = 30.minutes`,
		},
		{
			name: "a path's condition leaves out what the rule already requires",
			files: withFile(withFile(flaskSessionStore, "app/views.py", strings.Replace(loginByNameOrEmail,
				"    if user and verify_password", "    if not user:\n        return redirect(\"/login\")\n    if user and verify_password", 1)),
				"app/models.py", usersWithEmail),
			construct: "Login",
			want: `rule Login {
    when: Login(name, password)
    let user = if is_valid_email(name): User{email: name} else: User{name}
    requires: exists user
    requires: verify(password, user.password)
    ensures: Session.created(user: user, expires_at: now + config.session_lifetime)
}`,
		},
		{
			// redash: should_send_invitation = "no_invite" not in
			// request.args decides the invitation email.
			name: "a test that the request carries an input, kept as a value, is whether it exists; tested directly in a guard it stays input validation",
			files: map[string]string{"app/models.py": flaskModels, "app/views.py": `
from flask import Flask, request, abort
from flask_mail import Message
from app.models import User, db
app = Flask(__name__)

def welcome(user, send_email=True):
    if send_email:
        mail.send(Message("welcome", recipients=[user.email]))

@app.route("/users", methods=["POST"])
def create_user():
    if "email" not in request.form:
        abort(400)
    user = User(email=request.form["email"])
    db.session.add(user)
    db.session.commit()
    should_send = "no_welcome" not in request.args
    welcome(user, send_email=should_send)
`},
			construct: "CreateUser",
			want: `rule CreateUser {
    when: CreateUser(email, no_welcome)
    ensures:
        User.created(email: email, created_at: now)
        if not exists no_welcome:
            Email.created(to: email, template: welcome)
}`,
		},
		{
			// redash: User's flags live in a JSONB details column; the
			// invite page reads one back through the column.
			name: "a field kept under a key of a JSON column, read back through the column, is the field",
			files: map[string]string{"app/models.py": `
from app.extensions import db
from app.types import json_cast_property

class User(db.Model):
    details = db.Column(db.JSON)
    is_invitation_pending = json_cast_property(db.Boolean(True), "details", "is_invitation_pending", default=False)
    id = db.Column(db.Integer, primary_key=True)
`, "app/views.py": `
from flask import Flask, abort
from app.models import User, db
app = Flask(__name__)
@app.route("/accept/<int:user_id>", methods=["POST"])
def accept(user_id):
    user = User.query.get(user_id)
    if user.details.get("is_invitation_pending") is False:
        abort(400)
    if user.details["nickname"] == "x":
        abort(400)
    user.is_invitation_pending = False
    db.session.commit()
`},
			construct: "Accept",
			want: `rule Accept {
    when: Accept(user)
    requires: user.is_invitation_pending
    ensures: user.is_invitation_pending = false
}`,
		},
		{
			// flaskbb: the registration post-processor hands the new
			// user's email to the account activator, which looks the user
			// up again and refuses a missing or activated one. The row is
			// the one just created: no precondition on the state before.
			name:      "a lookup by a unique field of the row the rule created reads that row back",
			files:     createThenFind(`user.email`),
			construct: "Register",
			want: `rule Register {
    when: Register(email)
    ensures: User.created(email: email, activation_sent: true)
}`,
		},
		{
			// flaskbb: with account activation off, a registration
			// post-processor signs the new user in.
			name: "signing in the user the request just created names its creation",
			files: map[string]string{"app/models.py": emailUserModel, "app/views.py": `
from flask import Flask, request
from flask_login import login_user
from app.models import User, db
app = Flask(__name__)
class Autologin:
    def post_process(self, user):
        login_user(user)
@app.route("/register", methods=["POST"])
def register():
    user = User(email=request.form["email"])
    db.session.add(user)
    db.session.commit()
    Autologin().post_process(user)
    return "", 201
`},
			construct: "Register",
			want: `rule Register {
    when: Register(email)
    ensures:
        let user = User.created(email: email)
        Session.created(user: user, remember: false)
}`,
		},
		{
			// flaskbb: RegistrationService runs the validators that a
			// plugin hook gathers, each an object called with the input.
			name: "validators gathered by a plugin hook and called one by one in a try are preconditions",
			files: map[string]string{"app/__init__.py": `
from pluggy import HookimplMarker
impl = HookimplMarker("app")
`, "app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(128), unique=True)
    username = db.Column(db.String(128), unique=True)
`, "app/plugins.py": `
from app import impl
from app.models import User
from app.validators import EmailUnique, UsernameLength

@impl
def gather_validators():
    return [EmailUnique(User), UsernameLength(3)]
`, "app/validators.py": `
from app.models import User

class ValidationError(Exception):
    pass

class UserValidator:
    def __call__(self, info):
        return self.validate(info)

class EmailUnique(UserValidator):
    def __init__(self, users):
        self.users = users
    def validate(self, info):
        if self.users.query.filter_by(email=info.email).first() is not None:
            raise ValidationError("email")

class UsernameLength(UserValidator):
    def __init__(self, min):
        self.min = min
    def validate(self, info):
        if len(info.username) < self.min:
            raise ValidationError("username")
`, "app/views.py": `
from itertools import chain
from flask import Flask, request
from app.models import User, db
from app.validators import ValidationError
from app.extensions import pm

app = Flask(__name__)

class StopValidation(Exception):
    pass

class Service:
    def __init__(self, plugins):
        self.plugins = plugins
    def register(self, info):
        failures = []
        validators = self.plugins.hook.gather_validators()
        for v in chain.from_iterable(validators):
            try:
                v(info)
            except ValidationError as e:
                failures.append(e)
        if failures:
            raise StopValidation(failures)
        user = User(email=info.email, username=info.username)
        db.session.add(user)
        db.session.commit()

@app.route("/register", methods=["POST"])
def register():
    try:
        Service(pm).register(request.form)
    except StopValidation:
        return "bad", 400
    return "", 201
`},
			construct: "Register",
			want: `rule Register {
    when: Register(email, username)
    requires: not exists User{email}
    requires: length(username) >= config.min_username_length
    ensures: User.created(email: email, username: username)
}`,
		},
		{
			// flaskbb: TokenVerifier.__call__(self, token, **kwargs) hands
			// its keywords on to verify_token(self, token, email, **kwargs).
			name: "a keyword handed on through **kwargs reaches the parameter of that name",
			files: map[string]string{"app/models.py": emailUserModel + "    nickname = db.Column(db.String(128))\n", "app/views.py": `
from flask import Flask, request, abort
from flask_login import current_user, login_required
from app.models import User, db
app = Flask(__name__)
class Verifier:
    def __call__(self, user, **kwargs):
        return self.verify(user, **kwargs)
    def verify(self, user, email, **kwargs):
        if user.email != email:
            abort(400)
@app.route("/nickname", methods=["POST"])
@login_required
def nickname():
    verifier = Verifier()
    verifier(current_user, email=request.form["email"])
    current_user.nickname = request.form["nickname"]
    db.session.commit()
    return "", 200
`},
			construct: "Nickname",
			want: `rule Nickname {
    when: Nickname(user, email, nickname)
    requires: user.email = email
    ensures: user.nickname = nickname
}`,
		},
		{
			// flaskbb: DefaultEmailUpdateHandler (attrs, built with its
			// validators by position) runs each through a lambda that
			// closes over the user and the change set.
			name: "validators an attrs handler keeps, run through a lambda over the handler's arguments, are preconditions",
			files: map[string]string{"app/models.py": emailUserModel, "app/views.py": `
import attr
from flask import Flask, request
from flask_login import current_user, login_required
from app.models import User, db
app = Flask(__name__)
class ValidationError(Exception):
    pass
class StopValidation(Exception):
    pass
def accumulate_errors(caller, validators):
    errors = []
    for validator in validators:
        try:
            caller(validator)
        except ValidationError as e:
            errors.append(e)
    if len(errors):
        raise StopValidation(errors)
class OldEmailMustMatch:
    def validate(self, model, old, new):
        if model.email != old:
            raise ValidationError("old")
class EmailsMustBeDifferent:
    def validate(self, model, old, new):
        if model.email == new:
            raise ValidationError("new")
@attr.s(frozen=True)
class Handler:
    db = attr.ib()
    validators = attr.ib(factory=list)
    def apply(self, model, old, new):
        accumulate_errors(lambda v: v.validate(model, old, new), self.validators)
        model.email = new
        self.db.session.commit()
@app.route("/email", methods=["POST"])
@login_required
def change_email():
    h = Handler(db, [OldEmailMustMatch(), EmailsMustBeDifferent()])
    try:
        h.apply(current_user, request.form["old_email"], request.form["new_email"])
    except StopValidation:
        return "bad", 400
    return "", 200
`},
			construct: "ChangeEmail",
			want: `rule ChangeEmail {
    when: ChangeEmail(user, old_email, new_email)
    requires: user.email = old_email
    requires: user.email != new_email
    ensures: user.email = new_email
}`,
		},
		{
			// flaskbb: RegisterForm's accept_tos box must be checked.
			name:      "a check box the form's validation requires is a precondition on the input",
			files:     checkBoxForm(`validators=[DataRequired()]`),
			construct: "Register",
			want: `rule Register {
    when: Register(accept_tos, email)
    requires: accept_tos
    ensures: User.created(email: email)
}`,
		},
		{
			name:      "... and one it does not require is no input of the rule",
			files:     checkBoxForm(`default=False`),
			construct: "Register",
			want: `rule Register {
    when: Register(email)
    ensures: User.created(email: email)
}`,
		},
		{
			// flaskbb: Reauth confirms the signed-in user's password and
			// marks the session fresh again.
			name: "confirm_login marks the caller's session fresh",
			files: map[string]string{"app/models.py": emailUserModel, "app/views.py": `
from flask import Flask, redirect
from flask_login import confirm_login, login_required
app = Flask(__name__)
@app.route("/reauth", methods=["POST"])
@login_required
def reauth():
    confirm_login()
    return redirect("/")
`},
			construct: "Reauth",
			want: `rule Reauth {
    when: Reauth(session)
    ensures: session.fresh = true
}`,
		},
		{
			// flaskbb: Reauth resets the signed-in user's counter and marks
			// the session fresh: the user is the session's.
			name: "a rule that takes the session reads the signed-in user through it",
			files: map[string]string{"app/models.py": emailUserModel, "app/views.py": `
from flask import Flask, redirect, request
from flask_login import confirm_login, current_user, login_required
from app.models import db
app = Flask(__name__)
@app.route("/reauth", methods=["POST"])
@login_required
def reauth():
    current_user.email = request.form["email"]
    db.session.commit()
    confirm_login()
    return redirect("/")
`},
			construct: "Reauth",
			want: `rule Reauth {
    when: Reauth(email, session)
    ensures:
        session.user.email = email
        session.fresh = true
}`,
		},
		{
			// flaskbb: login_user starts a fresh session, which Reauth's
			// confirm_login makes fresh again.
			name:      "a session signing in starts is fresh where a mark sets freshness",
			files:     loginAndReauth("\n@app.route(\"/reauth\", methods=[\"POST\"])\ndef reauth():\n    confirm_login()\n    return redirect(\"/\")\n"),
			construct: "Login",
			want: `rule Login {
    when: Login(email)
    let user = User{email}
    requires: exists user
    ensures: Session.created(user: user, fresh: true, remember: false)
}`,
		},
		{
			name:      "... and says nothing of freshness where nothing marks it",
			files:     loginAndReauth(""),
			construct: "Login",
			want: `rule Login {
    when: Login(email)
    let user = User{email}
    requires: exists user
    ensures: Session.created(user: user, remember: false)
}`,
		},
		{
			name:      "... and by another value it is a lookup of another row",
			files:     createThenFind(`request.form["inviter"]`),
			construct: "Register",
			want: `rule Register {
    when: Register(email, inviter)
    let user = User{email: inviter}
    requires: exists user
    requires: not user.activation_sent
    ensures:
        User.created(email: email, activation_sent: false)
        user.activation_sent = true
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			if got := construct(out.Module, tt.construct); got != tt.want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", tt.construct, got, tt.want, out.Notes)
			}
		})
	}
}

// flaskSessionStore is a service in CTFd's shape: models named after their
// tables, login_user and logout_user of its own on flask.session.
var flaskSessionStore = map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class Users(db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(128))
    password = db.Column(db.String(128))
`, "app/security.py": `
from flask import session
def login_user(user):
    session["id"] = user.id
    session["nonce"] = generate_nonce()
    session.permanent = True
def logout_user():
    session.clear()
`, "app/views.py": `
from flask import Blueprint, request, redirect
from app.models import Users
from app.security import login_user, logout_user
from app.utils import current_user
bp = Blueprint("auth", __name__)
@bp.route("/logout")
def logout():
    if current_user.authed():
        logout_user()
    return redirect("/")
@bp.route("/login", methods=["POST"])
def login():
    name = request.form["name"]
    user = Users.query.filter_by(name=name).first()
    if user and verify_password(request.form["password"], user.password):
        login_user(user)
        return redirect("/")
    return redirect("/login")
`}

// flaskTokenPage is redash's shape: a module-level itsdangerous
// serializer behind a validate_token helper, and one page helper that the
// invite and reset routes call with a literal flag.
// flaskForgotPage is redash's forgot_password in small: a try that reads
// the organisation, then looks the user up, and whose NoResultFound
// handler only logs; after is the code between the try and the page.
func flaskForgotPage(after string) map[string]string {
	return map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(128))
    org = db.Column(db.String(64))
    reset_requested = db.Column(db.Boolean)
class Visit(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(128))
`, "app/views.py": `
from flask import Blueprint, request, render_template
import logging
from sqlalchemy.orm.exc import NoResultFound
from app.models import db, User, Visit
bp = Blueprint("auth", __name__)
@bp.route("/forgot", methods=["POST"])
def forgot():
    email = request.form["email"]
    try:
        org = request.form["org"]
        user = User.query.filter_by(email=email, org=org).one()
        user.reset_requested = True
    except NoResultFound:
        logging.error("no such user")
` + after + `    return render_template("forgot.html")
`}
}

var flaskTokenPage = map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
from werkzeug.security import generate_password_hash
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(128))
    password_hash = db.Column(db.String(128))
    pending = db.Column(db.Boolean)
    def hash_password(self, password):
        self.password_hash = generate_password_hash(password)
    def verify_password(self, password):
        return check_password_hash(self.password_hash, password)
`, "app/account.py": `
from itsdangerous import URLSafeTimedSerializer
from app import settings
serializer = URLSafeTimedSerializer(settings.SECRET_KEY)
def validate_token(token):
    return serializer.loads(token, max_age=settings.TOKEN_MAX_AGE)
`, "app/views.py": `
from flask import Blueprint, request, redirect, flash, render_template
from itsdangerous import BadSignature
from app.models import User, db
from app.account import validate_token
bp = Blueprint("auth", __name__)
def token_page(token, invite):
    try:
        user_id = validate_token(token)
        user = User.query.get(user_id)
    except BadSignature:
        return render_template("error.html"), 400
    status_code = 200
    if request.method == "POST":
        if "password" not in request.form:
            flash("Bad Request")
            status_code = 400
        elif not request.form["password"]:
            flash("Cannot use empty password.")
            status_code = 400
        elif len(request.form["password"]) < 6:
            flash("Password length is too short (<6).")
            status_code = 400
        else:
            if invite or user.pending:
                user.pending = False
            user.hash_password(request.form["password"])
            db.session.commit()
            return redirect("/")
    return render_template("page.html"), status_code
@bp.route("/invite/<token>", methods=["GET", "POST"])
def invite(token):
    return token_page(token, True)
@bp.route("/reset/<token>", methods=["GET", "POST"])
def reset(token):
    return token_page(token, False)
`}

// emailUserModel is a users table whose email is unique.
const emailUserModel = `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(128), unique=True)
`

// checkBoxForm is a registration form with an accept_tos check box built
// with the arguments box.
func checkBoxForm(box string) map[string]string {
	return map[string]string{"app/models.py": emailUserModel, "app/forms.py": `
from flask_wtf import FlaskForm
from wtforms import BooleanField, StringField
from wtforms.validators import DataRequired
class RegisterForm(FlaskForm):
    email = StringField("Email")
    accept_tos = BooleanField("I accept", ` + box + `)
`, "app/views.py": `
from flask import Flask, redirect
from app.forms import RegisterForm
from app.models import User, db
app = Flask(__name__)
@app.route("/register", methods=["POST"])
def register():
    form = RegisterForm()
    if form.validate_on_submit():
        db.session.add(User(email=form.email.data))
        db.session.commit()
        return redirect("/")
    return "", 400
`}
}

// createThenFind is flaskbb's registration in small: the user is created,
// then a helper looks a user up by email (a column declared unique), by
// the value found, and guards on it.
func createThenFind(found string) map[string]string {
	return map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(128), unique=True)
    activation_sent = db.Column(db.Boolean, default=False)
`, "app/views.py": `
from flask import Flask, request, abort
from app.models import User, db
app = Flask(__name__)
def send_activation(email):
    user = User.query.filter_by(email=email).first()
    if user is None:
        abort(400)
    if user.activation_sent:
        abort(409)
    user.activation_sent = True
    db.session.commit()
@app.route("/register", methods=["POST"])
def register():
    user = User(email=request.form["email"])
    db.session.add(user)
    db.session.commit()
    send_activation(` + found + `)
    return "", 201
`}
}

// registerThenMail is CTFd's register in small: the user is created, then
// an email is sent and the request ends when can_send_mail() holds, a
// helper that answers True when mailCheck does: a settings flag when
// mailCheck reads settings only, a condition the spec cannot state when
// it reads anything else.
func registerThenMail(mailCheck string) map[string]string {
	return map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(128))
    email = db.Column(db.String(128))
`, "app/views.py": `
from flask import Blueprint, request, redirect
from app.models import User, db
from app.mail import can_send_mail, send_welcome
bp = Blueprint("auth", __name__)
@bp.route("/register", methods=["POST"])
def register():
    name = request.form["name"]
    user = User(name=name)
    db.session.add(user)
    db.session.commit()
    if can_send_mail():
        send_welcome(user)
        return redirect("/confirm")
    return redirect("/")
`, "app/mail.py": `
from flask import current_app as app
from flask_mail import Message
from app.ext import mail
from app.utils import get_config
def can_send_mail():
    if ` + mailCheck + `:
        return True
    return False
def send_welcome(user):
    mail.send(Message("welcome", recipients=[user.email]))
`}
}

// sessionLifetimeConfig is CTFd's config class: the session lifetime read
// from an ini file, or a week in seconds.
const sessionLifetimeConfig = `
class ServerConfig(object):
    PERMANENT_SESSION_LIFETIME: int = config_ini["security"].getint("PERMANENT_SESSION_LIFETIME") or 604800
`

// withFile is files with one more file.
func withFile(files map[string]string, path, src string) map[string]string {
	out := maps.Clone(files)
	out[path] = src
	return out
}

// confirmByGet is CTFd's confirm in small: a nonce kept in the cache,
// spent by the GET of the emailed link; the user is found or the request
// ends with a 404.
const confirmByGet = `
from flask import Blueprint, request, redirect, render_template
from app.models import User, db
from app.cache import cache
bp = Blueprint("auth", __name__)
@bp.route("/confirm/<data>", methods=["GET", "POST"])
def confirm(data=None):
    if data and request.method == "GET":
        email_address = cache.get(f"confirm_email_{data}")
        user = User.query.filter_by(email=email_address).first_or_404()
        user.pending = False
        db.session.commit()
        cache.delete(f"confirm_email_{data}")
        return redirect("/")
    return render_template("confirm.html")
`

// loginByNameOrEmail, emailValidator and usersWithEmail are CTFd's login
// in small.
const loginByNameOrEmail = `
from flask import Blueprint, request, redirect
from app.models import Users
from app.security import login_user
from app import validators
bp = Blueprint("auth", __name__)
@bp.route("/login", methods=["POST"])
def login():
    name = request.form["name"]
    if validators.validate_email(name) is True:
        user = Users.query.filter_by(email=name).first()
    else:
        user = Users.query.filter_by(name=name).first()
    if user and verify_password(request.form["password"], user.password):
        login_user(user)
        return redirect("/")
    return redirect("/login")
`

const emailValidator = `
import re
EMAIL_REGEX = r"(^[^@]+@[^@]+$)"
def validate_email(email):
    if not email or "@" not in email or len(email) > 320:
        return False
    return bool(re.match(EMAIL_REGEX, email))
`

const usersWithEmail = `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class Users(db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(128))
    email = db.Column(db.String(128))
    password = db.Column(db.String(128))
`

// cacheTokenIssue is CTFd's password reset request in small: the nonce
// kept in the cache for 30 minutes, issued while the email's text is
// formatted.
var cacheTokenIssue = map[string]string{"app/models.py": usersWithEmail, "app/tokens.py": `
import os
from app.cache import cache
def generate_password_reset_token(addr, timeout=1800):
    nonce = os.urandom(32).hex()
    cache.set(f"reset_password_{nonce}", addr, timeout=timeout)
    return nonce
`, "app/mail.py": `
from flask import url_for
from app.tokens import generate_password_reset_token
from app.utils import get_config, safe_format
from app.providers import SMTPEmailProvider
def sendmail(addr, text, subject="Message"):
    return SMTPEmailProvider.sendmail(addr, text, subject)
def forgot_password(email):
    text = safe_format(
        get_config("password_reset_body") or "Reset: {url}",
        url=url_for("auth.reset_password", data=generate_password_reset_token(email), _external=True),
    )
    return sendmail(addr=email, text=text, subject="Reset")
`, "app/views.py": `
from flask import Blueprint, request, redirect
from app.models import Users
from app import mail
bp = Blueprint("auth", __name__)
@bp.route("/reset_password", methods=["POST"])
def reset_password():
    email_address = request.form["email"].strip()
    user = Users.query.filter_by(email=email_address).first()
    if not user:
        return redirect("/")
    mail.forgot_password(email_address)
    return redirect("/")
`}

// TestSettingSubjectTemplate: CTFd reads the subject of each email from a
// setting named after the message (password_reset_subject) where the
// function that sends it formats the text; that name, not the sending
// function's (forgot_password), is the template's.
// ctfdUsersPage is CTFd's Users model, mapped by single-table inheritance
// with its Admins subclass, and a register view creating a row with the
// given constructor call.
func ctfdUsersPage(construction string) map[string]string {
	return map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class Users(db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(128))
    type = db.Column(db.String(80))
    __mapper_args__ = {"polymorphic_identity": "user", "polymorphic_on": type}
class Admins(Users):
    __mapper_args__ = {"polymorphic_identity": "admin"}
`, "app/views.py": `
from flask import Blueprint, request, redirect
from app.models import Users, db
bp = Blueprint("auth", __name__)
@bp.route("/register", methods=["POST"])
def register():
    user = ` + construction + `
    db.session.add(user)
    db.session.commit()
    return redirect("/")
`}
}

func TestSettingSubjectTemplate(t *testing.T) {
	tests := []struct {
		name, subject, want string
	}{
		{"a subject read from a setting named <message>_subject is that message",
			`subject = safe_format(get_config("password_reset_subject") or "Reset", ctf_name=get_config("ctf_name"))`, "password_reset"},
		{"the entity's own word is no part of the message's name",
			`subject = get_config("successful_registration_email_subject")`, "successful_registration"},
		{"a setting not named for the subject leaves the message named by its sender",
			`subject = get_config("mail_title")`, "forgot_password"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, New(Options{}), settingSubjectMail(tc.subject))
			want := "ensures: Email.created(to: email, template: " + tc.want + ")"
			if got := construct(out.Module, "ResetPassword"); !strings.Contains(got, want) {
				t.Errorf("got:\n%s\nwant it to hold %s", got, want)
			}
		})
	}
}

// settingSubjectMail is CTFd's mail helpers in small: sendmail formats
// the subject it is given and hands it to the provider; forgot_password
// sets the subject with the given statement.
func settingSubjectMail(subject string) map[string]string {
	return map[string]string{"app/mail.py": `
from app.utils import get_config, safe_format
from app.providers import SMTPEmailProvider
def sendmail(addr, text, subject="Message from {ctf_name}"):
    subject = safe_format(subject, ctf_name=get_config("ctf_name"))
    return SMTPEmailProvider.sendmail(addr, text, subject)
def forgot_password(email):
    text = get_config("password_reset_body") or "Reset your password"
    ` + subject + `
    return sendmail(addr=email, text=text, subject=subject)
`, "app/views.py": `
from flask import Blueprint, request, redirect
from app import mail
bp = Blueprint("auth", __name__)
@bp.route("/reset_password", methods=["POST"])
def reset_password():
    mail.forgot_password(request.form["email"])
    return redirect("/")
`}
}

// TestSignerReadLifetime: a module's signer whose tokens the module reads
// back with a max_age issues them with that lifetime, also when the helper
// that issues one is called for an entry of a dict, and reading one back
// requires it valid (redash: INVITATION_TOKEN_MAX_AGE = int(
// os.environ.get(..., 60 * 60 * 24 * 7)), a Duration of 7 days).
func TestSignerReadLifetime(t *testing.T) {
	d := New(Options{})
	files := map[string]string{"app/models.py": flaskTokenPage["app/models.py"], "app/settings.py": `
import os
SECRET_KEY = os.environ.get("APP_SECRET_KEY")
TOKEN_MAX_AGE = int(os.environ.get("APP_TOKEN_MAX_AGE", 60 * 60 * 24 * 7))
`, "app/account.py": `
from itsdangerous import URLSafeTimedSerializer
from app import settings
serializer = URLSafeTimedSerializer(settings.SECRET_KEY)
def invite_token(user):
    return serializer.dumps(str(user.id))
def verify_link(user):
    return "/verify/" + invite_token(user)
def validate_token(token):
    max_token_age = settings.TOKEN_MAX_AGE
    return serializer.loads(token, max_age=max_token_age)
`, "app/views.py": `
from flask import Blueprint
from app.models import User, db
from flask_mail import Message
from app.account import invite_token, validate_token, verify_link
bp = Blueprint("auth", __name__)
@bp.route("/users/<int:user_id>/verification", methods=["POST"])
def send_verification(user_id):
    user = User.query.get(user_id)
    context = {"user": user, "url": verify_link(user)}
    mail.send(Message(render_template("verify.html", **context), recipients=[user.email]))
@bp.route("/users/<int:user_id>/invite", methods=["POST"])
def invite_user(user_id):
    user = User.query.get(user_id)
    token = invite_token(user)
    return {"token": token}
@bp.route("/verify/<token>", methods=["POST"])
def verify(token):
    user = User.query.get(validate_token(token))
    user.pending = False
    db.session.commit()
`}
	out := distilText(t, d, files)
	for _, tc := range []struct{ construct, want string }{
		{"token_max_age", "token_max_age: Duration = 7.days"},
		{"InviteUser", `rule InviteUser {
    when: InviteUser(user)
    ensures: InviteToken.created(user: user, expires_at: now + config.token_max_age)
}`},
		// The link's helper runs when the template's context is built,
		// though nothing reads the entry back.
		{"SendVerification", `rule SendVerification {
    when: SendVerification(user)
    ensures:
        InviteToken.created(user: user, expires_at: now + config.token_max_age)
        Email.created(to: user.email, template: verify)
}`},
		{"Verify", `rule Verify {
    when: Verify(token)
    requires: token.is_valid
    ensures: token.user.pending = false
}`},
		{"InviteToken", `entity InviteToken {
    user: User
    expires_at: Timestamp
    is_valid: expires_at > now
}`},
	} {
		if got := construct(out.Module, tc.construct); got != tc.want {
			t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", tc.construct, got, tc.want, out.Notes)
		}
	}
}

// loginAndReauth is a service whose login signs in the user of an e-mail
// with Flask-Login, plus the views of more (Python appended to the views
// module).
func loginAndReauth(more string) map[string]string {
	return map[string]string{"app/models.py": emailUserModel, "app/views.py": `
from flask import Flask, redirect, request
from flask_login import confirm_login, login_user
from app.models import User
app = Flask(__name__)
@app.route("/login", methods=["POST"])
def login():
    user = User.query.filter_by(email=request.form["email"]).first()
    if user is None:
        return "no", 400
    login_user(user)
    return redirect("/")
` + more}
}

// flaskRegisterView is a sign-up route that creates a row of model from
// the form inputs named, each given as the keyword of its name.
func flaskRegisterView(model string, inputs ...string) string {
	kws := make([]string, len(inputs))
	for i, in := range inputs {
		kws[i] = in + `=request.form["` + in + `"]`
	}
	return `
from flask import Blueprint, request, redirect
from app.models import ` + model + `, db
bp = Blueprint("auth", __name__)
@bp.route("/register", methods=["POST"])
def register():
    user = ` + model + `(` + strings.Join(kws, ", ") + `)
    db.session.add(user)
    db.session.commit()
    return redirect("/")
`
}
