package distill

import (
	"strings"
	"testing"
)

// TestUnroutedDefaults: a function view's parameter with a default that
// none of its routes passes is never given by a request, so it holds its
// default (healthchecks' check_token(request, username, token,
// new_email=None), hc/accounts/views.py:254-279, routed by
// hc/accounts/urls.py:20-24 with <username> and <token> only). A route
// that captures it, passes it in its extra-keyword dict, or is not read
// (a pattern that is no literal) leaves it an input.
func TestUnroutedDefaults(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	const models = `
from django.db import models
from django.contrib.auth.models import User

class Profile(models.Model):
    user = models.OneToOneField(User, models.CASCADE)
    nickname = models.CharField(max_length=100, blank=True)
`
	const view = `
from django.shortcuts import get_object_or_404, redirect
from django.contrib.auth.models import User
from app.models import Profile


def confirm(request, username, nickname=None):
    profile = get_object_or_404(Profile, user__username=username)
    if nickname:
        profile.nickname = nickname
    profile.user.is_active = True
    profile.user.save()
    profile.save()
    return redirect("home")
`
	tests := []struct {
		name, urls string
		given      bool // nickname stays an input
	}{
		{"a parameter no route passes holds its default",
			`path("confirm/<str:username>/", views.confirm, name="confirm")`, false},
		{"a route that captures it",
			`path("confirm/<str:username>/<str:nickname>/", views.confirm)`, true},
		{"a regular expression route that captures it",
			`re_path(r"^confirm/(?P<username>\w+)/(?P<nickname>\w+)/$", views.confirm)`, true},
		{"a route that passes it as an extra keyword",
			`path("confirm/<str:username>/", views.confirm, {"nickname": "x"})`, true},
		{"a pattern that is no literal is not read",
			`path(PREFIX + "<str:username>/", views.confirm)`, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": models,
				"app/views.py":  view,
				"app/urls.py": `
from django.urls import path, re_path
from app import views

PREFIX = "confirm/"
urlpatterns = [
    ` + tt.urls + `,
]
`,
			})
			got := construct(out.Module, "Confirm")
			if strings.Contains(got, "nickname") != tt.given {
				t.Errorf("nickname an input: want %v:\n%s", tt.given, got)
			}
			if !strings.Contains(got, "is_active = true") {
				t.Errorf("want the activation kept:\n%s", got)
			}
		})
	}
}
