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
