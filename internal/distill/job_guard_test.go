package distill

import (
	"strings"
	"testing"
)

// reminderJob is a Celery task calling a model's classmethod that leaves
// early on a test of a setting counted in days (openwisp-users'
// User.expiration_reminder_email), then mails the users a query finds.
func reminderJob(guard string) map[string]string {
	return map[string]string{
		"app/settings.py": `
from django.conf import settings
REMINDER_DAYS = getattr(settings, "APP_REMINDER_DAYS", 7)
`,
		"app/models.py": `
from django.contrib.auth.models import AbstractUser
from django.core.mail import send_mail
from django.db import models
from django.utils.timezone import localdate, timedelta
from app import settings as app_settings
class User(AbstractUser):
    expiration_date = models.DateField(null=True)

    @classmethod
    def remind(cls):
        days = app_settings.REMINDER_DAYS
` + guard + `
        for user in cls.objects.filter(is_active=True, expiration_date=localdate() + timedelta(days=days)).iterator():
            send_mail("Your account expires", "account_expiring", None, [user.email])
`,
		"app/tasks.py": `
from celery import shared_task
from app.models import User
@shared_task
def remind_expiring_users():
    return User.remind()
`}
}

// reminderRule is the rule reminderJob gives, with requires (whole lines)
// before the user's own.
func reminderRule(requires string) string {
	return "rule RemindExpiringUsers {\n    when: user: User.expiration_date - config.reminder <= now\n" + requires +
		"    requires: user.is_active\n    ensures: Email.created(to: user.email, template: account_expiring)\n}"
}

func TestJobEarlyReturnGuardsItsRows(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, guard, want string
	}{
		{
			name:  "a helper that returns a count early when the days setting is off mails only while it is on, compared in the setting's unit",
			guard: "        if days <= 0:\n            return 0",
			want:  reminderRule("    requires: config.reminder > 0.days\n"),
		},
		{
			name:  "a bound other than zero takes the setting's unit too",
			guard: "        if days < 2:\n            return 0",
			want:  reminderRule("    requires: config.reminder >= 2.days\n"),
		},
		{
			name:  "with no early return the rows need nothing more",
			guard: "",
			want:  reminderRule(""),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, reminderJob(tt.guard))
			if got := construct(out.Module, "RemindExpiringUsers"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}

// TestJobUnusablePasswordExcluded: openwisp-users' password_expiration_email
// leaves out the users with no password,
// exclude(password__startswith=UNUSABLE_PASSWORD_PREFIX); what the prefix
// marks is a password that is not there.
func TestJobUnusablePasswordExcluded(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, exclude, want string
	}{
		{
			name:    "excluding the unusable-password prefix keeps the users who have a password",
			exclude: "password__startswith=UNUSABLE_PASSWORD_PREFIX",
			want:    reminderRule("    requires: user.password != null\n"),
		},
		{
			name:    "the prefix named through its module reads the same",
			exclude: "password__startswith=hashers.UNUSABLE_PASSWORD_PREFIX",
			want:    reminderRule("    requires: user.password != null\n"),
		},
		{
			name:    "any other prefix is a test the spec cannot state: the query is given up",
			exclude: `password__startswith="pbkdf2"`,
			want:    "",
		},
		{
			name:    "isnull reads as before",
			exclude: "expiration_date__isnull=True",
			want:    reminderRule("    requires: user.expiration_date != null\n"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			src := reminderJob("")
			src["app/models.py"] = strings.Replace(src["app/models.py"], "cls.objects.filter(", "cls.objects.exclude("+tt.exclude+").filter(", 1)
			src["app/models.py"] = strings.Replace(src["app/models.py"], "from django.db import models\n",
				"from django.db import models\nfrom django.contrib.auth import hashers\nfrom django.contrib.auth.hashers import UNUSABLE_PASSWORD_PREFIX\n", 1)
			out := distilText(t, d, src)
			if got := construct(out.Module, "RemindExpiringUsers"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
