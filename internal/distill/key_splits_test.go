package distill

import (
	"slices"
	"strings"
	"testing"
)

// keyRoute is a Flask route module (over flaskModels) whose update handler
// is body.
func keyRoute(body string) map[string]string {
	return map[string]string{"app/models.py": flaskModels, "app/routes.py": `
from flask import Blueprint, request, abort
from funcy import project
from app.models import User
from app.extensions import db
bp = Blueprint("a", __name__)

def update_model(model, updates):
    for k, v in updates.items():
        setattr(model, k, v)

@bp.post("/users/<user_id>")
def update_user(user_id):
    user = db.session.get(User, user_id)
` + body}
}

// TestKeySplits pins an endpoint that serves several changes told apart by
// the keys of the request body: one rule per key it branches on, each
// with what the request reaches when it holds that key and no other.
func TestKeySplits(t *testing.T) {
	d := New(Options{})
	const redashLike = `    params = project(request.get_json(), ("email", "password", "old_password"))
    if "password" in params and "old_password" not in params:
        abort(403)
    if "old_password" in params and params["old_password"] != "x":
        abort(403)
    if "password" in params:
        user.set_password(params.pop("password"))
        params.pop("old_password")
    changed = "email" in params and params["email"] != user.email
    if changed:
        user.status = "unverified"
    update_model(user, params)
    db.session.commit()
`
	tests := []struct {
		name  string
		files map[string]string
		// want: each rule the handler gives, by name; absent: rule names
		// it must not give.
		want   map[string]string
		absent []string
	}{
		{
			name:  "two keys: a rule each; a guard that needs a key makes it an input; the update loop writes the given key",
			files: keyRoute(redashLike),
			want: map[string]string{
				"UpdateUserPassword": `rule UpdateUserPassword {
    when: UpdateUserPassword(old_password, password, user)
    requires: old_password = "x"
    ensures: user.password_hash = hash(password)
}`,
				"UpdateUserEmail": `rule UpdateUserEmail {
    when: UpdateUserEmail(email, user)
    let changed = email != user.email
    ensures:
        if changed:
            user.status = unverified
        user.email = email
}`,
			},
			absent: []string{"UpdateUser"},
		},
		{
			// The key's block is then one action of the handler
			// (conditions.go), and what follows it happens either way.
			name: "one key: no split",
			files: keyRoute(`    params = project(request.get_json(), ("email", "password"))
    if "password" in params:
        user.set_password(params.pop("password"))
    user.status = "active"
    db.session.commit()
`),
			want: map[string]string{"UpdateUser": `rule UpdateUser {
    when: UpdateUser(user)
    ensures: user.status = "active"
}`},
		},
		{
			// django-graphql-auth's login: `if USERNAME_FIELD in kwargs:`
			// ... else: another login field.
			name: "one key a name holds, with an else that tests none: the key's walk and the walk without it",
			files: keyRoute(`    params = project(request.get_json(), ("email", "name"))
    FIELD = "email"
    if FIELD in params:
        user.email = params["email"]
    else:
        user.status = "guest"
    db.session.commit()
`),
			want: map[string]string{
				"UpdateUserEmail": `rule UpdateUserEmail {
    when: UpdateUserEmail(email, user)
    ensures: user.email = email
}`,
				"UpdateUser": `rule UpdateUser {
    when: UpdateUser(user)
    ensures: user.status = guest
}`,
			},
		},
		{
			name: "the key's walk is the rest of the handler: one ending in a refusal is no rejection rule",
			files: keyRoute(`    params = project(request.get_json(), ("email", "name"))
    FIELD = "email"
    if FIELD in params:
        user.email = params["email"]
        db.session.commit()
        return "ok"
    else:
        user.status = "guest"
        db.session.commit()
        return "guest"
    abort(400)
`),
			want: map[string]string{
				"UpdateUserEmail": `rule UpdateUserEmail {
    when: UpdateUserEmail(email, user)
    ensures: user.email = email
}`,
				"UpdateUser": `rule UpdateUser {
    when: UpdateUser(user)
    ensures: user.status = guest
}`,
			},
			absent: []string{"UpdateUserEmailRejected", "UpdateUserRejected"},
		},
		{
			name: "keys of a dict that is not the request's input: no split",
			files: keyRoute(`    params = {"password": "x"}
    if "password" in params:
        user.set_password(params["password"])
    if "email" in params:
        user.email = params["email"]
    db.session.commit()
`),
			absent: []string{"UpdateUserPassword", "UpdateUserEmail"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			for _, name := range sortedKeys(tt.want) {
				constructIs(t, out, name, tt.want[name])
			}
			for _, name := range tt.absent {
				if got := construct(out.Module, name); got != "" {
					t.Errorf("rule %s given:\n%s", name, got)
				}
			}
			for _, n := range out.Notes {
				if slices.Contains(tt.absent, "UpdateUser") && strings.HasSuffix(n, "rule UpdateUser") {
					t.Errorf("a note names the handler's rule, which the split replaces: %s", n)
				}
			}
		})
	}
}

// TestConstantParameterCompare pins pretalx's verification mail
// (person/domain/verification.py send_verification_mail(user, kind)
// called with KIND_VERIFY): a helper's parameter given a module constant
// and compared with another constant is decided where the helper is
// inlined, as the constants' own comparison is, so the branch for the
// other kind (the pending address of an e-mail change) is not stated and
// neither constant becomes a config parameter compared with the other.
func TestConstantParameterCompare(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name      string
		kind      string // what the view hands the helper
		want, not []string
	}{
		{
			name: "the verify kind: the mail goes to the address, no change-kind guard",
			kind: "KIND_VERIFY",
			want: []string{"Email.created(to: user.email, template: text)"},
			not:  []string{"config.kind_", "pending_email", "config {"},
		},
		{
			name: "the change kind: the mail goes to the pending address, which must be there",
			kind: "KIND_CHANGE",
			want: []string{"requires: user.pending_email != null", "Email.created(to: user.pending_email, template: text)"},
			not:  []string{"config.kind_", "config {"},
		},
		{
			name: "a string literal handed in: decided the same way (as before)",
			kind: `"verify"`,
			want: []string{"Email.created(to: user.email, template: text)"},
			not:  []string{"pending_email"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from django.db import models


class User(models.Model):
    email = models.EmailField(unique=True)
    pending_email = models.EmailField(null=True)
`,
				"app/verification.py": `
from django.core.mail import send_mail

KIND_VERIFY = "verify"
KIND_CHANGE = "change"


def send_verification_mail(user, kind):
    to = user.pending_email if kind == KIND_CHANGE else user.email
    if kind == KIND_CHANGE and not user.pending_email:
        raise ValueError("no pending address")
    send_mail("Verify", "text", None, [to])
`,
				"app/views.py": `
from django.contrib.auth.decorators import login_required
from django.views.decorators.http import require_POST

from app.verification import KIND_CHANGE, KIND_VERIFY, send_verification_mail


@require_POST
@login_required
def resend(request):
    send_verification_mail(request.user, ` + tt.kind + `)
    return None
`})
			wantConstruct(t, out, "Resend", tt.want, tt.not)
		})
	}
}
