package distill

import "testing"

// TestFrameworkMails: a framework model's method that mails the address
// its row holds (catalog framework_mails; allauth's
// EmailAddress.send_confirmation, as dj-rest-auth's
// ResendEmailVerificationView calls it, registration/views.py:142) sends
// that e-mail, with the template its flag picks; a model of the service's
// own of the same name does not have it.
func TestFrameworkMails(t *testing.T) {
	d := New(Options{})
	view := func(imp, call string) map[string]string {
		files := map[string]string{"app/views.py": imp + `
from rest_framework.response import Response
from rest_framework.views import APIView

class ResendView(APIView):
    def post(self, request):
        address = EmailAddress.objects.filter(email=request.data["email"]).first()
        if address is None:
            return Response(status=404)
        ` + call + `
        return Response({"detail": "ok"})
`}
		if imp == "from .models import EmailAddress" {
			files["app/models.py"] = `
from django.db import models

class EmailAddress(models.Model):
    email = models.EmailField()
    verified = models.BooleanField(default=False)
`
		}
		return files
	}
	const allauth = "from allauth.account.models import EmailAddress"
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{
			name:  "send_confirmation mails the address's confirmation",
			files: view(allauth, "address.send_confirmation(request)"),
			want: `rule Resend {
    when: Resend(email)
    let address = EmailAddress{email}
    requires: exists address
    ensures: Email.created(to: address.email, template: email_confirmation)
}`,
		},
		{
			name:  "its signup flag picks the signup template",
			files: view(allauth, "address.send_confirmation(request, signup=True)"),
			want: `rule Resend {
    when: Resend(email)
    let address = EmailAddress{email}
    requires: exists address
    ensures: Email.created(to: address.email, template: email_confirmation_signup)
}`,
		},
		{
			name:  "the service's own model of the name has no such method",
			files: view("from .models import EmailAddress", "address.send_confirmation(request)"),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			if got := construct(out.Module, "Resend"); got != tt.want {
				t.Errorf("Resend:\ngot:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
