package distill

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestBlackBoxHelpers: a function of the service that only computes a
// value the spec cannot spell out (django-oscar's normalise_email) is
// named as a black box of its arguments where the value is used; one that
// answers yes or no, or does more than answer, is not.
func TestBlackBoxHelpers(t *testing.T) {
	d := New(Options{})
	view := func(helper, use string) string {
		return `
from flask import Flask, request, abort
from app.models import User, db
app = Flask(__name__)
` + helper + `
@app.post("/signup")
def signup():
    email = request.form["email"]
    if User.query.filter_by(email=` + use + `).first():
        abort(400)
    db.session.add(User(email=email))
    db.session.commit()
`
	}
	const normalise = `
def normalise(email):
    clean = email.strip()
    if "@" in clean:
        local, host = clean.rsplit("@", 1)
        return local + "@" + host.lower()
    return clean
`
	for _, tc := range []struct {
		name, helper, use string
		want, absent      []string
	}{
		{
			name:   "a value helper is named with its argument",
			helper: normalise,
			use:    "normalise(email)",
			want:   []string{"requires: not exists User{email: normalise(email)}"},
		},
		{
			name: "a helper answering yes or no is no value to name",
			helper: `
def normalise(email):
    if "@" in email:
        return True
    return email
`,
			use:    "normalise(email)",
			absent: []string{"normalise(email)"},
		},
		{
			name: "a helper that also writes is not a black box",
			helper: `
def normalise(email):
    db.session.add(User(email="seen"))
    return email.strip() + "x"
`,
			use:    "normalise(email)",
			absent: []string{"User{email: normalise(email)}"},
		},
		{
			name:   "a helper given keywords is not named",
			helper: normalise,
			use:    "normalise(email=email)",
			absent: []string{"normalise(email"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": sqlUserModel + "\ndb = None\n", "app/views.py": view(tc.helper, tc.use)})
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			assertSpecText(t, text, tc.want, tc.absent)
		})
	}
}
