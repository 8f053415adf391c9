package distill

import "testing"

// A field kept only where a rule uses it (a framework base's column, a
// secret) is declared when a rule looks a row up by it: the lookup names
// the field, and a reader must find it on the entity (Parse Server's
// ResetPassword, User{username, perishable_token: token},
// UserController.js:110).
func TestLookupKeysDeclared(t *testing.T) {
	files := map[string]string{
		"accounts/models.py": `
from django.contrib.auth.models import AbstractUser
from django.db import models

class Member(AbstractUser):
    nickname = models.CharField(max_length=40)
`,
		"accounts/views.py": `
from django.http import JsonResponse
from .models import Member

def rename(request):
    member = Member.objects.get(username=request.POST["username"])
    member.nickname = request.POST["nickname"]
    member.save()
    return JsonResponse({"ok": True})
`,
		"accounts/urls.py": `
from django.urls import path
from . import views
urlpatterns = [path("rename/", views.rename)]
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{name: "the rule looks the member up by username", construct: "Rename", want: []string{"Member{username}"}},
		{name: "the entity declares the key", construct: "Member", want: []string{"username: String"}},
	})
}
