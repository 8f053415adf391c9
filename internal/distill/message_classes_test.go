package distill

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestMessageClasses: a message class of the service derived from a
// catalogued message builder (baserow's ResetPasswordEmail, through its
// BaseEmailMessage(EmailMultiAlternatives), core/user/emails.py:7,
// core/emails.py:18) is built as the builder's message: its `to` keyword
// addresses the mail sent (core/user/handler.py:414-415). A subclass with
// a constructor of its own takes its own positional parameters, which
// are not the builder's; one without takes the builder's.
func TestMessageClasses(t *testing.T) {
	d := New(Options{})
	const models = `
from django.db import models
from django.contrib.auth.models import AbstractBaseUser

class User(AbstractBaseUser):
    email = models.EmailField()
`
	for _, tc := range []struct {
		name, emails, build string
		want, absent        []string
	}{
		{
			name: "own constructor: the to keyword addresses the mail",
			emails: `
class ResetEmail(BaseEmail):
    def __init__(self, user, url, *args, **kwargs):
        self.user = user
        super().__init__(*args, **kwargs)
`,
			build: `ResetEmail(user, "http://x/", to=[user.email])`,
			want:  []string{"Email.created(to: user.email"},
		},
		{
			name: "own constructor: its positional parameters are no recipient",
			emails: `
class ResetEmail(BaseEmail):
    def __init__(self, subject, body, sender, user, **kwargs):
        self.user = user
        super().__init__(**kwargs)
`,
			build:  `ResetEmail("s", "b", "f", user)`,
			want:   []string{"Email.created("},
			absent: []string{"to: user"},
		},
		{
			name:   "no constructor of its own: the builder's positional recipient",
			emails: "\nclass ResetEmail(BaseEmail):\n    pass\n",
			build:  `ResetEmail("Reset", "body", "noreply@x", [user.email])`,
			want:   []string{"Email.created(to: user.email"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			emails := `
from django.core.mail import EmailMultiAlternatives

class BaseEmail(EmailMultiAlternatives):
    def get_context(self):
        return {}
` + tc.emails
			view := `
from rest_framework.views import APIView
from rest_framework.response import Response
from .models import User
from .emails import ResetEmail

class SendReset(APIView):
    def post(self, request):
        user = User.objects.get(email=request.data["email"])
        message = ` + tc.build + `
        message.send()
        return Response(status=204)
`
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/emails.py": emails, "app/views.py": view})
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			assertSpecText(t, text, tc.want, tc.absent)
		})
	}
}
