package distill

import "testing"

// TestUnrequiredFormFields pins pretalx's combined login and registration
// form (common/views/generic.py GenericLoginView.form_valid: `if
// form.cleaned_data.get("register_email"): finalize_registration(user)`):
// a test of a form field declared required=False is whether the request
// gave it, so what the block does happens only then; a test of a field
// the form requires stays input validation.
func TestUnrequiredFormFields(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name      string
		decl      string // the form's register_email field
		test      string // the if's condition
		want, not []string
	}{
		{
			name: "required=False, read with get: the mail needs the field given",
			decl: "forms.EmailField(required=False)", test: `form.cleaned_data.get("register_email")`,
			want: []string{"when: Login(login_email, register_email)", "if exists register_email:\n            Email.created(to: user.email, template: text)"},
		},
		{
			name: "required=False, read by subscript: the same",
			decl: "forms.EmailField(required=False)", test: `form.cleaned_data["register_email"]`,
			want: []string{"if exists register_email:\n            Email.created(to: user.email, template: text)"},
		},
		{
			name: "a required field: its test is input validation, the mail is stated without it",
			decl: "forms.EmailField()", test: `form.cleaned_data.get("register_email")`,
			want: []string{"        Email.created(to: user.email, template: text)"},
			not:  []string{"if exists register_email"},
		},
		{
			name: "required=True: the same",
			decl: "forms.EmailField(required=True)", test: `form.cleaned_data.get("register_email")`,
			want: []string{"        Email.created(to: user.email, template: text)"},
			not:  []string{"if exists register_email"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from django.db import models


class User(models.Model):
    email = models.EmailField(unique=True)
`,
				"app/views.py": `
from django import forms
from django.contrib.auth import login
from django.core.mail import send_mail
from django.views.generic import FormView

from app.models import User


class UserForm(forms.Form):
    login_email = forms.EmailField(required=False)
    register_email = ` + tt.decl + `


def finalize(user):
    send_mail("Verify", "text", None, [user.email])


class LoginView(FormView):
    form_class = UserForm

    def form_valid(self, form):
        user = User.objects.filter(email=form.cleaned_data["login_email"]).first()
        login(self.request, user)
        if ` + tt.test + `:
            finalize(user)
        return None
`})
			wantConstruct(t, out, "Login", tt.want, tt.not)
		})
	}
}
