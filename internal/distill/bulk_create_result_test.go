package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// What a bulk creation gives back is the rows it was handed (Django's
// bulk_create, catalog bulk_create_methods), not every row of the model:
// plane's workspace invitations mail each invitation just made
// (app/views/workspace/invite.py:113-127), and read as the model's rows
// the loop mailed every invitation stored.
func TestBulkCreateResult(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/models.py": `
from django.db import models
class Invite(models.Model):
    email = models.EmailField()
    accepted = models.BooleanField(default=False)
`,
		"app/views.py": `
from django.core.mail import send_mail
from rest_framework.response import Response
from rest_framework.views import APIView
from app.models import Invite
class InviteEndpoint(APIView):
    def post(self, request):
        invites = [Invite(email=e) for e in request.data["emails"]]
        made = Invite.objects.bulk_create(invites)
        for invite in made:
            send_mail("Invited", "Join us", "noreply@example.com", [invite.email])
        return Response(status=201)
`,
	}
	out := distilText(t, d, files)
	if text := allium.Print(out.Module, allium.PrintOptions{}); strings.Contains(string(text), "in Invites") {
		t.Errorf("a rule loops over every stored invite:\n%s", text)
	}
}
