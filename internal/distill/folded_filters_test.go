package distill

import (
	"strings"
	"testing"
)

// TestFoldedFilters: a filter that compares without regard to case
// (Django's email__iexact) is no join, which matches exactly: the check
// that such a row exists says so, Users.any(u => lower(u.email) =
// lower(email)); an exact filter stays a join.
func TestFoldedFilters(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := func(filter string) map[string]string {
		return map[string]string{
			"shop/models.py": `
from django.contrib.auth.models import AbstractUser
class Customer(AbstractUser):
    pass
`,
			"shop/forms.py": `
from django import forms
from shop.models import Customer
class SignUpForm(forms.Form):
    email = forms.EmailField()
    def clean_email(self):
        email = self.cleaned_data["email"]
        if Customer.objects.filter(` + filter + `).exists():
            raise forms.ValidationError("taken")
        return email
`,
			"shop/views.py": `
from django.shortcuts import redirect
from django.views.generic import FormView
from shop.forms import SignUpForm
from shop.models import Customer
class SignUpView(FormView):
    form_class = SignUpForm
    def form_valid(self, form):
        Customer.objects.create(email=form.cleaned_data["email"])
        return redirect("/")
`,
		}
	}
	tests := []struct {
		name, filter, want string
	}{
		{name: "iexact: any row whose field matches without regard to case", filter: "email__iexact=email",
			want: "requires: not Customers.any(u => lower(u.email) = lower(email))"},
		{name: "iexact with an exact condition beside it", filter: "email__iexact=email, is_active=True",
			want: "requires: not Customers.any(u => lower(u.email) = lower(email) and u.is_active)"},
		{name: "exact: a join", filter: "email=email",
			want: "requires: not exists Customer{email}"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, files(tt.filter))
			got := construct(out.Module, "SignUp")
			if !strings.Contains(got, tt.want) {
				t.Errorf("SignUp lacks %q:\n%s\nnotes: %v", tt.want, got, out.Notes)
			}
		})
	}
}
