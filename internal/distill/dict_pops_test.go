package distill

import "testing"

// TestPopOfWrittenDict: a dict the handler wrote out and handed to the
// model's record helper, which takes each entry out with pop to make the
// row (redash's record_event and Event.record, handlers/base.py:50-61,
// models/__init__.py:1333-1351), gives the row the entries' values. An
// entry no part of the dict gives (the timestamp, set by subscript under a
// test) is left out, not given pop's default.
func TestPopOfWrittenDict(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
import datetime
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100))
class Event(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("user.id"))
    user = db.relationship(User)
    action = db.Column(db.String(255))
    object_type = db.Column(db.String(255))
    object_id = db.Column(db.String(255), nullable=True)
    created_at = db.Column(db.DateTime)

    @classmethod
    def record(cls, event):
        user_id = event.pop("user_id", None)
        action = event.pop("action")
        object_type = event.pop("object_type")
        object_id = event.pop("object_id", "none")
        created_at = datetime.datetime.utcfromtimestamp(event.pop("timestamp", 0))
        event = cls(user_id=user_id, action=action, object_type=object_type, object_id=object_id, created_at=created_at)
        db.session.add(event)
        return event
`,
		"app/views.py": `
import time
from flask import Blueprint
from flask_login import current_user, login_required
from app.models import Event, db
bp = Blueprint("q", __name__)
def record_event(user, options):
    options.update({"user_id": user.id})
    if "timestamp" not in options:
        options["timestamp"] = int(time.time())
    Event.record(options)
    db.session.commit()
@bp.route("/queries/<query_id>/favorite", methods=["POST"])
@login_required
def favorite(query_id):
    record_event(current_user, {"action": "favorite", "object_id": query_id, "object_type": "query"})
    return "", 200
@bp.route("/queries", methods=["GET"])
@login_required
def queries():
    record_event(current_user, {"action": "list", "object_type": "query"})
    return "", 200
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{name: "each popped entry is the value written", construct: "Favorite",
			want:    []string{`Event.created(user: user, action: "favorite", object_type: "query", object_id: query_id)`},
			notWant: []string{"created_at"}},
		{name: "an entry not written is not pop's default", construct: "Queries",
			want:    []string{`Event.created(user: user, action: "list", object_type: "query")`},
			notWant: []string{`"none"`, "created_at"}},
	})
}
