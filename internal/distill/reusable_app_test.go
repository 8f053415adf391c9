package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// reusableAppModels is a reusable Django app's model: it points to the
// user model by the setting, as django-allauth's account/models.py does.
const reusableAppModels = `
from django.conf import settings
from django.db import models

class EmailAddress(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    email = models.EmailField()
`

// reusableAppAdapter is the class the settings may replace and the
// factories that hand it out (django-allauth's account/adapter.py).
const reusableAppAdapter = `
import importlib
from django.conf import settings
from django.contrib.auth.models import AbstractBaseUser
from app.models import EmailAddress

def import_attribute(path):
    pkg, attr = path.rsplit(".", 1)
    return getattr(importlib.import_module(pkg), attr)

class Adapter:
    def __init__(self, request=None):
        self.request = request

    def set_password(self, user: AbstractBaseUser, password) -> None:
        user.set_password(password)
        user.save()

def get_adapter(request=None) -> Adapter:
    return import_attribute(settings.ACCOUNT_ADAPTER)(request)

def get_unannotated_adapter(request=None):
    return import_attribute(settings.ACCOUNT_ADAPTER)(request)

def get_model_row(request=None) -> EmailAddress:
    return import_attribute(settings.ACCOUNT_ADAPTER)(request)

def get_adapter_class() -> Adapter:
    cls = import_attribute(settings.ACCOUNT_ADAPTER)
    made = cls()
    return Adapter
`

// reusableAppForms are forms made with the signed-in user: a base that
// keeps it and subclasses whose constructors hand it on, or do not.
const reusableAppForms = `
from django import forms
from app import adapter

class UserForm(forms.Form):
    def __init__(self, user=None, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)

class ChangePasswordForm(UserForm):
    password1 = forms.CharField()

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["password1"].user = self.user

    def save(self):
        SAVE_BODY

class KeptBackForm(UserForm):
    password1 = forms.CharField()

    def __init__(self, *args, **kwargs):
        kwargs.pop("user", None)
        super().__init__(*args)

    def save(self):
        adapter.Adapter().set_password(self.user, self.cleaned_data["password1"])
`

// reusableAppView is a FormView whose form is made for the signed-in user.
func reusableAppView(form string) string {
	return `
from django.views.generic.edit import FormView
from app.forms import ` + form + `

class PasswordChangeView(FormView):
    form_class = ` + form + `

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        form.save()
        return super().form_valid(form)
`
}

// TestReusableAppIdioms: a reusable Django app works on the user model the
// project picks, through a class the settings name (made by a factory
// annotated with its default), with forms whose constructors hand the
// user on to their base's. Each case's wanted line is lost without its
// mechanism (configured_instances.go, swappable_user.go, form_kwargs.go).
func TestReusableAppIdioms(t *testing.T) {
	d := New(Options{})
	files := func(models, saveBody, form string) map[string]string {
		f := map[string]string{
			"app/__init__.py": "",
			"app/adapter.py":  reusableAppAdapter,
			"app/forms.py":    strings.Replace(reusableAppForms, "SAVE_BODY", saveBody, 1),
			"app/views.py":    reusableAppView(form),
		}
		if models != "" {
			f["app/models.py"] = models
		}
		return f
	}
	const direct = `adapter.Adapter().set_password(self.user, self.cleaned_data["password1"])`
	const ownUser = `
from django.contrib.auth.models import AbstractUser
from django.db import models

class Account(AbstractUser):
    nickname = models.CharField(max_length=20)
`
	for _, tc := range []struct {
		name         string
		files        map[string]string
		want, absent []string
	}{
		{
			name:  "the settings-picked user model is declared when the app refers to it and has none",
			files: files(reusableAppModels, direct, "ChangePasswordForm"),
			want:  []string{"entity User {", "user: User", "ensures: user.password = hash(password1)"},
		},
		{
			name:   "no user model is declared for an app that names none",
			files:  files("", direct, "ChangePasswordForm"),
			absent: []string{"entity User", "rule PasswordChange"},
		},
		{
			name:   "a service's own user model is the user's: none is declared beside it",
			files:  files(ownUser+"\n"+strings.SplitN(reusableAppModels, "\n", 2)[1], direct, "ChangePasswordForm"),
			want:   []string{"entity Account {", "user: Account", "ensures: user.password = hash(password1)"},
			absent: []string{"entity User"},
		},
		{
			name:  "a factory annotated with the class it loads from the settings makes that class",
			files: files(reusableAppModels, `adapter.get_adapter().set_password(self.user, self.cleaned_data["password1"])`, "ChangePasswordForm"),
			want:  []string{"ensures: user.password = hash(password1)"},
		},
		{
			name:   "a factory without an annotation makes nothing the walk can read",
			files:  files(reusableAppModels, `adapter.get_unannotated_adapter().set_password(self.user, self.cleaned_data["password1"])`, "ChangePasswordForm"),
			absent: []string{"rule PasswordChange"},
		},
		{
			name:   "a factory annotated with a model is not read as making a row",
			files:  files(reusableAppModels, `adapter.get_model_row().set_password(self.user, self.cleaned_data["password1"])`, "ChangePasswordForm"),
			absent: []string{"rule PasswordChange", "EmailAddress.created"},
		},
		{
			name:   "a loaded class made but not returned is not the annotated class",
			files:  files(reusableAppModels, `adapter.get_adapter_class().set_password(self.user, self.cleaned_data["password1"])`, "ChangePasswordForm"),
			absent: []string{"rule PasswordChange"},
		},
		{
			name:   "a constructor that does not hand its keyword arguments on keeps no user",
			files:  files(reusableAppModels, direct, "KeptBackForm"),
			absent: []string{"rule PasswordChange"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, tc.files)
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			assertSpecText(t, text, tc.want, tc.absent)
		})
	}
}

// TestEitherMessage: a message built one way or another by a branch and
// sent after it is one message to the spec when both ways go to the same
// recipient under the same template (django-allauth's render_mail,
// account/adapter.py:213-225); lost without eitherMessage.
func TestEitherMessage(t *testing.T) {
	d := New(Options{})
	files := func(elseTo string) map[string]string {
		return map[string]string{
			"app/__init__.py": "",
			"app/models.py":   reusableAppModels,
			"app/mail.py": `
from django.core.mail import EmailMessage, EmailMultiAlternatives

def render_mail(subject, html, text, to):
    if text:
        msg = EmailMultiAlternatives(subject, text, "noreply@example.com", to)
        msg.attach_alternative(html, "text/html")
    else:
        msg = EmailMessage(subject, html, "noreply@example.com", ` + elseTo + `)
        msg.content_subtype = "html"
    return msg

def send_welcome(email):
    msg = render_mail("welcome", "<p>hi</p>", "hi", [email])
    msg.send()
`,
			"app/views.py": `
from django.http import JsonResponse
from app.mail import send_welcome

def welcome(request):
    send_welcome(request.POST["email"])
    return JsonResponse({})
`,
		}
	}
	for _, tc := range []struct {
		name         string
		files        map[string]string
		want, absent []string
	}{
		{name: "both ways to the same recipient: the message is sent", files: files("to"), want: []string{"Email.created(to: email"}},
		{name: "the ways differ in the recipient: neither is stated", files: files(`["admin@example.com"]`), absent: []string{"Email.created"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, tc.files)
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			assertSpecText(t, text, tc.want, tc.absent)
		})
	}
}

// restViews is a REST layer of the service's own over Django's View:
// dispatch hands over to handle, which builds and validates the view's
// input class before the handler runs (django-allauth's
// headless/internal/restkit/views.py:18-49), and a view base wraps the
// hand-over in a try (headless/base/views.py:29-35).
const restViews = `
import json
from django import forms
from django.views import View
from django.http import JsonResponse
from app import adapter


class ReauthenticationRequired(Exception):
    pass


class RESTView(View):
    input_class = None

    def dispatch(self, request, *args, **kwargs):
        return self.handle(request, *args, **kwargs)

    def handle(self, request, *args, **kwargs):
        if request.method != "GET":
            self.data = json.loads(request.body)
            response = self.handle_input(self.data)
            if response:
                return response
        return super().dispatch(request, *args, **kwargs)

    def get_input_class(self):
        input_class = self.input_class
        if isinstance(input_class, dict):
            input_class = input_class.get(self.request.method)
        return input_class

    def handle_input(self, data):
        input_class = self.get_input_class()
        if not input_class:
            return None
        self.input = input_class(data=data)
        if not self.input.is_valid():
            return JsonResponse({}, status=400)
        return None


class APIView(RESTView):
    def dispatch(self, request, *args, **kwargs):
        try:
            return super().dispatch(request, *args, **kwargs)
        except ReauthenticationRequired:
            return JsonResponse({}, status=401)


class ClosedView(View):
    def dispatch(self, request, *args, **kwargs):
        self.input = ChangePasswordInput(data=json.loads(request.body))
        return JsonResponse({}, status=403)


class ChangePasswordInput(forms.Form):
    new_password = forms.CharField()


class ChangePasswordView(APIView):
    input_class = ChangePasswordInput

    def post(self, request, *args, **kwargs):
        adapter.Adapter().set_password(request.user, self.input.cleaned_data["new_password"])
        return JsonResponse({})


class SetPasswordView(APIView):
    input_class = {"POST": ChangePasswordInput}

    def post(self, request, *args, **kwargs):
        adapter.Adapter().set_password(request.user, self.input.cleaned_data["new_password"])
        return JsonResponse({})


class LockedPasswordView(ClosedView):
    def post(self, request, *args, **kwargs):
        adapter.Adapter().set_password(request.user, self.input.cleaned_data["new_password"])
        return JsonResponse({})
`

// TestInheritedDispatch: the dispatch methods of a view's bases run
// before its handler, and the input class they build from the view's
// class attribute is the handler's self.input (inherited_dispatch.go,
// class_models.go). Lost without them: the handler reads self.input as
// nothing and states no write.
func TestInheritedDispatch(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/__init__.py": "",
		"app/models.py":   reusableAppModels,
		"app/adapter.py":  reusableAppAdapter,
		"app/views.py":    restViews,
	}
	out := distilText(t, d, files)
	text := string(allium.Print(out.Module, allium.PrintOptions{}))
	for _, tc := range []struct {
		name         string
		rule         string
		want, absent []string
	}{
		{
			name: "a base's dispatch hands over through its own method and a try: the input it builds is read",
			rule: "ChangePassword",
			want: []string{"user.password = hash(new_password)"},
		},
		{
			name:   "an input class picked from a dict by method is not read as one class",
			rule:   "SetPassword",
			absent: []string{"user.password = hash"},
		},
		{
			name:   "a base's dispatch that answers itself hands over nothing",
			rule:   "LockedPassword",
			absent: []string{"user.password = hash"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assertSpecText(t, ruleText(text, tc.rule), tc.want, tc.absent)
		})
	}
}

// ruleText is the text of the rule named name in a printed spec ("" when
// it has none).
func ruleText(text, name string) string {
	i := strings.Index(text, "rule "+name+" {")
	if i < 0 {
		return ""
	}
	rest := text[i:]
	if j := strings.Index(rest, "\n}\n"); j >= 0 {
		return rest[:j+3]
	}
	return rest
}
