package distill

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestUserModelAliases: a call of a module constant that names the user
// model (User = get_user_model(), baserow's core/user/handler.py:75)
// makes a new user, as a call of the model's class does
// (force_create_user, handler.py:155-167); a constant bound to any other
// call is no model.
func TestUserModelAliases(t *testing.T) {
	d := New(Options{})
	const models = `
from django.db import models

class UserProfile(models.Model):
    user = models.OneToOneField("auth.User", on_delete=models.CASCADE)
    language = models.CharField(max_length=10)
`
	for _, tc := range []struct {
		name, alias  string
		want, absent []string
	}{
		{
			name:  "the user model's getter: a new user",
			alias: "User = get_user_model()",
			want:  []string{"let user = User.created(", "UserProfile.created(user: user)"},
		},
		{
			name:   "any other factory: not read as the user model",
			alias:  "User = make_user_class()",
			absent: []string{"User.created("},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			handler := `
from django.contrib.auth import get_user_model
from .factories import make_user_class
from .models import UserProfile

` + tc.alias + `

class UserHandler:
    def create_user(self, email, name, password):
        user = User(first_name=name, email=email, username=email)
        user.set_password(password)
        user.save()
        UserProfile.objects.create(user=user)
        return user
`
			const view = `
from rest_framework.views import APIView
from rest_framework.response import Response
from .handler import UserHandler

class Register(APIView):
    def post(self, request):
        UserHandler().create_user(request.data["email"], request.data["name"], request.data["password"])
        return Response(status=204)
`
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/handler.py": handler, "app/views.py": view})
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			assertSpecText(t, text, tc.want, tc.absent)
		})
	}
}
