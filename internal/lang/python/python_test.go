package python

import (
	"context"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/syntax"
)

func extract(t testing.TB, path, src string) *facts.File {
	t.Helper()
	p := syntax.NewParser(0)
	defer p.Close()
	f, err := New().Extract(context.Background(), p, facts.Source{Path: path, Data: []byte(src)})
	if err != nil {
		t.Fatalf("extract %s: %v", path, err)
	}
	return f
}

func lines(s string) []string {
	s = strings.TrimPrefix(s, "\n")
	s = strings.TrimRight(s, "\n")
	// Expectations are indented with tabs in the table; drop one level.
	var out []string
	for _, l := range strings.Split(s, "\n") {
		out = append(out, strings.TrimPrefix(l, "\t\t"))
	}
	return out
}

// TestShapes extracts small programs in the shapes of the frameworks the
// fixture services use and compares the rendered facts (see render_test.go).
func TestShapes(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name string
		path string
		src  string
		want string
	}{
		{
			name: "flask route and mail",
			path: "app/auth/routes.py",
			src: `
from flask import request, abort, jsonify
from flask_mail import Message
from ..extensions import db, mail
from .models import User

@auth_bp.route("/reset", methods=["POST"])
@login_required
def reset():
    user = User.query.filter_by(email=request.json["email"]).first()
    if not user:
        abort(404)
    user.failed_attempts = 0
    msg = Message("Reset", recipients=[user.email])
    mail.send(msg)
    db.session.commit()
    return jsonify(ok=True), 200
`,
			want: `
		@auth_bp.route("/reset", methods=["POST"])
		@login_required
		def app.auth.routes.reset()
		  user = app.auth.models.User.query.filter_by(email=flask.request.json["email"]).first()
		  if (not user):
		    flask.abort(404)
		  user.failed_attempts = 0
		  msg = flask_mail.Message("Reset", recipients=[user.email])
		  app.extensions.mail.send(msg)
		  app.extensions.db.session.commit()
		  return (flask.jsonify(ok=True), 200,)
`,
		},
		{
			name: "fastapi router with Depends",
			path: "app/routers/auth.py",
			src: `
from typing import Annotated
from fastapi import APIRouter, Depends, status
from sqlalchemy.orm import Session
from app.db import get_db
from app import schemas

router = APIRouter(prefix="/auth")

@router.post("/reset", status_code=status.HTTP_204_NO_CONTENT)
async def reset(body: schemas.ResetIn, db: Session = Depends(get_db), user: Annotated[User, Depends(current_user)] = None) -> None:
    token = await db.scalar(select(Token).where(Token.token == body.token))
    if token is None or token.used:
        raise HTTPException(status_code=400, detail="invalid")
    token.used = True
`,
			want: `
		router = fastapi.APIRouter(prefix="/auth")
		@router.post("/reset", status_code=fastapi.status.HTTP_204_NO_CONTENT)
		async def app.routers.auth.reset(body: app.schemas.ResetIn, db: sqlalchemy.orm.Session = fastapi.Depends(app.db.get_db), user: typing.Annotated[(User, fastapi.Depends(current_user),)] = None) -> None
		  token = await db.scalar(select(Token).where((Token.token == body.token)))
		  if ((token is None) or token.used):
		    raise HTTPException(status_code=400, detail="invalid")
		  token.used = True
`,
		},
		{
			name: "flask-sqlalchemy model",
			path: "app/models/user.py",
			src: `
from datetime import datetime
from app.extensions import db

class User(UserMixin, db.Model):
    """A person."""
    __tablename__ = "users"
    email = db.Column(db.String(255), unique=True, nullable=True)
    status = db.Column(db.String(16), default="active")
    plan = db.relationship("Plan", backref="users")

    def is_locked(self) -> bool:
        return self.status == "locked" and self.locked_until > datetime.utcnow()
`,
			want: `
		class app.models.user.User(UserMixin, app.extensions.db.Model)
		  __tablename__ = "users"
		  email = app.extensions.db.Column(app.extensions.db.String(255), unique=True, nullable=True)
		  status = app.extensions.db.Column(app.extensions.db.String(16), default="active")
		  plan = app.extensions.db.relationship("Plan", backref="users")
		  def app.models.user.User.is_locked(self) -> bool
		    return ((self.status == "locked") and (self.locked_until > datetime.datetime.utcnow()))
`,
		},
		{
			name: "sqlalchemy 2.0 mapped",
			path: "app/models.py",
			src: `
from sqlalchemy.orm import Mapped, mapped_column, relationship, DeclarativeBase
import sqlalchemy as sa

class Token(Base):
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str | None] = mapped_column(sa.String(255), unique=True, nullable=True)
    user: Mapped["User"] = relationship(back_populates="tokens")
    tags: sa.orm.Mapped[list[str]]
`,
			want: `
		class app.models.Token(Base)
		  id: sqlalchemy.orm.Mapped[int] = sqlalchemy.orm.mapped_column(primary_key=True)
		  email: sqlalchemy.orm.Mapped[(str | None)] = sqlalchemy.orm.mapped_column(sqlalchemy.String(255), unique=True, nullable=True)
		  user: sqlalchemy.orm.Mapped["User"] = sqlalchemy.orm.relationship(back_populates="tokens")
		  tags: sqlalchemy.orm.Mapped[list[str]]
`,
		},
		{
			name: "sqlmodel table",
			path: "models.py",
			src: `
from sqlmodel import SQLModel, Field

class Invite(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(index=True)
`,
			want: `
		class models.Invite(sqlmodel.SQLModel, table=True)
		  id: (int | None) = sqlmodel.Field(default=None, primary_key=True)
		  email: str = sqlmodel.Field(index=True)
`,
		},
		{
			name: "django model with choices and meta",
			path: "accounts/models.py",
			src: `
from django.db import models
from django.conf import settings

class Invitation(models.Model):
    class Status(models.TextChoices):
        PENDING = "pending", "Pending"
        ACCEPTED = "accepted", _("Accepted")

    email = models.EmailField()
    status = models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
    inviter = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="invitations")

    class Meta:
        ordering = ["-created_at"]
`,
			want: `
		class accounts.models.Invitation(django.db.models.Model)
		  email = django.db.models.EmailField()
		  status = django.db.models.CharField(max_length=16, choices=Status.choices, default=Status.PENDING)
		  inviter = django.db.models.ForeignKey(django.conf.settings.AUTH_USER_MODEL, on_delete=django.db.models.CASCADE, related_name="invitations")
		  class accounts.models.Invitation.Status(django.db.models.TextChoices)
		    PENDING = ("pending", "Pending",)
		    ACCEPTED = ("accepted", _("Accepted"),)
		  class accounts.models.Invitation.Meta()
		    ordering = ["-created_at"]
`,
		},
		{
			name: "dataclass enum pydantic settings",
			path: "app/schemas.py",
			src: `
import enum
from dataclasses import dataclass, field
from pydantic import BaseModel, EmailStr, Field
from pydantic_settings import BaseSettings, SettingsConfigDict

class Status(str, enum.Enum):
    ACTIVE = "active"
    LOCKED = "locked"

@dataclass(frozen=True)
class Limits:
    max_attempts: int = 5
    window: float = field(default=60.0)

class ResetIn(BaseModel):
    email: EmailStr
    password: str = Field(min_length=12)

class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="APP_")
    reset_token_ttl_minutes: int = 30

    class Config:
        env_file = ".env"
`,
			want: `
		class app.schemas.Status(str, enum.Enum)
		  ACTIVE = "active"
		  LOCKED = "locked"
		@dataclasses.dataclass(frozen=True)
		class app.schemas.Limits()
		  max_attempts: int = 5
		  window: float = dataclasses.field(default=60.0)
		class app.schemas.ResetIn(pydantic.BaseModel)
		  email: pydantic.EmailStr
		  password: str = pydantic.Field(min_length=12)
		class app.schemas.Settings(pydantic_settings.BaseSettings)
		  model_config = pydantic_settings.SettingsConfigDict(env_prefix="APP_")
		  reset_token_ttl_minutes: int = 30
		  class app.schemas.Settings.Config()
		    env_file = ".env"
`,
		},
		{
			name: "celery drf views",
			path: "accounts/views.py",
			src: `
from celery import shared_task
from rest_framework.decorators import api_view
from rest_framework.views import APIView
from rest_framework.response import Response

@shared_task(bind=True, max_retries=3)
def purge_tokens(self):
    Token.objects.filter(expires_at__lt=timezone.now()).delete()

@api_view(["POST"])
def verify(request):
    return Response(status=204)

class InviteView(APIView):
    permission_classes = [IsAuthenticated]

    def post(self, request, *args, **kwargs):
        serializer = InviteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        return Response(serializer.data, status=201)
`,
			want: `
		class accounts.views.InviteView(rest_framework.views.APIView)
		  permission_classes = [IsAuthenticated]
		  def accounts.views.InviteView.post(self, request, *args, **kwargs)
		    serializer = InviteSerializer(data=request.data)
		    serializer.is_valid(raise_exception=True)
		    return rest_framework.response.Response(serializer.data, status=201)
		@celery.shared_task(bind=True, max_retries=3)
		def accounts.views.purge_tokens(self)
		  Token.objects.filter(expires_at__lt=timezone.now()).delete()
		@rest_framework.decorators.api_view(["POST"])
		def accounts.views.verify(request)
		  return rest_framework.response.Response(status=204)
`,
		},
		{
			name: "statements",
			path: "m.py",
			src: `
def f(a, /, b, *, c, **kw):
    x: int = 1
    a = b = 2
    user.failed_attempts += 1
    d["k"] = v
    first, *rest = items
    if a < b <= c:
        pass
    elif a not in b and c is not None:
        raise ValueError("x") from err
    else:
        del a[1], b.c
    for i, j in pairs:
        continue
    else:
        break
    while not done:
        done = step()
    async with lock as l, other:
        yield x
    try:
        import os
        from .models import User
    except (KeyError, ValueError) as e:
        raise
    except Exception:
        pass
    else:
        return
    finally:
        cleanup()
    assert x > 0, "positive"
    global counter
    match x:
        case 1:
            pass
    def inner(y=Depends(get_db)):
        return y
    class Local:
        pass
`,
			want: `
		def m.f(pos:a, b, kw:c, **kw)
		  x: int = 1
		  a, b = 2
		  user.failed_attempts += 1
		  d["k"] = v
		  (first, *rest,) = items
		  if ((a < b) and (b <= c)):
		    pass
		  else:
		    if ((a not in b) and (c is not None)):
		      raise ValueError("x") from err
		    else:
		      del a[1], b.c
		  for (i, j,) in pairs:
		    continue
		  else:
		    break
		  while (not done):
		    done = step()
		  async with lock as l, other:
		    yield x
		  try:
		    import
		    import
		  except (KeyError, ValueError,) as e:
		    raise
		  except Exception:
		    pass
		  else:
		    return
		  finally:
		    cleanup()
		  assert (x > 0), "positive"
		  global counter
		  opaque<match_statement>
		  def m.f.inner
		    return y
		  class m.f.Local
`,
		},
		{
			name: "expressions",
			path: "m.py",
			src: `
A = 3_600
B = -1.5e3
C = "a\tb\x41\u00e9\101" 'c' r"\d"
D = f"hi {name}" "x"
E = b"\x00"
F = [True, False, None, ..., {1, 2}, {"k": v, **rest}, (1,)]
G = x[1:2], x[a, b], [i for i in y], lambda q: q + 1
H = a if b else c
I = (n := len(s)) > 10
J = ~a | b & c, d << 1 >> 2 // 3 % 4 ** 5 @ m
K = """doc
string"""
L = ''
M = call(*args, key=value, **kwargs)(1)
N = not a or b and -c
O = {k: v for k, v in items}
`,
			want: `
		A = 3_600
		B = (-1.5e3)
		C = "a\tbAéAc\\d"
		D = fstring<f"hi {name}" "x">
		E = "\x00"
		F = [True, False, None, ..., {1, 2}, {"k": v, **rest}, (1,)]
		G = (x[slice<1:2>], x[(a, b,)], comprehension<[i for i in y]>, lambda<lambda q: q + 1>,)
		H = (a if b else c)
		I = ((n := len(s)) > 10)
		J = (((~a) | (b & c)), ((d << 1) >> (((2 // 3) % (4 ** 5)) @ m)),)
		K = "doc\nstring"
		L = ""
		M = call(*args, key=value, **kwargs)(1)
		N = ((not a) or (b and (-c)))
		O = comprehension<{k: v for k, v in items}>
`,
		},
		{
			name: "module statements and hoisting",
			path: "app/__init__.py",
			src: `
"""The app."""
try:
    from flask import Flask
except ImportError:
    Flask = None
if DEBUG:
    TIMEOUT = 5

    def debug_only():
        pass
app = Flask(__name__)
app.register_blueprint(bp, url_prefix="/auth")
app.config["X"] = 1
urlpatterns += [path("a/", view)]
if __name__ == "__main__":
    app.run()
`,
			want: `
		Flask = None
		TIMEOUT = 5
		app = flask.Flask(__name__)
		def app.debug_only()
		  pass
		try:
		except ImportError:
		if DEBUG:
		app.register_blueprint(bp, url_prefix="/auth")
		app.config["X"] = 1
		urlpatterns += [path("a/", view)]
		if (__name__ == "__main__"):
		  app.run()
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := extract(t, tt.path, strings.TrimPrefix(tt.src, "\n"))
			got := showFile(f)
			if diff := cmp.Diff(lines(tt.want), got); diff != "" {
				t.Errorf("facts (-want +got):\n%s\ngot:\n%s", diff, strings.Join(got, "\n"))
			}
			if f.Stats.ErrorNodes != 0 || f.Stats.MissingNodes != 0 {
				t.Errorf("unexpected syntax errors: %+v", f.Stats)
			}
		})
	}
}

// TestLambdaFunction: a lambda stays an opaque ExprLambda with its source,
// and also carries the function it defines: its parameters and its body
// as one return statement, which distill inlines where the lambda is
// called (accumulate_errors(lambda v: v.validate(model, c), validators)).
func TestLambdaFunction(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src, params, body string
	}{
		{src: "F = lambda v: v.validate(model, changeset)", params: "v", body: "v.validate(model, changeset)"},
		{src: "F = lambda: now()", params: "", body: "now()"},
		{src: "F = lambda a, b=2, *rest, **kw: a + b", params: "a b rest kw", body: "(a + b)"},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			t.Parallel()
			f := extract(t, "m.py", tt.src+"\n")
			if len(f.Constants) != 1 || f.Constants[0].Value == nil || f.Constants[0].Value.Kind != facts.ExprLambda {
				t.Fatalf("want one constant holding a lambda, got %+v", f.Constants)
			}
			e := f.Constants[0].Value
			if e.Text() != strings.TrimPrefix(tt.src, "F = ") {
				t.Errorf("text %q", e.Text())
			}
			fn := e.Func()
			if fn == nil {
				t.Fatal("no function")
			}
			var names []string
			for _, p := range fn.Params {
				names = append(names, p.Name)
			}
			if got := strings.Join(names, " "); got != tt.params {
				t.Errorf("params %q, want %q", got, tt.params)
			}
			if len(fn.Body()) != 1 || fn.Body()[0].Kind != facts.StmtReturn || showExpr(fn.Body()[0].Value) != tt.body {
				t.Errorf("body %+v, want return %s", fn.Body(), tt.body)
			}
		})
	}
}

// TestComprehensionParts checks that list, set and generator
// comprehensions with one for clause carry their element, target,
// iterable and conditions, and that the other shapes stay opaque.
func TestComprehensionParts(t *testing.T) {
	t.Parallel()
	tests := []struct {
		src  string
		want string // element | target | iterable | conditions; "" when opaque
	}{
		{src: "F = any(c.isdigit() for c in v)", want: "c.isdigit() | c | v |"},
		{src: "F = [w.strip() for w in s.split(',')]", want: `w.strip() | w | s.split(",") |`},
		{src: "F = {g.id for g in user.groups if g.active if not g.hidden}", want: "g.id | g | user.groups | g.active; (not g.hidden)"},
		{src: "F = all(p in perms for p in wanted)", want: "(p in perms) | p | wanted |"},
		{src: "F = {k: v for k, v in items}", want: ""},
		{src: "F = [a for x in xs for a in x]", want: ""},
	}
	for _, tt := range tests {
		t.Run(tt.src, func(t *testing.T) {
			t.Parallel()
			f := extract(t, "m.py", tt.src+"\n")
			if len(f.Constants) != 1 || f.Constants[0].Value == nil {
				t.Fatalf("want one constant, got %+v", f.Constants)
			}
			e := f.Constants[0].Value
			if e.Kind == facts.ExprCall && len(e.Args()) == 1 {
				e = &e.Args()[0]
			}
			if e.Kind != facts.ExprComprehension {
				t.Fatalf("kind %s, want comprehension", e.Kind)
			}
			got := ""
			if elt, target, iter, conds, ok := e.Comprehension(); ok {
				var cs []string
				for i := range conds {
					cs = append(cs, showExpr(&conds[i]))
				}
				got = strings.TrimSpace(showExpr(elt) + " | " + showExpr(target) + " | " + showExpr(iter) + " | " + strings.Join(cs, "; "))
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
