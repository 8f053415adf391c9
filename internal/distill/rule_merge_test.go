package distill

import (
	"slices"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestMergeSameRules: two routes that do the same under a name and a
// qualified form of it make one rule; the same behaviour under unrelated
// names stays two rules.
func TestMergeSameRules(t *testing.T) {
	const preamble = `
from flask import Blueprint, abort, request
from .models import User, db
bp = Blueprint("auth", __name__)
`
	// route is a handler that activates the user the form names,
	// refusing an unknown one when guarded.
	route := func(fn, value string, guarded bool) string {
		guard := ""
		if guarded {
			guard = "    if user is None:\n        abort(404)\n"
		}
		return "\n@bp.route(\"/" + fn + "\", methods=[\"POST\"])\ndef " + fn + "():\n" +
			"    user = User.query.filter_by(email=request.form[\"email\"]).first()\n" + guard +
			"    user.activated = " + value + "\n    db.session.commit()\n"
	}
	for _, tc := range []struct {
		name       string
		views      string
		kept, gone []string
	}{
		{"qualified name merges", route("activate_account", "True", true) + route("auto_activate_account", "True", true),
			[]string{"ActivateAccount"}, []string{"AutoActivateAccount"}},
		{"unrelated names stay apart", route("activate_account", "True", true) + route("confirm_email", "True", true),
			[]string{"ActivateAccount", "ConfirmEmail"}, nil},
		{"different bodies stay apart", route("activate_account", "True", false) + route("auto_activate_account", "False", false),
			[]string{"ActivateAccount", "AutoActivateAccount"}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, New(Options{}), map[string]string{"app/models.py": flaskAccountModels, "app/views.py": preamble + tc.views})
			rules := map[string]bool{}
			for _, r := range out.Module.Rules {
				rules[r.Name] = true
			}
			for _, n := range tc.kept {
				if !rules[n] {
					t.Errorf("rule %s missing:\n%s", n, allium.Print(out.Module, allium.PrintOptions{}))
				}
			}
			for _, n := range tc.gone {
				if rules[n] {
					t.Errorf("rule %s kept beside the rule it repeats:\n%s", n, allium.Print(out.Module, allium.PrintOptions{}))
				}
			}
		})
	}
}

func TestQualifies(t *testing.T) {
	for _, tc := range []struct {
		long, short string
		want        bool
	}{
		{"AutoActivateAccount", "ActivateAccount", true},
		{"GetUserSessionLogoutApi", "UserSessionLogoutApi", true},
		{"ActivateAccount", "ActivateAccount", false},
		{"GetMySettings", "GetMe", false},
		{"ActivateAccount", "AutoActivateAccount", false},
		{"AccountActivate", "ActivateAccount", false},
	} {
		if got := qualifies(tc.long, tc.short); got != tc.want {
			t.Errorf("qualifies(%s, %s) = %v, want %v", tc.long, tc.short, got, tc.want)
		}
	}
}

// TestDropUndeclaredClaims: a requires testing a verified token's claim
// no entity declares against a kind (a literal or an enum value) is left
// out only when the spec gives its signed tokens entities; one that uses
// the claim as a value (the address an e-mail change link carries) stays.
func TestDropUndeclaredClaims(t *testing.T) {
	tok := &allium.Ident{Name: "token"}
	rule := func() *allium.Rule {
		return &allium.Rule{Name: "ResetPassword",
			Trigger: &allium.Trigger{Kind: allium.TriggerExternal, Name: "ResetPassword", Params: []allium.TriggerParam{{Name: "token"}}},
			Body: []allium.Stmt{
				&allium.Requires{Cond: &allium.Member{X: tok, Name: "is_valid"}},
				&allium.Requires{Cond: &allium.Binary{Op: allium.OpEq, X: &allium.Member{X: tok, Name: "op"}, Y: &allium.Ident{Name: "reset_password"}}},
				&allium.Requires{Cond: &allium.Binary{Op: allium.OpEq, X: &allium.Member{X: tok, Name: "scope"}, Y: &allium.Ident{Name: "reset"}}},
				&allium.Requires{Cond: &allium.Binary{Op: allium.OpNe, X: &allium.Lit{Kind: allium.LitString, Text: "login"}, Y: &allium.Member{X: tok, Name: "purpose"}}},
				&allium.Requires{Cond: &allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists,
					X: &allium.Join{Entity: "User", Fields: []allium.JoinField{{Name: "email", Value: &allium.Member{X: tok, Name: "new_email"}}}}}}},
			}}
	}
	tokenEnt := &allium.Entity{Name: "PasswordResetToken", Members: []allium.EntityMember{&allium.Field{Name: "scope", Type: &allium.Type{Name: "String"}}}}
	for _, tc := range []struct {
		name   string
		tokens bool
		want   []string
	}{
		{"token entities: an undeclared claim tested for a kind goes, one used as a value stays", true,
			[]string{"requires: token.is_valid", "requires: token.scope = reset", "requires: not exists User{email: token.new_email}"}},
		{"no token entities: claims stay", false, []string{"requires: token.is_valid", "requires: token.op = reset_password", "requires: token.scope = reset",
			`requires: "login" != token.purpose`, "requires: not exists User{email: token.new_email}"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			b := newBuilder(t.Context(), nil, nil, 1, &Stats{})
			if tc.tokens {
				b.signedTokens["PasswordResetToken"] = &signedToken{}
			}
			r := rule()
			b.rules = []*ruleOut{{rule: r, external: true}}
			b.dropUndeclaredClaims(&allium.Module{Entities: []*allium.Entity{tokenEnt}})
			var got []string
			for _, s := range r.Body {
				got = append(got, allium.PrintConstruct(s))
			}
			if !slices.Equal(got, tc.want) {
				t.Errorf("body = %q, want %q", got, tc.want)
			}
		})
	}
}

// flaskAccountModels is a Flask-SQLAlchemy user with what the account
// flows of these tests read and write.
const flaskAccountModels = `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String)
    password = db.Column(db.String)
    activated = db.Column(db.Boolean)
    login_attempts = db.Column(db.Integer)
`
