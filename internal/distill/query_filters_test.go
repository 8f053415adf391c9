package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestUnstatedFilterLookup: a lookup or an existence test over a query
// with a filter the spec cannot state (a column no model declares) is no
// join of the filters it can: User{email} would find rows the code does
// not.
func TestUnstatedFilterLookup(t *testing.T) {
	d := New(Options{})
	for _, tc := range []struct{ name, body string }{
		{"a lookup", `
    user = User.query.filter_by(email=request.form["email"], nickname=request.form["nick"]).first()
    if not user:
        abort(404)
    user.status = "locked"
    db.session.commit()
`},
		{"an existence test", `
    if User.query.filter_by(email=request.form["email"], nickname=request.form["nick"]).exists():
        abort(409)
    db.session.add(User(email=request.form["email"]))
    db.session.commit()
`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": bucketModels, "app/views.py": `
from flask import Flask, request, abort
from app.models import User, db
app = Flask(__name__)

@app.route("/lock", methods=["POST"])
def lock():` + tc.body})
			if text := string(allium.Print(out.Module, allium.PrintOptions{})); strings.Contains(text, "User{email}") {
				t.Errorf("a join without the nickname filter:\n%s", text)
			}
		})
	}
}
