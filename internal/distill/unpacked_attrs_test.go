package distill

import (
	"strings"
	"testing"
)

// signupService is a form view in the shape of django-allauth's signup
// (account/views.py:156-168, account/forms.py:266 and 415-445,
// account/adapter.py:305-310): the view unpacks the user and a response
// from the form's try_save into self.user and a local, and hands
// self.user to a helper that changes it. Each knob replaces one part.
type signupService struct {
	base   string // the form's base
	target string // the targets try_save's answer is unpacked into
	user   string // what the view hands the finishing helper
	newRow string // how the form's save makes the new row
	models string // the app's models
}

const signupOwnModels = `
from django.db import models


class Account(models.Model):
    email = models.EmailField(unique=True)
    is_active = models.BooleanField(default=True)
`

// signupSwappedModels declares no user model: the app points to the one
// the settings pick (swappable_user.go).
const signupSwappedModels = `
from django.conf import settings
from django.db import models


class Address(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    email = models.EmailField()
`

func (s signupService) files() map[string]string {
	return map[string]string{
		"app/__init__.py": "",
		"app/models.py":   s.models,
		"app/flows.py": `
from django import forms


class DefaultCustomForm(forms.Form):
    def signup(self, request, user):
        pass


def base_form_class():
    from django.conf import settings
    from importlib import import_module

    path = getattr(settings, "APP_SIGNUP_FORM_CLASS", None)
    if not path:
        return DefaultCustomForm
    mod, name = path.rsplit(".", 1)
    return getattr(import_module(mod), name)
`,
		"app/forms.py": `
from django import forms
from django.contrib.auth import get_user_model

from app.flows import base_form_class
from app.models import *


class SignupForm(` + s.base + `):
    email = forms.EmailField()

    def try_save(self, request):
        user = self.save(request)
        resp = None
        return user, resp

    def save(self, request):
        user = ` + s.newRow + `
        user.email = self.cleaned_data["email"]
        user.save()
        return user
`,
		"app/views.py": `
from django.views.generic.edit import FormView

from app.forms import SignupForm


def finish(request, user):
    user.is_active = False
    user.save()


class SignupView(FormView):
    form_class = SignupForm

    def form_valid(self, form):
        ` + s.target + ` = form.try_save(self.request)
        if resp:
            return resp
        finish(self.request, ` + s.user + `)
        return super().form_valid(form)
`,
	}
}

// allauthSignup is the shape as allauth writes it, on a model of the
// app's own.
var allauthSignup = signupService{
	base:   "base_form_class()",
	target: "self.user, resp",
	user:   "self.user",
	newRow: "Account()",
	models: signupOwnModels,
}

// TestUnpackedAttrs pins the three steps that carry the new user of a
// signup form to what its view does with it: a form whose base is the
// class a function of the service returns is a form (factory_bases.go), a
// tuple unpacked into an attribute of the view keeps its element there
// (keepUnpackedAttr), and get_user_model()() makes a new row of the user
// model. Each case without its step loses the write.
func TestUnpackedAttrs(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	with := func(f func(*signupService)) signupService {
		s := allauthSignup
		f(&s)
		return s
	}
	tests := []struct {
		name      string
		svc       signupService
		want, not []string
	}{
		{
			name: "allauth's shape: the user kept on the view is the new row the helper deactivates",
			svc:  allauthSignup,
			want: []string{"Account.created(email: email, is_active: false)"},
		},
		{
			name: "unpacked into a plain local: the same",
			svc:  with(func(s *signupService) { s.target, s.user = "user, resp", "user" }),
			want: []string{"Account.created(email: email, is_active: false)"},
		},
		{
			name: "the form's base is forms.Form itself: the same",
			svc:  with(func(s *signupService) { s.base = "forms.Form" }),
			want: []string{"Account.created(email: email, is_active: false)"},
		},
		{
			name: "the user model the settings pick, made by get_user_model()(): created and deactivated",
			svc: with(func(s *signupService) {
				s.newRow = "get_user_model()()"
				s.models = signupSwappedModels
			}),
			want: []string{"User.created(", "is_active: false"},
		},
		{
			name: "the attribute kept is an element the helper did not return by name: no write stated",
			svc: with(func(s *signupService) {
				s.target = "self.user, resp"
				s.user = "self.other"
			}),
			not: []string{"is_active: false"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.svc.files())
			wantConstructOrNone(t, out, "Signup", tt.want, tt.not)
		})
	}
}

// TestFactoryBaseClass pins which class a base written as a call is: the
// one class of the service its function returns by name, none when it
// returns two.
func TestFactoryBaseClass(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name, factory string
		form          bool
	}{
		{name: "one class, else a class a setting names", factory: `
    if not getattr(settings, "X", None):
        return DefaultCustomForm
    return import_string(settings.X)
`, form: true},
		{name: "two classes of the service: which is not known", factory: `
    if getattr(settings, "X", None):
        return OtherBase
    return DefaultCustomForm
`},
		{name: "no class of the service", factory: `
    return import_string(settings.X)
`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := allauthSignup.files()
			files["app/flows.py"] = `
from django import forms
from django.conf import settings
from django.utils.module_loading import import_string


class DefaultCustomForm(forms.Form):
    pass


class OtherBase:
    pass


def base_form_class():` + tt.factory
			out := distilText(t, d, files)
			got := construct(out.Module, "Signup")
			if has := strings.Contains(got, "Account.created("); has != tt.form {
				t.Errorf("form read as a form = %v, want %v; Signup:\n%s", has, tt.form, got)
			}
		})
	}
}
