package distill

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestRaisedNotFound: a view that catches the service's own error around a
// helper that raises it in place of the framework's not-found (except
// User.DoesNotExist: raise UserNotFound(...), baserow's get_active_user,
// core/user/handler.py:118-121) reads the catch as that lookup finding
// nothing, as it reads DoesNotExist itself: a handler that passes makes the
// found row a precondition of the outcomes that need it. An error the
// helper raises for anything else, or a framework's error it raises there
// (ValidationError, which stands for every other failure too), is not
// read so.
func TestRaisedNotFound(t *testing.T) {
	d := New(Options{})
	const models = `
from django.db import models
from django.contrib.auth.models import AbstractBaseUser

class User(AbstractBaseUser):
    email = models.EmailField()
    is_active = models.BooleanField(default=True)

class ResetToken(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE)
`
	helper := func(handler string) string {
		return `
from django.core.exceptions import ValidationError
from .models import User

class UserNotFound(Exception):
    pass

class Handler:
    def get_active_user(self, email):
        try:
            return User.objects.get(email=email, is_active=True)
        except User.DoesNotExist:
` + handler + `
`
	}
	view := func(caught string) string {
		return `
from django.core.exceptions import ValidationError
from rest_framework.views import APIView
from rest_framework.response import Response
from .handler import Handler, UserNotFound
from .models import ResetToken

class SendReset(APIView):
    def post(self, request):
        try:
            user = Handler().get_active_user(email=request.data["email"])
            ResetToken.objects.create(user=user)
        except ` + caught + `:
            pass
        return Response(status=204)
`
	}
	for _, tc := range []struct {
		name, handler, caught string
		want, absent          []string
	}{
		{
			name:    "the helper raises it for the missing row: the row is required",
			handler: `            raise UserNotFound("no such user")`,
			caught:  "UserNotFound",
			want:    []string{"let user = User{email, is_active: true}", "requires: exists user", "ResetToken.created(user: user)"},
		},
		{
			name: "the helper logs too: not read as a plain not-found",
			handler: `            print("missing")
            raise UserNotFound("no such user")`,
			caught: "UserNotFound",
			absent: []string{"requires: exists user"},
		},
		{
			name:    "a framework's error raised there stands for other failures too",
			handler: `            raise ValidationError("no such user")`,
			caught:  "ValidationError",
			absent:  []string{"requires: exists user"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/handler.py": helper(tc.handler), "app/views.py": view(tc.caught)})
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			assertSpecText(t, text, tc.want, tc.absent)
		})
	}
}
