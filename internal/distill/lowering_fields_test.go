package distill

import (
	"strings"
	"testing"
)

// TestLoweringFormFields: a form field declared with a field class of the
// service whose clean returns the value lower-cased (healthchecks'
// LowercaseEmailField, hc/accounts/forms.py:18-21) gives the input in
// lower case to the lookups, creations and payloads it reaches; a field
// class whose clean does anything else, and a framework field, give it
// as sent. Its length is the length of the address given.
func TestLoweringFormFields(t *testing.T) {
	const models = `
from django.contrib.auth.models import User
from django.db import models
class Invite(models.Model):
    email = models.CharField(max_length=254)
`
	forms := func(clean string) string {
		return `
from django import forms
class CustomEmailField(forms.EmailField):
` + clean + `
class InviteForm(forms.Form):
    email = CustomEmailField()
class PlainForm(forms.Form):
    email = forms.EmailField()
`
	}
	const views = `
from django.http import HttpResponseBadRequest
from app.forms import InviteForm, PlainForm
from app.models import Invite
def send_invite(request):
    form = InviteForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    email = form.cleaned_data["email"]
    if len(email) > 100:
        return HttpResponseBadRequest()
    Invite.objects.create(email=email)
def plain(request):
    form = PlainForm(request.POST)
    if not form.is_valid():
        return HttpResponseBadRequest()
    Invite.objects.create(email=form.cleaned_data["email"])
`
	tests := []struct {
		name, clean string
		want, never []string
	}{
		{"clean returns super().clean(value).lower()",
			"    def clean(self, value):\n        value = super().clean(value)\n        return value.lower()\n",
			[]string{"Invite.created(email: lowercase(email))", "requires: length(email) <= config.max_email_length"}, []string{"length(lowercase(email))"}},
		{"to_python returning super().to_python(value).lower() in one expression",
			"    def to_python(self, value):\n        return super().to_python(value).lower()\n",
			[]string{"Invite.created(email: lowercase(email))"}, nil},
		{"a clean that strips is not lower-casing",
			"    def clean(self, value):\n        value = super().clean(value)\n        return value.strip()\n",
			[]string{"Invite.created(email: email)"}, []string{"lowercase(email)"}},
		{"a clean that branches is left as given",
			"    def clean(self, value):\n        value = super().clean(value)\n        if value:\n            return value.lower()\n        return value\n",
			[]string{"Invite.created(email: email)"}, []string{"lowercase(email)"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, New(Options{}), map[string]string{"app/models.py": models, "app/forms.py": forms(tc.clean), "app/views.py": views})
			got := construct(out.Module, "SendInvite")
			for present, texts := range map[bool][]string{true: tc.want, false: tc.never} {
				for _, text := range texts {
					if strings.Contains(got, text) != present {
						t.Errorf("%q present: %v, want %v, in\n%s", text, !present, present, got)
					}
				}
			}
			if plain := construct(out.Module, "Plain"); !strings.Contains(plain, "Invite.created(email: email)") {
				t.Errorf("a framework field's input is lower-cased:\n%s", plain)
			}
		})
	}
}

// TestLoweringSerializerFields: a DRF serializer field of a class whose
// to_internal_value lower-cases gives validated_data the input in lower
// case; initial_data, the input as sent, keeps it as given.
func TestLoweringSerializerFields(t *testing.T) {
	const models = `
from django.db import models
class Invite(models.Model):
    email = models.CharField(max_length=254)
`
	const serializers = `
from rest_framework import serializers
class LowerEmailField(serializers.EmailField):
    def to_internal_value(self, data):
        return super().to_internal_value(data).lower()
class InviteSerializer(serializers.Serializer):
    email = LowerEmailField()
`
	view := func(attr string) string {
		return `
from rest_framework.views import APIView
from rest_framework.response import Response
from app.models import Invite
from app.serializers import InviteSerializer
class SendInviteApi(APIView):
    def post(self, request):
        serializer = InviteSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        Invite.objects.create(email=serializer.` + attr + `["email"])
        return Response()
`
	}
	for attr, want := range map[string]string{"validated_data": "Invite.created(email: lowercase(email))", "initial_data": "Invite.created(email: email)"} {
		t.Run(attr, func(t *testing.T) {
			out := distilText(t, New(Options{}), map[string]string{"app/models.py": models, "app/serializers.py": serializers, "app/views.py": view(attr)})
			if got := construct(out.Module, "SendInviteApi"); !strings.Contains(got, want) {
				t.Errorf("rule lacks %q:\n%s", want, got)
			}
		})
	}
}
