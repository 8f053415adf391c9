package distill

import "testing"

// TestSignedInNameYields: the signed-in user, passed into a helper that
// then looks up another user by an input id under the local name user, is
// current_user, not the same parameter as the row the helper deletes; a
// lookup of the signed-in user's own row (by the session's id) stays the
// signed-in user.
func TestSignedInNameYields(t *testing.T) {
	const models = `
from django.db import models
from django.contrib.auth.models import AbstractUser

class User(AbstractUser):
    email = models.EmailField(unique=True)
`
	view := func(body string) string {
		return `
from rest_framework.views import APIView
from rest_framework.response import Response
from .models import User


class UserAdminHandler:
    def delete_user(self, requesting_user, user_id: int):
        if not requesting_user.is_staff:
            raise PermissionError()
        if requesting_user.id == user_id:
            raise ValueError("yourself")
` + body + `


class UserAdminView(APIView):
    def delete(self, request, user_id):
        user_id = int(user_id)
        UserAdminHandler().delete_user(request.user, user_id)
        return Response(status=204)
`
	}
	tests := []struct {
		name, body string
		want       []string
		absent     []string
	}{
		{
			name: "a user found by the input id",
			body: "        user = User.objects.get(id=user_id)\n        user.delete()",
			want: []string{"when: UserAdmin(current_user, user)", "requires: current_user.is_staff", "requires: current_user != user", "ensures: not exists user"},
		},
		{
			name:   "the acting user deleted by name",
			body:   "        requesting_user.delete()",
			want:   []string{"requires: user.is_staff", "ensures: not exists user"},
			absent: []string{"current_user"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(Options{})
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/views.py": view(tt.body)})
			got := construct(out.Module, "UserAdmin")
			assertSpecText(t, got, tt.want, tt.absent)
		})
	}
}
