package distill

import (
	"strings"
	"testing"
)

// TestPlumbingFieldWrites: a write to a field the spec keeps only where a
// rule uses it (a *_token column, updated_at) of a value the walk cannot
// read is noted, as for any other field, never dropped unseen
// (parse-server's expiry of the verification token, UserController.js:
// 55-58).
func TestPlumbingFieldWrites(t *testing.T) {
	const models = `
from django.db import models
from django.contrib.auth.models import AbstractUser

class User(AbstractUser):
    refresh_token = models.CharField(max_length=200, null=True)
`
	const views = `
import somelib
from rest_framework.views import APIView
from rest_framework.response import Response


class RotateView(APIView):
    def post(self, request):
        user = request.user
        user.refresh_token = somelib.make(user.id)
        user.first_name = request.data["name"]
        user.save()
        return Response({})
`
	out := distilText(t, New(Options{}), map[string]string{"app/models.py": models, "app/views.py": views})
	notes := strings.Join(out.Notes, "\n")
	if !strings.Contains(notes, "the value assigned to User.refresh_token left out") {
		t.Errorf("no note on the refresh_token write in:\n%s", notes)
	}
	assertSpecText(t, construct(out.Module, "Rotate"), []string{"user.first_name = name"}, []string{"refresh_token"})
}
