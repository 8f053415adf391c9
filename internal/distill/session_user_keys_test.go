package distill

import "testing"

// A session key the service's own getter of the signed-in user finds the
// user by is the signed-in user wherever it is read (CTFd's
// get_current_user, utils/user/__init__.py:18-20, and its captain check,
// api/v1/teams.py:357).
func TestSessionUserKey(t *testing.T) {
	files := map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class Users(db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(128))
    team_id = db.Column(db.Integer, db.ForeignKey("teams.id"))
    team = db.relationship("Teams", foreign_keys="Users.team_id")
class Teams(db.Model):
    __tablename__ = "teams"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(128))
    captain_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    captain = db.relationship("Users", foreign_keys=[captain_id])
`, "app/users.py": `
from flask import session
from app.models import Users
def get_current_user():
    if session.get("id"):
        return Users.query.filter_by(id=session["id"]).first()
    return None
def get_current_team():
    user = get_current_user()
    return user.team
`, "app/views.py": `
from flask import Flask, session, request
from app.models import Teams, db
from app.users import get_current_team
app = Flask(__name__)
@app.route("/teams/me", methods=["PATCH"])
def patch_team():
    team = get_current_team()
    if team.captain_id != session["id"]:
        return {"success": False}, 403
    team.name = request.get_json()["name"]
    db.session.commit()
    return {"success": True}
@app.route("/carts/me", methods=["PATCH"])
def patch_cart():
    team = get_current_team()
    if team.captain_id != session["cart"]:
        return {"success": False}, 403
    team.name = request.get_json()["name"]
    db.session.commit()
    return {"success": True}
`}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "the session key the signed-in user's getter looks the user up by is that user",
			construct: "PatchTeam",
			want:      []string{"requires: user.team.captain = user", "user.team.name = name"},
		},
		{
			// Another key of the session is no user the service knows.
			name:      "another session key is not the signed-in user",
			construct: "PatchCart",
			notWant:   []string{"captain = user"},
		},
	})
}
