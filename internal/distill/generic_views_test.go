package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// genericViewCompat is a service's own get_user_model, which looks the
// model up by settings the spec cannot read (django-oscar's core/compat.py).
const genericViewCompat = `
from django.conf import settings
from django.contrib.auth.models import User
from app.loading import get_model

AUTH_USER_APP_LABEL, AUTH_USER_MODEL_NAME = settings.AUTH_USER_MODEL.rsplit(".", 1)

def get_user_model():
    model = get_model(AUTH_USER_APP_LABEL, AUTH_USER_MODEL_NAME)
    model._meta.additional_fields = set(f.name for f in User._meta.fields)
    return model
`

// genericViewForms are model forms of the user and a password check, as
// django-oscar's customer/forms.py writes them.
const genericViewForms = `
from django import forms
from django.core.exceptions import ValidationError
from app.compat import get_user_model

User = get_user_model()

class SignupForm(forms.ModelForm):
    password1 = forms.CharField()
    password2 = forms.CharField()

    class Meta:
        model = User
        fields = ("email",)

    def clean_email(self):
        email = self.cleaned_data["email"]
        if User._default_manager.filter(email=email).exists():
            raise forms.ValidationError("taken")
        return email

    def save(self, commit=True):
        user = super().save(commit=False)
        user.set_password(self.cleaned_data["password1"])
        if commit:
            user.save()
        return user

class InviteForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ["email", "first_name"]

class ProfileForm(forms.ModelForm):
    def __init__(self, user, *args, **kwargs):
        self.user = user
        kwargs["instance"] = user
        super().__init__(*args, **kwargs)

    class Meta:
        model = User
        fields = ["first_name", "last_name"]

def existing_user_fields(fields):
    names = [f.name for f in User._meta.fields]
    return [field for field in fields if field in names]

def renamed_fields(fields):
    return {"given": fields}

class NameForm(forms.ModelForm):
    def __init__(self, user, *args, **kwargs):
        kwargs["instance"] = user
        super().__init__(*args, **kwargs)

    class Meta:
        model = User
        fields = existing_user_fields(["first_name", "nickname"])

class OddForm(forms.ModelForm):
    def __init__(self, user, *args, **kwargs):
        kwargs["instance"] = user
        super().__init__(*args, **kwargs)

    class Meta:
        model = User
        fields = renamed_fields(["first_name"])

class ConfirmPasswordForm(forms.Form):
    password = forms.CharField()

    def __init__(self, user, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self):
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise ValidationError("wrong password")
        return password

class NoteForm(forms.Form):
    email = forms.CharField()

    class Meta:
        model = User
        fields = ["email"]

from app.utils import normalise_email

class TidySignupForm(forms.ModelForm):
    class Meta:
        model = User
        fields = ("email",)

    def clean_email(self):
        return normalise_email(self.cleaned_data["email"])

class TidyProfileForm(forms.ModelForm):
    def __init__(self, user, *args, **kwargs):
        kwargs["instance"] = user
        super().__init__(*args, **kwargs)

    class Meta:
        model = User
        fields = ["first_name", "email"]

    def clean_first_name(self):
        name = self.cleaned_data["first_name"]
        if not name:
            raise forms.ValidationError("empty")

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        return email
`

// savingView is a form view of formClass whose form_valid saves the form;
// with userKwargs its get_form_kwargs gives the form the signed-in user.
func savingView(name, formClass string, userKwargs bool) string {
	src := "\nclass " + name + "View(generic.FormView):\n    form_class = " + formClass + "\n"
	if userKwargs {
		src += `
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs
`
	}
	return src + `
    def form_valid(self, form):
        form.save()
        return redirect("/")
`
}

// TestGenericViewsAndModelForms: Django's generic form views whose forms
// are model forms, loaded by label (class_loaders), made with the view's
// form kwargs, saved through the inherited ModelForm.save.
func TestGenericViewsAndModelForms(t *testing.T) {
	d := New(Options{})
	view := func(imports, body string) map[string]string {
		return map[string]string{
			"app/__init__.py": "",
			"app/compat.py":   genericViewCompat,
			"app/forms.py":    genericViewForms,
			"app/views.py": `
from django.contrib.auth import authenticate, login
from django.contrib.auth.forms import PasswordChangeForm
from django.shortcuts import redirect
from django.views import generic
from app.loading import get_class, get_classes
` + imports + body,
		}
	}
	for _, tc := range []struct {
		name         string
		files        map[string]string
		want, absent []string
	}{
		{
			name: "a form loaded by label with get_class is the view's form: its validators hold, its save creates the Meta model",
			files: view(`SignupForm = get_class("forms", "SignupForm")
`, savingView("Signup", "SignupForm", false)),
			want: []string{"requires: not exists User{email}", "ensures: User.created(email: email, password: hash(password1))"},
		},
		{
			name: "forms loaded together with get_classes bind in order",
			files: view(`InviteForm, SignupForm = get_classes("app.forms", ["InviteForm", "SignupForm"])
`, savingView("Signup", "SignupForm", false)),
			want: []string{"ensures: User.created(email: email, password: hash(password1))"},
		},
		{
			name: "a label no module of the service ends with loads nothing",
			files: view(`SignupForm = get_class("accounts.forms", "SignupForm")
`, savingView("Signup", "SignupForm", false)),
			absent: []string{"User.created", "requires: not exists User{email}"},
		},
		{
			name: "a model form without a save of its own creates the Meta model with the listed fields",
			files: view(`from app.forms import InviteForm
`, savingView("Invite", "InviteForm", false)),
			want: []string{"ensures: User.created(email: email, first_name: first_name)"},
		},
		{
			name: "a field's validator returns the cleaned value: the save writes it",
			files: view(`from app.forms import TidySignupForm
`, savingView("Signup", "TidySignupForm", false)),
			want:   []string{"ensures: User.created(email: normalise_email(email))"},
			absent: []string{"User.created(email: email)"},
		},
		{
			name: "on the instance too; a validator that returns nothing leaves the input",
			files: view(`from app.forms import TidyProfileForm
`, savingView("ProfileUpdate", "TidyProfileForm", true)),
			want:   []string{"user.email = normalise_email(email)", "user.first_name = first_name"},
			absent: []string{"user.email = email"},
		},
		{
			name: "a plain form with a Meta saves nothing",
			files: view(`from app.forms import NoteForm
`, savingView("Note", "NoteForm", false)),
			absent: []string{"User.created"},
		},
		{
			name: "the user get_form_kwargs gives the form is the instance its save changes",
			files: view(`from app.forms import ProfileForm
`, savingView("ProfileUpdate", "ProfileForm", true)),
			want:   []string{"user.first_name = first_name", "user.last_name = last_name"},
			absent: []string{"User.created"},
		},
		{
			name: "the user get_form_kwargs gives the form is the one its validators check",
			files: view(`from app.forms import ConfirmPasswordForm
`, `
class ProfileDeleteView(generic.FormView):
    form_class = ConfirmPasswordForm

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = self.request.user
        return kwargs

    def form_valid(self, form):
        self.request.user.delete()
        return redirect("/")
`),
			want: []string{"requires: verify(password, user.password)", "ensures: not exists user"},
		},
		{
			name:  "a framework password form as the view's form class changes the password of the user the kwargs give",
			files: view("", savingView("ChangePassword", "PasswordChangeForm", true)),
			want:  []string{"requires: verify(old_password, user.password)", "requires: new_password1 = new_password2", "ensures: user.password = hash(new_password1)"},
		},
		{
			name: "a framework password form that does not check the current password requires no old one",
			files: view(`from django.contrib.auth.forms import SetPasswordForm
`, savingView("SetPassword", "SetPasswordForm", true)),
			want:   []string{"ensures: user.password = hash(new_password1)"},
			absent: []string{"old_password"},
		},
		{
			name:   "a framework password form made for no user the spec knows changes nothing",
			files:  view("", savingView("ChangePassword", "PasswordChangeForm", false)),
			absent: []string{"hash(new_password1)"},
		},
		{
			name: "authenticating the user just created by its own e-mail finds that user: nothing more is required",
			files: view(`from app.forms import SignupForm
`, `
class SignupView(generic.FormView):
    form_class = SignupForm

    def form_valid(self, form):
        user = form.save()
        user = authenticate(username=user.email, password=form.cleaned_data["password1"])
        login(self.request, user)
        return redirect("/")
`),
			want:   []string{"let user = User.created(email: email, password: hash(password1))", "Session.created(user: user)"},
			absent: []string{"verify(password1", "User{username"},
		},
		{
			name: "a form view that has a get too: form_valid, where its POST ends, is named after the view",
			files: view(`from app.forms import InviteForm
`, `
class InviteView(generic.FormView):
    form_class = InviteForm

    def get(self, request, *args, **kwargs):
        if request.user.is_authenticated:
            return redirect("/")
        return super().get(request, *args, **kwargs)

    def form_valid(self, form):
        form.save()
        return redirect("/")
`),
			want:   []string{"rule Invite {"},
			absent: []string{"FormValidInvite"},
		},
		{
			name: "a RedirectView's get is a handler: logging out there ends the session",
			files: view(`from django.contrib.auth import logout as auth_logout
`, `
class LogoutView(generic.RedirectView):
    url = "/"

    def get(self, request, *args, **kwargs):
        auth_logout(request)
        return super().get(request, *args, **kwargs)
`),
			want: []string{"rule Logout {", "ensures: not exists session"},
		},
		{
			name: "Meta fields a helper of the service filters from a list: the listed fields the model has",
			files: view(`from app.forms import NameForm
`, savingView("Name", "NameForm", true)),
			want:   []string{"ensures: user.first_name = first_name"},
			absent: []string{"nickname"},
		},
		{
			name: "Meta fields a helper makes into something else than a filtered list are not read",
			files: view(`from app.forms import OddForm
`, savingView("Odd", "OddForm", true)),
			absent: []string{"user.first_name = first_name"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, tc.files)
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			assertSpecText(t, text, tc.want, tc.absent)
			if len(tc.want) == 0 && !strings.Contains(text, "entity User") {
				t.Errorf("the user model is not declared:\n%s", text)
			}
		})
	}
}
