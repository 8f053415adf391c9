package distill

import "testing"

// CTFd's own definitions of what the catalog knows by name, read in full
// (the corpus holds too little of CTFd for them to be seen): get_config's
// body (CTFd/utils/__init__.py:66-85) reads the Configs table and presets;
// user_mode() hands back its setting (utils/config/__init__.py:16-17);
// get_current_user_attrs builds a UserAttrs namedtuple (constants/users.py,
// utils/user/__init__.py:38-57); Teams.members runs over Users.team_id
// beside the team's captain_id (models/__init__.py:638-654); and
// TestingConfig(ServerConfig) is the tests' configuration (config.py:307);
// admins_only and authed_only call the handler under the check and fail in
// its else (utils/decorators/__init__.py:85-142).
func TestCTFdOwnDefinitions(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class Users(db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(128))
    type = db.Column(db.String(80))
    verified = db.Column(db.Boolean, default=False)
    team_id = db.Column(db.Integer, db.ForeignKey("teams.id"))
class Teams(db.Model):
    __tablename__ = "teams"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(128))
    members = db.relationship("Users", backref="team", foreign_keys="Users.team_id")
    captain_id = db.Column(db.Integer, db.ForeignKey("users.id", ondelete="SET NULL"))
    captain = db.relationship("Users", foreign_keys=[captain_id])
class Configs(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    key = db.Column(db.Text)
    value = db.Column(db.Text)
`,
		"app/config.py": `
class ServerConfig(object):
    UPDATE_CHECK = process_boolean_str(os.getenv("UPDATE_CHECK"))
class TestingConfig(ServerConfig):
    UPDATE_CHECK = False
`,
		"app/attrs.py": `
from collections import namedtuple
UserAttrs = namedtuple("UserAttrs", ["id", "name", "type", "verified"])
`,
		"app/utils.py": `
from flask import current_app as app, session
from app.models import Configs, Users, db
from app.attrs import UserAttrs
def _get_config(key):
    row = db.session.execute(Configs.__table__.select().where(Configs.key == key)).fetchone()
    if row and row.value:
        return row.value
    return KeyError
def get_config(key, default=None):
    presets = app.config.get("PRESET_CONFIGS")
    if presets and key in presets:
        return presets[key]
    value = _get_config(key)
    if value is KeyError:
        return default
    return value
def user_mode():
    return get_config("user_mode")
def get_user_attrs(user_id):
    user = Users.query.filter_by(id=user_id).first()
    if user:
        d = {}
        for field in UserAttrs._fields:
            d[field] = getattr(user, field)
        return UserAttrs(**d)
    return None
def get_current_user_attrs():
    if authed():
        return get_user_attrs(user_id=session["id"])
    else:
        return None
def get_current_user():
    return Users.query.filter_by(id=session["id"]).first()
def authed():
    return bool(session.get("id", False))
def is_verified():
    if get_config("verify_emails"):
        user = get_current_user_attrs()
        if user:
            return user.verified
        else:
            return False
    else:
        return True
def is_admin():
    if authed():
        user = get_current_user_attrs()
        if user and user.type:
            return user.type == "admin"
    else:
        return False
`,
		"app/views.py": `
import functools
from app import utils as current_user
from flask import Blueprint, abort, request, current_app, redirect, url_for
from app.models import Teams, Users, db
from app.utils import authed, is_verified, get_config, get_current_user, get_current_user_attrs, user_mode
bp = Blueprint("t", __name__)
def require_verified_emails(f):
    @functools.wraps(f)
    def _require_verified_emails(*args, **kwargs):
        if get_config("verify_emails"):
            if current_user.authed():
                if current_user.is_admin() is False and current_user.is_verified() is False:
                    abort(403)
        return f(*args, **kwargs)
    return _require_verified_emails
@bp.route("/join", methods=["POST"])
@require_verified_emails
def join():
    if user_mode() == "users":
        abort(404)
    team = Teams.query.filter_by(name=request.form["name"]).first_or_404()
    if len(team.members) >= 3:
        abort(403)
    user = get_current_user()
    user.team_id = team.id
    db.session.commit()
    return "ok"
@bp.route("/check", methods=["POST"])
def check():
    if current_app.config.get("UPDATE_CHECK"):
        user = get_current_user()
        user.verified = False
        db.session.commit()
    return "ok"
def admins_only(f):
    @functools.wraps(f)
    def admins_only_wrapper(*args, **kwargs):
        if current_user.is_admin():
            return f(*args, **kwargs)
        else:
            if request.is_json:
                abort(403)
            else:
                return redirect(url_for("auth.login", next=request.full_path))
    return admins_only_wrapper
def authed_only(f):
    @functools.wraps(f)
    def authed_only_wrapper(*args, **kwargs):
        if authed():
            return f(*args, **kwargs)
        else:
            abort(403)
    return authed_only_wrapper
@bp.route("/teams/<int:team_id>", methods=["DELETE"])
@admins_only
def delete_team(team_id):
    team = Teams.query.filter_by(id=team_id).first_or_404()
    db.session.delete(team)
    db.session.commit()
    return "ok"
@bp.route("/teams/<int:team_id>/name", methods=["POST"])
@authed_only
def rename(team_id):
    team = Teams.query.filter_by(id=team_id).first_or_404()
    team.name = request.form["name"]
    db.session.commit()
    return "ok"
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{name: "a setting read through the service's own get_config", construct: "Join",
			want: []string{"requires: not config.verify_emails or user.is_admin or user.verified"}},
		{name: "a function handing back a setting is the setting, not a flag", construct: "Join",
			want:    []string{`requires: config.user_mode != "users"`, "user_mode: String"},
			notWant: []string{"user_mode: Boolean", "get_config("}},
		{name: "foreign_keys naming the target's column: the reverse side", construct: "Team",
			want:    []string{"members: User with team = this"},
			notWant: []string{"captain: User with"}},
		{name: "len(team.members) is not the captain", construct: "Join",
			notWant: []string{"team.captain", "max_captain_length"}},
		{name: "a testing config class gives no default", construct: "Join",
			notWant: []string{"update_check: Boolean = false"}},
		{name: "if check: return f() else: fail, in a decorator of the service", construct: "DeleteTeam",
			want: []string{"requires: user.is_admin"}},
		{name: "if authed(): return f() else: fail, on signed-in users", construct: "UserApi",
			want: []string{"DeleteTeam(user, team)", "Rename("}},
	})
}
