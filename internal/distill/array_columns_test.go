package distill

import (
	"strings"
	"testing"
)

// TestArrayColumnIdioms pins columns that hold many values of a type
// (catalog array_types; redash's Group.permissions = Column(ARRAY(
// db.String(255)))): a Set of that type.
func TestArrayColumnIdioms(t *testing.T) {
	d := New(Options{})
	models := func(column string) string {
		return `
from flask_sqlalchemy import SQLAlchemy
from sqlalchemy.dialects.postgresql import ARRAY
db = SQLAlchemy()
class Group(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(100))
    permissions = ` + column + `
`
	}
	const view = `
from flask import Flask, request
from app.models import Group, db
app = Flask(__name__)
@app.route("/groups", methods=["POST"])
def add_group():
    db.session.add(Group(name=request.form["name"]))
    db.session.commit()
    return "", 201
`
	tests := []struct {
		name, column string
		want         string // the field; "" when the entity has none
	}{
		{
			name:   "an array of strings is a set of them",
			column: "db.Column(ARRAY(db.String(255)), nullable=False)",
			want:   "permissions: Set<String>",
		},
		{
			name:   "nullable, as columns are by default, it is optional",
			column: "db.Column(ARRAY(db.Integer))",
			want:   "permissions: Set<Integer>?",
		},
		{
			name:   "an array of a type the spec does not know is left out",
			column: "db.Column(ARRAY(PointType()))",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models(tt.column), "app/views.py": view})
			got := construct(out.Module, "Group")
			switch {
			case tt.want == "" && strings.Contains(got, "permissions"):
				t.Errorf("got a permissions field:\n%s", got)
			case tt.want != "" && !strings.Contains(got, tt.want+"\n"):
				t.Errorf("got:\n%s\nwant it to hold: %s", got, tt.want)
			}
			if !strings.Contains(got, "name: String") {
				t.Errorf("the entity lost its other fields:\n%s", got)
			}
		})
	}
}
