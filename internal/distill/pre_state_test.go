package distill

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// preStateRoute is a Flask route module (over flaskModels) whose handler
// is body.
func preStateRoute(body string) map[string]string {
	return map[string]string{"app/models.py": flaskModels, "app/routes.py": `
from flask import Blueprint, request
from app.models import User
from app.extensions import db
bp = Blueprint("a", __name__)

@bp.post("/users/<user_id>/email")
def change_email(user_id):
    user = db.session.get(User, user_id)
    data = request.get_json()
` + body}
}

// TestPreStateConditions pins what outcomes' conditions read: a
// comparison the code kept in a local before a change it reads is bound
// before the ensures (conditions there read the resulting state), and two
// ifs of one condition are one.
func TestPreStateConditions(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, body, want string
	}{
		{
			name: "a comparison kept before the change it reads is a let; the two ifs of it are one",
			body: `    changed = data["email"] != user.email
    if changed:
        user.status = "unverified"
    user.email = data["email"]
    if changed:
        user.locked_until = None
    db.session.commit()
`,
			want: `rule ChangeEmail {
    when: ChangeEmail(email, user)
    let changed = email != user.email
    ensures:
        if changed:
            user.status = unverified
            user.locked_until = null
        user.email = email
}`,
		},
		{
			name: "a comparison of a field no outcome changes stays in the condition",
			body: `    changed = data["email"] != user.email
    if changed:
        user.status = "unverified"
    user.locked_until = None
    db.session.commit()
`,
			want: `rule ChangeEmail {
    when: ChangeEmail(email, user)
    ensures:
        if email != user.email:
            user.status = unverified
        user.locked_until = null
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			constructIs(t, distilText(t, d, preStateRoute(tt.body)), "ChangeEmail", tt.want)
		})
	}
}

// constructIs fails t unless the construct name of out prints as want.
func constructIs(t *testing.T, out *Output, name, want string) {
	t.Helper()
	if got := construct(out.Module, name); got != want {
		t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", name, got, want, out.Notes)
	}
}

// TestJoinSameConditions pins when two ifs of one condition become one.
func TestJoinSameConditions(t *testing.T) {
	status := func() allium.Expr { return &allium.Member{X: &allium.Ident{Name: "user"}, Name: "status"} }
	active := func() allium.Expr {
		return &allium.Binary{Op: allium.OpEq, X: status(), Y: &allium.Ident{Name: "active"}}
	}
	flag := func() allium.Expr { return &allium.Ident{Name: "changed"} }
	set := func(field, to string) allium.Stmt {
		return &allium.Assign{Target: &allium.Member{X: &allium.Ident{Name: "user"}, Name: field}, Value: &allium.Ident{Name: to}}
	}
	when := func(cond allium.Expr, body ...allium.Stmt) allium.Stmt {
		return &allium.If{Branches: []allium.IfBranch{{Cond: cond, Body: body}}}
	}
	tests := []struct {
		name string
		list []allium.Stmt
		want int // statements left
	}{
		{"one condition twice: one if", []allium.Stmt{when(flag(), set("a", "x")), set("b", "y"), when(flag(), set("c", "z"))}, 2},
		{"a condition reading a changed field: apart", []allium.Stmt{when(active(), set("status", "locked")), when(active(), set("c", "z"))}, 2},
		{"a let between: apart", []allium.Stmt{when(flag(), set("a", "x")), &allium.Let{Name: "t", Value: &allium.Ident{Name: "x"}}, when(flag(), set("c", "z"))}, 3},
		{"two conditions: apart", []allium.Stmt{when(flag(), set("a", "x")), when(&allium.Ident{Name: "other"}, set("c", "z"))}, 2},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := joinSameConditions(tt.list)
			if len(got) != tt.want {
				t.Errorf("%d statements, want %d:\n%s", len(got), tt.want, stmtsKey(got))
			}
		})
	}
	t.Run("one condition tested twice in a row, nested: one test", func(t *testing.T) {
		got := joinSameConditions([]allium.Stmt{when(flag(), when(flag(), set("a", "x")))})
		if want := stmtsKey([]allium.Stmt{when(flag(), set("a", "x"))}); stmtsKey(got) != want {
			t.Errorf("got:\n%s\nwant:\n%s", stmtsKey(got), want)
		}
	})
	t.Run("another condition nested: kept", func(t *testing.T) {
		list := []allium.Stmt{when(flag(), when(active(), set("a", "x")))}
		want := stmtsKey(list)
		if got := joinSameConditions(list); stmtsKey(got) != want {
			t.Errorf("got:\n%s\nwant:\n%s", stmtsKey(got), want)
		}
	})
}

// TestPreStateReads pins pretalx's e-mail change confirmation
// (person/domain/verification.py:202-228): the address kept in a local
// before the change (old_email = user.email) is the one the notice goes
// to, and creation arguments read the resulting state, so the rule binds
// it before its ensures; a read of the field after the change, or of a
// field no outcome changes, stays as it is.
func TestPreStateReads(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, body string
		want, not  []string
	}{
		{
			name: "the old address kept before the change: a let, and the mail reads it",
			body: `    old_email = user.email
    user.email = data["email"]
    db.session.commit()
    mail.send(Message("Changed", recipients=[old_email]))
`,
			want: []string{"let old_email = user.email", "user.email = email", "Email.created(to: old_email"},
		},
		{
			name: "the field read after the change: the new address (the value assigned), no let",
			body: `    user.email = data["email"]
    db.session.commit()
    mail.send(Message("Changed", recipients=[user.email]))
`,
			want: []string{"Email.created(to: email"},
			not:  []string{"let old_email", "to: user.email"},
		},
		{
			name: "a kept field no outcome changes: read as it is",
			body: `    address = user.email
    user.status = "unverified"
    db.session.commit()
    mail.send(Message("Changed", recipients=[address]))
`,
			want: []string{"Email.created(to: user.email"},
			not:  []string{"let address"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := preStateRoute(tt.body)
			files["app/routes.py"] = "from flask_mail import Message\nfrom app.extensions import mail\n" + files["app/routes.py"]
			wantConstruct(t, distilText(t, d, files), "ChangeEmail", tt.want, tt.not)
		})
	}
}
