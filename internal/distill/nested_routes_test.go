package distill

import "testing"

// nestedRoutesModel is the model the router factories of
// TestNestedRouteHandlers write.
const nestedRoutesModel = `
from sqlalchemy import Boolean, Column, Integer, String
from sqlalchemy.orm import declarative_base
Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String, unique=True)
    is_active = Column(Boolean, default=True)
`

// TestNestedRouteHandlers: a route declared inside a module function (a
// router or application factory, as fastapi-users' get_register_router
// builds its router) is a handler as a module-level one is; a route
// declared under a condition of the factory, and a decorated helper
// that is no route, are not.
func TestNestedRouteHandlers(t *testing.T) {
	d := New(Options{})
	deactivate := `rule Deactivate {
    when: Deactivate(user)
    requires: exists user
    ensures: user.is_active = false
}`
	tests := []struct {
		name string
		app  string
		want string
	}{
		{
			name: "a FastAPI router factory's route is a rule",
			app: `
from fastapi import APIRouter, HTTPException
from .models import User

def get_users_router(get_session) -> APIRouter:
    router = APIRouter()

    @router.post("/deactivate")
    async def deactivate(email: str, session):
        user = session.query(User).filter_by(email=email).first()
        if user is None:
            raise HTTPException(status_code=404)
        user.is_active = False
        session.commit()

    return router
`,
			want: deactivate,
		},
		{
			name: "a Flask application factory's route is a rule",
			app: `
from flask import Flask, abort, request
from .models import User, db

def build_app():
    app = Flask(__name__)

    @app.route("/deactivate", methods=["POST"])
    def deactivate():
        user = User.query.filter_by(email=request.form["email"]).first()
        if user is None:
            abort(404)
        user.is_active = False
        db.session.commit()

    return app
`,
			want: `rule Deactivate {
    when: Deactivate(email)
    let user = User{email}
    requires: exists user
    ensures: user.is_active = false
}`,
		},
		{
			name: "a route the factory declares only under a condition of its arguments is not read",
			app: `
from fastapi import APIRouter, HTTPException
from .models import User

def get_users_router(get_session, allow_deactivate: bool) -> APIRouter:
    router = APIRouter()
    if allow_deactivate:
        @router.post("/deactivate")
        async def deactivate(email: str, session):
            user = session.query(User).filter_by(email=email).first()
            if user is None:
                raise HTTPException(status_code=404)
            user.is_active = False
            session.commit()

    return router
`,
		},
		{
			name: "a decorated helper inside a function is no route",
			app: `
import functools
from .models import User

def login_required(view):
    @functools.wraps(view)
    def deactivate(email, session):
        user = session.query(User).filter_by(email=email).first()
        user.is_active = False
        session.commit()
        return view(email, session)
    return deactivate
`,
		},
		{
			name: "a decorated helper named as a module-registered route is no route",
			app: `
import functools
from flask import Flask
from .models import User

app = Flask(__name__)

def deactivate():
    return "ok"

app.route("/deactivate", methods=["POST"])(deactivate)

def login_required(view):
    @functools.wraps(view)
    def deactivate(email, session):
        user = session.query(User).filter_by(email=email).first()
        user.is_active = False
        session.commit()
        return view(email, session)
    return deactivate
`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": nestedRoutesModel, "app/routes.py": tt.app})
			if got := construct(out.Module, "Deactivate"); got != tt.want {
				t.Errorf("Deactivate:\ngot:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
