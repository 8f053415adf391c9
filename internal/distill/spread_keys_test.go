package distill

import "testing"

// TestDeclaredSpreadKeepsOtherDefaults: a model built with a spread of a
// view's **kwargs that @use_kwargs(schema) fills may set only the fields
// the schema loads; the other columns keep their defaults (flask-realworld's
// register_user, conduit/user/views.py:20-22). A spread of a mapping of
// unknown keys may set any column: no default is stated.
func TestDeclaredSpreadKeepsOtherDefaults(t *testing.T) {
	src := map[string]string{
		"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()

class Member(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(80), unique=True, nullable=False)
    active = db.Column(db.Boolean, nullable=False, default=True)
    role = db.Column(db.String(20), nullable=False, default="reader")

    def __init__(self, username, **kwargs):
        db.Model.__init__(self, username=username, **kwargs)
`,
		"app/schemas.py": `
from marshmallow import Schema, fields

class MemberSchema(Schema):
    username = fields.Str()
    role = fields.Str()
    active = fields.Bool(dump_only=True)

member_schema = MemberSchema()
`,
		"app/views.py": `
from flask import Blueprint, request
from flask_apispec import use_kwargs
from app.models import Member, db
from app.schemas import member_schema

bp = Blueprint("members", __name__)

@bp.route("/members", methods=["POST"])
@use_kwargs(member_schema)
def add_member(username, **kwargs):
    db.session.add(Member(username, **kwargs))
    db.session.commit()
    return "", 201

@bp.route("/imports", methods=["POST"])
def import_member():
    data = request.get_json()
    db.session.add(Member(data["username"], **data))
    db.session.commit()
    return "", 201
`,
	}
	out := distilText(t, New(Options{}), src)
	tests := []struct {
		name      string
		construct string
		want      string
	}{
		{
			// role loads from the body, so its default may not hold;
			// active is dump_only, so the request cannot set it.
			name:      "a spread of the schema's loaded fields keeps the defaults of the others",
			construct: "AddMember",
			want: `rule AddMember {
    when: AddMember(username)
    ensures: Member.created(username: username, active: true)
}`,
		},
		{
			name:      "a spread of the whole body may set any column: no default stated",
			construct: "ImportMember",
			want: `rule ImportMember {
    when: ImportMember(username)
    ensures: Member.created(username: username)
}`,
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := construct(out.Module, tc.construct); got != tc.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tc.want)
			}
		})
	}
}
