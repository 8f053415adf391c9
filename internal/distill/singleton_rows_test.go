package distill

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestSingletonRows: a lookup of a model's whole table by a method that
// raises unless exactly one row matches (Django's get() with no filter) is
// the model's one row, a given binding the rules read (baserow's
// CoreHandler.get_settings, core/handler.py:164-167, read by
// reset_password's `if not ...get_settings().allow_reset_password: raise`,
// core/user/handler.py:431-432). A filtered lookup, a lookup of the users,
// and a lookup by first() (any row) are not.
func TestSingletonRows(t *testing.T) {
	d := New(Options{})
	const models = `
from django.contrib.auth.models import AbstractUser
from django.db import models

class User(AbstractUser):
    pass

class Settings(models.Model):
    allow_reset_password = models.BooleanField(default=True)
    active = models.BooleanField(default=True)

class UserProfile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    reset_count = models.IntegerField(default=0)
`
	const view = `
from rest_framework.views import APIView
from rest_framework.response import Response
from .handler import reset

class ResetView(APIView):
    def post(self, request):
        reset(request.user)
        return Response(status=204)
`
	const given = "given {\n    settings: Settings\n}"
	const requires = "requires: settings.allow_reset_password"
	for _, tc := range []struct {
		name, settings string
		singleton      bool
	}{
		{"the whole table by get()", "Settings.objects.get()", true},
		{"a helper that makes the row when none", "get_settings()", true},
		{"a filtered lookup", "Settings.objects.filter(active=True).get()", false},
		{"any row by first()", "Settings.objects.first()", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			handler := `
from .models import Settings


def get_settings():
    try:
        return Settings.objects.all().select_related("logo")[:1].get()
    except Settings.DoesNotExist:
        return Settings.objects.create()


def reset(user):
    if not ` + tc.settings + `.allow_reset_password:
        raise ValueError("disabled")
    user.profile.reset_count = 0
    user.profile.save()
`
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/handler.py": handler, "app/views.py": view})
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			if tc.singleton {
				assertSpecText(t, text, []string{given, requires, "user.profile.reset_count = 0"}, nil)
			} else {
				assertSpecText(t, text, []string{"user.profile.reset_count = 0"}, []string{given, "settings."})
			}
			if errs, _ := checkErrors(out.Module); len(errs) > 0 {
				t.Errorf("checker errors: %v", errs)
			}
		})
	}
}
