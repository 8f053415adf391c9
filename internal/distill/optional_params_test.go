package distill

import (
	"strings"
	"testing"
)

// TestOptionalParams pins healthchecks' check_token (hc/accounts/views.py:254):
// a handler parameter declared optional and tested by `if new_email:` guards
// what the block does (and the guard inside it), while the same test of a
// parameter the route always gives stays input validation.
func TestOptionalParams(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, param string
		want        []string // lines of rule ChangeEmail, in order
	}{
		{"a parameter typed X | None with a None default guards its block",
			"new_email: str | None = None", []string{
				"requires: not exists new_email or not exists User{email: new_email}",
				"if exists new_email:",
				"user.email = new_email",
				"user.last_login = now"}},
		{"a parameter typed Optional[X] guards its block",
			"new_email: Optional[str]", []string{
				"requires: not exists new_email or not exists User{email: new_email}",
				"if exists new_email:",
				"user.email = new_email",
				"user.last_login = now"}},
		{"a parameter with a None default and no type guards its block",
			"new_email=None", []string{
				"requires: not exists new_email or not exists User{email: new_email}",
				"if exists new_email:",
				"user.email = new_email"}},
		{"a required parameter's test is input validation: its block always runs",
			"new_email: str", []string{
				"requires: not exists User{email: new_email}",
				"user.email = new_email",
				"user.last_login = now"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from django.db import models
class User(models.Model):
    username = models.CharField(max_length=150, unique=True)
    email = models.EmailField()
    last_login = models.DateTimeField(null=True)
`,
				"app/views.py": `
from typing import Optional
from django.shortcuts import redirect
from django.utils.timezone import now
from app.models import User

def change_email(request, username, ` + tt.param + `):
    user = User.objects.get(username=username)
    if new_email:
        if User.objects.filter(email=new_email).exists():
            return redirect("hc-login")
        user.email = new_email
        user.save()
    user.last_login = now()
    user.save()
    return redirect("hc-index")
`,
				// Routed with and without the address: a request may give
				// it or not (one route alone, without it, would leave it at
				// its default, url_routes.go).
				"app/urls.py": `
from django.urls import path
from app import views
urlpatterns = [
    path("change/<str:username>/", views.change_email),
    path("change/<str:username>/<str:new_email>/", views.change_email),
]
`})
			got := construct(out.Module, "ChangeEmail")
			wantInOrder(t, got, tt.want, out.Notes)
			optional := strings.Contains(got, "if exists new_email:")
			if wantOpt := strings.Contains(strings.Join(tt.want, "\n"), "if exists"); optional != wantOpt {
				t.Errorf("conditional outcome = %v, want %v:\n%s", optional, wantOpt, got)
			}
		})
	}
}

// TestNeitherOptionalInputGiven pins `if (!username && !email) throw` on
// two inputs their validators make optional (apihub's loginUser): the
// request must give one of them. Inputs the request must give anyway say
// nothing there: the test is input validation, left out.
func TestNeitherOptionalInputGiven(t *testing.T) {
	d := New(Options{})
	routes := func(chain string) string {
		return `
import express from "express";
import { body } from "express-validator";
import { User } from "./model.js";
const router = express.Router();
router.post("/login", [body("email")` + chain + `, body("username")` + chain + `], async (req, res) => {
  const { email, username } = req.body;
  if (!username && !email) {
    throw new Error("Username or email is required");
  }
  const user = await User.findOne({ email });
  if (!user) throw new Error("no such user");
  user.lastLogin = new Date();
  await user.save();
  res.json({});
});
export default router;
`
	}
	const model = `
import mongoose, { Schema } from "mongoose";
const userSchema = new Schema({ email: { type: String }, lastLogin: { type: Date } });
export const User = mongoose.model("User", userSchema);
`
	const want = "requires: exists username or exists email"
	tests := []struct {
		name, chain string
		held        bool
	}{
		{name: "both optional", chain: ".optional()", held: true},
		{name: "both required", chain: ".notEmpty()"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"model.js": model, "routes.js": routes(tt.chain)})
			got := construct(out.Module, "Login")
			if strings.Contains(got, want) != tt.held {
				t.Errorf("got:\n%s\nwant %q held: %v", got, want, tt.held)
			}
		})
	}
}
