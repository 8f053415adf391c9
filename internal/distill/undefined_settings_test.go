package distill

import "testing"

// TestUndefinedSettings pins a setting read through Django's settings
// object that no module of the service defines (taiga's
// settings.PUBLIC_REGISTER_ENABLED, auth/api.py:107, which the
// deployment's settings file sets): the deployment's parameter, declared
// without a default and typed by its name, so the guard on it is stated.
// A setting the service defines keeps what its definition made of it: a
// dict of mailers is no parameter, and the guard on it stays left out.
func TestUndefinedSettings(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from django.db import models

class Widget(models.Model):
    name = models.CharField(max_length=10)
`,
		"app/settings.py": `
MAILERS = {}
`,
		"app/views.py": `
from django.conf import settings
from rest_framework.decorators import api_view
from rest_framework.response import Response
from rest_framework import exceptions as exc

from .models import Widget


@api_view(["POST"])
def make_widget(request):
    if not settings.WIDGETS_ENABLED:
        raise exc.ValidationError("disabled")
    Widget.objects.create(name=request.data["name"])
    return Response(status=201)


@api_view(["POST"])
def mail_widget(request):
    if not settings.MAILERS:
        raise exc.ValidationError("no mailers")
    Widget.objects.create(name=request.data["name"])
    return Response(status=201)
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "a setting no module defines is the deployment's parameter",
			construct: "MakeWidget",
			want:      []string{"requires: config.widgets_enabled", "widgets_enabled: Boolean"},
		},
		{
			name:      "a setting the service defines as no parameter stays left out",
			construct: "MailWidget",
			want:      []string{"ensures: Widget.created(name: name)"},
			notWant:   []string{"config.mailers", "mailers:"},
		},
	})
}
