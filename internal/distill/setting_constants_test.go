package distill

import "testing"

// A text module constant compared with a setting is the text, one of the
// values the setting takes, not a setting of its own (CTFd's USERS_MODE =
// "users", utils/modes/__init__.py:8, in require_team_mode,
// utils/decorators/modes.py:12).
func TestSettingAgainstTextConstant(t *testing.T) {
	files := map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class Teams(db.Model):
    __tablename__ = "teams"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(128))
`, "app/modes.py": `
USERS_MODE = "users"
TEAMS_MODE = "teams"
`, "app/views.py": `
from flask import Flask, abort, request
from app.models import Teams, db
from app.modes import USERS_MODE, TEAMS_MODE
from app.utils import get_config
app = Flask(__name__)
@app.route("/teams/<int:team_id>", methods=["PATCH"])
def rename_team(team_id):
    if get_config("user_mode") == USERS_MODE:
        abort(404)
    team = Teams.query.filter_by(id=team_id).first_or_404()
    team.name = request.get_json()["name"]
    db.session.commit()
    return {"success": True}
@app.route("/teams/<int:team_id>/archive", methods=["POST"])
def archive_team(team_id):
    if TEAMS_MODE != get_config("user_mode"):
        abort(404)
    team = Teams.query.filter_by(id=team_id).first_or_404()
    team.name = "archived"
    db.session.commit()
    return {"success": True}
`}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "a setting compared with a text constant is compared with its text",
			construct: "RenameTeam",
			want:      []string{`requires: config.user_mode != "users"`},
			notWant:   []string{"config.users_mode"},
		},
		{
			name:      "the constant on the left reads the same",
			construct: "ArchiveTeam",
			want:      []string{`requires: "teams" = config.user_mode`},
			notWant:   []string{"config.teams_mode"},
		},
	})
}
