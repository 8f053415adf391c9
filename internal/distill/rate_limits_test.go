package distill

import (
	"slices"
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestRateLimits: a rate limit on a handler that has a rule is one config
// parameter per part of its limit string, named after the rule, whether
// the limit is written on the view function, held in a setting or listed
// in a class-based view's decorators for some of its methods; a limit on
// a method it does not name, or one whose text is unknown, declares
// nothing.
func TestRateLimits(t *testing.T) {
	d := New(Options{})
	for _, tc := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name: "a view function limited by a setting read from the environment, and one by a literal",
			files: map[string]string{"app/models.py": flaskModels, "app/settings.py": `
import os
THROTTLE_LOGIN_PATTERN = os.environ.get("APP_THROTTLE_LOGIN_PATTERN", "50/hour")
`, "app/views.py": `
from flask import Flask, request
from app import settings
from app.extensions import limiter
from app.models import User, db
app = Flask(__name__)

@app.route("/login", methods=["POST"])
@limiter.limit(settings.THROTTLE_LOGIN_PATTERN)
def login():
    user = User.query.filter_by(email=request.form["email"]).first()
    user.status = "locked"
    db.session.commit()

@app.route("/signup", methods=["POST"])
@limiter.limit("5 per minute")
def signup():
    db.session.add(User(email=request.form["email"]))
    db.session.commit()

@app.route("/rename", methods=["POST"])
@limiter.limit(dynamic_limit)
def rename():
    user = User.query.filter_by(email=request.form["email"]).first()
    user.status = "locked"
    db.session.commit()
`},
			want: []string{"login_requests_per_hour: Integer = 50", "signup_requests_per_minute: Integer = 5"},
		},
		{
			name: "a class-based view's decorators limit the methods they name",
			files: map[string]string{"app/models.py": flaskModels, "app/views.py": `
from flask import request
from flask_restful import Resource
from app.extensions import limiter
from app.models import User, db

class UserListResource(Resource):
    decorators = Resource.decorators + [limiter.limit("200/day;50/hour", methods=["POST"])]

    def post(self):
        db.session.add(User(email=request.json["email"]))
        db.session.commit()

class UserResource(Resource):
    decorators = [limiter.limit("10/hour", methods=["POST"])]

    def delete(self, user_id):
        user = User.query.get(user_id)
        db.session.delete(user)
        db.session.commit()
`},
			want: []string{"user_list_requests_per_day: Integer = 200", "user_list_requests_per_hour: Integer = 50"},
		},
		{
			// mealie's create_one of several controllers: the rules are
			// named by class after the limits are read (rule_class_names.go);
			// a limit's name is the rule's final one, not CreateOne2's.
			name: "methods of one name in two classes: each limit named after its rule's class name",
			files: map[string]string{"app/models.py": flaskModels, "app/views.py": `
from fastapi import APIRouter
from fastapi_utils.cbv import cbv
from app.extensions import limiter
from app.models import User, db
router = APIRouter()

@cbv(router)
class AdminUsersController:
    @router.post("/admin/users")
    @limiter.limit("5/minute")
    def create_one(self, email: str):
        db.session.add(User(email=email))
        db.session.commit()

@cbv(router)
class GroupUsersController:
    @router.post("/groups/users")
    @limiter.limit("20/hour")
    def create_one(self, email: str):
        db.session.add(User(email=email))
        db.session.commit()
`},
			want: []string{"admin_users_create_one_requests_per_minute: Integer = 5", "group_users_create_one_requests_per_hour: Integer = 20"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, tc.files)
			var got []string
			for _, c := range out.Module.Config {
				if strings.Contains(c.Name, "_requests_per_") {
					got = append(got, strings.TrimSpace(allium.PrintConstruct(c)))
				}
			}
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("rate-limit config:\ngot  %q\nwant %q\n%s", got, tc.want, allium.Print(out.Module, allium.PrintOptions{}))
			}
		})
	}
}
