package distill

import (
	"strings"
	"testing"
)

// TestCondCalls: a conditional expression whose branches call helpers of
// the service (pretalx's UserForm.clean, `return self._clean_login(data)
// if is_login else self._clean_register(data)`, person/interfaces/forms/
// auth.py:377-393) walks each helper under its side of the test: what the
// register branch's validate_email_unique refuses (person/validators.py:
// 17-27, email__iexact) is required only when the login branch is not
// taken. A test the spec cannot state, or a branch that calls no helper of
// the service, keeps the old reading: neither branch's preconditions are
// required.
func TestCondCalls(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	form := func(test, clean string) map[string]string {
		return map[string]string{"app/models.py": `
from django.db import models
class User(models.Model):
    email = models.EmailField(unique=True)
    name = models.CharField(max_length=100)
`, "app/validators.py": `
from django.core.exceptions import ValidationError
def validate_email_unique(email, *, exclude_user=None):
    from app.models import User
    qs = User.objects.all()
    if exclude_user is not None:
        qs = qs.exclude(pk=exclude_user.pk)
    if qs.filter(email__iexact=email).exists():
        raise ValidationError({"email": "taken"})
`, "app/forms.py": `
from django import forms
from django.core.exceptions import ValidationError
from app.models import User
from app.validators import validate_email_unique
class UserForm(forms.Form):
    login_email = forms.EmailField(required=False)
    login_password = forms.CharField(required=False)
    register_email = forms.EmailField(required=False)
    register_name = forms.CharField(required=False)
    def _clean_login(self, data):
        return data
    def _clean_register(self, data):
        try:
            validate_email_unique(data.get("register_email"))
        except ValidationError:
            self.add_error("register_email", ValidationError("taken"))
        return data
    def clean(self):
        data = super().clean()
        is_login = ` + test + `
        return ` + clean + `
`, "app/views.py": `
from django.shortcuts import redirect
from django.views.generic import FormView
from app.forms import UserForm
from app.models import User
class LoginView(FormView):
    form_class = UserForm
    def form_valid(self, form):
        User.objects.create(email=form.cleaned_data["register_email"], name=form.cleaned_data["register_name"])
        return redirect("/")
`}
	}
	const unique = "not Users.any(u => lower(u.email) = lower(register_email))"
	const branches = `self._clean_login(data) if is_login else self._clean_register(data)`
	tests := []struct {
		name, test, clean string
		want, absent      []string
	}{
		{name: "inputs given: the other branch's guard under the test", test: `data.get("login_email") and data.get("login_password")`, clean: branches,
			want: []string{"exists login_email and exists login_password\n        or " + unique}},
		{name: "the branches the other way round", test: `data.get("login_email") and data.get("login_password")`,
			clean: `self._clean_register(data) if not is_login else self._clean_login(data)`,
			want:  []string{"exists login_email and exists login_password\n        or " + unique}},
		{name: "a test the spec cannot state: not required", test: `len(data) > object()`, clean: branches,
			absent: []string{unique}},
		{name: "a branch that is no helper call: not required", test: `data.get("login_email") and data.get("login_password")`,
			clean: `data if is_login else self._clean_register(data)`, absent: []string{unique}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, form(tt.test, tt.clean))
			got := construct(out.Module, "Login")
			if testing.Verbose() {
				t.Logf("%s\nnotes:\n%s", got, strings.Join(out.Notes, "\n"))
			}
			assertSpecText(t, got, tt.want, tt.absent)
		})
	}
}
