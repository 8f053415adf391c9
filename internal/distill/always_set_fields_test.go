package distill

import "testing"

// TestAlwaysSetFieldTruth pins the truth test of a row's field the entity
// declares not optional (pretalx send_verification_mail, person/domain/
// verification.py:147-148: `to = user.email; if not to: raise`, where
// User.email is no null column; taiga's `if not current_password and
// request.user.password`, users/api.py:209, where a GitHub user's password
// is ”): `!= null` would state nothing, so the test is the language's
// truth of the value (a text not empty, a number not zero), or left out;
// a field declared null=True still reads as `!= null`.
func TestAlwaysSetFieldTruth(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name      string
		decl      string // the User.nickname column
		want, not []string
	}{
		{
			name: "a column that may be null: the test is for a value",
			decl: "models.CharField(max_length=60, null=True)",
			want: []string{"requires: user.nickname != null"},
		},
		{
			name: "a text column never null: the test is for a text not empty",
			decl: "models.CharField(max_length=60)",
			want: []string{"requires: user.nickname != \"\"", "Email.created("},
			not:  []string{"user.nickname != null"},
		},
		{
			name: "a number column never null: the test is for a number not zero",
			decl: "models.IntegerField(default=0)",
			want: []string{"requires: user.nickname != 0", "Email.created("},
			not:  []string{"user.nickname != null"},
		},
		{
			name: "a time column never null: no test the spec can state",
			decl: "models.DateTimeField()",
			want: []string{"Email.created("},
			not:  []string{"user.nickname != null", "requires: user.nickname"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from django.db import models


class User(models.Model):
    email = models.EmailField(unique=True)
    nickname = ` + tt.decl + `
`,
				"app/views.py": `
from django.core.mail import send_mail
from rest_framework.decorators import api_view
from rest_framework.response import Response

from app.models import User


def greet(user):
    to = user.nickname
    if not to:
        raise ValueError("no nickname")
    send_mail("Hello", "text", None, [user.email])


@api_view(["POST"])
def greet_view(request):
    user = User.objects.get(pk=request.data["user_id"])
    greet(user)
    return Response()
`})
			wantConstruct(t, out, "GreetView", tt.want, tt.not)
		})
	}
}
