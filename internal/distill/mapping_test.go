package distill

import (
	"context"
	"errors"
	"os"
	"strings"
	"sync"
	"testing"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/source"
)

// distilText distils a small service given as path -> source.
func distilText(t *testing.T, d *Distiller, files map[string]string) *Output {
	t.Helper()
	var in []source.File
	for p, s := range files {
		in = append(in, source.File{Path: p, Data: []byte(s)})
	}
	out, err := d.Distill(context.Background(), Input{Service: "svc", Files: in})
	if err != nil {
		t.Fatal(err)
	}
	if diags := allium.Check(out.Module, allium.CheckOptions{File: "svc"}); diags.HasErrors() {
		t.Fatalf("module fails the checker: %v\n%s", diags.Errors(), allium.Print(out.Module, allium.PrintOptions{}))
	}
	return out
}

// construct prints the named entity, enum, rule, config parameter, actor
// or surface of m.
func construct(m *allium.Module, name string) string {
	for _, e := range m.Entities {
		if e.Name == name {
			return allium.PrintConstruct(e)
		}
	}
	for _, e := range m.Enums {
		if e.Name == name {
			return allium.PrintConstruct(e)
		}
	}
	for _, r := range m.Rules {
		if r.Name == name {
			return allium.PrintConstruct(r)
		}
	}
	for _, c := range m.Config {
		if c.Name == name {
			return allium.PrintConstruct(c)
		}
	}
	for _, a := range m.Actors {
		if a.Name == name {
			return allium.PrintConstruct(a)
		}
	}
	for _, s := range m.Surfaces {
		if s.Name == name {
			return allium.PrintConstruct(s)
		}
	}
	return ""
}

const flaskModels = `
from datetime import datetime
from app.extensions import db

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(255), nullable=False)
    password_hash = db.Column(db.String(255), nullable=False)
    status = db.Column(db.String(16), nullable=False, default="active")
    locked_until = db.Column(db.DateTime, nullable=True)
    created_at = db.Column(db.DateTime, default=datetime.utcnow)

    def set_password(self, password):
        self.password_hash = generate_password_hash(password)

class Token(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"), nullable=False)
    token = db.Column(db.String(64), nullable=False)
    expires_at = db.Column(db.DateTime, nullable=False)
    used = db.Column(db.Boolean, nullable=False, default=False)
    user = db.relationship("User", backref="tokens")

    def is_valid(self):
        return not self.used and self.expires_at > datetime.utcnow()
`

func TestMappings(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name      string
		files     map[string]string
		construct string
		want      string
	}{
		{
			name: "flask model: FK becomes relation, backref the reverse side, token and id dropped, timestamps kept",
			files: map[string]string{"app/models.py": flaskModels, "app/routes.py": `
from app.models import User
def f():
    User.query.filter_by(status="locked").first()
`},
			construct: "User",
			want: `entity User {
    email: String
    password_hash: String
    status: active | locked
    locked_until: Timestamp?
    created_at: Timestamp?

    tokens: Token with user = this
}`,
		},
		{
			name:      "model method returning a condition becomes a derived value",
			files:     map[string]string{"app/models.py": flaskModels},
			construct: "Token",
			want: `entity Token {
    user: User
    expires_at: Timestamp
    used: Boolean

    is_valid: not used and expires_at > now
}`,
		},
		{
			name: "sqlalchemy 2.0 Mapped with an enum and optional",
			files: map[string]string{"m.py": `
import enum
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, relationship
from sqlalchemy import ForeignKey

class Base(DeclarativeBase):
    pass

class Status(str, enum.Enum):
    ACTIVE = "active"
    SUSPENDED = "suspended"

class Org(Base):
    __tablename__ = "orgs"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str]
    members: Mapped[list["Member"]] = relationship(back_populates="org")

class Member(Base):
    __tablename__ = "members"
    id: Mapped[int] = mapped_column(primary_key=True)
    org_id: Mapped[int] = mapped_column(ForeignKey("orgs.id"))
    org: Mapped["Org"] = relationship(back_populates="members")
    status: Mapped[Status] = mapped_column(default=Status.ACTIVE)
    nickname: Mapped[str | None]
`},
			construct: "Org",
			want: `entity Org {
    name: String

    members: Member with org = this
}`,
		},
		{
			name: "django choices become a named enum",
			files: map[string]string{"accounts/models.py": `
from django.db import models

class Plan(models.Model):
    class Tier(models.IntegerChoices):
        FREE = 1, "Free"
        TEAM = 2, "Team"
    tier = models.IntegerField(choices=Tier.choices, default=Tier.FREE)
    quota = models.PositiveIntegerField(null=True)
`},
			construct: "Plan",
			want: `entity Plan {
    tier: PlanTier
    quota: Integer?
}`,
		},
		{
			name: "guard literal becomes config; lookup becomes let; guard becomes requires",
			files: map[string]string{"app/models.py": flaskModels, "app/routes.py": `
from flask import Blueprint, request, abort
from app.models import User
from app.extensions import db
bp = Blueprint("a", __name__)

@bp.route("/password", methods=["POST"])
def change_password():
    data = request.get_json()
    user = User.query.filter_by(email=data["email"]).first()
    if user is None:
        abort(404)
    if len(data["password"]) < 12:
        abort(400)
    user.set_password(data["password"])
    db.session.commit()
`},
			construct: "ChangePassword",
			want: `rule ChangePassword {
    when: ChangePassword(email, password)
    let user = User{email}
    requires: exists user
    requires: length(password) >= config.min_password_length
    ensures: user.password_hash = hash(password)
}`,
		},
		{
			name: "duration constant named without its unit",
			files: map[string]string{"app/models.py": flaskModels, "app/config.py": "RESET_TOKEN_EXPIRY_HOURS = 1\n", "app/routes.py": `
from datetime import datetime, timedelta
from flask import Blueprint
from app.config import RESET_TOKEN_EXPIRY_HOURS
from app.models import Token, User
from app.extensions import db
bp = Blueprint("a", __name__)

@bp.post("/reset")
def request_reset(user_id):
    user = db.session.get(User, user_id)
    db.session.add(Token(user=user, token="x", expires_at=datetime.utcnow() + timedelta(hours=RESET_TOKEN_EXPIRY_HOURS)))
    db.session.commit()
`},
			construct: "RequestReset",
			want: `rule RequestReset {
    when: RequestReset(user)
    ensures: Token.created(user: user, expires_at: now + config.reset_token_expiry, used: false)
}`,
		},
		{
			name: "bulk update over a foreign key follows the relationship",
			files: map[string]string{"app/models.py": flaskModels, "app/routes.py": `
from flask import Blueprint
from app.models import Token
from app.extensions import db
bp = Blueprint("a", __name__)

@bp.post("/revoke")
def revoke(token):
    t = Token.query.filter_by(token=token).first()
    Token.query.filter_by(user_id=t.user.id).update({"used": True})
    db.session.delete(t)
`},
			construct: "Revoke",
			want: `rule Revoke {
    when: Revoke(t)
    ensures:
        for token in t.user.tokens:
            token.used = true
        not exists t
}`,
		},
		{
			name: "flask-mail message becomes Email.created with recipient and template",
			files: map[string]string{"app/models.py": flaskModels, "app/mail.py": `
from flask import render_template
from flask_mail import Message
from app.extensions import mail

def send_welcome(user):
    msg = Message(subject="Welcome", recipients=[user.email], body=render_template("email/welcome.txt", user=user))
    mail.send(msg)
`, "app/routes.py": `
from flask import Blueprint
from flask_login import login_required, current_user
from app.mail import send_welcome
bp = Blueprint("a", __name__)

@bp.post("/welcome")
@login_required
def welcome():
    send_welcome(current_user)
`},
			construct: "Welcome",
			want: `rule Welcome {
    when: Welcome(user)
    ensures: Email.created(to: user.email, template: welcome)
}`,
		},
		{
			name: "celery task filtering on a timestamp becomes a temporal rule",
			files: map[string]string{"app/models.py": flaskModels, "app/tasks.py": `
from datetime import datetime
from celery import shared_task
from app.models import User

@shared_task
def unlock():
    for u in User.query.filter(User.status == "locked", User.locked_until <= datetime.utcnow()).all():
        u.status = "active"
`},
			construct: "Unlock",
			want: `rule Unlock {
    when: u: User.locked_until <= now
    requires: u.status = locked
    ensures: u.status = active
}`,
		},
		{
			name: "auth decorator puts the trigger on the user surface",
			files: map[string]string{"app/models.py": flaskModels, "app/routes.py": `
from flask import Blueprint
from flask_login import login_required, current_user
from app.extensions import db
bp = Blueprint("a", __name__)

@bp.post("/lock")
@login_required
def lock_me():
    current_user.status = "locked"
    db.session.commit()
`},
			construct: "UserApi",
			want: `surface UserApi {
    facing user: User

    provides:
        LockMe(user)
}`,
		},
		{
			name: "fastapi pydantic body fields are parameters and Field constraints preconditions",
			files: map[string]string{"app/models.py": flaskModels, "app/api.py": `
from fastapi import APIRouter, Depends
from pydantic import BaseModel, Field
from app.models import User
router = APIRouter()

class Body(BaseModel):
    email: str
    password: str = Field(min_length=10)

@router.post("/users")
def create_user(body: Body, db=Depends(get_db)):
    user = User(email=body.email, password_hash=hash_password(body.password), status="active")
    db.add(user)
    db.commit()
`},
			construct: "CreateUser",
			want: `rule CreateUser {
    when: CreateUser(email, password)
    requires: length(password) >= config.min_password_length
    ensures:
        User.created(email: email, password_hash: hash(password), status: "active", created_at: now)
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			got := construct(out.Module, tt.construct)
			if got != tt.want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v\nwhole spec:\n%s", tt.construct, got, tt.want, out.Notes,
					allium.Print(out.Module, allium.PrintOptions{}))
			}
		})
	}
}

func TestConfigDuration(t *testing.T) {
	d := New(Options{})
	out := distilText(t, d, map[string]string{"app/models.py": flaskModels, "app/config.py": "LOCKOUT_MINUTES = 15\nRETENTION_SECONDS = 7200\n", "app/tasks.py": `
from datetime import datetime, timedelta
from celery import shared_task
from app.config import LOCKOUT_MINUTES, RETENTION_SECONDS
from app.models import User, Token

@shared_task
def purge():
    Token.query.filter(Token.expires_at < datetime.utcnow() - timedelta(seconds=RETENTION_SECONDS)).delete()

@shared_task
def relock():
    for u in User.query.filter(User.locked_until <= datetime.utcnow()).all():
        u.locked_until = datetime.utcnow() + timedelta(minutes=LOCKOUT_MINUTES)
        u.status = "locked"
`})
	for name, want := range map[string]string{
		"lockout":   "lockout: Duration = 15.minutes",
		"retention": "retention: Duration = 2.hours",
		"Purge": `rule Purge {
    when: token: Token.expires_at + config.retention <= now
    ensures: not exists token
}`,
	} {
		if got := construct(out.Module, name); got != want {
			t.Errorf("%s:\ngot  %s\nwant %s\n%s", name, got, want, allium.Print(out.Module, allium.PrintOptions{}))
		}
	}
}

// TestLeftOutIsCounted: what cannot be translated is counted and noted,
// never guessed.
func TestLeftOutIsCounted(t *testing.T) {
	d := New(Options{})
	out := distilText(t, d, map[string]string{"app/models.py": flaskModels, "app/routes.py": `
from flask import Blueprint
from app.models import User
from app.extensions import db
bp = Blueprint("a", __name__)

@bp.post("/x")
def weird(user_id):
    user = db.session.get(User, user_id)
    user.status = some_service.compute(user)
    user.locked_until = None
    db.session.commit()
`})
	r := construct(out.Module, "Weird")
	if strings.Contains(r, "compute") || !strings.Contains(r, "user.locked_until = null") {
		t.Errorf("rule = %s", r)
	}
	if out.Stats.Untranslated == 0 || len(out.Notes) == 0 {
		t.Errorf("untranslated value not counted: %+v %v", out.Stats, out.Notes)
	}
}

// TestRecursionBounded: helpers that call each other do not loop.
func TestRecursionBounded(t *testing.T) {
	d := New(Options{MaxInlineDepth: 2})
	out := distilText(t, d, map[string]string{"app/models.py": flaskModels, "app/routes.py": `
from flask import Blueprint
from app.models import User
bp = Blueprint("a", __name__)

def a(u):
    b(u)

def b(u):
    u.locked_until = None
    a(u)

def deep1(u):
    deep2(u, 1)

def deep2(u, n):
    deep3(u, n + 1)

def deep3(u, n):
    u.status = "locked"

@bp.post("/x")
def go(user_id):
    user = User.query.get(user_id)
    a(user)
    deep1(user)
`})
	r := construct(out.Module, "Go")
	if !strings.Contains(r, "user.locked_until = null") || strings.Contains(r, "user.status") {
		t.Errorf("rule = %s", r)
	}
	if !strings.Contains(strings.Join(out.Notes, "\n"), "beyond the inline depth") {
		t.Errorf("depth cut not noted: %v", out.Notes)
	}
}

func TestDeterministicAndConcurrent(t *testing.T) {
	d := New(Options{})
	files := loadService(t, fixtures["flask_accounts"])
	first, err := d.Distill(context.Background(), Input{Service: "s", Files: files})
	if err != nil {
		t.Fatal(err)
	}
	want := string(allium.Print(first.Module, allium.PrintOptions{Provenance: true}))
	var wg sync.WaitGroup
	errs := make(chan string, 8)
	for range 8 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			out, err := d.Distill(context.Background(), Input{Service: "s", Files: files})
			if err != nil {
				errs <- err.Error()
				return
			}
			if got := string(allium.Print(out.Module, allium.PrintOptions{Provenance: true})); got != want {
				errs <- "output differs between runs"
			}
		}()
	}
	wg.Wait()
	close(errs)
	for e := range errs {
		t.Error(e)
	}
}

func TestCancelled(t *testing.T) {
	d := New(Options{})
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := d.Distill(ctx, Input{Service: "s", Files: []source.File{{Path: "a.py", Data: []byte("x = 1\n")}}})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("err = %v, want context.Canceled", err)
	}
}

func TestUnknownLanguage(t *testing.T) {
	d := New(Options{})
	_, err := d.Distill(context.Background(), Input{Service: "s", Language: "cobol"})
	if err == nil || !strings.Contains(err.Error(), "cobol") {
		t.Fatalf("err = %v", err)
	}
}

func TestSyntaxErrorsCounted(t *testing.T) {
	d := New(Options{})
	out := distilText(t, d, map[string]string{"a.py": "def f(:\n  return\nclass X(db.Model):\n  x = db.Column(db.String)\n", "b.py": "X = 1\n"})
	if out.Stats.ParseErrors != 1 || out.Stats.ErrorNodes == 0 || out.Stats.FilesParsed != 2 {
		t.Errorf("stats = %+v", out.Stats)
	}
}

// TestCatalogDrivesRecognition: a user catalog that names another clock
// call changes what becomes `now`.
func TestCatalogDrivesRecognition(t *testing.T) {
	p := t.TempDir() + "/patterns.yaml"
	if err := os.WriteFile(p, []byte("version: 1\nlanguages:\n  python:\n    clock_calls: [house_clock]\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	cat, err := catalog.Load(p)
	if err != nil {
		t.Fatal(err)
	}
	src := map[string]string{"app/models.py": flaskModels, "app/routes.py": `
from flask import Blueprint
from app.models import User
from app.extensions import db
bp = Blueprint("a", __name__)

@bp.post("/lock")
def lock(user_id):
    user = db.session.get(User, user_id)
    user.locked_until = house_clock()
`}
	for _, tc := range []struct {
		d    *Distiller
		want string
	}{
		{New(Options{Catalog: cat}), "user.locked_until = now"},
		{New(Options{}), "user.locked_until = house_clock()"},
	} {
		if got := construct(distilText(t, tc.d, src).Module, "Lock"); !strings.Contains(got, tc.want) {
			t.Errorf("rule = %s, want it to contain %q", got, tc.want)
		}
		tc.d.Close()
	}
}

// TestForwardingMethodsAddNoDepth: a thin relay, a function or method
// whose body only hands its arguments on to one call (a validator's
// __call__ that runs self.validate; allauth's adapter confirm_email, an
// import and `return email_verification.verify_email(request,
// email_address)`, account/adapter.py:587-593; EmailConfirmationMixin.
// confirm, which names self.email_address first, account/models.py:
// 133-139), costs no inline depth. A body that does anything else (a
// constant handed on, a call of its own first, a second statement) still
// costs a level.
func TestForwardingMethodsAddNoDepth(t *testing.T) {
	tests := []struct {
		name, call string
		reached    bool
	}{
		{name: "a method forwarding to its own object", call: "c = Checker()\n    c(user)", reached: true},
		{name: "a module function forwarding to another", call: "check(user)", reached: true},
		{name: "a function importing a module and returning its function", call: "relay_module(user)", reached: true},
		{name: "a method naming its own attribute first", call: "Holder(user).run()", reached: true},
		{name: "a relay handing on a constant", call: "with_constant(user)", reached: false},
		{name: "a relay making a call of its own first", call: "with_call(user)", reached: false},
		{name: "a function doing something before it relays", call: "with_more(user)", reached: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(Options{MaxInlineDepth: 2})
			out := distilText(t, d, map[string]string{"app/models.py": flaskModels, "app/locks.py": `
def lock(u, how=None):
    u.status = "locked"

def get_locks():
    return Locks()

class Locks:
    def lock(self, u):
        u.status = "locked"
`, "app/routes.py": `
from flask import Blueprint
from app.models import User
from app.locks import lock, get_locks
bp = Blueprint("a", __name__)

class Checker:
    def __call__(self, u):
        return self.run(u)
    def run(self, u):
        u.status = "locked"

class Holder:
    def __init__(self, u):
        self.u = u
    def run(self):
        from app import locks
        u = self.u
        return locks.lock(u)

def check(u):
    return lock(u)

def relay_module(u):
    from app import locks
    return locks.lock(u)

def with_constant(u):
    return lock(u, how="hard")

def with_call(u):
    return get_locks().lock(u)

def with_more(u):
    u.tries = 1
    return lock(u)

def helper(user):
    tries = 1  # more than a relay: a level of the depth
    ` + tt.call + `

@bp.post("/x")
def go(user_id):
    user = User.query.get(user_id)
    helper(user)
`})
			r := construct(out.Module, "Go")
			if got := strings.Contains(r, "user.status = locked"); got != tt.reached {
				t.Errorf("reached = %v, want %v: rule = %s notes %v", got, tt.reached, r, out.Notes)
			}
		})
	}
}
