package distill

import (
	"strings"
	"testing"
)

// TestPasswordValidatedInput: the configured password validators run on
// the input the framework validates: the repeated one for Django's
// SetPasswordForm and for dj-rest-auth's view (which validates through
// that form), the new password itself for allauth's view, whose form
// field validates password1.
func TestPasswordValidatedInput(t *testing.T) {
	settings := `
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 10}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
]
`
	model := `
from django.contrib.auth.models import AbstractUser
class Account(AbstractUser):
    pass
`
	cases := []struct {
		name, view, rule string
		want, absent     []string
	}{
		{
			name: "Django's SetPasswordForm validates new_password2",
			view: `
from django.contrib.auth.forms import SetPasswordForm
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
@login_required
def set_password(request):
    form = SetPasswordForm(request.user, request.POST)
    if form.is_valid():
        form.save()
    return redirect("/")
`,
			rule:   "SetPassword",
			want:   []string{"requires: new_password1 = new_password2", "requires: length(new_password2) >= config.min_password_length", "requires: valid_password(new_password2)"},
			absent: []string{"length(new_password1)", "valid_password(new_password1)"},
		},
		{
			name: "dj-rest-auth's view validates through SetPasswordForm: new_password2",
			view: `
from dj_rest_auth.views import PasswordChangeView
class AccountPasswordView(PasswordChangeView):
    pass
`,
			rule:   "AccountPassword",
			want:   []string{"requires: new_password1 = new_password2", "requires: valid_password(new_password2)"},
			absent: []string{"valid_password(new_password1)"},
		},
		{
			name: "allauth's view validates password1 itself",
			view: `
from allauth.account.views import PasswordChangeView
class AccountPasswordView(PasswordChangeView):
    pass
`,
			rule:   "AccountPassword",
			want:   []string{"requires: password1 = password2", "requires: valid_password(password1)"},
			absent: []string{"valid_password(password2)"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"proj/settings.py": settings, "accounts/models.py": model, "accounts/views.py": tc.view}
			out := distilText(t, New(Options{}), files)
			got := construct(out.Module, tc.rule)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("%s lacks %q:\n%s\nnotes: %v", tc.rule, w, got, out.Notes)
				}
			}
			for _, a := range tc.absent {
				if strings.Contains(got, a) {
					t.Errorf("%s states %q:\n%s", tc.rule, a, got)
				}
			}
		})
	}
}

// TestPasswordValidationCall: a model form's _post_clean (run by Django's
// full_clean after clean) calling validate_password(password, instance),
// as django-oscar's EmailUserCreationForm does, requires what the
// configured validators require of that input; with no validators
// configured it requires nothing.
func TestPasswordValidationCall(t *testing.T) {
	form := `
from django import forms
from django.contrib.auth.models import User
from django.contrib.auth.password_validation import validate_password

class SignupForm(forms.ModelForm):
    password1 = forms.CharField()
    password2 = forms.CharField()

    class Meta:
        model = User
        fields = ("email",)

    def _post_clean(self):
        super()._post_clean()
        password = self.cleaned_data.get("password2")
        if password:
            try:
                validate_password(password, self.instance)
            except forms.ValidationError as error:
                self.add_error("password2", error)

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_password(self.cleaned_data["password1"])
        if commit:
            user.save()
        return user
`
	view := `
from django.shortcuts import redirect
from django.views import generic
from accounts.forms import SignupForm

class SignupView(generic.FormView):
    form_class = SignupForm

    def form_valid(self, form):
        form.save()
        return redirect("/")
`
	cases := []struct {
		name, settings string
		want, absent   []string
	}{
		{
			name: "the configured validators checked in _post_clean are required of password2",
			settings: `
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 9}},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
`,
			want:   []string{"requires: length(password2) >= config.min_password_length", "requires: valid_password(password2)", "User.created(email: email, password: hash(password1))"},
			absent: []string{"valid_password(password1)"},
		},
		{
			name:     "no validators configured: nothing required",
			settings: "DEBUG = False\n",
			want:     []string{"User.created(email: email, password: hash(password1))"},
			absent:   []string{"valid_password", "min_password_length"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{"proj/settings.py": tc.settings, "accounts/__init__.py": "", "accounts/forms.py": form, "accounts/views.py": view}
			out := distilText(t, New(Options{}), files)
			got := construct(out.Module, "Signup")
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("Signup lacks %q:\n%s\nnotes: %v", w, got, out.Notes)
				}
			}
			for _, a := range tc.absent {
				if strings.Contains(got, a) {
					t.Errorf("Signup states %q:\n%s", a, got)
				}
			}
		})
	}
}
