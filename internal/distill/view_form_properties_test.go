package distill

import "testing"

// Forms a view builds in a property and validates and saves itself
// (pretalx's ProfileView: @cached_property def login_form(self): return
// SpeakerLoginInfoForm(...), then self.login_form.is_valid() and
// self.login_form.save(), cfp/views/user.py:86-153), and what reading
// such a form names: the framework's state of the form (is_bound,
// changed_data) and a flag the form class sets (email_change_requested
// = False) are no request inputs; a model form made with the row it
// changes (instance=..., or a serializer's first argument) saves that
// row, and one made with a row the walk cannot read saves nothing the
// spec can state, never a new row.
func TestViewFormProperties(t *testing.T) {
	d := New(Options{})
	models := `
from django.contrib.auth.models import AbstractBaseUser
from django.db import models
class User(AbstractBaseUser):
    email = models.EmailField(unique=True)
    name = models.CharField(max_length=100)
    pending_email = models.EmailField(null=True)
class Profile(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    biography = models.TextField(default="")
`
	forms := `
from django import forms
from app.models import Profile
class LoginInfoForm(forms.Form):
    email = forms.EmailField()
    password = forms.CharField(required=False)
    email_change_requested = False
    def __init__(self, *args, user, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
    def save(self):
        self.user.pending_email = self.cleaned_data.get("email")
        self.user.save()
        self.email_change_requested = True
class ProfileForm(forms.ModelForm):
    class Meta:
        model = Profile
        fields = ["biography"]
`
	view := func(body string) string {
		return `
from django.shortcuts import redirect
from django.utils.functional import cached_property
from django.views.generic import TemplateView
from app.forms import LoginInfoForm, ProfileForm
from app.models import Profile
class AccountView(TemplateView):
    @cached_property
    def login_form(self):
        return LoginInfoForm(user=self.request.user, data=self.request.POST)
    def post(self, request, *args, **kwargs):
` + body + `
        return redirect("/")
`
	}
	cases := []struct {
		name, body   string
		want, absent []string
		noRule       bool
	}{
		{
			name: "a form a cached property builds is the one validated and saved",
			body: `        if self.login_form.is_valid():
            self.login_form.save()`,
			want: []string{"user.pending_email = email"},
		},
		{
			name: "the form's state and its class flags are no inputs",
			body: `        if self.login_form.is_valid():
            self.login_form.save()
            if "email" in self.login_form.changed_data:
                request.user.name = "changed"
            if self.login_form.is_bound:
                request.user.name = "bound"
            if self.login_form.email_change_requested:
                request.user.name = "requested"`,
			want:   []string{"user.pending_email = email"},
			absent: []string{"is_bound", "changed_data", "email_change_requested"},
		},
		{
			name: "a model form made with a row it changes saves that row",
			body: `        profile = Profile.objects.get(user=request.user)
        form = ProfileForm(instance=profile, data=request.POST)
        if form.is_valid():
            form.save()`,
			want:   []string{"profile.biography = biography"},
			absent: []string{"Profile.created"},
		},
		{
			name: "a model form made with a row the walk cannot read makes none",
			body: `        form = ProfileForm(instance=request.user.get_profile(), data=request.POST)
        if form.is_valid():
            form.save()`,
			noRule: true,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/forms.py": forms, "app/views.py": view(c.body)})
			if c.noRule {
				if got := construct(out.Module, "Account"); got != "" {
					t.Fatalf("want no rule, got:\n%s", got)
				}
				return
			}
			ruleStatesOnly(t, out, "Account", c.want, c.absent)
		})
	}
}
