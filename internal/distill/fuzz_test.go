package distill

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/source"
)

// FuzzDistill feeds arbitrary Python to the whole distillation next to a
// fixed models file: it must never panic, and what it emits must pass the
// checker.
func FuzzDistill(f *testing.F) {
	for _, dir := range []string{fixtures["flask_accounts"], fixtures["django_accounts"], fixtures["fastapi_accounts"], fixtures["reset_b"]} {
		_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && filepath.Ext(p) == ".py" {
				if data, err := os.ReadFile(p); err == nil && len(data) < 8000 {
					f.Add(string(data))
				}
			}
			return nil
		})
	}
	// Real services' shapes (testdata/realworld): views, services and
	// repositories of other authors.
	realworld, _ := filepath.Glob(filepath.Join("..", "..", "testdata", "realworld", "*", "src"))
	for _, dir := range realworld {
		_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() && filepath.Ext(p) == ".py" {
				if data, err := os.ReadFile(p); err == nil && len(data) < 8000 {
					f.Add(string(data))
				}
			}
			return nil
		})
	}
	f.Add("def f(:\n")
	f.Add("@app.route('/x')\ndef x():\n    u = User.query.filter_by(a=1).first()\n    if not u: abort(4)\n    u.status = 'a'\n")
	d := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		files := []source.File{
			{Path: "app/models.py", Data: []byte(flaskModels)},
			{Path: "app/fuzzed.py", Data: []byte(src)},
			{Path: "app/views.py", Data: []byte(src)},
		}
		out, err := d.Distill(context.Background(), Input{Service: "fuzz", Files: files})
		if err != nil {
			return
		}
		if diags := allium.Check(out.Module, allium.CheckOptions{File: "fuzz"}); diags.HasErrors() {
			t.Fatalf("emitted spec fails the checker: %v\n%s", diags.Errors(), allium.Print(out.Module, allium.PrintOptions{}))
		}
	})
}

// FuzzDistillTypeScript is FuzzDistill for the second language: arbitrary
// JavaScript or TypeScript beside the Express fixture's Mongoose models,
// read as a route module and as a TypeScript file. It must never panic,
// and what it emits must pass the checker.
func FuzzDistillTypeScript(f *testing.F) {
	dir := fixtures["express_accounts"]
	models, err := os.ReadFile(filepath.Join(dir, "src", "models", "user.js"))
	if err != nil {
		f.Fatal(err)
	}
	_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && filepath.Ext(p) == ".js" {
			if data, err := os.ReadFile(p); err == nil && len(data) < 8000 {
				f.Add(string(data))
			}
		}
		return nil
	})
	f.Add("router.post('/x', async (req, res) => { const {email} = req.body; const u = await User.findOne({email}); if (!u) return res.status(404).end(); u.status = 'locked'; await u.save(); });\n")
	f.Add("export async function POST(req: Request) { throw new Error(")
	f.Add(strapiUser)
	// An object built in steps then created, a time moved by its setter, a
	// loop over a schema's entries, a key omission (Medusa's user service).
	f.Add("import _ from 'lodash'\nrouter.post('/y', async (req, res) => { const data = _.omit(req.body, ['password']); const d = {...data}; d.role = 'a'; " +
		"const u = User.create(d); u.expires = new Date(); u.expires.setDate(u.expires.getDate() + 7); " +
		"const {email, ...rest} = req.body; for (const [k, v] of Object.entries(rest)) { u[k] = v }; await u.save(); });\n")
	f.Add("module.exports = { info: { singularName: 'a.b::c' }, attributes: { x: { type: 'relation', relation: 'manyToOne', target: 'user' }, y: { type: 'enumeration', enum: [] } } };\n")
	d := New(Options{})
	f.Fuzz(func(t *testing.T, src string) {
		files := []source.File{
			{Path: "src/models/user.js", Data: models},
			{Path: "src/routes/fuzzed.js", Data: []byte(src)},
			{Path: "src/fuzzed.ts", Data: []byte(src)},
		}
		out, err := d.Distill(context.Background(), Input{Service: "fuzz", Files: files})
		if err != nil {
			return
		}
		if diags := allium.Check(out.Module, allium.CheckOptions{File: "fuzz"}); diags.HasErrors() {
			t.Fatalf("emitted spec fails the checker: %v\n%s", diags.Errors(), allium.Print(out.Module, allium.PrintOptions{}))
		}
	})
}
