package distill

import (
	"testing"
)

// TestFlaskIdioms pins Flask-ecosystem shapes of the real services of the
// corpus (redash, flaskbb, CTFd): each case is a small service in the shape
// of one of them and the construct it must give.
func TestFlaskIdioms(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name      string
		files     map[string]string
		construct string
		want      string
	}{
		{
			// CTFd: class Users(db.Model) with columns; class Admins(Users).
			name: "a model that other models extend polymorphically is still an entity",
			files: map[string]string{"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class Users(db.Model):
    __tablename__ = "users"
    id = db.Column(db.Integer, primary_key=True)
    name = db.Column(db.String(128))
    __mapper_args__ = {"polymorphic_identity": "user", "polymorphic_on": type}
class Admins(Users):
    __mapper_args__ = {"polymorphic_identity": "admin"}
`},
			construct: "Users",
			want: `entity Users {
    name: String?
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			if got := construct(out.Module, tt.construct); got != tt.want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", tt.construct, got, tt.want, out.Notes)
			}
		})
	}
}
