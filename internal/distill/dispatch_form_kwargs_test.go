package distill

import (
	"strings"
	"testing"
)

// resetKeyService is a form view in the shape of django-allauth's
// password reset by link (account/views.py:603-688, account/forms.py:
// 659-704, utils.py:200-204): dispatch validates a token form that keeps
// the user it finds, keeps that user on self, and hands over; the view's
// get_form_kwargs gives it to the reset form, whose save sets its
// password. Each knob replaces one part with a variant.
type resetKeyService struct {
	dispatch   string // the view's dispatch body
	ctor       string // the reset form's constructor
	kwargsKey  string // the key get_form_kwargs sets
	tokenClass string // how dispatch names the token form's class
}

func (s resetKeyService) files() map[string]string {
	r := strings.NewReplacer("TOKEN_CLASS", s.tokenClass)
	return map[string]string{
		"app/models.py": `
from django.db import models


class User(models.Model):
    email = models.EmailField(unique=True)
    pw_reset_done = models.BooleanField(default=False)
`,
		"app/app_settings.py": `
class AppSettings:
    def _setting(self, name, dflt):
        from django.conf import settings

        return getattr(settings, "APP_" + name, dflt)

    @property
    def FORMS(self):
        return self._setting("FORMS", {})

    @property
    def NOTIFY(self):
        return self._setting("NOTIFY", False)


_app_settings = AppSettings()


def __getattr__(name):
    return getattr(_app_settings, name)
`,
		"app/utils.py": `
import importlib


def import_attribute(path):
    pkg, attr = path.rsplit(".", 1)
    return getattr(importlib.import_module(pkg), attr)


def get_form_class(forms, form_id, default_form):
    form_class = forms.get(form_id, default_form)
    if isinstance(form_class, str):
        form_class = import_attribute(form_class)
    return form_class
`,
		"app/forms.py": `
from django import forms

from app.models import User


class UserTokenForm(forms.Form):
    uid = forms.CharField()
    key = forms.CharField()

    reset_user = None

    def _get_user(self, uid):
        try:
            return User.objects.get(pk=uid)
        except User.DoesNotExist:
            return None

    def clean(self):
        cleaned_data = super().clean()
        self.reset_user = self._get_user(cleaned_data.get("uid"))
        if self.reset_user is None:
            raise forms.ValidationError("invalid")
        return cleaned_data


def reset_password(user):
    user.pw_reset_done = True
    user.save()


class ResetPasswordKeyForm(forms.Form):
    password1 = forms.CharField()
` + s.ctor + `
    def save(self):
        reset_password(self.user)
`,
		"app/views.py": r.Replace(`
from django.shortcuts import redirect
from django.views.generic.edit import FormView

from app import app_settings
from app.forms import ResetPasswordKeyForm, UserTokenForm
from app.utils import get_form_class


class PasswordResetFromKeyView(FormView):
    form_class = ResetPasswordKeyForm

    def dispatch(self, request, uid, key, **kwargs):
` + s.dispatch + `
    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["` + s.kwargsKey + `"] = self.reset_user
        return kwargs

    def form_valid(self, form):
        form.save()
        return super().form_valid(form)
`),
	}
}

// allauthReset is the shape as allauth writes it.
var allauthReset = resetKeyService{
	dispatch: `
        token_form_class = TOKEN_CLASS
        if key == "set-password" or request.GET.get("ajax"):
            token_form = token_form_class(data={"uid": uid, "key": key})
            if token_form.is_valid():
                self.reset_user = token_form.reset_user
                return super().dispatch(request, uid, key, **kwargs)
        else:
            return redirect("set-password")
        self.reset_user = None
        return redirect("token-fail")
`,
	ctor: `
    def __init__(self, *args, **kwargs):
        self.user = kwargs.pop("user", None)
        super().__init__(*args, **kwargs)
`,
	kwargsKey:  "user",
	tokenClass: `get_form_class(app_settings.FORMS, "user_token", UserTokenForm)`,
}

// TestDispatchFormKwargs pins the three steps that carry the user a
// dispatch keeps into the form its handler saves: a dispatch that hands
// over only down one branch of its tests (nestedHandOver), a form class
// taken from a settings mapping with the app's own class as default
// (settingsClassGet), get_form_kwargs read again after dispatch
// (rebindFormKwargs), and a constructor that pops its keyword argument
// (spreadTake). Each case without its step states no write.
func TestDispatchFormKwargs(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	with := func(f func(*resetKeyService)) resetKeyService {
		s := allauthReset
		f(&s)
		return s
	}
	write := "reset_user.pw_reset_done = true"
	tests := []struct {
		name      string
		svc       resetKeyService
		want, not []string
	}{
		{
			name: "allauth's shape: the user the token form found is the one whose password is reset",
			svc:  allauthReset,
			want: []string{"requires: exists reset_user", write},
		},
		{
			name: "the token form's class made directly: the same",
			svc: with(func(s *resetKeyService) {
				s.dispatch = strings.Replace(s.dispatch, "token_form_class(data=", "UserTokenForm(data=", 1)
			}),
			want: []string{"requires: exists reset_user", write},
		},
		{
			name: "the constructor takes the user as a named parameter: the same",
			svc: with(func(s *resetKeyService) {
				s.ctor = `
    def __init__(self, user=None, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
`
			}),
			want: []string{write},
		},
		{
			name: "a flat dispatch that refuses first: the same",
			svc: with(func(s *resetKeyService) {
				s.dispatch = `
        token_form_class = TOKEN_CLASS
        token_form = token_form_class(data={"uid": uid, "key": key})
        if not token_form.is_valid():
            return redirect("token-fail")
        self.reset_user = token_form.reset_user
        return super().dispatch(request, uid, key, **kwargs)
`
			}),
			want: []string{write},
		},
		{
			name: "the hand-over on an else branch: its test fails for the handler, the write stated",
			svc: with(func(s *resetKeyService) {
				s.dispatch = `
        token_form_class = TOKEN_CLASS
        token_form = token_form_class(data={"uid": uid, "key": key})
        if not token_form.is_valid():
            return redirect("token-fail")
        else:
            self.reset_user = token_form.reset_user
            return super().dispatch(request, uid, key, **kwargs)
`
			}),
			want: []string{write},
		},
		{
			name: "two hand-overs: which ran is not known, nothing kept",
			svc: with(func(s *resetKeyService) {
				s.dispatch = `
        token_form_class = TOKEN_CLASS
        token_form = token_form_class(data={"uid": uid, "key": key})
        if token_form.is_valid():
            self.reset_user = token_form.reset_user
            return super().dispatch(request, uid, key, **kwargs)
        else:
            self.reset_user = None
            return super().dispatch(request, uid, key, **kwargs)
`
			}),
			not: []string{write},
		},
		{
			name: "the hand-over in a loop: not read",
			svc: with(func(s *resetKeyService) {
				s.dispatch = `
        for k in [key]:
            token_form = get_form_class(app_settings.FORMS, "user_token", UserTokenForm)(data={"uid": uid, "key": k})
            if token_form.is_valid():
                self.reset_user = token_form.reset_user
                return super().dispatch(request, uid, key, **kwargs)
        return redirect("token-fail")
`
			}),
			not: []string{write},
		},
		{
			name: "the form is handed another keyword: its user is none the view gave",
			svc:  with(func(s *resetKeyService) { s.kwargsKey = "owner" }),
			not:  []string{write},
		},
		{
			name: "a mapping that is no setting: its class is not known",
			svc: with(func(s *resetKeyService) {
				s.tokenClass = `get_form_class(request.GET, "user_token", UserTokenForm)`
			}),
			not: []string{write},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.svc.files())
			wantConstructOrNone(t, out, "PasswordResetFromKey", tt.want, tt.not)
		})
	}
}
