package distill

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestSplitLists: a setting holding a list as text, cut at a separator by
// a comprehension (flaskbb's username blacklist, auth/plugins.py:91-93),
// is a Set<String> config parameter whose default is the text's items;
// `x in` it reads as membership, not as a part of the text.
func TestSplitLists(t *testing.T) {
	d := New(Options{})
	view := func(setting, guard string) string {
		return `
from flask import Flask, request, abort
from app.models import User, db
app = Flask(__name__)
BANNED_NAMES = ` + setting + `

@app.post("/signup")
def signup():
    username = request.form["username"]
    banned = ` + guard + `
    if username in banned:
        abort(400)
    db.session.add(User(username=username))
    db.session.commit()
`
	}
	for _, tc := range []struct {
		name, setting, guard string
		want, absent         []string
	}{
		{
			name:    "stripped items",
			setting: `"root, admin ,me"`,
			guard:   `[w.strip() for w in BANNED_NAMES.split(",")]`,
			want:    []string{`banned_names: Set<String> = {"root", "admin", "me"}`, "requires: username not in config.banned_names"},
		},
		{
			name:    "items as written",
			setting: `"root;admin"`,
			guard:   `[w for w in BANNED_NAMES.split(";")]`,
			want:    []string{`banned_names: Set<String> = {"root", "admin"}`, "requires: username not in config.banned_names"},
		},
		{
			name:    "a generator is read the same",
			setting: `"root,admin"`,
			guard:   `set(w.strip() for w in BANNED_NAMES.split(","))`,
			absent:  []string{"banned_names: String"},
		},
		{
			name:    "an empty item is not stated",
			setting: `"root,,admin"`,
			guard:   `[w for w in BANNED_NAMES.split(",")]`,
			absent:  []string{"Set<String>", "username not in"},
		},
		{
			name:    "a filtered comprehension is not the list",
			setting: `"root,admin"`,
			guard:   `[w for w in BANNED_NAMES.split(",") if w != "root"]`,
			absent:  []string{"Set<String>", "username not in"},
		},
		{
			name:    "another element is not the list",
			setting: `"root,admin"`,
			guard:   `[w.upper() for w in BANNED_NAMES.split(",")]`,
			absent:  []string{"Set<String>", "username not in"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": sqlUserModel + "\ndb = None\n", "app/views.py": view(tc.setting, tc.guard)})
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			assertSpecText(t, text, tc.want, tc.absent)
			if diags := allium.Check(out.Module, allium.CheckOptions{File: "svc"}); diags.HasErrors() {
				t.Errorf("checker errors: %v", diags)
			}
		})
	}
}
