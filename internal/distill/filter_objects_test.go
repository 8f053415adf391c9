package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// expiryNoticeJob is a Celery task that mails the users whose password
// expires in a week, the query built from Q objects added under the
// settings that turn each kind of user's expiry on (openwisp-users'
// password_expiration_email). guard is the early return, build the
// statements that make `query`, and filter the call that runs it.
func expiryNoticeJob(guard, build, filter string) map[string]string {
	return map[string]string{
		"app/settings.py": `
from django.conf import settings
USER_PASSWORD_EXPIRATION = getattr(settings, "APP_USER_PASSWORD_EXPIRATION", 0)
STAFF_USER_PASSWORD_EXPIRATION = getattr(settings, "APP_STAFF_USER_PASSWORD_EXPIRATION", 0)
`,
		"app/models.py": `
from django.contrib.auth.models import AbstractUser
from django.db import models
class User(AbstractUser):
    is_staff = models.BooleanField(default=False)
    is_active = models.BooleanField(default=True)
    password_updated = models.DateField(null=True)
`,
		"app/tasks.py": `
from celery import shared_task
from django.core.mail import send_mail
from django.db.models import Q
from django.utils.timezone import now, timedelta
from app.models import User
from app import settings as app_settings
@shared_task
def password_expiration_email():
` + guard + `
    expiry_date = now().date() + timedelta(days=7)
` + build + `
    for user in ` + filter + `.iterator():
        send_mail("Password expiry", "password_expiration_message", None, [user.email])
`}
}

const (
	bothOff = "    if not app_settings.USER_PASSWORD_EXPIRATION and not app_settings.STAFF_USER_PASSWORD_EXPIRATION:\n        return\n"
	byKind  = `    query = Q()
    if app_settings.USER_PASSWORD_EXPIRATION:
        query |= Q(is_staff=False, password_updated=expiry_date - timedelta(days=app_settings.USER_PASSWORD_EXPIRATION))
    if app_settings.STAFF_USER_PASSWORD_EXPIRATION:
        query |= Q(is_staff=True, password_updated=expiry_date - timedelta(days=app_settings.STAFF_USER_PASSWORD_EXPIRATION))
`
)

func TestFilterObjectAlternatives(t *testing.T) {
	d := New(Options{})
	notice := func(name, when string, requires ...string) string {
		s := "rule PasswordExpirationEmail" + name + " {\n    when: user: " + when + "\n"
		for _, r := range requires {
			s += "    requires: " + r + "\n"
		}
		return s + "    ensures: Email.created(to: user.email, template: password_expiration_message)\n}"
	}
	users := notice("ForNonStaff", "User.password_updated + config.user_password_expiration - 7.days <= now",
		"config.user_password_expiration != 0.days", "not user.is_staff")
	staff := notice("ForStaff", "User.password_updated + config.staff_user_password_expiration - 7.days <= now",
		"config.staff_user_password_expiration != 0.days", "user.is_staff")
	tests := []struct {
		name, guard, build, filter string
		want                       map[string]string // rule name -> construct, "" for none
	}{
		{
			name:   "one rule per alternative, each required the setting it was added under; the early return is what they add up to",
			guard:  bothOff,
			build:  byKind,
			filter: "User.objects.filter(is_active=True).filter(query)",
			want: map[string]string{
				"PasswordExpirationEmailForNonStaff": strings.Replace(users, "    requires: not", "    requires: user.is_active\n    requires: not", 1),
				"PasswordExpirationEmailForStaff":    strings.Replace(staff, "    requires: user.is_staff", "    requires: user.is_active\n    requires: user.is_staff", 1),
			},
		},
		{
			name:   "the alternatives or'ed in place read alike",
			guard:  bothOff,
			build:  byKind,
			filter: "User.objects.filter(query | Q())",
			want:   map[string]string{"PasswordExpirationEmailForNonStaff": users, "PasswordExpirationEmailForStaff": staff},
		},
		{
			name:   "with no early return both settings may be off, and Q() then matches every user: given up",
			build:  byKind,
			filter: "User.objects.filter(query)",
			want:   map[string]string{"PasswordExpirationEmailForNonStaff": "", "PasswordExpirationEmailForStaff": "", "PasswordExpirationEmail": ""},
		},
		{
			name:   "alternatives a user may meet both of would mail that user twice: given up",
			guard:  bothOff,
			build:  strings.ReplaceAll(byKind, "is_staff=True", "is_staff=False"),
			filter: "User.objects.filter(query)",
			want:   map[string]string{"PasswordExpirationEmailForNonStaff": "", "PasswordExpirationEmail": ""},
		},
		{
			name:   "an alternative that is never due (no time condition) gives up all of them, not only itself",
			guard:  bothOff,
			build:  strings.Replace(byKind, "Q(is_staff=True, password_updated=expiry_date - timedelta(days=app_settings.STAFF_USER_PASSWORD_EXPIRATION))", "Q(is_staff=True)", 1),
			filter: "User.objects.filter(query)",
			want:   map[string]string{"PasswordExpirationEmailForNonStaff": "", "PasswordExpirationEmailForStaff": "", "PasswordExpirationEmail": ""},
		},
		{
			name:   "excluding the alternatives keeps the users of neither, which they do not state: given up",
			guard:  bothOff,
			build:  byKind,
			filter: "User.objects.exclude(query)",
			want:   map[string]string{"PasswordExpirationEmailForNonStaff": "", "PasswordExpirationEmail": ""},
		},
		{
			name:   "the job's own early return guards the rows it visits after it",
			guard:  "    if not app_settings.USER_PASSWORD_EXPIRATION:\n        return\n",
			filter: "User.objects.filter(is_staff=False, password_updated=expiry_date - timedelta(days=app_settings.USER_PASSWORD_EXPIRATION))",
			want: map[string]string{"PasswordExpirationEmail": notice("", "User.password_updated + config.user_password_expiration - 7.days <= now",
				"config.user_password_expiration != 0.days", "not user.is_staff")},
		},
		{
			name:   "one Q object added always is its keywords",
			build:  "    query = Q() | Q(is_staff=False, password_updated=expiry_date - timedelta(days=app_settings.USER_PASSWORD_EXPIRATION))\n",
			filter: "User.objects.filter(query)",
			want: map[string]string{"PasswordExpirationEmail": notice("", "User.password_updated + config.user_password_expiration - 7.days <= now",
				"not user.is_staff")},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, expiryNoticeJob(tt.guard, tt.build, tt.filter))
			for name, want := range tt.want {
				if got := construct(out.Module, name); got != want {
					t.Errorf("rule %s: got:\n%s\nwant:\n%s\nnotes: %v", name, got, want, out.Notes)
				}
			}
		})
	}
}

// TestTemporalCondMovesLifetimes: a lifetime added to or taken from now
// moves to the field's side of the trigger, and a date equal to today (or
// now, a date's calendar day) is due when it comes.
func TestTemporalCondMovesLifetimes(t *testing.T) {
	field := func() allium.Expr { return &allium.Member{X: &allium.Ident{Name: "User"}, Name: "password_updated"} }
	now := func() allium.Expr { return &allium.Ident{Name: "now"} }
	today := func() allium.Expr {
		return &allium.Call{Fun: &allium.Ident{Name: "date"}, Args: []allium.Arg{{Value: now()}}}
	}
	days := func(n string) allium.Expr { return &allium.Duration{Value: n, Unit: "days"} }
	setting := &allium.Member{X: &allium.Ident{Name: "config"}, Name: "expiry"}
	plus := func(x, y allium.Expr) allium.Expr { return &allium.Binary{Op: allium.OpAdd, X: x, Y: y} }
	minus := func(x, y allium.Expr) allium.Expr { return &allium.Binary{Op: allium.OpSub, X: x, Y: y} }
	tests := []struct {
		name string
		op   string
		val  allium.Expr
		want string // "" for nil
	}{
		{"equal to now plus a week less a setting", allium.OpEq, minus(plus(now(), days("7")), setting), "User.password_updated + config.expiry - 7.days <= now"},
		{"equal to today plus a week", allium.OpEq, plus(today(), days("7")), "User.password_updated - 7.days <= now"},
		{"before now less a setting", allium.OpLt, minus(now(), setting), "User.password_updated + config.expiry <= now"},
		{"before today less a week: a day after", allium.OpLt, minus(today(), days("7")), "User.password_updated + 7.days + 1.day <= now"},
		{"at or before today", allium.OpLe, today(), "User.password_updated <= now"},
		{"after now is not yet due", allium.OpGt, minus(now(), setting), ""},
		{"equal to a time not reckoned from now", allium.OpEq, minus(setting, days("7")), ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := ""
			if x := temporalCond(field(), tt.op, tt.val); x != nil {
				got = allium.ExprString(x)
			}
			if got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
