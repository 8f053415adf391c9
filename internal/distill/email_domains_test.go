package distill

import (
	"strings"
	"testing"
)

// TestEmailDomains pins the domain of an address cut at "@" and a test of
// it against a catalogued list of throwaway providers.
func TestEmailDomains(t *testing.T) {
	d := New(Options{})
	route := func(cut, list string) map[string]string {
		return map[string]string{"app/models.py": flaskModels, "app/routes.py": `
from flask import Blueprint, request, abort
from disposable_email_domains import blacklist
from app.models import User
from app.extensions import db
bp = Blueprint("a", __name__)
my_list = ["example.com"]

@bp.post("/signup")
def signup():
    email = request.get_json()["email"]
    _, domain = ` + cut + `
    if domain in ` + list + `:
        abort(400)
    db.session.add(User(email=email, password_hash="x"))
    db.session.commit()
`}
	}
	tests := []struct {
		name, cut, list string
		want            bool // the rule requires not is_disposable_domain(email)
	}{
		{"an address trimmed, lowered and cut at @: its domain; a catalogued list: disposable", `email.lower().rstrip(".").split("@", 1)`, "blacklist", true},
		{"cut at another separator: no domain", `email.split(":", 1)`, "blacklist", false},
		{"a list of the service's own: not disposable", `email.split("@", 1)`, "my_list", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, route(tt.cut, tt.list))
			got := construct(out.Module, "Signup")
			if has := strings.Contains(got, "requires: not is_disposable_domain(email)\n"); has != tt.want {
				t.Errorf("requires not is_disposable_domain(email): %v, want %v:\n%s\nnotes: %v", has, tt.want, got, out.Notes)
			}
		})
	}
}
