package distill

import (
	"strings"
	"testing"
)

// TestFieldByInputPresence: a row built before an if whose test is only
// an input's presence, and whose branches both go on to set a field of
// it differently, is created with the field chosen by that presence
// (flask-realworld's User.__init__: if password: set_password(password)
// else: self.password = None, conduit/user/models.py:24-27); before, the
// field was left out with a note. A test of a flag input, a branch that
// ends the request and a test that is no input's presence keep the old
// reading.
func TestFieldByInputPresence(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	models := `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String, nullable=False)
    password = db.Column(db.String, nullable=True)
    nickname = db.Column(db.String, nullable=True)

    def __init__(self, username, password=None, nickname=None, **kwargs):
        db.Model.__init__(self, username=username, **kwargs)
        %s
`
	view := `
from flask import Flask, request
from app.models import db, User
app = Flask(__name__)

@app.post("/users")
def register():
    data = request.get_json()
    user = User(data["username"], password=data["password"], nickname=data["nickname"])
    db.session.add(user)
    db.session.commit()
    return "ok"
`
	tests := []struct {
		name, init string
		want       []string
		notWant    []string
	}{
		{"a password given or not",
			"if password:\n            self.password = password\n        else:\n            self.password = None",
			[]string{"password: (if exists password: password else: null)"}, []string{"set under a condition"}},
		{"a negated presence test reads the other way round",
			"if not nickname:\n            self.nickname = username\n        else:\n            self.nickname = nickname",
			[]string{"nickname: (if not exists nickname: username else: nickname)"}, nil},
		{"without an else, the field given only on one way is stated as given",
			"if password:\n            self.password = password",
			[]string{"password: password"}, []string{"(if exists password"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(models, "%s", tc.init, 1)
			out := distilText(t, d, map[string]string{"app/models.py": src, "app/views.py": view})
			got := construct(out.Module, "Register")
			notes := strings.Join(out.Notes, "\n")
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("want %q in\n%s\nnotes:\n%s", w, got, notes)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(got, w) || strings.Contains(notes, w) {
					t.Errorf("did not want %q in\n%s\nnotes:\n%s", w, got, notes)
				}
			}
		})
	}
}
