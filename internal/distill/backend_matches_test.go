package distill

import (
	"slices"
	"testing"
)

// TestBackendOnlyMatch: a login form validated through the service's own
// first backend, whose code filters the users and signs in only the one
// user of those matches, states that: the matches bound, required to be
// one, and the sign-in stated for each of them. A backend of another
// shape keeps the black box authenticate(username, password).
func TestBackendOnlyMatch(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := func(backend, check string) map[string]string {
		return map[string]string{
			"shop/settings.py": "AUTHENTICATION_BACKENDS = ['shop.backends.EmailBackend', 'django.contrib.auth.backends.ModelBackend']\n",
			"shop/models.py": `
from django.contrib.auth.models import AbstractUser
class Customer(AbstractUser):
    pass
`,
			"shop/forms.py": `
from django.contrib.auth.forms import AuthenticationForm
class LoginForm(AuthenticationForm):
    pass
`,
			"shop/backends.py": `
from django.contrib.auth.backends import ModelBackend
from shop.models import Customer
` + backend,
			"shop/views.py": `
from django.contrib.auth import login as auth_login
from django.shortcuts import redirect
from django.core.exceptions import PermissionDenied
from django.views.generic import FormView
from shop.forms import LoginForm
class SignInView(FormView):
    form_class = LoginForm
    def form_valid(self, form):
        ` + check + `
        auth_login(self.request, form.get_user())
        return redirect("/")
`,
		}
	}
	const oneOf = `
class EmailBackend(ModelBackend):
    def _authenticate(self, request, email=None, password=None, *args, **kwargs):
        if email is None:
            if "username" not in kwargs:
                return None
            email = kwargs["username"]
        candidates = Customer.objects.filter(email__iexact=email)
        found = [c for c in candidates if c.check_password(password) and self.user_can_authenticate(c)]
        if len(found) == 1:
            return found[0]
        return None

    def authenticate(self, *args, **kwargs):
        return self._authenticate(*args, **kwargs)
`
	exact := `
class EmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None):
        found = [c for c in Customer.objects.filter(email=username) if c.check_password(password)]
        if len(found) == 1:
            return found[0]
`
	firstOf := `
class EmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None):
        for c in Customer.objects.filter(email__iexact=username):
            if c.check_password(password):
                return c
`
	opaque := `
class EmailBackend(ModelBackend):
    def authenticate(self, request, username=None, password=None):
        found = [c for c in Customer.objects.filter(email__iexact=username) if c.check_password(password) and lockdown_off()]
        if len(found) == 1:
            return found[0]
`
	// onlyMatchRule is the rule given the let of the matches as printed.
	onlyMatchRule := func(let string) string {
		return "rule SignIn {\n    when: SignIn(username, password)\n    " + let + "\n" +
			"    requires: matches.count = 1\n    ensures:\n        for user in matches:\n            Session.created(user: user)\n            user.last_login = now\n}"
	}
	blackBox := "rule SignIn {\n    when: SignIn(username, password)\n    let user = authenticate(username, password)\n    requires: exists user\n    requires: user.is_active\n" +
		"    ensures:\n        Session.created(user: user)\n        user.last_login = now\n}"
	tests := []struct {
		name, backend, check, want, note string
	}{
		{
			name:    "forwarded through *args, **kwargs; case-insensitive filter; password and may-sign-in checks; exactly one",
			backend: oneOf,
			want: onlyMatchRule("let matches = filter(\n        Customers,\n" +
				"        u => lower(u.email) = lower(username) and verify(password, u.password) and u.is_active\n    )"),
			note: "shop/backends.py:8: a guard of the service's backend left out of rule SignIn",
		},
		{
			name:    "a precondition on the one match cannot name it outside the outcomes: left out, and noted",
			backend: oneOf,
			check:   "if not form.get_user().is_staff:\n            raise PermissionDenied()",
			want: onlyMatchRule("let matches = filter(\n        Customers,\n" +
				"        u => lower(u.email) = lower(username) and verify(password, u.password) and u.is_active\n    )"),
			note: "shop/views.py:10: a guard on the one match left out of rule SignIn",
		},
		{
			name:    "an exact filter compares the field as given",
			backend: exact,
			want:    onlyMatchRule("let matches = filter(Customers, u => u.email = username and verify(password, u.password))"),
		},
		{
			name:    "the first of the matches, in a loop: no plain form, the black box stays",
			backend: firstOf,
			want:    blackBox,
			note:    "shop/backends.py:6: the lookup of the service's backend EmailBackend.authenticate left out of rule SignIn",
		},
		{
			name:    "a condition that is not about the candidate filters none: the black box stays",
			backend: opaque,
			want:    blackBox,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			check := tt.check
			if check == "" {
				check = "pass"
			}
			out := distilText(t, d, files(tt.backend, check))
			if got := construct(out.Module, "SignIn"); got != tt.want {
				t.Errorf("SignIn:\ngot:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
			if tt.note != "" && !slices.Contains(out.Notes, tt.note) {
				t.Errorf("no note %q in %v", tt.note, out.Notes)
			}
		})
	}
}
