package distill

import (
	"slices"
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestPermissionObjects: a route dependency that is an object of the
// service (Depends(PermissionsDependency([CaseEditPermission])), whose
// __call__ makes each class it keeps) is said above the rule, so the rule
// does not read as open to anyone; a check that only compares one
// attribute with enum literals, directly or as any of other such checks
// through a helper that swallows their refusals, says which
// (dispatch's auth/permissions.py:25-32, 123-200).
func TestPermissionObjects(t *testing.T) {
	models := `
from sqlalchemy import String, Integer
from sqlalchemy.orm import Mapped, mapped_column, DeclarativeBase


class Base(DeclarativeBase):
    pass


class Case(Base):
    __tablename__ = "cases"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String)
`
	perms := `
import enum
from fastapi import HTTPException


class Roles(str, enum.Enum):
    owner = "Owner"
    admin = "Admin"


def any_permission(permissions, request):
    for p in permissions:
        try:
            p(request=request)
            return True
        except HTTPException:
            pass
    return False


class BasePermission:
    role = None

    def __init__(self, request):
        self.role = request.headers.get("role")
        if not self.has_required_permissions(request):
            raise HTTPException(status_code=403)


class PermissionsDependency(object):
    def __init__(self, permissions_classes):
        self.permissions_classes = permissions_classes

    def __call__(self, request):
        for permission_class in self.permissions_classes:
            permission_class(request=request)


class OwnerPermission(BasePermission):
    def has_required_permissions(self, request):
        return self.role == Roles.owner


class AdminPermission(BasePermission):
    def has_required_permissions(self, request):
        permission = any_permission(permissions=[OwnerPermission], request=request)
        if not permission:
            if self.role == Roles.admin:
                return True
        return permission


class CaseEditPermission(BasePermission):
    def has_required_permissions(self, request):
        return request.path_params["case_id"] == "1"
`
	views := `
from fastapi import APIRouter, Depends
from app.db import get_db
from app.models import Case
from app.perms import PermissionsDependency, %s

router = APIRouter()


@router.post("/cases/{id}/close", dependencies=[Depends(PermissionsDependency([%s]))])
def close_case(id: int, db = Depends(get_db)):
    case = db.get(Case, id)
    case.status = "closed"
    db.commit()
`
	cases := []struct{ class, want string }{
		{"AdminPermission", "-- who may call it: the service's own check AdminPermission (app/perms.py:44), passed when its role is owner or admin; the role is not translated"},
		{"OwnerPermission", "-- who may call it: the service's own check OwnerPermission (app/perms.py:39), passed when its role is owner; the role is not translated"},
		{"CaseEditPermission", "-- who may call it: the service's own check CaseEditPermission (app/perms.py:53), not translated"},
	}
	d := New(Options{})
	defer d.Close()
	for _, tc := range cases {
		t.Run(tc.class, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": models,
				"app/perms.py":  perms,
				"app/db.py":     "def get_db():\n    yield None\n",
				"app/views.py":  strings.ReplaceAll(views, "%s", tc.class),
			})
			wantConstruct(t, out, "CloseCase", []string{`case.status = "closed"`}, nil)
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			if !strings.Contains(text, tc.want+"\nrule CloseCase {") {
				t.Errorf("want %q above CloseCase:\n%s", tc.want, text)
			}
		})
	}
}

// TestCallableObjectDependency: a route dependency that is an object of a
// service class whose __call__ is no list of permission classes (a
// bearer-token scheme of the service's own, JWTBearer(HTTPBearer), whose
// call refuses a missing or undecodable token) still guards the route:
// the rule says so above it and the guard is counted as left out, where
// the route had read as open to anyone with nothing said.
func TestCallableObjectDependency(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from sqlalchemy import String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
class Base(DeclarativeBase):
    pass
class Note(Base):
    __tablename__ = "notes"
    id: Mapped[int] = mapped_column(primary_key=True)
    text: Mapped[str] = mapped_column(String(200))
`,
		"app/auth.py": `
from fastapi import Request, HTTPException
from fastapi.security import HTTPBearer
from app.tokens import decode_jwt
class JWTBearer(HTTPBearer):
    def __init__(self, auto_error: bool = True):
        super().__init__(auto_error=auto_error)
    async def __call__(self, request: Request):
        credentials = await super().__call__(request)
        if not credentials:
            raise HTTPException(status_code=403, detail="Invalid authorization code.")
        if not decode_jwt(credentials.credentials):
            raise HTTPException(status_code=403, detail="Invalid token or expired token.")
        return credentials.credentials
`,
		"app/tokens.py": `
import jwt
def decode_jwt(token):
    try:
        return jwt.decode(token, "secret", algorithms=["HS256"])
    except Exception:
        return None
`,
		"app/views.py": `
from fastapi import APIRouter, Depends
from app.auth import JWTBearer
from app.models import Note
router = APIRouter()
def get_session():
    pass
@router.post("/notes", dependencies=[Depends(JWTBearer())])
def create_note(text: str, session=Depends(get_session)):
    session.add(Note(text=text))
    session.commit()
`,
	}
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, files)
	var r *allium.Rule
	for _, x := range out.Module.Rules {
		if x.Name == "CreateNote" {
			r = x
		}
	}
	if r == nil {
		t.Fatalf("no rule CreateNote")
	}
	if !slices.ContainsFunc(r.Doc, func(l string) bool { return strings.Contains(l, "who may call it: the checks of JWTBearer") }) {
		t.Errorf("CreateNote says nothing of JWTBearer's checks: %q", r.Doc)
	}
	if out.Stats.LeftOut[LeftOutGuard] == 0 {
		t.Errorf("JWTBearer's checks are not counted as a guard left out: %v", out.Stats.LeftOut)
	}
}
