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
			ruleStatesOnly(t, distilText(t, New(Options{}), files), tc.rule, tc.want, tc.absent)
		})
	}
}

// TestPasswordValidationCall: a model form's _post_clean (run by Django's
// full_clean after clean) calling validate_password(password, instance),
// as django-oscar's EmailUserCreationForm does, requires what the
// configured validators require of that input; with no validators
// configured it requires nothing.
func TestPasswordValidationCall(t *testing.T) {
	// The model form of the generic views' tests (as django-oscar's
	// customer/forms.py writes it), with the validation in _post_clean.
	form := strings.Replace(genericViewForms, `    def clean_email(self):
        email = self.cleaned_data["email"]`, `    def _post_clean(self):
        super()._post_clean()
        chosen = self.cleaned_data.get("password2")
        if not chosen:
            return
        try:
            validate_password(chosen, self.instance)
        except ValidationError as exc:
            self.add_error("password2", exc)

    def clean_email(self):
        email = self.cleaned_data["email"]`, 1)
	form = "from django.contrib.auth.password_validation import validate_password\n" + form
	view := `
from django.shortcuts import redirect
from django.views import generic
from app.forms import SignupForm
` + savingView("Signup", "SignupForm", false)
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
			files := map[string]string{"proj/settings.py": tc.settings, "app/__init__.py": "", "app/compat.py": genericViewCompat, "app/forms.py": form, "app/views.py": view}
			ruleStatesOnly(t, distilText(t, New(Options{}), files), "Signup", tc.want, tc.absent)
		})
	}
}

// ruleStatesOnly checks that the rule named states every clause of want
// and none of absent.
func ruleStatesOnly(t *testing.T, out *Output, rule string, want, absent []string) {
	t.Helper()
	got := construct(out.Module, rule)
	for _, w := range want {
		if !strings.Contains(got, w) {
			t.Errorf("%s lacks %q:\n%s\nnotes: %v", rule, w, got, out.Notes)
		}
	}
	for _, a := range absent {
		if strings.Contains(got, a) {
			t.Errorf("%s states %q:\n%s", rule, a, got)
		}
	}
}
