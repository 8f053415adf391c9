package distill

import "testing"

// TestLeadNormalisers: unicodedata.normalize("NFKC", x) is nfkc(x), the
// form named first (catalog normaliser_calls lead), so a lookup by the
// normalised address is read; another form is no such normaliser. And a
// refusal whose branch only names a row before it raises is no rule of
// its own (a let is no outcome).
func TestLeadNormalisers(t *testing.T) {
	const models = `
from django.db import models
from django.contrib.auth.models import AbstractUser

class User(AbstractUser):
    pass

class Token(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE)
`
	view := func(form string) string {
		return `
import unicodedata
from django.db.models import Q
from rest_framework.views import APIView
from rest_framework.response import Response
from .models import Token, User


class UserExists(Exception):
    pass


def normalize_email_address(email):
    return unicodedata.normalize("` + form + `", email).strip().lower()


def create_user(email):
    email = normalize_email_address(email)
    query = User.objects.filter(Q(email=email) | Q(username=email))
    if query.exists():
        user = query.first()
        if user.is_active:
            raise UserExists("active")
        else:
            raise UserExists("inactive")
    user = User.objects.create(email=email, username=email)
    Token.objects.create(user=user)
    return user


class SignupView(APIView):
    def post(self, request):
        create_user(request.data["email"])
        return Response(status=201)
`
	}
	tests := []struct {
		name, form   string
		want, absent []string
	}{
		{
			name: "NFKC",
			form: "NFKC",
			want: []string{"requires: not exists User{email: lowercase(trim(nfkc(email)))}",
				"email: lowercase(trim(nfkc(email))),", "Token.created(user: new_user)"},
		},
		{
			name:   "another form",
			form:   "NFD",
			absent: []string{"nfkc("},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(Options{})
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/views.py": view(tt.form)})
			got := construct(out.Module, "Signup")
			assertSpecText(t, got, tt.want, tt.absent)
			if r := construct(out.Module, "SignupRejected"); r != "" {
				t.Errorf("a rejection rule of only a let:\n%s", r)
			}
		})
	}
}
