package distill

import (
	"strings"
	"testing"
)

// TestAppSettings: a reusable Django app's settings object (a class of
// properties each returning a settings lookup by key with a default),
// reached through its module's __getattr__ or as the module's instance,
// reads as config parameters with their defaults; a bare return under a
// condition on them in a helper that gives nothing back makes the rest of
// the helper conditional (django-allauth's send_notification_mail,
// account/adapter.py:889-890); and a refusal after a message already
// went out is no precondition (headless/account/views.py:338-340).
func TestAppSettings(t *testing.T) {
	models := `
from django.db import models
class User(models.Model):
    email = models.EmailField(unique=True)
    password = models.CharField(max_length=128)
`
	settingsModule := `
from django.conf import settings

class AppSettings:
    def __init__(self, prefix):
        self.prefix = prefix

    def _setting(self, name, dflt):
        return getattr(settings, self.prefix + name, dflt)

    @property
    def EMAIL_NOTIFICATIONS(self):
        return self._setting("EMAIL_NOTIFICATIONS", False)

    @property
    def CODES_ENABLED(self):
        return self._setting("CODES_ENABLED", True)
`
	cases := []struct {
		name    string
		module  string // the end of app_settings.py: how the instance is reached
		imports string
		read    string // how views.py names the setting
		tail    string // what post does after the mail
		call    string // how post calls notify (once by default)
		want    []string
		notWant []string
	}{
		{
			name:    "through the module's __getattr__",
			module:  "_app_settings = AppSettings(\"APP_\")\n\ndef __getattr__(name):\n    return getattr(_app_settings, name)\n",
			imports: "from app import app_settings",
			read:    "app_settings.EMAIL_NOTIFICATIONS",
			want: []string{
				"if config.email_notifications:\n            Email.created(",
				"user.password = hash(password)",
			},
		},
		{
			name:    "as the module's instance",
			module:  "app_settings = AppSettings(\"APP_\")\n",
			imports: "from app.app_settings import app_settings",
			read:    "app_settings.EMAIL_NOTIFICATIONS",
			want:    []string{"if config.email_notifications:\n            Email.created("},
		},
		{
			name:    "a module without __getattr__ hands out nothing",
			module:  "_app_settings = AppSettings(\"APP_\")\n",
			imports: "from app import app_settings",
			read:    "app_settings.EMAIL_NOTIFICATIONS",
			want:    []string{"Email.created("},
			notWant: []string{"config.email_notifications"},
		},
		{
			name:    "under a branch the spec cannot state",
			module:  "_app_settings = AppSettings(\"APP_\")\n\ndef __getattr__(name):\n    return getattr(_app_settings, name)\n",
			imports: "from app import app_settings",
			read:    "app_settings.EMAIL_NOTIFICATIONS",
			call:    "    if not request.POST.get(\"current\"):\n        notify(user)\n    else:\n        notify(user)\n",
			want:    []string{"if config.email_notifications:\n            Email.created("},
		},
		{
			name:    "a refusal after the mail went out is no precondition",
			module:  "_app_settings = AppSettings(\"APP_\")\n\ndef __getattr__(name):\n    return getattr(_app_settings, name)\n",
			imports: "from app import app_settings",
			read:    "app_settings.EMAIL_NOTIFICATIONS",
			tail:    "    if app_settings.CODES_ENABLED:\n        return JsonResponse({}, status=401)\n",
			want:    []string{"if config.email_notifications:\n            Email.created("},
			notWant: []string{"requires: not config.codes_enabled"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			call := tc.call
			if call == "" {
				call = "    notify(user)\n"
			}
			files := map[string]string{
				"app/__init__.py":     "",
				"app/models.py":       models,
				"app/app_settings.py": settingsModule + "\n" + tc.module,
				"app/views.py": `
from django.core.mail import send_mail
from django.http import JsonResponse
from django.contrib.auth.hashers import make_password
from .models import User
` + tc.imports + `

def notify(user):
    if not ` + tc.read + `:
        return
    send_mail("Password changed", "Your password was changed.", "noreply@example.com", [user.email])

def change_password(request):
    user = User.objects.get(email=request.POST["email"])
    user.password = make_password(request.POST["password"])
    user.save()
` + call + tc.tail + `    return JsonResponse({})
`}
			out := distilText(t, New(Options{}), files)
			text := construct(out.Module, "ChangePassword")
			if testing.Verbose() {
				t.Logf("%s\nnotes:\n%s", text, strings.Join(out.Notes, "\n"))
			}
			assertSpecText(t, text, tc.want, tc.notWant)
		})
	}
}
