package distill

import (
	"strings"
	"testing"
)

// TestClaimPresence pins healthchecks' change_email_verify
// (hc/accounts/views.py:631, backends.py:29): a test that an entry of a
// payload the rule verified is there says nothing the signature does not
// (no requires: signed.t), while a test of the entry's value is a
// precondition as before.
func TestClaimPresence(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, guard string
		want        []string // in order, in rule Verify
		absent      string
	}{
		{"a presence test of an entry is no requires",
			`    if not payload["t"]:
        return HttpResponse(status=400)`,
			[]string{"requires: signed.issued_at + config.", "user.is_active = true"}, "requires: signed.t"},
		{"a test of the entry's value stays",
			`    if payload["t"] != "go":
        return HttpResponse(status=400)`,
			[]string{"requires: signed.issued_at + config.", `requires: signed.t = "go"`, "user.is_active = true"}, "requires: signed.t\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from django.db import models
from django.contrib.auth.models import User
`,
				"app/views.py": `
from django.contrib.auth.models import User
from django.core.signing import TimestampSigner
from django.http import HttpResponse

def verify(request, signed):
    payload = TimestampSigner().unsign_object(signed, max_age=900)
` + tt.guard + `
    user = User.objects.get(username=payload["u"])
    user.is_active = True
    user.save()
    return HttpResponse("ok")
`,
				"app/urls.py": djangoRoute("v/<str:signed>/", "verify")})
			got := construct(out.Module, "Verify")
			wantInOrder(t, got, tt.want, out.Notes)
			if strings.Contains(got, tt.absent) {
				t.Errorf("%q in:\n%s", tt.absent, got)
			}
		})
	}
}
