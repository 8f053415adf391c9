package distill

import (
	"strings"
	"testing"
)

// TestMadeOrFoundRowSaved: plane's sign-up (authentication/adapter/
// base.py:294-349) makes the user when none is found, saved through the
// model's save override ending in Python 2's super(User, self).save()
// (db/models/user.py:187), and later writes to the local holding the row
// found or made under a condition the spec cannot state (the IdP sync,
// base.py:345-346). The creation must be stated (it was left out, the
// Profile made for it naming no user), and the conditional write must
// not reach the creation as if it always ran.
func TestMadeOrFoundRowSaved(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	models := `
from django.db import models
from django.utils import timezone

class User(models.Model):
    email = models.CharField(max_length=255, unique=True)
    avatar = models.TextField(blank=True)
    is_active = models.BooleanField(default=False)

    def save(self, *args, **kwargs):
        self.email = self.email.lower()
        %s

class Profile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE)
    is_onboarded = models.BooleanField(default=False)
`
	views := `
import random
from django.http import HttpResponseRedirect
from django.views import View
from .models import User, Profile

def sync_enabled():
    return random.random() > 0.5

class Adapter:
    def __init__(self, key):
        self.key = key

    def sync(self, user):
        user.avatar = ""
        user.save()
        return user

    def login_or_signup(self):
        user = User.objects.filter(email=self.key).first()
        if not user:
            user = User(email=self.key)
            user.save()
            Profile.objects.create(user=user)
        if sync_enabled():
            user = self.sync(user=user)
        user.is_active = True
        user.save()
        return user

class SignUpView(View):
    def post(self, request):
        email = request.POST.get("email")
        Adapter(key=email).login_or_signup()
        return HttpResponseRedirect("/")
`
	urls := `
from django.urls import path
from .views import SignUpView
urlpatterns = [path("sign-up/", SignUpView.as_view())]
`
	tests := []struct {
		name, super string
		want        []string
		notWant     []string
	}{
		{"zero-argument super", "super().save(*args, **kwargs)",
			[]string{"User.created(", "Profile.created(user: "}, []string{`avatar: ""`}},
		{"two-argument super", "super(User, self).save(*args, **kwargs)",
			[]string{"User.created(", "Profile.created(user: "}, []string{`avatar: ""`}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			src := strings.Replace(models, "%s", tc.super, 1)
			out := distilText(t, d, map[string]string{"app/models.py": src, "app/views.py": views, "app/urls.py": urls})
			got := construct(out.Module, "SignUp")
			notes := strings.Join(out.Notes, "\n")
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("want %q in\n%s\nnotes:\n%s", w, got, notes)
				}
			}
			for _, w := range tc.notWant {
				if strings.Contains(got, w) {
					t.Errorf("did not want %q in\n%s", w, got)
				}
			}
		})
	}
}
