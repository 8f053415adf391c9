package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
)

// TestConfigClassesFromCatalog: which classes hold the deployment's
// settings is the catalog's (config_class_words, test_config_prefixes),
// not a list in code. A service whose settings classes are called
// *Defaults has them read only when the catalog names the word, and the
// value the class its tests run under gives (TestDefaults' 1) is read as
// the deployment's default only when the catalog does not name its prefix
// (the deployment's own value, load_limit(), is unknown: no parameter).
func TestConfigClassesFromCatalog(t *testing.T) {
	files := map[string]string{
		"app/defaults.py": `
from app.limits import load_limit
class BaseDefaults:
    MAX_LOGIN_ATTEMPTS = load_limit()
class TestDefaults(BaseDefaults):
    MAX_LOGIN_ATTEMPTS = 1
`,
		"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(255))
    failed_logins = db.Column(db.Integer, default=0)
    locked = db.Column(db.Boolean, default=False)
`,
		"app/views.py": `
from flask import Blueprint, request, current_app
from app.models import User, db
bp = Blueprint("auth", __name__)
@bp.route("/login", methods=["POST"])
def login():
    user = User.query.filter_by(email=request.form["email"]).first_or_404()
    if user.failed_logins >= current_app.config["MAX_LOGIN_ATTEMPTS"]:
        user.locked = True
        db.session.commit()
    return "", 204
`,
	}
	tests := []struct {
		name        string
		words, test []string
		want        string
		notWant     []string
	}{
		{"the tests' class is not the deployment's", []string{"Defaults"}, []string{"Test"}, "", []string{"max_login_attempts"}},
		{"without the tests' prefix, its value is read as the deployment's", []string{"Defaults"}, nil, "max_login_attempts: Integer = 1", nil},
		{"a class no catalog word names is not read", []string{"Config"}, nil, "", []string{"max_login_attempts"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cat, err := catalog.Default()
			if err != nil {
				t.Fatal(err)
			}
			cat.Languages["python"].ConfigClassWords = tt.words
			cat.Languages["python"].TestConfigPrefixes = tt.test
			d := New(Options{Catalog: cat})
			defer d.Close()
			out := distilText(t, d, files)
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			var line string
			for l := range strings.Lines(text) {
				if strings.Contains(l, "max_login_attempts:") {
					line = strings.TrimSpace(l)
				}
			}
			if tt.want == "" && line != "" || !strings.Contains(line, tt.want) {
				t.Fatalf("config line %q, want %q in:\n%s", line, tt.want, text)
			}
			for _, nw := range tt.notWant {
				if strings.Contains(line, nw) {
					t.Errorf("config line %q holds %q", line, nw)
				}
			}
		})
	}
}
