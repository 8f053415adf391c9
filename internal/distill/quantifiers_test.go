package distill

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestQuantifiers: any(...) and all(...) of a comprehension read as a
// catalogued character-class black box over a text (dispatch's password
// validator, auth/models.py:242-245) or as xs.any(x => ...) and
// xs.all(x => ...) over a collection the spec names; what neither states
// is left out, never printed as Python.
func TestQuantifiers(t *testing.T) {
	d := New(Options{})
	view := func(prelude, guard string) string {
		return `
from flask import Flask, request, abort
from app.models import User, db
app = Flask(__name__)
` + prelude + `
@app.post("/signup")
def signup():
    username = request.form["username"]
    password = request.form["password"]
    if ` + guard + `:
        abort(400)
    db.session.add(User(username=username, name=password))
    db.session.commit()
`
	}
	for _, tc := range []struct {
		name, prelude, guard string
		want, absent         []string
	}{
		{
			name:  "some character of a text is a digit",
			guard: "not any(c.isdigit() for c in password)",
			want:  []string{"requires: has_digit(password)"},
		},
		{
			name:  "every character of a text is a letter or digit",
			guard: "not all(ch.isalnum() for ch in password)",
			want:  []string{"requires: only_letters_and_digits(password)"},
		},
		{
			name:  "upper and lower case, as two tests",
			guard: "not (any(c.isupper() for c in password) and any(c.islower() for c in password))",
			want:  []string{"requires: has_uppercase(password)", "requires: has_lowercase(password)"},
		},
		{
			name:   "a narrowed character test is not the black box",
			guard:  `not any(c.isdigit() for c in password if c != "0")`,
			absent: []string{"has_digit", "isdigit", "for c in"},
		},
		{
			name:   "a list comprehension given to any is read the same",
			guard:  "not any([c.isdigit() for c in password])",
			want:   []string{"requires: has_digit(password)"},
			absent: []string{"isdigit"},
		},
		{
			name:    "a service function named any is not the builtin",
			prelude: "def any(xs):\n    return True\n",
			guard:   "not any(c.isdigit() for c in password)",
			absent:  []string{"has_digit"},
		},
		{
			name:    "some item of a configured list",
			prelude: `BANNED_NAMES = ["root", "admin"]`,
			guard:   "any(username == b for b in BANNED_NAMES)",
			want:    []string{`requires: not {"root", "admin"}.any(b => username = b)`},
		},
		{
			name:    "every item of a configured list, narrowed",
			prelude: `BANNED_NAMES = ["root", "admin"]`,
			guard:   `not all(username != b for b in BANNED_NAMES if b != "")`,
			want:    []string{`requires: {"root", "admin"}.all(b => b != "" implies username != b)`},
		},
		{
			name:    "an item test that does not translate is left out",
			prelude: `BANNED_NAMES = ["root", "admin"]`,
			guard:   "any(username.startswith(b) for b in BANNED_NAMES)",
			absent:  []string{"any(", "startswith"},
		},
		{
			name:   "an unknown method of the item is left out",
			guard:  "any(c.is_banned() for c in password)",
			absent: []string{"is_banned", "any("},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": sqlUserModel + "\ndb = None\n", "app/views.py": view(tc.prelude, tc.guard)})
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			assertSpecText(t, text, tc.want, tc.absent)
			if diags := allium.Check(out.Module, allium.CheckOptions{File: "svc"}); diags.HasErrors() {
				t.Errorf("checker errors: %v", diags)
			}
		})
	}
}

// TestQuantifierMethods: TypeScript's xs.some(x => ...) and
// xs.every(x => ...) are the same quantifiers as Python's any and all of
// a comprehension; a callback of another shape is left out.
func TestQuantifierMethods(t *testing.T) {
	d := New(Options{})
	for _, tc := range []struct {
		name, guard  string
		want, absent []string
	}{
		{
			name:  "some",
			guard: `["root", "admin"].some((b) => b === req.body.username)`,
			want:  []string{`requires: not {"root", "admin"}.any(b => b = username)`},
		},
		{
			name:  "every",
			guard: `!["root", "admin"].every((b) => b !== req.body.username)`,
			want:  []string{`requires: {"root", "admin"}.all(b => b != username)`},
		},
		{
			name:   "a callback with a block of statements is left out",
			guard:  `["root", "admin"].some((b) => { console.log(b); return b === req.body.username; })`,
			absent: []string{".any(", "some"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"src/app.ts": `
import express from "express";
import mongoose from "mongoose";

const userSchema = new mongoose.Schema({ username: String });
const User = mongoose.model("User", userSchema);

const app = express();

app.post("/signup", async (req, res) => {
  if (` + tc.guard + `) {
    return res.status(400).json({ ok: false });
  }
  await User.create({ username: req.body.username });
  return res.json({ ok: true });
});
`})
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			assertSpecText(t, text, tc.want, tc.absent)
			if diags := allium.Check(out.Module, allium.CheckOptions{File: "svc"}); diags.HasErrors() {
				t.Errorf("checker errors: %v", diags)
			}
		})
	}
}
