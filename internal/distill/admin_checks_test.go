package distill

import (
	"strings"
	"testing"
)

// TestAdminCheckIdioms pins what a handler only administrators reach
// requires of the acting user (redash's @require_admin, flask-base's
// @admin_required): the user's admin field, or else the admin flag
// declared as the service's own check.
func TestAdminCheckIdioms(t *testing.T) {
	d := New(Options{})
	models := func(extra string) string {
		return `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(128))
    disabled = db.Column(db.Boolean, default=False)
` + extra
	}
	view := func(decorator string) string {
		return `
from flask import Blueprint
from app.models import User, db
from app.permissions import ` + strings.TrimPrefix(decorator, "@") + `
bp = Blueprint("admin", __name__)
@bp.route("/users/<int:user_id>/disable", methods=["POST"])
` + decorator + `
def disable_user(user_id):
    user = User.query.get_or_404(user_id)
    user.disabled = True
    db.session.commit()
    return "", 204
`
	}
	const adminRule = `rule DisableUser {
    when: DisableUser(current_user, user)
    requires: current_user.is_admin
    ensures: user.disabled = true
}`
	tests := []struct {
		name, models, decorator string
		want, user              string
	}{
		{
			name:      "without an admin field the rule requires the admin flag, declared as the service's check",
			models:    models(""),
			decorator: "@require_admin",
			want:      adminRule,
			user:      "    is_admin: administrator(this)\n}",
		},
		{
			name:      "an admin field of the user is what it requires",
			models:    models("    is_admin = db.Column(db.Boolean, default=False)\n"),
			decorator: "@admin_required",
			want:      adminRule,
			user:      "    is_admin: Boolean?\n}",
		},
		{
			name:      "a signed-in user's handler requires no admin",
			models:    models(""),
			decorator: "@login_required",
			want: `rule DisableUser {
    when: DisableUser(user)
    ensures: user.disabled = true
}`,
			user: "    disabled: Boolean?\n}",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": tt.models, "app/views.py": view(tt.decorator)})
			if got := construct(out.Module, "DisableUser"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
			if got := construct(out.Module, "User"); !strings.HasSuffix(got, tt.user) {
				t.Errorf("user:\n%s\nwant it to end:\n%s", got, tt.user)
			}
		})
	}
}

// TestAdminPermissionIdioms pins a user's check of the permission that
// makes an administrator (catalog auth.admin_permissions; redash's
// require_admin_or_owner: int(user_id) == current_user.id or
// current_user.has_permission("admin")).
func TestAdminPermissionIdioms(t *testing.T) {
	d := New(Options{})
	const models = `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(128))
    permissions = db.Column(db.String(128))
    def has_permission(self, permission):
        return permission in self.permissions.split(",")
`
	view := func(permission string) string {
		return `
from flask import Blueprint, request, abort
from flask_login import login_required, current_user
from app.models import User, db
bp = Blueprint("users", __name__)
def is_owner_or(permission, owner_id):
    return int(owner_id) == current_user.id or current_user.has_permission(permission)
@bp.route("/users/<int:user_id>", methods=["POST"])
@login_required
def rename_user(user_id):
    if not is_owner_or(` + permission + `, user_id):
        abort(403)
    user = User.query.get_or_404(user_id)
    user.name = request.form["name"]
    db.session.commit()
    return "", 204
`
	}
	tests := []struct {
		name, view, want string
	}{
		{
			name: "the admin permission, passed through a helper, is the admin flag",
			view: view(`"admin"`),
			want: `rule RenameUser {
    when: RenameUser(current_user, name, user)
    requires: user = current_user or current_user.is_admin
    ensures: user.name = name
}`,
		},
		{
			name: "another permission is no admin check",
			view: view(`"list_users"`),
			want: "is_admin",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/views.py": tt.view})
			got := construct(out.Module, "RenameUser")
			if strings.HasPrefix(tt.want, "rule") {
				if got != tt.want {
					t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
				}
				return
			}
			if !strings.Contains(got, "ensures: user.name = name") || strings.Contains(got, tt.want) {
				t.Errorf("want the rule without %q, got:\n%s", tt.want, got)
			}
		})
	}
}
