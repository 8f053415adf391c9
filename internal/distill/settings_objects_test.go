package distill

import (
	"strings"
	"testing"
)

// TestSettingsObjects: a view's serializer_class named through a DRF
// settings object (dj-rest-auth's serializer_class =
// api_settings.PASSWORD_RESET_SERIALIZER, views.py:250, whose default is a
// dotted path in app_settings.py's DEFAULTS) is the serializer of that
// path, when the object imports the name; the view's POST then saves it.
func TestSettingsObjects(t *testing.T) {
	d := New(Options{})
	settings := func(ctor, imports string) string {
		return `
from django.conf import settings
from rest_framework.settings import APISettings as _APISettings

DEFAULTS = {
    "SIGNUP_SERIALIZER": "app.serializers.SignupSerializer",
    "SESSION_LOGIN": True,
}
IMPORT_STRINGS = (` + imports + `)

class APISettings(_APISettings):
    pass

api_settings = ` + ctor + `(getattr(settings, "APP", None), DEFAULTS, IMPORT_STRINGS)
`
	}
	files := func(settingsPy string) map[string]string {
		return map[string]string{
			"app/__init__.py": "",
			"app/models.py": `
from django.db import models

class Invite(models.Model):
    email = models.EmailField()
`,
			"app/serializers.py": `
from rest_framework import serializers
from .models import Invite

class SignupSerializer(serializers.Serializer):
    email = serializers.EmailField()

    def save(self):
        return Invite.objects.create(email=self.validated_data["email"])
`,
			"app/app_settings.py": settingsPy,
			"app/views.py": `
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response
from .app_settings import api_settings

class SignupView(GenericAPIView):
    serializer_class = api_settings.SIGNUP_SERIALIZER

    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response({"detail": "ok"})
`,
		}
	}
	signup := `rule Signup {
    when: Signup(email)
    ensures: Invite.created(email: email)
}`
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{
			name:  "a subclass of APISettings answers an imported name with its default's class",
			files: files(settings("APISettings", `"SIGNUP_SERIALIZER",`)),
			want:  signup,
		},
		{
			name:  "DRF's own APISettings alike",
			files: files(strings.Replace(settings("_APISettings", `"SIGNUP_SERIALIZER",`), "class APISettings(_APISettings):\n    pass\n", "", 1)),
			want:  signup,
		},
		{
			name:  "a name the object does not import is a string, no class",
			files: files(settings("APISettings", `"OTHER",`)),
		},
		{
			name:  "an object of another class answers nothing",
			files: files(settings("dict", `"SIGNUP_SERIALIZER",`)),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			if got := construct(out.Module, "Signup"); got != tt.want {
				t.Errorf("Signup:\ngot:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
