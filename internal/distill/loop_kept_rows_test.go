package distill

import (
	"strings"
	"testing"
)

// TestLoopKeptRows pins django-allauth's MFA reauthentication
// (mfa/base/forms.py:25-39, mfa/base/internal/flows.py:37-43,
// mfa/models.py:68-70): the form's clean_code loops over the user's
// authenticators and keeps the one whose code matches on self; its save
// records that one's use. The loop's row is no row past the loop: kept,
// it named a variable no let binds and the checker dropped the whole rule
// (E009). Now the write is noted as one to a row the walk could not read;
// a row written inside the loop is still stated there.
func TestLoopKeptRows(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name      string
		body      string // the loop's body in clean_code
		save      string // the form's save body
		want, not []string
		note      string
	}{
		{
			name: "the matching row kept on the form and written by save: noted, no unbound name",
			body: `
            if auth.secret == code:
                self.authenticator = auth
                return code`,
			save: `
        self.authenticator.last_used_at = timezone.now()
        self.authenticator.save()`,
			not:  []string{"auth.last_used_at"},
			note: "no rule",
		},
		{
			name: "a row written inside the loop: still stated for each row",
			body: `
            auth.last_used_at = timezone.now()
            auth.save()`,
			save: `
        pass`,
			want: []string{"for auth in user.authenticators", "auth.last_used_at = now"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from django.db import models


class User(models.Model):
    email = models.EmailField(unique=True)


class Authenticator(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="authenticators")
    secret = models.CharField(max_length=64)
    last_used_at = models.DateTimeField(null=True)
`,
				"app/views.py": `
from django import forms
from django.contrib.auth.decorators import login_required
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.views.generic.edit import FormView

from app.models import Authenticator


class ReauthenticateForm(forms.Form):
    code = forms.CharField()

    def __init__(self, *args, **kwargs):
        self.user = kwargs.pop("user")
        super().__init__(*args, **kwargs)

    def clean_code(self):
        code = self.cleaned_data["code"]
        for auth in Authenticator.objects.filter(user=self.user):` + tt.body + `
        raise forms.ValidationError("incorrect code")

    def save(self):` + tt.save + `


@method_decorator(login_required, name="dispatch")
class ReauthenticateView(FormView):
    form_class = ReauthenticateForm

    def get_form_kwargs(self):
        ret = super().get_form_kwargs()
        ret["user"] = self.request.user
        return ret

    def form_valid(self, form):
        form.save()
        return super().form_valid(form)
`})
			wantConstructOrNone(t, out, "Reauthenticate", tt.want, tt.not)
			if tt.note != "" && !strings.Contains(strings.Join(out.Notes, "\n"), tt.note) {
				t.Errorf("no note %q in %v", tt.note, out.Notes)
			}
			if strings.Contains(strings.Join(out.Notes, "\n"), "checker E009") {
				t.Errorf("a rule dropped by the checker: %v", out.Notes)
			}
		})
	}
}
