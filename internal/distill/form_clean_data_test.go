package distill

import "testing"

// TestFormCleanData pins pretalx's password reset (common/views/generic.py
// GenericResetView.form_valid reads form.cleaned_data["user"], which
// ResetForm.clean put there, person/interfaces/forms/auth.py:419-427:
// `data = super().clean()`, a lookup by login_email, `data["user"] =
// user`): after validation the cleaned data holds what clean() set, so
// the rule finds the user by the e-mail given and writes its token. A
// precondition of one branch of a conditional expression holds only on
// that branch; a field declared required=False is bounded only when given.
func TestFormCleanData(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name      string
		clean     string // ResetForm.clean's body
		field     string // the login_email declaration
		want, not []string
	}{
		{
			name: "data = super().clean(); data[\"user\"] = user: the view's user is the lookup",
			clean: `        data = super().clean()
        user = User.objects.filter(email__iexact=data.get("login_email")).first()
        data["user"] = user
        return data`,
			field: "forms.EmailField(max_length=60)",
			want:  []string{"when: Reset(login_email)", "requires: exists user", "user.reset_token = random_key()"},
		},
		{
			name: "self.cleaned_data[\"user\"] = user: the same",
			clean: `        user = User.objects.filter(email__iexact=self.cleaned_data.get("login_email")).first()
        self.cleaned_data["user"] = user
        return self.cleaned_data`,
			field: "forms.EmailField(max_length=60)",
			want:  []string{"when: Reset(login_email)", "requires: exists user", "user.reset_token = random_key()"},
		},
		{
			name: "required=False: the bound holds only when the field is given",
			clean: `        data = super().clean()
        user = User.objects.filter(email__iexact=data.get("login_email")).first()
        data["user"] = user
        return data`,
			field: "forms.EmailField(max_length=60, required=False)",
			want:  []string{"not exists login_email or length(login_email) <= config.max_login_email_length"},
		},
		{
			name: "a required field: the bound is unconditional",
			clean: `        data = super().clean()
        user = User.objects.filter(email__iexact=data.get("login_email")).first()
        data["user"] = user
        return data`,
			field: "forms.EmailField(max_length=60)",
			want:  []string{"requires: length(login_email) <= config.max_login_email_length"},
		},
		{
			name: "a helper's precondition in one branch of a conditional is not required",
			clean: `        data = super().clean()
        user = User.objects.filter(email__iexact=data.get("login_email")).first()
        data["user"] = user
        return self._check(data) if data.get("quick") else data`,
			field: "forms.EmailField(max_length=60)",
			want:  []string{"user.reset_token = random_key()"},
			not:   []string{"Users.any"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from django.db import models


class User(models.Model):
    email = models.EmailField(unique=True)
    reset_token = models.CharField(max_length=32, null=True)
`,
				"app/views.py": `
from django import forms
from django.core.exceptions import ValidationError
from django.shortcuts import redirect
from django.utils.crypto import get_random_string
from django.views.generic import FormView

from app.models import User


class ResetForm(forms.Form):
    login_email = ` + tt.field + `

    def _check(self, data):
        if User.objects.filter(email__iexact=data.get("login_email")).exists():
            raise ValidationError("taken")
        return data

    def clean(self):
` + tt.clean + `


class ResetView(FormView):
    form_class = ResetForm

    def form_valid(self, form):
        user = form.cleaned_data["user"]
        if not user:
            return redirect("/")
        user.reset_token = get_random_string(32)
        user.save()
        return redirect("/")
`})
			wantConstruct(t, out, "Reset", tt.want, tt.not)
		})
	}
}

// TestEndingFlagBranch pins pretalx's DeleteAccountView.post
// (cfp/views/user.py:583: `if request.POST.get("really"):` deactivates the
// user and returns; otherwise it asks again): a branch that ends the
// request and reads none of the inputs it tests is taken on a flag's
// value, so its rule requires the flag; a branch that reads the input, or
// one that turns the request away, is input validation, as before.
func TestEndingFlagBranch(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name      string
		body      string // the if's block
		want, not []string
	}{
		{
			name: "a flag: the rule requires it",
			body: `        user.is_active = False
        user.save()
        return redirect("/")`,
			want: []string{"when: Delete(really, user)", "requires: really", "user.is_active = false"},
		},
		{
			name: "the block reads the input: input validation, no requires",
			body: `        user.name = request.POST.get("really")
        user.save()
        return redirect("/")`,
			want: []string{"user.name = really"},
			not:  []string{"requires: really"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from django.db import models


class User(models.Model):
    name = models.CharField(max_length=50)
    is_active = models.BooleanField(default=True)
`,
				"app/views.py": `
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect


@login_required
def delete(request):
    user = request.user
    if request.POST.get("really"):
` + tt.body + `
    return redirect("/again")
`})
			wantConstruct(t, out, "Delete", tt.want, tt.not)
		})
	}
}
