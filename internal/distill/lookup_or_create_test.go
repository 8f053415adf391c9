package distill

import (
	"strings"
	"testing"
)

// TestLookupOrCreate: a helper that returns the row a lookup finds, or
// creates one in its except handler when there is none, creates only when
// no row matches (as get_or_create); with a lookup the spec cannot state
// (no condition: any row) the creation is a note, never an unconditional
// Settings.created in every rule that reads the row.
func TestLookupOrCreate(t *testing.T) {
	const models = `
from django.db import models
from django.contrib.auth.models import AbstractUser

class User(AbstractUser):
    email = models.EmailField(unique=True)

class Settings(models.Model):
    allow_signups = models.BooleanField(default=True)

class Profile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE)
    language = models.CharField(max_length=10, default="en")
`
	view := func(helper, handler string) string {
		return `
from rest_framework.views import APIView
from rest_framework.response import Response
from .models import Profile, Settings, User

` + helper + `

class ChangeView(APIView):
    def post(self, request):
` + handler + `
        return Response({})
`
	}
	const getProfile = `
def get_profile(user):
    try:
        return Profile.objects.get(user=user)
    except Profile.DoesNotExist:
        return Profile.objects.create(user=user)`
	const getSettings = `
def get_settings():
    try:
        return Settings.objects.all()[:1].get()
    except Settings.DoesNotExist:
        return Settings.objects.create()`
	tests := []struct {
		name, helper, handler string
		want, absent          []string
		note                  string
	}{
		{
			name:    "a row found by a key, else created",
			helper:  getProfile,
			handler: "        profile = get_profile(request.user)\n        profile.language = request.data[\"language\"]\n        profile.save()",
			want:    []string{"if not exists Profile{user}:", "Profile.created(user: user)", "user.profile.language = language"},
		},
		{
			name:    "any row, else created: the creation is a note",
			helper:  getSettings,
			handler: "        settings = get_settings()\n        User.objects.create(email=request.data[\"email\"])",
			want:    []string{"User.created(email: email)"},
			absent:  []string{"Settings.created"},
			note:    "the creation of a Settings when none is found left out",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(Options{})
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/views.py": view(tt.helper, tt.handler)})
			got := construct(out.Module, "Change")
			assertSpecText(t, got, tt.want, tt.absent)
			if tt.note != "" && !strings.Contains(strings.Join(out.Notes, "\n"), tt.note) {
				t.Errorf("no note %q in:\n%s", tt.note, strings.Join(out.Notes, "\n"))
			}
		})
	}
}
