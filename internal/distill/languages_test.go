package distill

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/source"
)

// TestLanguagePerFile: each file is read by the language of its extension,
// so a service holding Python and TypeScript is one spec; Input.Language
// reads only that language's files; a language distill does not know is
// an error.
func TestLanguagePerFile(t *testing.T) {
	t.Parallel()
	py := source.File{Path: "app/models.py", Data: []byte(`from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), nullable=False)
`)}
	ts := source.File{Path: "worker/index.ts", Data: []byte(`export function tick(n: number): number { return n + 1 }
`)}
	js := source.File{Path: "web/app.js", Data: []byte("console.log('hi')\n")}
	asset := source.File{Path: "app/static/js/site.js", Data: []byte("$.get('/ping', function () { document.title = 'x'; });\n")}
	readme := source.File{Path: "README.md", Data: []byte("# app\n")}
	mixed := []source.File{ts, readme, py, js}
	tests := []struct {
		name     string
		language string
		files    []source.File
		parsed   int
		err      string
	}{
		{"each file by its extension", "", mixed, 3, ""},
		{"python forced", "python", mixed, 1, ""},
		{"typescript forced", "typescript", mixed, 2, ""},
		{"python alone", "", []source.File{py}, 1, ""},
		{"front-end scripts of a Python service are not read", "", []source.File{py, asset}, 1, ""},
		{"typescript forced reads them", "typescript", []source.File{py, asset}, 1, ""},
		{"nothing to read", "", []source.File{readme}, 0, ""},
		{"unknown language", "cobol", mixed, 0, `language "cobol" is not supported`},
	}
	d := New(Options{Workers: 2})
	defer d.Close()
	var pyOnly string
	for _, tt := range tests {
		out, err := d.Distill(context.Background(), Input{Service: "svc", Language: tt.language, Files: tt.files})
		if tt.err != "" {
			if err == nil || !strings.Contains(err.Error(), tt.err) {
				t.Errorf("%s: err = %v, want %q", tt.name, err, tt.err)
			}
			continue
		}
		if err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		if out.Stats.FilesParsed != tt.parsed {
			t.Errorf("%s: parsed %d files, want %d", tt.name, out.Stats.FilesParsed, tt.parsed)
		}
		spec := string(allium.Print(out.Module, allium.PrintOptions{}))
		if tt.name == "python alone" {
			pyOnly = spec
		}
		if strings.Contains(tt.name, "python") || tt.name == "each file by its extension" {
			if !strings.Contains(spec, "entity User") {
				t.Errorf("%s: the Python model is missing:\n%s", tt.name, spec)
			}
		}
	}
	// TypeScript files beside a Python service that say nothing the
	// distiller reads leave its spec as it was.
	out, err := d.Distill(context.Background(), Input{Service: "svc", Files: mixed})
	if err != nil {
		t.Fatal(err)
	}
	if got := string(allium.Print(out.Module, allium.PrintOptions{})); got != pyOnly {
		t.Errorf("mixed service spec differs from the Python one:\n%s\nwant\n%s", got, pyOnly)
	}
}

// TestMixedServiceOneSpec: a Python API and a JavaScript worker of one
// service that both declare the User model give one entity, and the
// worker's handler is read against it.
func TestMixedServiceOneSpec(t *testing.T) {
	t.Parallel()
	d := New(Options{Workers: 2})
	defer d.Close()
	out := distilText(t, d, map[string]string{
		"api/models.py": `from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(120), nullable=False)
    status = db.Column(db.String(20), nullable=False, default="active")
`,
		"worker/user.js": `const mongoose = require('mongoose');
module.exports = mongoose.model('User', new mongoose.Schema({
  email: { type: String, required: true },
  status: { type: String, enum: ['active', 'locked'] },
  lockedAt: Date,
}));
`,
		"worker/routes.js": `const router = require('express').Router();
const User = require('./user');
router.post('/lock', async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  if (!user) return res.status(404).end();
  user.status = 'locked';
  user.lockedAt = new Date();
  await user.save();
  res.end();
});
`,
	})
	if want := []string{"python", "typescript"}; !slices.Equal(out.Languages, want) {
		t.Errorf("languages %v, want %v (the services table's language column reads them)", out.Languages, want)
	}
	if n := len(out.Module.Entities); n != 1 {
		t.Fatalf("%d entities, want the one User:\n%s", n, allium.Print(out.Module, allium.PrintOptions{}))
	}
	for name, want := range map[string][]string{
		"User": {"email: String", "status: active | locked", "locked_at: Timestamp?"},
		"Lock": {"when: Lock(email)", "let user = User{email}", "requires: exists user", "user.status = locked", "user.locked_at = now"},
	} {
		got := construct(out.Module, name)
		for _, w := range want {
			if !strings.Contains(got, w) {
				t.Errorf("%s lacks %q:\n%s", name, w, got)
			}
		}
	}
}
