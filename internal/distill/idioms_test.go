package distill

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestRealServiceIdioms pins the shapes of real services (the corpus under
// testdata/realworld) that the fixtures of testdata/services do not have:
// each case is a small service in the shape of one of them, and the
// construct it must give. The expected text states what the code does.
// flaskResetExcerpt is the Flask password-reset flow the real-Python issue
// describes: request data through get_json().get, a token lookup used by
// guards and assignments, a bulk update, set_password on the model, an
// email built then sent, and an unscheduled Celery task that expires
// tokens.
var flaskResetExcerpt = map[string]string{"reset/models.py": `from datetime import datetime, timedelta
from flask_sqlalchemy import SQLAlchemy
from werkzeug.security import generate_password_hash

db = SQLAlchemy()

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), unique=True, nullable=False)
    password_hash = db.Column(db.String(128))
    status = db.Column(db.String(20), nullable=True, default='active')

    def set_password(self, password):
        self.password_hash = generate_password_hash(password)


class PasswordResetToken(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    token = db.Column(db.String(64), unique=True)
    user_id = db.Column(db.Integer, db.ForeignKey('user.id'))
    user = db.relationship('User', backref='reset_tokens')
    expires_at = db.Column(db.DateTime)
    used = db.Column(db.Boolean, default=False)

    def is_valid(self):
        return not self.used and self.expires_at > datetime.utcnow()
`, "reset/routes.py": `import secrets
from datetime import datetime, timedelta
from flask import Blueprint, request, jsonify, abort
from flask_mail import Message
from .models import db, User, PasswordResetToken
from .extensions import mail, celery

bp = Blueprint('auth', __name__)
RESET_TOKEN_EXPIRY_HOURS = 1


@bp.route('/reset', methods=['POST'])
def request_reset():
    data = request.get_json()
    email = data.get('email')
    user = User.query.filter_by(email=email).first()
    if not user:
        return jsonify({'ok': True})
    if user.status == 'locked':
        abort(403)
    PasswordResetToken.query.filter_by(user_id=user.id, used=False).update({'used': True})
    token = PasswordResetToken(user=user, token=secrets.token_urlsafe(32),
                               expires_at=datetime.utcnow() + timedelta(hours=RESET_TOKEN_EXPIRY_HOURS))
    db.session.add(token)
    db.session.commit()
    msg = Message('Reset your password', recipients=[user.email])
    msg.html = render_template('emails/reset.html', token=token.token)
    mail.send(msg)
    return jsonify({'ok': True})


@bp.route('/reset/confirm', methods=['POST'])
def confirm_reset():
    data = request.get_json()
    t = data['token']
    password = data['password']
    token = PasswordResetToken.query.filter_by(token=t).first()
    if not token or not token.is_valid():
        abort(400)
    if len(password) < 12:
        abort(400)
    user = token.user
    user.set_password(password)
    token.used = True
    db.session.commit()
    return jsonify({'ok': True})


@celery.task
def expire_tokens():
    PasswordResetToken.query.filter(PasswordResetToken.expires_at < datetime.utcnow(), PasswordResetToken.used == False).update({'used': True})
    db.session.commit()
`}

// credentialPage is healthchecks' remove_credential view, its form's
// button named button.
func credentialPage(button string) map[string]string {
	return map[string]string{
		"hc/models.py": `
from django.db import models
class Credential(models.Model):
    code = models.CharField(max_length=36)
    name = models.CharField(max_length=100)
`,
		"hc/views.py": `
from django.shortcuts import get_object_or_404, redirect, render
from hc.models import Credential
def remove_credential(request, code):
    credential = get_object_or_404(Credential, code=code)
    if request.method == "POST" and "` + button + `" in request.POST:
        credential.delete()
        return redirect("hc-profile")
    return render(request, "remove.html", {"credential": credential})
`}
}

func TestRealServiceIdioms(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name      string
		files     map[string]string
		construct string
		want      string
	}{
		{
			name:      "the issue's Flask excerpt: request, token created after the old ones are spent, email",
			files:     flaskResetExcerpt,
			construct: "RequestReset",
			want: `rule RequestReset {
    when: RequestReset(email)
    let user = User{email}
    requires: exists user
    requires: user.status != locked
    ensures:
        for token in user.reset_tokens where not used:
            token.used = true
        PasswordResetToken.created(
            user: user,
            expires_at: now + config.reset_token_expiry,
            used: false
        )
        Email.created(to: user.email, template: reset_your_password)
}`,
		},
		{
			name:      "the issue's Flask excerpt: confirm with a valid token, set_password followed into the model",
			files:     flaskResetExcerpt,
			construct: "ConfirmReset",
			want: `rule ConfirmReset {
    when: ConfirmReset(token, password)
    requires: exists token
    requires: token.is_valid
    requires: length(password) >= config.min_password_length
    ensures:
        token.user.password_hash = hash(password)
        token.used = true
}`,
		},
		{
			name:      "the issue's Flask excerpt: an unscheduled celery task is a temporal rule from its query",
			files:     flaskResetExcerpt,
			construct: "ExpireTokens",
			want: `rule ExpireTokens {
    when: token: PasswordResetToken.expires_at <= now
    requires: not token.used
    ensures: token.used = true
}`,
		},
		{
			// CTFd's reset_password: one route, a branch per behaviour.
			name: "a branch that ends the request with outcomes is a rule of its own; the method test is dropped",
			files: map[string]string{"app/models.py": flaskModels, "app/auth.py": `
from flask import Blueprint, request, render_template, redirect
from app.models import User
from app.extensions import db
from app.email import forgot_password
auth = Blueprint("auth", __name__)

@auth.route("/reset_password", methods=["POST", "GET"])
@auth.route("/reset_password/<data>", methods=["POST", "GET"])
def reset_password(data=None):
    if data is not None:
        if request.method == "GET":
            return render_template("reset_password.html", mode="set")
        if request.method == "POST":
            password = request.form.get("password", "").strip()
            user = User.query.filter_by(email=data).first_or_404()
            user.set_password(password)
            db.session.commit()
            return redirect("/login")
    if request.method == "POST":
        email_address = request.form["email"].strip()
        user = User.query.filter_by(email=email_address).first()
        if not user:
            return render_template("reset_password.html", infos=["sent"])
        user.status = "locked"
        db.session.commit()
        return render_template("reset_password.html", infos=["sent"])
    return render_template("reset_password.html")
`},
			construct: "ResetPassword2",
			want: `rule ResetPassword2 {
    when: ResetPassword(data, email, password)
    requires: data != null
    let user = User{email: data}
    requires: exists user
    ensures: user.password_hash = hash(trim(password))
}`,
		},
		{
			name: "the main path of such a handler keeps the handler's name and the shared trigger",
			files: map[string]string{"app/models.py": flaskModels, "app/auth.py": `
from flask import Blueprint, request, render_template, redirect
from app.models import User
from app.extensions import db
auth = Blueprint("auth", __name__)

@auth.route("/reset_password/<data>", methods=["POST", "GET"])
def reset_password(data=None):
    if data is not None:
        password = request.form["password"]
        user = User.query.filter_by(email=data).first_or_404()
        user.set_password(password)
        db.session.commit()
        return redirect("/login")
    email_address = request.form["email"]
    user = User.query.filter_by(email=email_address).first()
    if not user:
        return render_template("reset_password.html")
    user.status = "locked"
    db.session.commit()
    return render_template("reset_password.html")
`},
			construct: "ResetPassword",
			want: `rule ResetPassword {
    when: ResetPassword(data, email, password)
    requires: data = null
    let user = User{email}
    requires: exists user
    ensures: user.status = locked
}`,
		},
		{
			// redash: invite and reset routes share one page function.
			name: "return helper(...) in a handler walks the helper as the rest of the handler",
			files: map[string]string{"app/models.py": flaskModels, "app/auth.py": `
from flask import Blueprint, request
from app.models import User
from app.extensions import db
auth = Blueprint("auth", __name__)

def token_page(email, invite):
    user = User.query.filter_by(email=email).first()
    if user is None:
        return "invalid", 400
    if request.method == "POST":
        if len(request.form["password"]) < 6:
            return "too short", 400
        user.set_password(request.form["password"])
        db.session.commit()
        return "ok"
    return "form"

@auth.route("/invite/<email>", methods=["GET", "POST"])
def invite(email):
    return token_page(email, True)
`},
			construct: "Invite",
			want: `rule Invite {
    when: Invite(email, password)
    let user = User{email}
    requires: exists user
    requires: length(password) >= config.min_password_length
    ensures: user.password_hash = hash(password)
}`,
		},
		{
			// redash: User.get_by_email_and_org through a mixin and the
			// models package, whose __init__ is not among the files.
			name: "class methods of a model and its mixins are lookups; tenant scoping drops out; pkg.Name resolves without __init__",
			files: map[string]string{
				"app/models/mixins.py": `
class BelongsToOrgMixin:
    @classmethod
    def get_by_id_and_org(cls, object_id, org, org_cls=None):
        query = cls.query.filter(cls.id == object_id)
        if org_cls is None:
            query = query.filter(cls.org == org)
        else:
            query = query.join(org_cls).filter(org_cls.org == org)
        return query.one()
`,
				"app/models/users.py": `
from app.extensions import db
from app.models.mixins import BelongsToOrgMixin

class Organization(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String)

class User(db.Model, BelongsToOrgMixin):
    id = db.Column(db.Integer, primary_key=True)
    org_id = db.Column(db.Integer, db.ForeignKey("organization.id"))
    org = db.relationship(Organization)
    email = db.Column(db.String)
    is_email_verified = db.Column(db.Boolean, default=False)
`,
				"app/handlers.py": `
from flask import Blueprint
from app import models
from app.auth import current_org, validate_token
routes = Blueprint("r", __name__)

@routes.route("/verify/<token>", methods=["GET"])
def verify(token):
    try:
        user_id = validate_token(token)
        user = models.User.get_by_id_and_org(user_id, current_org)
    except Exception:
        return "invalid", 400
    user.is_email_verified = True
    models.db.session.commit()
    return "verified"
`},
			construct: "Verify",
			want: `rule Verify {
    when: Verify(token, user)
    ensures: user.is_email_verified = true
}`,
		},
		{
			// FastAPI-boilerplate: FastCRUD repositories, soft delete.
			name: "a generic repository's methods are lookups, existence tests, creates and (soft) deletes",
			files: map[string]string{
				"app/models.py": `
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
class Base(DeclarativeBase):
    pass
class User(Base):
    __tablename__ = "user"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str]
    email: Mapped[str]
    is_deleted: Mapped[bool] = mapped_column(default=False)
`,
				"app/crud.py": `
from fastcrud import FastCRUD
from app.models import User
CRUDUser = FastCRUD[User, None, None, None, None, None]
crud_users = CRUDUser(User)
`,
				"app/api.py": `
from fastapi import APIRouter, HTTPException
from app.crud import crud_users
router = APIRouter()

@router.delete("/user/{username}")
async def erase_user(username: str, db):
    db_user = await crud_users.get(db=db, username=username)
    if db_user is None:
        raise HTTPException(status_code=404)
    await crud_users.delete(db=db, username=username)
    return {"message": "User deleted"}
`},
			construct: "EraseUser",
			want: `rule EraseUser {
    when: EraseUser(username)
    let db_user = User{username}
    requires: exists db_user
    ensures:
        for user in Users where username = username:
            user.is_deleted = true
}`,
		},
		{
			// django-graphql-auth: the resolver lives in a mixin, the
			// input in **kwargs, the user model behind get_user_model().
			name: "a GraphQL mutation's resolver is found on its mixins and reads its input from kwargs",
			files: map[string]string{
				"users/models.py": `
from django.contrib.auth.models import AbstractUser
class CustomUser(AbstractUser):
    pass
`,
				"auth/mixins.py": `
from django.contrib.auth import get_user_model
UserModel = get_user_model()

class MutationMixin:
    @classmethod
    def mutate(cls, root, info, **input):
        return cls.resolve_mutation(root, info, **input)

class ArchiveMixin:
    @classmethod
    def resolve_mutation(cls, root, info, **kwargs):
        user = UserModel._default_manager.get(email=kwargs.get("email"))
        user.is_active = False
        user.save()
        return cls(success=True)
`,
				"auth/mutations.py": `
import graphene
from auth.mixins import MutationMixin, ArchiveMixin
class ArchiveAccount(MutationMixin, ArchiveMixin, graphene.Mutation):
    pass
`},
			construct: "ArchiveAccount",
			want: `rule ArchiveAccount {
    when: ArchiveAccount(email)
    let user = CustomUser{email}
    ensures: user.is_active = false
}`,
		},
		{
			name: "a form's validation holds in the rule; a template rendered into a variable names the email",
			files: map[string]string{"app/models.py": flaskModels, "app/forms.py": `
from flask_wtf import FlaskForm
from wtforms import StringField
class RequestResetForm(FlaskForm):
    email = StringField("Email")
`, "app/views.py": `
from flask import Blueprint, render_template
from flask_mail import Message
from app.models import User
from app.extensions import mail
from app.forms import RequestResetForm
bp = Blueprint("a", __name__)

@bp.route("/reset", methods=["GET", "POST"])
def request_reset():
    form = RequestResetForm()
    if form.validate_on_submit():
        user = User.query.filter_by(email=form.email.data).first()
        if user is None:
            return render_template("sent.html")
        html = render_template("emails/reset_password.html", user=user)
        mail.send(Message("Reset", recipients=[user.email], html=html))
        return render_template("sent.html")
    return render_template("reset.html", form=form)
`},
			construct: "RequestReset",
			want: `rule RequestReset {
    when: RequestReset(email)
    let user = User{email}
    requires: exists user
    ensures: Email.created(to: user.email, template: reset_password)
}`,
		},
		{
			name: "fields a framework base gives a model are kept where a rule uses them",
			files: map[string]string{
				"accounts/models.py": `
from django.contrib.auth.models import AbstractUser
from django.db import models
class User(AbstractUser):
    bio = models.TextField(blank=True)
`,
				"accounts/views.py": `
from django.shortcuts import get_object_or_404
from accounts.models import User
def deactivate(request, pk):
    user = get_object_or_404(User, pk=pk)
    user.is_active = False
    user.save()
`},
			construct: "User",
			want: `entity User {
    is_active: Boolean
    bio: String
}`,
		},
		{
			// Dispatch: src/dispatch/... imported as dispatch....
			name: "modules under a source root that is no package resolve by their import names",
			files: map[string]string{
				"src/dispatch/database/core.py": `
from sqlalchemy.orm import DeclarativeBase
class Base(DeclarativeBase):
    pass
`,
				"src/dispatch/auth/models.py": `
from sqlalchemy import Column, Integer, String
from dispatch.database.core import Base
class DispatchUser(Base):
    __tablename__ = "dispatch_user"
    id = Column(Integer, primary_key=True)
    email = Column(String, unique=True, nullable=False)
`},
			construct: "DispatchUser",
			want: `entity DispatchUser {
    email: String
}`,
		},
		{
			// flask-base: the user created with a property setter that
			// hashes, a signed confirmation token with a lifetime, the
			// form's own validator as a precondition, the email's template
			// passed through a helper.
			name: "registration: setter, signed token and its lifetime, form validator, templated email",
			files: map[string]string{
				"app/models.py": `
from flask import current_app
from itsdangerous import TimedJSONWebSignatureSerializer as Serializer
from werkzeug.security import generate_password_hash
from app.extensions import db

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(64), unique=True)
    password_hash = db.Column(db.String(128))

    @property
    def password(self):
        raise AttributeError("password is not readable")

    @password.setter
    def password(self, password):
        self.password_hash = generate_password_hash(password)

    def generate_confirmation_token(self, expiration=604800):
        s = Serializer(current_app.config["SECRET_KEY"], expiration)
        return s.dumps({"confirm": self.id})
`,
				"app/forms.py": `
from flask_wtf import FlaskForm
from wtforms import StringField, PasswordField, ValidationError
from app.models import User

class RegistrationForm(FlaskForm):
    email = StringField("Email")
    password = PasswordField("Password")

    def validate_email(self, field):
        if User.query.filter_by(email=field.data).first():
            raise ValidationError("Email already registered.")
`,
				"app/email.py": `
from flask import render_template
from flask_mail import Message
from app.extensions import mail

def send_email(recipient, subject, template, **kwargs):
    msg = Message(subject, recipients=[recipient])
    msg.html = render_template(template + ".html", **kwargs)
    mail.send(msg)
`,
				"app/views.py": `
from flask import Blueprint, redirect, render_template
from app.extensions import db
from app.models import User
from app.forms import RegistrationForm
from app.email import send_email
account = Blueprint("account", __name__)

@account.route("/register", methods=["GET", "POST"])
def register():
    form = RegistrationForm()
    if form.validate_on_submit():
        user = User(email=form.email.data, password=form.password.data)
        db.session.add(user)
        db.session.commit()
        token = user.generate_confirmation_token()
        send_email(recipient=user.email, subject="Confirm", template="account/email/confirm", token=token)
        return redirect("/")
    return render_template("account/register.html", form=form)
`},
			construct: "Register",
			want: `rule Register {
    when: Register(email, password)
    requires: not exists User{email}
    ensures:
        let user = User.created(email: email, password_hash: hash(password))
        ConfirmationToken.created(user: user, expires_at: now + config.confirmation_token_expiry)
        Email.created(to: email, template: confirm)
}`,
		},
		{
			name: "signing in creates a session for the user; signing out ends the caller's",
			files: map[string]string{"app/models.py": flaskModels, "app/auth.py": `
from flask import Blueprint, request, abort
from flask_login import login_user, logout_user, login_required
from werkzeug.security import check_password_hash
from app.models import User
auth = Blueprint("auth", __name__)

@auth.route("/login", methods=["POST"])
def login():
    user = User.query.filter_by(email=request.form["email"]).first()
    if user is None or not check_password_hash(user.password_hash, request.form["password"]):
        abort(401)
    login_user(user)
    return "ok"

@auth.route("/logout", methods=["POST"])
@login_required
def logout():
    logout_user()
    return "", 204
`},
			construct: "Login",
			want: `rule Login {
    when: Login(email, password)
    let user = User{email}
    requires: exists user
    requires: verify(password, user.password_hash)
    ensures: Session.created(user: user, remember: false)
}`,
		},
		{
			// healthchecks: Django's own User, imported, never declared.
			name: "the framework's own user model is an entity with the fields the rules use",
			files: map[string]string{
				"hc/accounts/models.py": `
from django.contrib.auth.models import User
from django.db import models
class Profile(models.Model):
    user = models.OneToOneField(User, models.CASCADE, blank=True, null=True)
    reports = models.CharField(max_length=10, default="monthly")
`,
				"hc/accounts/views.py": `
from django.contrib.auth.models import User
from django.shortcuts import redirect
from hc.accounts.models import Profile
def close(request):
    user = request.user
    user.is_active = False
    user.save()
    return redirect("hc-index")
`},
			construct: "User",
			want: `entity User {
    is_active: Boolean
}`,
		},
		{
			name: "authenticate() is a lookup by the credentials that requires the password to verify",
			files: map[string]string{
				"accounts/models.py": `
from django.contrib.auth.models import AbstractUser
class User(AbstractUser):
    pass
`,
				"accounts/views.py": `
from django.contrib.auth import authenticate, login
from django.http import HttpResponseBadRequest
from django.shortcuts import redirect
def sign_in(request):
    user = authenticate(request, username=request.POST["username"], password=request.POST["password"])
    if user is None:
        return HttpResponseBadRequest()
    login(request, user)
    return redirect("home")
`},
			construct: "SignIn",
			want: `rule SignIn {
    when: SignIn(username, password)
    let user = User{username}
    requires: verify(password, user.password)
    requires: user.is_active
    requires: exists user
    ensures:
        Session.created(user: user)
        user.last_login = now
}`,
		},
		{
			// healthchecks' project page: one view, a form per button.
			name: "each submitted action of a page with several forms is a rule with a trigger of its own",
			files: map[string]string{
				"hc/models.py": `
from django.db import models
class Project(models.Model):
    name = models.CharField(max_length=200, blank=True)
    api_key = models.CharField(max_length=128, blank=True)
`,
				"hc/views.py": `
from django.shortcuts import get_object_or_404, render
from hc.models import Project
def project(request, code):
    project = get_object_or_404(Project, code=code)
    if request.method == "POST":
        if "set_project_name" in request.POST:
            project.name = request.POST["name"]
            project.save()
        elif "revoke_key" in request.POST:
            project.api_key = ""
            project.save()
    return render(request, "project.html", {"project": project})
`},
			construct: "ProjectSetProjectName",
			want: `rule ProjectSetProjectName {
    when: ProjectSetProjectName(name, project)
    ensures: project.name = name
}`,
		},
		{
			// healthchecks' login: request.POST.get("action") == "login".
			name:      "the value of the submitted action field names an action, a rule with a trigger of its own",
			files:     actionFieldPage(`request.POST.get("action")`),
			construct: "SettingsPageRename",
			want: `rule SettingsPageRename {
    when: SettingsPageRename(name, project)
    ensures: project.name = name
}`,
		},
		{
			name:      "the other value of the action field is the rest of the handler, with no test of the field",
			files:     actionFieldPage(`request.POST["action"]`),
			construct: "SettingsPage",
			want: `rule SettingsPage {
    when: SettingsPage(key, project)
    ensures: project.api_key = key
}`,
		},
		{
			// healthchecks' remove_credential: the button is named as the view.
			name:      "an action named as its handler names the rule once",
			files:     credentialPage("remove_credential"),
			construct: "RemoveCredential",
			want: `rule RemoveCredential {
    when: RemoveCredential(credential)
    ensures: not exists credential
}`,
		},
		{
			// healthchecks' remove_totp: the "disable_totp" button names
			// what is done to the object the view names.
			name:      "an action naming another verb of the handler's object names the rule alone",
			files:     credentialPage("drop_credential"),
			construct: "DropCredential",
			want: `rule DropCredential {
    when: DropCredential(credential)
    ensures: not exists credential
}`,
		},
		{
			// openwisp-users: the beat schedule in settings names the task.
			name: "a task the beat schedule names stays a temporal rule though handlers call it too",
			files: map[string]string{"app/models.py": flaskModels,
				"app/tasks.py": `
from datetime import datetime
from celery import shared_task
from app.models import Token
@shared_task
def expire_tokens():
    for token in Token.query.filter(Token.expires_at < datetime.utcnow(), Token.used == False):
        token.used = True
`,
				"app/views.py": `
from flask import Blueprint
from app.tasks import expire_tokens
bp = Blueprint("a", __name__)
@bp.route("/admin/expire", methods=["POST"])
def expire():
    expire_tokens.delay()
    return "ok"
`,
				"proj/settings.py": `
CELERY_BEAT_SCHEDULE = {
    "expire-tokens": {"task": "app.tasks.expire_tokens", "schedule": 3600},
}
`},
			construct: "ExpireTokens",
			want: `rule ExpireTokens {
    when: token: Token.expires_at <= now
    requires: not token.used
    ensures: token.used = true
}`,
		},
		{
			// polar: a Dramatiq actor on a cron trigger purges expired rows.
			name: "a Dramatiq actor no handler calls is a job: its bulk delete of expired rows is a temporal rule",
			files: map[string]string{"app/models.py": flaskModels,
				"app/tasks.py": `
from datetime import datetime
from dramatiq import actor
from sqlalchemy import delete
from app.models import Token
from app.db import session

@actor(actor_name="tokens.purge", cron_trigger=CronTrigger(hour=0, minute=0))
def purge_expired_tokens():
    session.execute(delete(Token).where(Token.expires_at < datetime.utcnow()))
`},
			construct: "PurgeExpiredTokens",
			want: `rule PurgeExpiredTokens {
    when: token: Token.expires_at <= now
    ensures: not exists token
}`,
		},
		{
			name: "a task only handlers call is part of their rules, not a rule of its own",
			files: map[string]string{"app/models.py": flaskModels,
				"app/tasks.py": `
from celery import shared_task
from app.models import User
@shared_task
def lock_user(user_id):
    user = User.query.get(user_id)
    user.status = "locked"
`,
				"app/views.py": `
from flask import Blueprint
from app.tasks import lock_user
bp = Blueprint("a", __name__)
@bp.route("/admin/lock/<int:user_id>", methods=["POST"])
def lock(user_id):
    lock_user.delay(user_id)
    return "ok"
`},
			construct: "LockUser",
			want:      "",
		},
		{
			// flaskbb: send_async_email(*args, **kwargs) hands its arguments
			// to send_email; no module here queues it.
			name: "a task that only passes its *args and **kwargs on is no rule: its callers say what it does",
			files: map[string]string{"app/models.py": flaskModels,
				"app/email.py": `
from flask_mail import Message
from app.extensions import celery, mail
@celery.task
def send_async_email(*args, **kwargs):
    send_email(*args, **kwargs)
def send_email(subject, recipients, text_body):
    msg = Message(subject, recipients=recipients)
    msg.body = text_body
    mail.send(msg)
`},
			construct: "SendAsyncEmail",
			want:      "",
		},
		{
			// dispatch: the request schema hashes the password itself.
			name: "a request shape's field validator gives the field its value and its raises are preconditions",
			files: map[string]string{
				"app/models.py": `
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
class Base(DeclarativeBase):
    pass
class Account(Base):
    __tablename__ = "account"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str]
    password: Mapped[str]
`,
				"app/schemas.py": `
from pydantic import BaseModel, field_validator
from app.security import hash_password
class AccountCreate(BaseModel):
    email: str
    password: str

    @field_validator("email")
    @classmethod
    def not_reserved(cls, v):
        if v == "root@example.com":
            raise ValueError("reserved")
        return v

    @field_validator("password", mode="before")
    @classmethod
    def hashed(cls, v):
        return hash_password(v)
`,
				"app/api.py": `
from fastapi import APIRouter
from app.models import Account
from app.schemas import AccountCreate
router = APIRouter()
@router.post("/accounts")
def create_account(body: AccountCreate, db):
    account = Account(email=body.email, password=body.password)
    db.add(account)
    db.commit()
    return account
`},
			construct: "CreateAccount",
			want: `rule CreateAccount {
    when: CreateAccount(email, password)
    requires: email != "root@example.com"
    ensures: Account.created(email: email, password: hash(password))
}`,
		},
		{
			// flask-base: confirm_account(token) reads the signed token
			// back, which holds only while it is valid.
			name: "reading a signed token back requires it to be valid",
			files: map[string]string{"app/models.py": `
from flask import current_app
from itsdangerous import TimedJSONWebSignatureSerializer as Serializer
from app.extensions import db
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    confirmed = db.Column(db.Boolean, default=False)
    def confirm_account(self, token):
        s = Serializer(current_app.config["SECRET_KEY"])
        data = s.loads(token)
        self.confirmed = True
        db.session.add(self)
`, "app/views.py": `
from flask import Blueprint, redirect
from flask_login import current_user, login_required
bp = Blueprint("account", __name__)
@bp.route("/confirm/<token>")
@login_required
def confirm(token):
    current_user.confirm_account(token)
    return redirect("/")
`},
			construct: "Confirm",
			want: `rule Confirm {
    when: Confirm(token, user)
    requires: token.is_valid
    ensures: user.confirmed = true
}`,
		},
		{
			// A syntax error can leave a branch with no statements; an
			// action branch once indexed its last statement and panicked.
			name:      "a branch cut by a syntax error is no rule and no panic",
			files:     map[string]string{"app/views.py": "def project(request):\n    if \"create_key\" in request.POST:\n"},
			construct: "ProjectCreateKey",
			want:      "",
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

// TestTemporalRuleProvenance: a job's temporal rule points at the query
// when the job holds it, and at the job when a helper of another module
// does (a line of the helper's file is no line of the job's).
func TestTemporalRuleProvenance(t *testing.T) {
	d := New(Options{})
	purge := `
from datetime import datetime
from app.models import Token
from app.db import session

def purge_expired(session):
    """Rows past their expiry go."""
    session.execute(delete(Token).where(Token.expires_at < datetime.utcnow()))
`
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{
			name: "the query in the job",
			files: map[string]string{"app/models.py": flaskModels, "app/tasks.py": `
from datetime import datetime
from celery import shared_task
from app.models import Token
from app.db import session

@shared_task
def purge_expired_tokens():
    session.execute(delete(Token).where(Token.expires_at < datetime.utcnow()))
`},
			want: "app/tasks.py:9",
		},
		{
			name: "the query in a helper of another module",
			files: map[string]string{"app/models.py": flaskModels, "app/service.py": purge, "app/tasks.py": `
from celery import shared_task
from app.service import purge_expired
from app.db import session

@shared_task
def purge_expired_tokens():
    purge_expired(session)
`},
			want: "app/tasks.py:7",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, tc.files)
			for _, r := range out.Module.Rules {
				if r.Name != "PurgeExpiredTokens" {
					continue
				}
				if r.Prov == nil {
					t.Fatal("rule has no provenance")
				}
				if got := r.Prov.File + ":" + itoa(r.Prov.Line); got != tc.want {
					t.Errorf("rule at %s, want %s", got, tc.want)
				}
				return
			}
			t.Fatalf("no rule PurgeExpiredTokens:\n%s", allium.Print(out.Module, allium.PrintOptions{}))
		})
	}
}

// actionFieldPage is a page of two forms told apart by the value of the
// submitted action field, read by field (request.POST.get("action") or
// request.POST["action"]).
func actionFieldPage(field string) map[string]string {
	return map[string]string{
		"hc/models.py": `
from django.db import models
class Project(models.Model):
    name = models.CharField(max_length=200, blank=True)
    api_key = models.CharField(max_length=128, blank=True)
`,
		"hc/views.py": `
from django.shortcuts import get_object_or_404, render
from hc.models import Project
def settings_page(request, code):
    project = get_object_or_404(Project, code=code)
    if request.method == "POST":
        if ` + field + ` == "rename":
            project.name = request.POST["name"]
            project.save()
        else:
            project.api_key = request.POST["key"]
            project.save()
    return render(request, "settings.html", {"project": project})
`}
}
