package distill

import "testing"

// TestWrapperSideChecks pins lemur's login_required (auth/service.py:
// 124-180): before it finds the user the token names and requires them
// active, an `if "aid" in payload:` block checks an API key's own token
// (revoked, expired) and keeps its application on g. That block's checks
// are left out, but the wrapper is read past it, so every handler it
// wraps requires the active user; before, the reading stopped there.
func TestWrapperSideChecks(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(128))
    active = db.Column(db.Boolean, default=True)

class ApiKey(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    revoked = db.Column(db.Boolean, default=False)
    application_name = db.Column(db.String(128))

class Note(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    body = db.Column(db.String(128))
`,
		"app/auth.py": `
from functools import wraps
from flask import g, request
from app.models import User, ApiKey, db


def require_user(f):
    @wraps(f)
    def decorated_function(*args, **kwargs):
        user_id = request.headers.get("X-User")
        key_id = request.headers.get("X-Key")
        if key_id:
            access_key = ApiKey.query.get(key_id)
            if access_key.revoked:
                return dict(message="Token has been revoked"), 403
            if access_key.application_name:
                g.caller_application = access_key.application_name
        user = User.query.get(user_id)
        if not user.active:
            return dict(message="User is not currently active"), 403
        g.current_user = user
        return f(*args, **kwargs)

    return decorated_function


def require_user_reading_key(f):
    @wraps(f)
    def decorated_function(*args, **kwargs):
        key_id = request.headers.get("X-Key")
        if key_id:
            access_key = ApiKey.query.get(key_id)
            if access_key.revoked:
                return dict(message="Token has been revoked"), 403
        user = User.query.get(access_key.id)
        if not user.active:
            return dict(message="User is not currently active"), 403
        g.current_user = user
        return f(*args, **kwargs)

    return decorated_function
`,
		"app/views.py": `
from flask import Blueprint
from app.auth import require_user, require_user_reading_key
from app.models import Note, db

bp = Blueprint("notes", __name__)


@bp.route("/notes/<int:note_id>", methods=["DELETE"])
@require_user
def delete_note(note_id):
    note = Note.query.get(note_id)
    if note is None:
        return dict(message="no"), 404
    db.session.delete(note)
    db.session.commit()
    return {"result": True}


@bp.route("/old-notes/<int:note_id>", methods=["DELETE"])
@require_user_reading_key
def delete_old_note(note_id):
    note = Note.query.get(note_id)
    if note is None:
        return dict(message="no"), 404
    db.session.delete(note)
    db.session.commit()
    return {"result": True}
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "the check after a block of one kind of caller's checks holds on every request",
			construct: "DeleteNote",
			want:      []string{"requires: user.active", "not exists note"},
		},
		{
			name:      "a block whose local is read after it ends the reading",
			construct: "DeleteOldNote",
			want:      []string{"not exists note"},
			notWant:   []string{"user.active"},
		},
	})
}
