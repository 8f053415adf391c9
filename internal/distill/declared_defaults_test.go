package distill

import (
	"slices"
	"strings"
	"testing"
)

// TestConditionalFieldKeepsDefault pins a field of a new row set only when
// an input was given (`if tz: profile.tz = tz`, healthchecks' _make_user,
// hc/accounts/views.py:100-102): without the input the row keeps what it
// would have had, so tz: tz holds only for a column with nothing else to
// hold; a default the spec does not state (CharField(default="UTC")) makes
// the field one set under a condition, left out with a note. And a Django
// form field the request may leave out (forms.CharField(required=False),
// hc/accounts/forms.py:31) is an input whose truth test asks whether it
// was given, wherever the cleaned value is handed; a required field is
// given, and its test passes.
func TestConditionalFieldKeepsDefault(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name      string
		column    string // Profile.tz
		formField string // SignupForm.tz
		want, not []string
		note      bool // the conditional field's note
	}{
		{
			name:      "a default the spec does not state, an optional form field",
			column:    `models.CharField(max_length=36, default="UTC")`,
			formField: `forms.CharField(required=False)`,
			want:      []string{"Profile.created(user: user)"},
			not:       []string{"tz: tz"},
			note:      true,
		},
		{
			name:      "a nullable column with no default: the field is the input",
			column:    `models.CharField(max_length=36, null=True)`,
			formField: `forms.CharField(required=False)`,
			want:      []string{"tz: tz"},
		},
		{
			name:      "a required form field: given, so the field is set",
			column:    `models.CharField(max_length=36, default="UTC")`,
			formField: `forms.CharField()`,
			want:      []string{"tz: tz"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from django.contrib.auth.models import User
from django.db import models


class Profile(models.Model):
    user = models.OneToOneField(User, models.CASCADE)
    tz = ` + tt.column + `
`,
				"app/forms.py": `
from django import forms


class SignupForm(forms.Form):
    email = forms.EmailField()
    tz = ` + tt.formField + `
`,
				"app/views.py": `
from django.contrib.auth.models import User
from django.shortcuts import render
from django.views.decorators.http import require_POST

from app.forms import SignupForm
from app.models import Profile


def _make_user(email, tz=None):
    user = User(username=email, email=email)
    user.save()
    profile = Profile(user=user)
    profile.save()
    if tz:
        profile.tz = tz
        profile.save()
    return user


@require_POST
def signup(request):
    form = SignupForm(request.POST)
    if form.is_valid():
        _make_user(form.cleaned_data["email"], form.cleaned_data["tz"])
    return render(request, "s.html", {})
`})
			wantConstruct(t, out, "Signup", tt.want, tt.not)
			noted := slices.ContainsFunc(out.Notes, func(n string) bool {
				return strings.Contains(n, "a field of a new Profile set under a condition left out of rule Signup")
			})
			if noted != tt.note {
				t.Errorf("conditional field noted: %v, want %v; notes %v", noted, tt.note, out.Notes)
			}
		})
	}
}
