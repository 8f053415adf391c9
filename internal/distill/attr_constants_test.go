package distill

import (
	"strings"
	"testing"
)

// TestAttrNameConstants: getattr(obj, NAME, default) with NAME a module
// constant holding the attribute's name reads obj.<name>, as a literal
// name does; an attribute the model does not declare is then a value left
// out with a note, never a getattr(...) call of a config parameter.
func TestAttrNameConstants(t *testing.T) {
	const models = `
from django.db import models
from django.contrib.auth.models import AbstractUser

class User(AbstractUser):
    email = models.EmailField(unique=True)
    locale = models.CharField(max_length=10, default="en")

class Action(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    session = models.CharField(max_length=36, null=True)
    locale = models.CharField(max_length=10, null=True)
`
	const sessions = `
SESSION_ATTR = "untrusted_client_session_id"
LOCALE_ATTR = "locale"
`
	const views = `
from rest_framework.views import APIView
from rest_framework.response import Response
from .models import Action
from .sessions import SESSION_ATTR, LOCALE_ATTR


class ActView(APIView):
    def post(self, request):
        user = request.user
        Action.objects.create(
            user=user,
            session=getattr(user, SESSION_ATTR, None),
            locale=getattr(user, LOCALE_ATTR, None),
        )
        return Response({})
`
	d := New(Options{})
	out := distilText(t, d, map[string]string{"app/models.py": models, "app/sessions.py": sessions, "app/views.py": views})
	got := construct(out.Module, "Act")
	notes := strings.Join(out.Notes, "\n")
	for _, w := range []string{"Action.created(user: user, locale: user.locale)"} {
		if !strings.Contains(got, w) {
			t.Errorf("missing %q in:\n%s", w, got)
		}
	}
	if strings.Contains(got, "getattr") || strings.Contains(got, "session:") {
		t.Errorf("getattr or session stated in:\n%s", got)
	}
	if !strings.Contains(notes, "the value of Action.session left out") {
		t.Errorf("no note on Action.session in:\n%s", notes)
	}
}
