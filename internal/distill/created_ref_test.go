package distill

import (
	"strings"
	"testing"
)

// TestCreatedRefName pins healthchecks' signup (hc/accounts/views.py:218,
// _make_user): a row created in a helper and referenced after its creation
// becomes a let; when the rule already binds the helper's local name (the
// lookup that found no user), the let is new_<name> instead of the
// reference being dropped. The last_login the handler sets after the try
// is the new row's too.
func TestCreatedRefName(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, local string
		want        []string
	}{
		{"the helper's name is the rule's let: the new row is new_user",
			"user", []string{"let user = User{email}", "let new_user = User.created(email: email, last_login: null)", "Project.created(owner: new_user)"}},
		{"a name of its own is kept",
			"account", []string{"let user = User{email}", "let account = User.created(email: email, last_login: null)", "Project.created(owner: account)"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": projectModel,
				"app/views.py": strings.ReplaceAll(`
from django.contrib.auth.models import User
from django.shortcuts import redirect
from app.models import Project

def _make_user(email):
    LOCAL = User(email=email)
    LOCAL.save()
    project = Project(owner=LOCAL)
    project.save()
    return LOCAL

def signup(request, email):
    try:
        user = User.objects.get(email=email)
    except User.DoesNotExist:
        user = _make_user(email)
    user.last_login = None
    user.save()
    return redirect("done")
`, "LOCAL", tt.local),
				"app/urls.py": djangoRoute("signup/<str:email>/", "signup")})
			got := construct(out.Module, "Signup")
			wantInOrder(t, got, tt.want, out.Notes)
		})
	}
}

// wantInOrder fails the test unless got holds every line of want, in
// order.
func wantInOrder(t *testing.T, got string, want []string, notes []string) {
	t.Helper()
	at := 0
	for _, w := range want {
		i := strings.Index(got[at:], w)
		if i < 0 {
			t.Fatalf("no %q (in order) in:\n%s\nnotes: %v", w, got, notes)
		}
		at += i + len(w)
	}
}

// djangoRoute is an app/urls.py routing pattern to view fn of app/views.py.
func djangoRoute(pattern, fn string) string {
	return "from django.urls import path\nfrom app import views\nurlpatterns = [path(\"" + pattern + "\", views." + fn + ")]\n"
}

// projectModel is a Django Project owned by a User, with a name and a
// code; methods may follow it.
const projectModel = `
from django.db import models
from django.contrib.auth.models import User
class Project(models.Model):
    owner = models.ForeignKey(User, models.CASCADE)
    name = models.CharField(max_length=100)
    code = models.CharField(max_length=36)
`

// TestAssignedAfterCreation: fields a handler sets on a row after adding
// and committing it are the created row's. A field the constructor did
// not give (token) grows the row's values into a new array, which the
// creation already stated must still see, and so must a later change of
// a value it had (active).
func TestAssignedAfterCreation(t *testing.T) {
	d := New(Options{})
	models := `
from flask_sqlalchemy import SQLAlchemy
db = SQLAlchemy()
class User(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    email = db.Column(db.String, nullable=False)
    active = db.Column(db.Boolean, default=True, nullable=False)
    token = db.Column(db.String)
`
	tests := []struct {
		name, after, want string
	}{
		{"a field not given, then one defaulted, both after the commit",
			"    user.token = secrets.token_urlsafe()\n    user.active = False\n",
			"User.created(email: email, active: false, token: random_key())"},
		{"a defaulted field alone",
			"    user.active = False\n",
			"User.created(email: email, active: false)"},
		{"a field set under a condition after the commit",
			"    if email == \"root@x.org\":\n        user.active = False\n",
			"User.created(email: email, active: email != \"root@x.org\")"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": models,
				"app/views.py": `
import secrets
from flask import Flask, request
from app.models import db, User
app = Flask(__name__)

@app.post("/signup")
def signup():
    email = request.form["email"]
    user = User(email=email)
    db.session.add(user)
    db.session.commit()
` + tt.after + `    db.session.commit()
    return "ok"
`})
			got := construct(out.Module, "Signup")
			if !strings.Contains(got, "ensures: "+tt.want+"\n") {
				t.Errorf("want ensures: %s in:\n%s\nnotes: %v", tt.want, got, out.Notes)
			}
		})
	}
}
