package distill

import (
	"strings"
	"testing"
)

// TestModeReturns: a bare return in an inlined helper that gives nothing
// back, under a comparison the spec states (saleor's maybe_merge_account,
// graphql/account/mutations/account/confirm_account.py:87-91), makes what
// the helper does after it conditional; the caller's own outcomes stay
// unconditional; so does a truth test of a stored row's field (`if not
// user.is_confirmed: return`). A truth test of a value (`if not user:
// return`) and a
// helper whose returns give values keep the old reading; a comparison the
// spec cannot state leaves what follows out.
func TestModeReturns(t *testing.T) {
	models := `
from django.db import models
class Settings(models.Model):
    merge_mode = models.CharField(max_length=10)
class User(models.Model):
    email = models.EmailField(unique=True)
    is_confirmed = models.BooleanField(default=False)
class Order(models.Model):
    user_email = models.EmailField()
    user = models.ForeignKey(User, null=True, on_delete=models.SET_NULL)
`
	cases := []struct {
		name    string
		helper  string
		want    []string
		notWant []string
	}{
		{
			name: "a comparison switches the rest off",
			helper: `
def maybe_merge(user, settings):
    if settings.merge_mode == "disabled":
        return
    Order.objects.filter(user_email=user.email, user=None).update(user=user)
`,
			want: []string{
				"if Settings{id: 1}.merge_mode != \"disabled\":\n            for order in Orders where user_email = user.email and user = null:",
				"\n        user.is_confirmed = true",
			},
		},
		{
			name: "a truth test keeps the old reading",
			helper: `
def maybe_merge(user, settings):
    if not settings:
        return
    Order.objects.filter(user_email=user.email, user=None).update(user=user)
`,
			want:    []string{"\n        for order in Orders where user_email = user.email and user = null:"},
			notWant: []string{"if "},
		},
		{
			// django-allauth's PasswordResetVerificationProcess.send
			// mails the unknown-account notice and returns when no user
			// has the address, and sends the code only after
			// (account/internal/flows/password_reset_by_code.py:70-79).
			name: "a truth test whose branch does something first is another path",
			helper: `
def maybe_merge(user, settings):
    if not settings:
        send_mail("No settings", "Nothing merged.", "noreply@example.com", [user.email])
        return
    Order.objects.filter(user_email=user.email, user=None).update(user=user)
`,
			want: []string{
				"if not exists Settings{id: 1}:\n            Email.created(",
				"else:\n            for order in Orders where user_email = user.email and user = null:",
			},
			notWant: []string{"\n        for order in Orders where user_email = user.email and user = null:"},
		},
		{
			name: "a truth test of a stored row's field switches the rest off",
			helper: `
def maybe_merge(user, settings):
    if not user.is_confirmed:
        return
    Order.objects.filter(user_email=user.email, user=None).update(user=user)
`,
			want: []string{"if user.is_confirmed:\n            for order in Orders where user_email = user.email and user = null:"},
		},
		{
			name: "a helper that gives a value back keeps the old reading",
			helper: `
def maybe_merge(user, settings):
    if settings.merge_mode == "disabled":
        return
    Order.objects.filter(user_email=user.email, user=None).update(user=user)
    return user
`,
			want:    []string{"\n        for order in Orders where user_email = user.email and user = null:"},
			notWant: []string{"if "},
		},
		{
			name: "a comparison the spec cannot state leaves the rest out",
			helper: `
def maybe_merge(user, settings):
    if settings.merge_mode == {"a": 1}.items():
        return
    Order.objects.filter(user_email=user.email, user=None).update(user=user)
`,
			want:    []string{"ensures: user.is_confirmed = true"},
			notWant: []string{"for order in Orders"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{
				"app/models.py": models,
				"app/views.py": `
from django.shortcuts import redirect
from django.core.mail import send_mail
from .models import User, Order, Settings
` + tc.helper + `
def confirm(request):
    user = User.objects.get(email=request.POST["email"])
    maybe_merge(user, Settings.objects.get(pk=1))
    user.is_confirmed = True
    user.save()
    return redirect("home")
`}
			out := distilText(t, New(Options{}), files)
			text := construct(out.Module, "Confirm")
			if testing.Verbose() {
				t.Logf("%s\nnotes:\n%s", text, strings.Join(out.Notes, "\n"))
			}
			assertSpecText(t, text, tc.want, tc.notWant)
		})
	}
}
