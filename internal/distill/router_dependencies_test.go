package distill

import (
	"fmt"
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestRouterDependencies: the dependencies a FastAPI app or router lists
// (FastAPI(dependencies=[...]), APIRouter(dependencies=[...]),
// include_router(router, dependencies=[...])) run before every route on
// it, and on every router mounted on it, as a route's own do: polar's
// backoffice app answers only admins (backoffice/__init__.py:33-71). An
// admin dependency (the catalog's require_admin) puts the route on the
// admins' surface.
func TestRouterDependencies(t *testing.T) {
	models := `
from sqlalchemy import Boolean, String, Integer
from sqlalchemy.orm import Mapped, mapped_column, DeclarativeBase


class Base(DeclarativeBase):
    pass


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    is_admin: Mapped[bool] = mapped_column(Boolean, default=False)


class Feedback(Base):
    __tablename__ = "feedbacks"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    status: Mapped[str] = mapped_column(String)
`
	deps := `
from fastapi import HTTPException
from app.auth import get_current_user
from app.models import User


def require_admin(user: User = Depends(get_current_user)):
    if not user.is_admin:
        raise HTTPException(status_code=403)
    return user
`
	feedbacks := `
from fastapi import APIRouter, Depends
from app.db import get_db
from app.models import Feedback

router = APIRouter(%s)


@router.post("/feedbacks/{id}/triage")
def triage(id: int, db = Depends(get_db)):
    feedback = db.get(Feedback, id)
    if feedback is None:
        raise HTTPException(status_code=404)
    feedback.status = "triaged"
    db.commit()
`
	tests := []struct {
		name, routerArgs, app string
		want                  []string
	}{
		{
			name: "no dependency anywhere: open",
			app:  "from fastapi import FastAPI\nfrom app.feedbacks import router as feedbacks_router\napp = FastAPI()\napp.include_router(feedbacks_router)\n",
			want: []string{"PublicApi"},
		},
		{
			name: "the app's dependencies",
			app:  "from fastapi import FastAPI, Depends\nfrom app.deps import require_admin\nfrom app.feedbacks import router as feedbacks_router\napp = FastAPI(dependencies=[Depends(require_admin)])\napp.include_router(feedbacks_router, prefix=\"/x\")\n",
			want: []string{"AdminApi"},
		},
		{
			name: "the mount's dependencies",
			app:  "from fastapi import FastAPI, Depends\nfrom app.deps import require_admin\nfrom app.feedbacks import router as feedbacks_router\napp = FastAPI()\napp.include_router(feedbacks_router, dependencies=[Depends(require_admin)])\n",
			want: []string{"AdminApi"},
		},
		{
			// Nonsense, but it must end: two routers each mounted on the
			// other, the app's dependency reaching both.
			name: "routers mounted on each other",
			app:  "from fastapi import APIRouter, FastAPI, Depends\nfrom app.deps import require_admin\nfrom app.feedbacks import router as feedbacks_router\nother = APIRouter()\nother.include_router(feedbacks_router)\nfeedbacks_router.include_router(other)\napp = FastAPI(dependencies=[Depends(require_admin)])\napp.include_router(other)\n",
			want: []string{"AdminApi"},
		},
		{
			name:       "the router's own dependencies",
			routerArgs: "dependencies=[Depends(require_admin)]",
			app:        "from fastapi import FastAPI\nfrom app.feedbacks import router as feedbacks_router\napp = FastAPI()\napp.include_router(feedbacks_router)\n",
			want:       []string{"AdminApi"},
		},
	}
	d := New(Options{})
	defer d.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := feedbacks
			if tt.routerArgs != "" {
				src = "from app.deps import require_admin\n" + src
			}
			out := distilText(t, d, map[string]string{
				"app/models.py":    models,
				"app/deps.py":      "from fastapi import Depends\n" + deps,
				"app/auth.py":      "from fastapi import Depends\nfrom fastapi.security import OAuth2PasswordBearer\nfrom app.models import User\noauth2 = OAuth2PasswordBearer(tokenUrl=\"token\")\n\n\ndef get_current_user(token: str = Depends(oauth2)) -> User:\n    return token\n",
				"app/db.py":        "def get_db():\n    yield None\n",
				"app/feedbacks.py": fmt.Sprintf(src, tt.routerArgs),
				"app/main.py":      tt.app,
			})
			wantConstruct(t, out, "Triage", []string{`feedback.status = "triaged"`}, nil)
			// The admin dependency puts the route on the admins' surface.
			for _, surface := range tt.want {
				if got := construct(out.Module, surface); !strings.Contains(got, "Triage(") {
					t.Errorf("%s does not provide Triage:\n%s", surface, allium.Print(out.Module, allium.PrintOptions{}))
				}
			}
		})
	}
}
