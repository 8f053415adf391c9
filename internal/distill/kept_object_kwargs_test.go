package distill

import (
	"strings"
	"testing"
)

// codeResetFiles is a form view in the shape of django-allauth's password
// reset by code (account/views.py:711-754,
// internal/flows/password_reset_by_code.py:91-99,
// internal/flows/code_verification.py:26-35): dispatch resumes a process
// object from the session and keeps it on self; get_form_kwargs hands the
// form the user the process finds, kwargs VALUE; the form's save changes
// that user.
func codeResetFiles(value string) map[string]string {
	return map[string]string{
		"app/__init__.py": "",
		"app/models.py": `
from django.db import models


class Account(models.Model):
    email = models.EmailField(unique=True)
    pw_reset_done = models.BooleanField(default=False)
`,
		"app/process.py": `
from app.models import Account

SESSION_KEY = "reset_by_code"


class ResetProcess:
    def __init__(self, request, state):
        self.request = request
        self.state = state
        self._user = None

    @property
    def user(self):
        if self._user:
            return self._user
        user_id = self.state.get("user_id")
        if not user_id:
            return None
        self._user = Account.objects.filter(pk=user_id).first()
        return self._user

    @classmethod
    def resume(cls, request):
        state = request.session.get(SESSION_KEY)
        if not state:
            return None
        return ResetProcess(request, state)
`,
		"app/forms.py": `
from django import forms


class ResetForm(forms.Form):
    password1 = forms.CharField()

    def __init__(self, *args, **kwargs):
        self.user = kwargs.pop("user", None)
        super().__init__(*args, **kwargs)

    def save(self):
        self.user.pw_reset_done = True
        self.user.save()
`,
		"app/views.py": strings.Replace(`
from django.shortcuts import redirect
from django.views.generic.edit import FormView

from app.forms import ResetForm
from app.process import ResetProcess


class CompleteResetView(FormView):
    form_class = ResetForm

    def dispatch(self, request, **kwargs):
        self._process = ResetProcess.resume(request)
        if not self._process:
            return redirect("start")
        return super().dispatch(request, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["user"] = VALUE
        return kwargs

    def form_valid(self, form):
        form.save()
        return super().form_valid(form)
`, "VALUE", value, 1),
	}
}

// TestKeptObjectKwargs pins keptObjectAttr: an attribute of an object the
// view's dispatch keeps, handed to the form, is read after dispatch, so
// the form's save writes the row it names. Without it no write is stated.
func TestKeptObjectKwargs(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	write := "user.pw_reset_done = true"
	tests := []struct {
		name, value string
		want, not   []string
	}{
		{
			name:  "the user the kept process finds: its reset is written",
			value: "self._process.user",
			want:  []string{"when: CompleteReset(", write},
		},
		{
			name:  "an attribute of an object dispatch did not keep: nothing written",
			value: "self._other.user",
			not:   []string{write},
		},
		{
			name:  "an attribute of the kept process that is no row: nothing written",
			value: "self._process.state",
			not:   []string{write},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, codeResetFiles(tt.value))
			wantConstructOrNone(t, out, "CompleteReset", tt.want, tt.not)
		})
	}
}
