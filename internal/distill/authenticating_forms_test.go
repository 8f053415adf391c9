package distill

import (
	"slices"
	"testing"
)

// A login view built on a form that inherits Django's AuthenticationForm:
// its validation authenticates username and password (refusing an
// inactive user) and get_user() returns the user found, whom the view
// signs in.
func TestAuthenticatingForms(t *testing.T) {
	d := New(Options{})
	loginFiles := func(settings, view string) map[string]string {
		files := map[string]string{
			"shop/models.py": `
from django.contrib.auth.models import AbstractUser
class Customer(AbstractUser):
    pass
`,
			"shop/forms.py": `
from django import forms
from django.contrib.auth.forms import AuthenticationForm
class LoginForm(AuthenticationForm):
    remember = forms.BooleanField(required=False)
class NoteForm(forms.Form):
    text = forms.CharField()
`,
			"shop/views.py": view,
		}
		if settings != "" {
			files["shop/settings.py"] = settings
			files["shop/backends.py"] = `
from django.contrib.auth.backends import ModelBackend
class TokenBackend(ModelBackend):
    def authenticate(self, request, token=None):
        return None
`
		}
		return files
	}
	formView := func(form, signIn string) string {
		return `
from django.contrib.auth import login as auth_login
from django.shortcuts import redirect
from django.views.generic import FormView
from shop.forms import LoginForm, NoteForm
class SignInView(FormView):
    form_class = ` + form + `
    def form_valid(self, form):
        ` + signIn + `
        return redirect("/")
`
	}
	// authView is a view that keeps its form class in a class attribute
	// and makes it itself (Oscar's AccountAuthView: login_form_class =
	// EmailAuthenticationForm; self.login_form_class(**kwargs)).
	authView := func(form string) string {
		return `
from django.contrib.auth import login as auth_login
from django.shortcuts import redirect
from django.views.generic import TemplateView
from shop.forms import LoginForm, NoteForm
class SignInView(TemplateView):
    login_form_class = ` + form + `
    def get_login_form(self):
        return self.login_form_class(data=self.request.POST)
    def post(self, request, *args, **kwargs):
        form = self.get_login_form()
        if form.is_valid():
            auth_login(request, form.get_user())
            return redirect("/")
        return self.render_to_response({})
`
	}
	// signInRule is the rule of the view: the user bound, what it
	// requires, in order, and the sign-in.
	signInRule := func(let string, requires ...string) string {
		r := "rule SignIn {\n    when: SignIn(username, password)\n    " + let + "\n"
		for _, q := range requires {
			r += "    requires: " + q + "\n"
		}
		return r + "    ensures:\n        Session.created(user: user)\n        user.last_login = now\n}"
	}
	tests := []struct {
		name      string
		files     map[string]string
		construct string
		want      string
	}{
		{
			name:      "the form's validation finds the user by the username, verifies the password and refuses an inactive user; get_user is that user",
			files:     loginFiles("", formView("LoginForm", "auth_login(self.request, form.get_user())")),
			construct: "SignIn",
			want:      signInRule("let user = Customer{username}", "verify(password, user.password)", "user.is_active", "exists user"),
		},
		{
			name:      "with backends of the service's own the spec names the user they authenticate, not a lookup",
			files:     loginFiles("AUTHENTICATION_BACKENDS = ['shop.backends.TokenBackend']\n", formView("LoginForm", "auth_login(self.request, form.get_user())")),
			construct: "SignIn",
			want:      signInRule("let user = authenticate(username, password)", "exists user", "user.is_active"),
		},
		{
			name:      "a plain form authenticates nothing: its get_user is no user, and nobody is signed in",
			files:     loginFiles("", formView("NoteForm", "auth_login(self.request, form.get_user())")),
			construct: "SignIn",
			want:      "",
		},
		{
			name:      "a form class a class attribute of the view names, made by calling the attribute on self, is that form",
			files:     loginFiles("", authView("LoginForm")),
			construct: "SignIn",
			want:      signInRule("let user = Customer{username}", "verify(password, user.password)", "user.is_active", "exists user"),
		},
		{
			name:      "a class attribute naming a plain form makes a plain form: nobody is signed in",
			files:     loginFiles("", authView("NoteForm")),
			construct: "SignIn",
			want:      "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			if got := construct(out.Module, tt.construct); got != tt.want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", tt.construct, got, tt.want, out.Notes)
			}
		})
	}
}

// TestLoginNotes: what a login view leaves unread is named in the notes:
// a form class held in a class attribute that names nothing the service
// defines, and the lookup of the service's own first backend, which the
// rule states only as the user authenticate returns.
func TestLoginNotes(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	view := func(form string) string {
		return `
from django.contrib.auth import login as auth_login
from django.shortcuts import redirect
from django.views.generic import TemplateView
from shop.forms import LoginForm
from vendor.forms import VendorForm
class SignInView(TemplateView):
    login_form_class = ` + form + `
    def post(self, request, *args, **kwargs):
        form = self.login_form_class(data=request.POST)
        if form.is_valid():
            auth_login(request, form.get_user())
            return redirect("/")
        return self.render_to_response({})
`
	}
	files := func(settings, form string) map[string]string {
		f := map[string]string{
			"shop/models.py": `
from django.contrib.auth.models import AbstractUser
class Customer(AbstractUser):
    pass
`,
			"shop/forms.py": `
from django.contrib.auth.forms import AuthenticationForm
class LoginForm(AuthenticationForm):
    pass
`,
			"shop/backends.py": `
from django.contrib.auth.backends import ModelBackend
class EmailBackend(ModelBackend):
    def authenticate(self, *args, **kwargs):
        return self._find(*args, **kwargs)
`,
			"shop/views.py": view(form),
		}
		if settings != "" {
			f["shop/settings.py"] = settings
		}
		return f
	}
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{
			name:  "a class attribute holding a form from outside the service is a call the walk could not follow",
			files: files("", "VendorForm"),
			want:  "shop/views.py:9: handler post states no effects, but what it calls is unread (self.login_form_class); no rule",
		},
		{
			name:  "the service's own first backend: its lookup is not read",
			files: files("AUTHENTICATION_BACKENDS = ['shop.backends.EmailBackend', 'django.contrib.auth.backends.ModelBackend']\n", "LoginForm"),
			want:  "shop/backends.py:4: the lookup of the service's backend EmailBackend.authenticate left out of rule SignIn",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			if !slices.Contains(out.Notes, tt.want) {
				t.Errorf("no note %q in %v", tt.want, out.Notes)
			}
		})
	}
}
