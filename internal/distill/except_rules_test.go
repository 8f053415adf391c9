package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestExceptFailureRules pins the failure rules of except handlers
// (flaskbb's login, flaskbb/auth/services/authentication.py:160): a guard
// that raises inside an inlined helper is a precondition of the rule, and
// a handler around it that changes something (counts a failed login) is a
// rule of its own for each guard it catches, by the raised class or one
// of its bases; a handler without outcomes, or one that catches another
// class, adds nothing.
func TestExceptFailureRules(t *testing.T) {
	d := New(Options{})
	models := `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()

class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(64), nullable=False)
    active = db.Column(db.Boolean, default=False)
    failed = db.Column(db.Integer, default=0)

class AuthError(Exception):
    pass

class Inactive(AuthError):
    pass

class Other(Exception):
    pass
`
	tests := []struct {
		name, raise, except, handler string
		clearFirst                   bool // the helper clears the counter before its guard
		want                         []string
		absent                       []string
	}{
		{
			name:  "the handler counts the failure: one rule for the failed guard",
			raise: "AuthError", except: "AuthError", handler: "user.failed += 1\n        db.session.commit()",
			want: []string{"rule SignInFails {", "requires: not user.active", "user.failed = user.failed + 1"},
		},
		{
			name:  "a counter the checks that passed cleared counts from zero",
			raise: "AuthError", except: "AuthError", handler: "user.failed += 1\n        db.session.commit()", clearFirst: true,
			want: []string{"rule SignInFails {", "requires: not user.active", "user.failed = 1"},
		},
		{
			name:  "a subclass is caught by its base",
			raise: "Inactive", except: "AuthError", handler: "user.failed += 1\n        db.session.commit()",
			want: []string{"rule SignInFails {", "requires: not user.active"},
		},
		{
			name:  "another class is not caught",
			raise: "AuthError", except: "Other", handler: "user.failed += 1\n        db.session.commit()",
			absent: []string{"rule SignInFails"},
		},
		{
			name:  "a handler that only answers adds no rule",
			raise: "AuthError", except: "AuthError", handler: `flash("no")`,
			absent: []string{"rule SignInFails"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check := "    if not user.active:\n        raise " + tt.raise + "(\"inactive\")\n    user.failed = 0\n"
			if tt.clearFirst {
				check = "    user.failed = 0\n    if not user.active:\n        raise " + tt.raise + "(\"inactive\")\n"
			}
			out := distilText(t, d, map[string]string{
				"app/models.py": models,
				"app/views.py": `
from flask import Flask, request, redirect, flash
from app.models import db, User, AuthError, Inactive, Other

app = Flask(__name__)

def check(user):
` + check + `
@app.route("/signin/<int:user_id>", methods=["POST"])
def sign_in(user_id):
    user = User.query.get_or_404(user_id)
    try:
        check(user)
        db.session.commit()
        return redirect("/")
    except ` + tt.except + `:
        ` + tt.handler + `
    return redirect("/signin")
`,
			})
			got := string(allium.Print(out.Module, allium.PrintOptions{}))
			wantInOrder(t, got, tt.want, out.Notes)
			for _, a := range tt.absent {
				if strings.Contains(got, a) {
					t.Errorf("unexpected %q in\n%s", a, got)
				}
			}
		})
	}
}

// TestCatchFailureRules pins the same reading of a TypeScript catch
// clause: it catches every throw of its try, so a guard that throws and a
// catch that counts the failure give the failure rule; a catch that only
// answers gives none.
func TestCatchFailureRules(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, catch string
		want        []string
		absent      string
	}{
		{"the catch counts the failure",
			"user.failedLogins = user.failedLogins + 1;\n    await user.save();\n    return res.status(401).json({ ok: false });",
			[]string{"rule LoginFails {", "requires: not user.active", "user.failed_logins = user.failed_logins + 1"}, ""},
		{"the catch only answers",
			"return res.status(401).json({ ok: false });",
			[]string{"rule Login {", "requires: user.active"}, "rule LoginFails"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"src/app.ts": `
import express from "express";
import mongoose from "mongoose";

const userSchema = new mongoose.Schema({ email: String, failedLogins: Number, active: Boolean });
const User = mongoose.model("User", userSchema);

const app = express();

app.post("/login", async (req, res) => {
  const user = await User.findOne({ email: req.body.email });
  try {
    if (!user.active) {
      throw new Error("inactive");
    }
    user.failedLogins = 0;
    await user.save();
    return res.json({ ok: true });
  } catch (err) {
    ` + tt.catch + `
  }
});
`})
			got := string(allium.Print(out.Module, allium.PrintOptions{}))
			wantInOrder(t, got, tt.want, out.Notes)
			if tt.absent != "" && strings.Contains(got, tt.absent) {
				t.Errorf("unexpected %q in\n%s", tt.absent, got)
			}
		})
	}
}
