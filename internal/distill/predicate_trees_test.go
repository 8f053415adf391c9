package distill

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/distill/distill/internal/facts"
	"github.com/distill/distill/internal/lang/python"
	"github.com/distill/distill/internal/syntax"
)

// predicateModules are CTFd's user helpers and decorators in small: a
// cached copy of the signed-in user's columns (get_current_user_attrs),
// a question answered by cases (email_confirmed), and decorators
// whose checks are chains of ifs that fail at their innermost one, by
// its body or both ways of an if/else.
var predicateModules = map[string]string{
	"app/models.py": `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String(128))
    type = db.Column(db.String(80))
    verified = db.Column(db.Boolean, default=False)
    team = db.relationship("Team")
class Team(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"))
class Token(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    user_id = db.Column(db.Integer, db.ForeignKey("users.id"))
    description = db.Column(db.Text)
`,
	"app/utils/user.py": `
from flask import session
from app.models import User
from app.utils import get_config
from app.cache import cache

def authed():
    return bool(session.get("id", False))

def get_current_user_attrs():
    if authed():
        try:
            return get_user_attrs(user_id=session["id"])
        except TypeError:
            return get_user_attrs(user_id=session["id"])
    else:
        return None

@cache.memoize(timeout=300)
def get_user_attrs(user_id):
    user = User.query.filter_by(id=user_id).first()
    if user:
        d = {}
        for field in FIELDS:
            d[field] = getattr(user, field)
        return Attrs(**d)
    return None

def email_confirmed():
    if get_config("verify_emails"):
        me = get_current_user_attrs()
        if me:
            return me.verified
        return False
    return True

def find_by_email(email):
    if not email:
        return False
    return User.query.filter_by(email=email).first()
`,
	"app/utils/decorators.py": `
import functools
from flask import abort, redirect, request, url_for
from app.utils import get_config
from app.utils import user as current_user

def confirmed_only(view):
    @functools.wraps(view)
    def wrapper(*args, **kwargs):
        if get_config("verify_emails"):
            if current_user.authed():
                if current_user.email_confirmed() is False:
                    if request.is_json:
                        abort(403)
                    return redirect(url_for("auth.confirm"))
        return view(*args, **kwargs)
    return wrapper

def only_on_reads(f):
    @functools.wraps(f)
    def _only_on_reads(*args, **kwargs):
        if request.method == "GET":
            if current_user.authed():
                if request.is_json:
                    abort(403)
                else:
                    return redirect("/")
        return f(*args, **kwargs)
    return _only_on_reads

def known_region(f):
    @functools.wraps(f)
    def _known_region(*args, **kwargs):
        if get_config("verify_emails"):
            if request.headers.get("X-Region") not in REGIONS:
                abort(403)
        return f(*args, **kwargs)
    return _known_region
`,
}

// predicateView is predicateModules with a view module whose one handler,
// create_token, has the decorators and body given.
func predicateView(decorators, body string) map[string]string {
	files := map[string]string{"app/views.py": `
from flask import Blueprint, abort, request
from flask_login import login_required, current_user
from app.models import Token, db
from app.utils.decorators import confirmed_only, only_on_reads, known_region
from app.utils.user import email_confirmed, find_by_email
bp = Blueprint("tokens", __name__)
@bp.route("/tokens", methods=["POST"])
` + decorators + `
def create_token():
` + body}
	for k, v := range predicateModules {
		files[k] = v
	}
	return files
}

// TestPredicateTrees: a helper answering a Boolean by cases is the
// Boolean its cases make, and a decorator's chain of ifs that fails every
// way at its end is the negation of the chain's conditions.
func TestPredicateTrees(t *testing.T) {
	d := New(Options{})
	const created = `
    db.session.add(Token(user_id=current_user.id, description=request.form["description"]))
    db.session.commit()
    return "ok"
`
	tests := []struct {
		name       string
		decorators string
		body       string
		want       string
		// note is a note the distillation must (or, with "!", must not) write.
		note string
	}{
		{
			name:       "a decorator's chain whose innermost if fails both ways",
			decorators: "@confirmed_only\n@login_required",
			body:       created,
			want: `rule CreateToken {
    when: CreateToken(user, description)
    requires: not config.verify_emails or user.verified
    ensures: Token.created(user: user, description: description)
}`,
			note: "!a guard left out",
		},
		{
			name:       "a predicate tested in the handler",
			decorators: "@login_required",
			body: `
    if not email_confirmed():
        abort(403)
` + created,
			want: `rule CreateToken {
    when: CreateToken(user, description)
    requires: not config.verify_emails or user.verified
    ensures: Token.created(user: user, description: description)
}`,
		},
		{
			name:       "a chain the rule's reading settles false never fails: no precondition, no note",
			decorators: "@only_on_reads\n@login_required",
			body:       created,
			want: `rule CreateToken {
    when: CreateToken(user, description)
    ensures: Token.created(user: user, description: description)
}`,
			note: "!a guard left out",
		},
		{
			name:       "a chain with a condition the spec cannot state is left out, with a note",
			decorators: "@known_region\n@login_required",
			body:       created,
			want: `rule CreateToken {
    when: CreateToken(user, description)
    ensures: Token.created(user: user, description: description)
}`,
			note: "decorators.py:34: a guard left out of rule CreateToken",
		},
		{
			name:       "a helper answering a row or False is a lookup, not a Boolean",
			decorators: "@login_required",
			body: `
    owner = find_by_email(request.form["email"])
    if not owner:
        abort(404)
    db.session.add(Token(user_id=owner.id, description=request.form["description"]))
    db.session.commit()
    return "ok"
`,
			want: `rule CreateToken {
    when: CreateToken(email, description)
    let owner = User{email}
    requires: exists owner
    ensures: Token.created(user: owner, description: description)
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, predicateView(tt.decorators, tt.body))
			if got := construct(out.Module, "CreateToken"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
			if tt.note == "" {
				return
			}
			want, absent := strings.CutPrefix(tt.note, "!")
			found := false
			for _, n := range out.Notes {
				found = found || strings.Contains(n, want)
			}
			if found == absent {
				t.Errorf("note %q: found %v, want %v; notes: %v", want, found, !absent, out.Notes)
			}
		})
	}
}

// TestIsPredicateTree: only a body whose every path answers, with a
// literal on one path and a Boolean-looking value on another, is read as
// a predicate tree.
func TestIsPredicateTree(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want bool
	}{
		{"cases with a literal and a value", `
def f():
    if get_config("x"):
        u = get()
        return u.verified
    return True
`, true},
		{"only literals: a success flag", `
def f():
    if get_config("x"):
        return False
    return True
`, false},
		{"a bare name beside False: a lookup helper", `
def f(email):
    if "@" in email:
        u = by_email(email)
    else:
        u = by_name(email)
    if not u:
        return False
    return u
`, false},
		{"a path that ends without an answer", `
def f():
    if authed():
        u = get()
        if u and u.type:
            return u.type == "admin"
    else:
        return False
`, false},
		{"a statement other than a binding", `
def f(u):
    log(u)
    if u.banned:
        return False
    return u.verified
`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fn := parsedFunction(t, tt.src)
			if got := isPredicateTree(fn.Body()); got != tt.want {
				t.Errorf("isPredicateTree = %v, want %v", got, tt.want)
			}
		})
	}
}

// parsedFunction is the first function of a Python source.
func parsedFunction(t *testing.T, src string) *facts.Function {
	t.Helper()
	p := syntax.NewParser(time.Minute)
	defer p.Close()
	f, err := python.New().Extract(context.Background(), p, facts.Source{Path: "m.py", Data: []byte(src)})
	if err != nil {
		t.Fatal(err)
	}
	if len(f.Functions) == 0 {
		t.Fatalf("no function in %q", src)
	}
	return &f.Functions[0]
}
