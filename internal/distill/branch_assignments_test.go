package distill

import (
	"strings"
	"testing"
)

// TestAssignedInBranch: a field assigned in one branch of an if holds
// that value after the if only on that branch, so a later test of the
// field tests the field (it printed `if unverified = "active":`, the
// value substituted as if every path had assigned it).
func TestAssignedInBranch(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	models := `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    status = db.Column(db.String, nullable=False, default="active")
    note = db.Column(db.String)
`
	view := `
from flask import Flask
from app.models import db, User
app = Flask(__name__)

@app.post("/users/<int:user_id>/flag")
def flag(user_id):
    user = User.query.get_or_404(user_id)
    if user.status == "active":
        user.status = "unverified"
    if user.status == "active":
        user.note = "still active"
    db.session.commit()
    return "ok"
`
	out := distilText(t, d, map[string]string{"app/models.py": models, "app/views.py": view})
	got := construct(out.Module, "Flag")
	if strings.Count(got, "if user.status = active:") != 2 || strings.Contains(got, "unverified = ") {
		t.Errorf("want both ifs to test user.status:\n%s\nnotes: %v", got, out.Notes)
	}
}
