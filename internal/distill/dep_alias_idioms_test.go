package distill

import (
	"strings"
	"testing"
)

// TestDependencyAliasIdioms pins FastAPI dependencies declared once as an
// annotated alias (dispatch's CurrentUser) and used as a parameter's type.
func TestDependencyAliasIdioms(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/models.py": `
from sqlalchemy import Column, String, Integer
from sqlalchemy.orm import declarative_base
Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String)
    name = Column(String)
`,
		"app/auth.py": `
from typing import Annotated
from fastapi import Depends, Request
from .models import User

def get_current_user(request: Request) -> User:
    return request.state.user

CurrentUser = Annotated[User, Depends(get_current_user)]
`,
		"app/views.py": `
from fastapi import APIRouter, HTTPException
from pydantic import BaseModel
from .models import User
from .auth import CurrentUser
router = APIRouter()

class Rename(BaseModel):
    name: str

@router.post("/users/{user_id}/name")
def rename_user(user_id: int, body: Rename, current_user: CurrentUser, db_session: DbSession):
    user = db_session.query(User).filter(User.id == user_id).one_or_none()
    if not user:
        raise HTTPException(status_code=404, detail="no such user")
    if user.id != current_user.id:
        raise HTTPException(status_code=403, detail="not yours")
    user.name = body.name
    db_session.commit()
    return user
`}
	out := distilText(t, d, files)
	want := `rule RenameUser {
    when: RenameUser(user, current_user, name)
    requires: exists user
    requires: user = current_user
    ensures: user.name = name
}`
	if got := construct(out.Module, "RenameUser"); got != want {
		t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, want, out.Notes)
	}
}

// TestNestedGuardIdioms pins a guard nested in a top-level if: a
// precondition under the if's condition (dispatch's change_password checks
// the current password only when users change their own).
func TestNestedGuardIdioms(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/models.py": `
import bcrypt
from sqlalchemy import Column, String, Integer
from sqlalchemy.orm import declarative_base
Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String)
    password = Column(String)
    tags = Column(String)

    def verify_password(self, password):
        return bcrypt.checkpw(password, self.password)
`,
		"app/auth.py": `
from typing import Annotated
from fastapi import Depends, Request
from .models import User

def get_current_user(request: Request) -> User:
    return request.state.user

CurrentUser = Annotated[User, Depends(get_current_user)]
`,
		"app/views.py": `
from fastapi import APIRouter, HTTPException
from pydantic import BaseModel
from .models import User
from .auth import CurrentUser
router = APIRouter()

class PwUpdate(BaseModel):
    current_password: str
    new_password: str

@router.post("/users/{user_id}/pw")
def change_password(user_id: int, body: PwUpdate, current_user: CurrentUser, db_session: DbSession):
    user = db_session.query(User).filter(User.id == user_id).one_or_none()
    if not user:
        raise HTTPException(status_code=404, detail="no such user")
    if user.id == current_user.id:
        if not user.verify_password(body.current_password):
            raise HTTPException(status_code=400, detail="bad")
    for other in db_session.query(User).filter(User.email == user.email).all():
        if other.tags:
            raise HTTPException(status_code=400, detail="tagged")
    user.password = hash_password(body.new_password)
    db_session.commit()
    return user
`}
	out := distilText(t, d, files)
	want := `rule ChangePassword {
    when: ChangePassword(user, current_user, current_password, new_password)
    requires: exists user
    requires: user != current_user or verify(current_password, user.password)
    ensures: user.password = hash(new_password)
}`
	if got := construct(out.Module, "ChangePassword"); got != want {
		t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, want, out.Notes)
	}
}

// TestElifGuardIdioms: `if a: abort(...) elif not b: abort(...)` in a
// wrapped handler is two plain guards (redash's user delete).
func TestElifGuardIdioms(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/models.py": `
from app import db

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String)
    is_invitation_pending = db.Column(db.Boolean)
`,
		"app/views.py": `
from functools import wraps
from flask import Blueprint, abort
from flask_login import current_user, login_required
from app import db
from app.models import User
bp = Blueprint("users", __name__)

def require_admin(fn):
    @wraps(fn)
    def wrapper(*args, **kwargs):
        if not current_user.is_admin:
            abort(403)
        return fn(*args, **kwargs)
    return wrapper

@bp.route("/users/<int:user_id>", methods=["DELETE"])
@login_required
@require_admin
def delete_user(user_id):
    user = User.query.get_or_404(user_id)
    if user.id == current_user.id:
        abort(403, message="not yourself")
    elif not user.is_invitation_pending:
        abort(403, message="disable instead")
    db.session.delete(user)
    db.session.commit()
    return "", 204
`}
	out := distilText(t, d, files)
	got := construct(out.Module, "DeleteUser")
	for _, want := range []string{"requires: user != current_user", "requires: user.is_invitation_pending"} {
		if !strings.Contains(got, want) {
			t.Errorf("DeleteUser lacks %q:\n%s\nnotes: %v", want, got, out.Notes)
		}
	}
}

// TestCurrentUserEntityIdioms: the signed-in user's entity is what the
// current-user dependency returns when nothing else names it (dispatch's
// DispatchUser).
func TestCurrentUserEntityIdioms(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/models.py": `
from sqlalchemy import Column, String, Integer
from sqlalchemy.orm import declarative_base
Base = declarative_base()

class Member(Base):
    __tablename__ = "member"
    id = Column(Integer, primary_key=True)
    email = Column(String)
    name = Column(String)
`,
		"app/auth.py": `
from typing import Annotated
from fastapi import Depends, Request
from .models import Member

def get_current_user(request: Request) -> Member:
    return request.state.user

CurrentUser = Annotated[Member, Depends(get_current_user)]
`,
		"app/views.py": `
from fastapi import APIRouter
from pydantic import BaseModel
from .auth import CurrentUser
router = APIRouter()

class Rename(BaseModel):
    name: str

@router.post("/me/name")
def rename_me(body: Rename, current_user: CurrentUser, db_session: DbSession):
    current_user.name = body.name
    db_session.commit()
    return current_user
`}
	out := distilText(t, d, files)
	want := `rule RenameMe {
    when: RenameMe(name, current_user)
    ensures: current_user.name = name
}`
	if got := construct(out.Module, "RenameMe"); got != want {
		t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, want, out.Notes)
	}
}

// TestPasswordFormValidationIdioms: validating Django's SetPasswordForm
// requires the confirmation and the configured validators (graphql-auth's
// password reset and set, openwisp's password change).
func TestPasswordFormValidationIdioms(t *testing.T) {
	d := New(Options{})
	files := map[string]string{"proj/settings.py": `
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "myapp.validators.NoReuseValidator"},
]
`}
	for k, v := range graphqlAuthExcerpt {
		files[k] = v
	}
	// graphql-auth's password set: only for a user with no usable password.
	files["gauth/mixins.py"] = strings.Replace(files["gauth/mixins.py"], `            if f.is_valid():
                user = f.save()`, `            if f.is_valid():
                if user.has_usable_password():
                    raise PasswordAlreadySetError
                user = f.save()`, 1)
	files["gauth/mixins.py"] = strings.Replace(files["gauth/mixins.py"], `        except SignatureExpired:
            return cls(success=False, errors="expired")`, `        except SignatureExpired:
            return cls(success=False, errors="expired")
        except PasswordAlreadySetError:
            return cls(success=False, errors="already set")`, 1)
	out := distilText(t, d, files)
	got := construct(out.Module, "PasswordReset")
	for _, want := range []string{
		"requires: new_password1 = new_password2",
		// SetPasswordForm.clean_new_password2 validates the repeated input.
		"requires: length(new_password2) >= config.min_password_length",
		"requires: valid_password(new_password2)",
		"user.password = hash(new_password1)",
		"requires: not exists token.user.password",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("PasswordReset lacks %q:\n%s\nnotes: %v", want, got, out.Notes)
		}
	}
	found := false
	for _, c := range out.Module.Config {
		found = found || c.Name == "min_password_length"
	}
	if !found {
		t.Errorf("config lacks min_password_length")
	}
}
