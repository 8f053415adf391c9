package distill

import (
	"strings"
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

// TestFieldSetUnderCondition: a field a branch alone sets on a new row,
// under a condition that is no test of an input's presence (healthchecks'
// `if not settings.USE_PAYMENTS: profile.check_limit = 10000`,
// hc/accounts/models.py:67-71), is left out with a note rather than
// stated as always set; under a presence test (`if password is not
// None:`) it is stated, as before.
func TestFieldSetUnderCondition(t *testing.T) {
	d := New(Options{})
	out := distilText(t, d, map[string]string{
		"app/models.py": `
from django.db import models
from django.contrib.auth.models import AbstractUser
class User(AbstractUser):
    email = models.EmailField(unique=True)
    avatar = models.CharField(max_length=200, null=True)
`,
		"app/views.py": `
from django.shortcuts import redirect
from .models import User
from .sync import sync_enabled

def signup(request):
    user = User(email=request.POST["email"])
    user.save()
    if sync_enabled(user):
        user.avatar = ""
        user.save()
    return redirect("/")
`})
	assertSpecText(t, construct(out.Module, "Signup"), []string{"User.created(email: email)"}, []string{"avatar"})
	assertSpecText(t, strings.Join(out.Notes, "\n"), []string{"a field of a new User set under a condition"}, nil)
}

// TestEmptyListLength: `if (validationErrors.length)` of a list bound
// empty and pushed to since (sahat's postLogin, controllers/user.js:33-40)
// is no condition the spec states: the pushes are not carried, so a path
// after it read `requires: length({}) <= 0`.
func TestEmptyListLength(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, map[string]string{
		"models/User.js": `
const mongoose = require('mongoose');
const userSchema = new mongoose.Schema({
  email: { type: String, unique: true },
  loginToken: String,
});
module.exports = mongoose.model('User', userSchema);
`,
		"controllers/user.js": `
const validator = require('validator');
const User = require('../models/User');

exports.postLogin = async (req, res, next) => {
  const problems = [];
  if (!validator.isEmail(req.body.email)) problems.push({ msg: 'not an address' });
  if (problems.length) {
    req.flash('errors', problems);
    return res.redirect('/login');
  }
  if (req.body.byLink === 'on') {
    try {
      const user = await User.findOne({ email: req.body.email });
      if (!user) {
        return res.redirect('/login');
      }
      user.loginToken = 'x';
      await user.save();
      return res.redirect('/login');
    } catch (err) {
      next(err);
    }
  }
  return res.redirect('/');
};
`,
		"app.js": `
const express = require('express');
const users = require('./controllers/user');
const app = express();
app.post('/login', users.postLogin);
module.exports = app;
`})
	assertSpecText(t, construct(out.Module, "PostLogin"), []string{`requires: by_link = "on"`, `user.login_token = "x"`}, []string{"length("})
}
