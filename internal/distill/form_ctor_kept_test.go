package distill

import (
	"strings"
	"testing"
)

// TestFormCtorKept pins what a form keeps from its constructor's
// parameters (Oscar's EmailAuthenticationForm: def __init__(self, host,
// ...): self.host = host, given self.request.get_host() by the view's
// kwargs getter, customer/views.py:138, forms.py:77): request plumbing,
// no trigger input; the fields the user posts stay inputs. And the rule
// of one button of a page that states what another view's rule states
// is kept beside it (rule_merge.go).
func TestFormCtorKept(t *testing.T) {
	d := New(Options{})
	const models = `
from django.db import models

class Account(models.Model):
    email = models.EmailField(unique=True)
    note = models.CharField(max_length=20)
`
	form := func(init string) string {
		return `
from django import forms
from django.utils.http import url_has_allowed_host_and_scheme

class NoteForm(forms.Form):
    email = forms.EmailField()
    note = forms.CharField()
    redirect_url = forms.CharField(required=False)

` + indent(init) + `

    def clean_redirect_url(self):
        url = self.cleaned_data["redirect_url"].strip()
        if url and url_has_allowed_host_and_scheme(url, self.host):
            return url
`
	}
	const views = `
from django.views import generic
from django.shortcuts import redirect
from app.forms import NoteForm
from app.models import Account

class NoteView(generic.FormView):
    form_class = NoteForm

    def form_valid(self, form):
        Account.objects.create(email=form.cleaned_data["email"], note="n")
        return redirect("/")

class AuthView(generic.TemplateView):
    note_form_class = NoteForm

    def post(self, request, *args, **kwargs):
        if "note_submit" in request.POST:
            return self.validate_note_form()
        elif "other_submit" in request.POST:
            Account.objects.filter(email=request.POST["email"]).delete()
            return redirect("/")
        return self.render_to_response({})

    def get_note_form(self, bind_data=False):
        return self.note_form_class(**self.get_note_form_kwargs(bind_data))

    def get_note_form_kwargs(self, bind_data=False):
        kwargs = {}
        kwargs["request"] = self.request
        kwargs["host"] = self.request.get_host()
        kwargs["prefix"] = "note"
        if bind_data and self.request.method in ("POST", "PUT"):
            kwargs.update({"data": self.request.POST, "files": self.request.FILES})
        return kwargs

    def validate_note_form(self):
        form = self.get_note_form(bind_data=True)
        if form.is_valid():
            Account.objects.create(email=form.cleaned_data["email"], note="n")
            return redirect("/")
        return self.render_to_response({})
`
	const urls = `
from django.urls import path
from app.views import NoteView, AuthView
urlpatterns = [path("note/", NoteView.as_view()), path("auth/", AuthView.as_view())]
`
	tests := []struct {
		name string
		init string
	}{
		{"kept from a positional parameter", `def __init__(self, host, *args, **kwargs):
    self.host = host
    super().__init__(*args, **kwargs)`},
		{"kept from a keyword-only parameter", `def __init__(self, *args, host=None, **kwargs):
    self.host = host
    super().__init__(*args, **kwargs)`},
		{"popped from the keywords", `def __init__(self, *args, **kwargs):
    self.host = kwargs.pop("host", None)
    super().__init__(*args, **kwargs)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": models, "app/forms.py": form(tt.init), "app/views.py": views, "app/urls.py": urls})
			got := construct(out.Module, "AuthNoteSubmit")
			if got == "" {
				t.Fatalf("no rule AuthNoteSubmit; notes: %v", out.Notes)
			}
			trigger := got[strings.Index(got, "when:"):]
			trigger = trigger[:strings.Index(trigger, "\n")]
			if strings.Contains(trigger, "host") {
				t.Errorf("the host the view hands the form is a trigger input: %s", trigger)
			}
			for _, in := range []string{"redirect_url", "email"} {
				if !strings.Contains(trigger, in) {
					t.Errorf("the form's field %s is no trigger input: %s", in, trigger)
				}
			}
			if note := construct(out.Module, "Note"); note == "" {
				t.Errorf("no rule Note; notes: %v", out.Notes)
			}
		})
	}
}
