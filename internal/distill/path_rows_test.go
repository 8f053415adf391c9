package distill

import (
	"testing"
)

// TestPathOwnsItsRows: a branch that ends the request and sets fields on
// a row made before it (sahat's passwordless sign-up gives the new user a
// login token, controllers/user.js:273-284) sets them on its own path's
// creation, not on the one the rest of the handler states.
func TestPathOwnsItsRows(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/models.py": `
from django.db import models
from django.contrib.auth.models import AbstractUser
class User(AbstractUser):
    email = models.EmailField(unique=True)
    login_token = models.CharField(max_length=50, null=True)
`,
		"app/views.py": `
import secrets
from django.shortcuts import redirect
from django.contrib.auth import login
from django.http import HttpResponseBadRequest
from .models import User

def signup(request):
    errors = []
    if "@" not in request.POST["email"]:
        errors.append("bad email")
    if len(errors):
        return HttpResponseBadRequest()
    user = User(email=request.POST["email"])
    user.save()
    if request.POST.get("passwordless") == "yes":
        user.login_token = secrets.token_urlsafe(16)
        user.save()
        return redirect("/")
    login(request, user)
    return redirect("/")
`}
	out := distilText(t, d, files)
	assertSpecText(t, construct(out.Module, "Signup"),
		[]string{`requires: passwordless != "yes"`, "let user = User.created(email: email)", "Session.created(user: user)"},
		[]string{"login_token", "length("})
}
