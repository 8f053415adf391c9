package distill

import (
	"strings"
	"testing"
)

// blockedDomainsService is redash's require_allowed_email in small
// (handlers/users.py:59-64, settings/__init__.py:471): a setting read from
// the environment as a set of domains, whose default is a comma-separated
// text, turns away addresses of those domains.
func blockedDomainsService(setting string) map[string]string {
	return map[string]string{
		"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(320), unique=True)
`,
		"app/settings.py": `
import os
from app.helpers import set_from_string
` + setting + `
`,
		"app/views.py": `
from flask import Flask, request, abort
from app import settings
from app.models import db, User
app = Flask(__name__)

@app.route("/users", methods=["POST"])
def create_user():
    email = request.json["email"]
    _, domain = email.lower().split("@", 1)
    if domain in settings.BLOCKED_DOMAINS:
        abort(400)
    db.session.add(User(email=email))
    db.session.commit()
    return {}
`,
	}
}

func TestEnvSetReaders(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, setting string
		wantConfig    string
	}{
		{
			name:       "a comma-separated default read as a set is a set of texts",
			setting:    `BLOCKED_DOMAINS = set_from_string(os.environ.get("APP_BLOCKED_DOMAINS", "qq.com, spam.org"))`,
			wantConfig: `blocked_domains: Set<String> = {"qq.com", "spam.org"}`,
		},
		{
			name:       "an empty default states no set",
			setting:    `BLOCKED_DOMAINS = set_from_string(os.environ.get("APP_BLOCKED_DOMAINS", ""))`,
			wantConfig: "",
		},
		{
			name:       "a reader the catalog does not list is no set",
			setting:    `BLOCKED_DOMAINS = domains_of(os.environ.get("APP_BLOCKED_DOMAINS", "qq.com"))`,
			wantConfig: "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, blockedDomainsService(tt.setting))
			if got := configLines(out.Module); got != tt.wantConfig {
				t.Errorf("config:\ngot:  %q\nwant: %q", got, tt.wantConfig)
			}
			rule := construct(out.Module, "CreateUser")
			if has := strings.Contains(rule, "requires: email_domain(email) not in config.blocked_domains"); has != (tt.wantConfig != "") {
				t.Errorf("rule requires the domain outside the set: %v, want %v:\n%s\nnotes: %v", has, tt.wantConfig != "", rule, out.Notes)
			}
		})
	}
}
