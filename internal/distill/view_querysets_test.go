package distill

import (
	"strings"
	"testing"
)

// viewQuerysetModels is the model of TestViewQuerysets: an address whose
// method mails its confirmation.
const viewQuerysetModels = `
from django.core.mail import send_mail
from django.db import models

class EmailAddress(models.Model):
    email = models.EmailField()
    verified = models.BooleanField(default=False)

    def send_confirmation(self, request=None):
        send_mail("Confirm", "confirm", None, [self.email])
`

// TestViewQuerysets pins dj-rest-auth's ResendEmailVerificationView
// (registration/views.py:132-143) in small: a view's inherited
// get_queryset() is the rows of its queryset attribute, and a lookup's
// criteria spread from a serializer's validated data are one per field
// the serializer declares.
func TestViewQuerysets(t *testing.T) {
	d := New(Options{})
	resend := `rule ResendEmailVerification {
    when: ResendEmailVerification(email)
    let email_3 = EmailAddress{email}
    requires: exists email_3 and not email_3.verified
    ensures: Email.created(to: email_3.email, template: confirm)
}`
	view := func(queryset, lookup, own string) string {
		return `
from rest_framework import serializers, status
from rest_framework.generics import CreateAPIView
from rest_framework.response import Response
from .models import EmailAddress

class ResendSerializer(serializers.Serializer):
    email = serializers.EmailField()

class ResendEmailVerificationView(CreateAPIView):
    serializer_class = ResendSerializer
` + queryset + own + `
    def create(self, request, *args, **kwargs):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        email = ` + lookup + `.first()
        if email and not email.verified:
            email.send_confirmation(request)
        return Response({"detail": "ok"}, status=status.HTTP_200_OK)
`
	}
	tests := []struct {
		name string
		view string
		want string
	}{
		{
			name: "the inherited get_queryset is the queryset attribute, filtered by the spread validated data",
			view: view("    queryset = EmailAddress.objects.all()\n", "self.get_queryset().filter(**serializer.validated_data)", ""),
			want: resend,
		},
		{
			name: "a manager filtered by the spread validated data",
			view: view("", "EmailAddress.objects.filter(**serializer.validated_data)", ""),
			want: resend,
		},
		{
			name: "a view's own get_queryset is read, not the attribute",
			view: view("    queryset = EmailAddress.objects.all()\n",
				"self.get_queryset().filter(**serializer.validated_data)",
				"\n    def get_queryset(self):\n        return EmailAddress.objects.filter(verified=False)\n"),
			want: `rule ResendEmailVerification {
    when: ResendEmailVerification(email)
    let email_3 = EmailAddress{verified: false, email}
    requires: exists email_3 and not email_3.verified
    ensures: Email.created(to: email_3.email, template: confirm)
}`,
		},
		{
			name: "a spread of a serializer that declares no field is no criterion, not none",
			view: strings.Replace(view("", "EmailAddress.objects.filter(**serializer.validated_data)", ""),
				"    email = serializers.EmailField()\n", "    pass\n", 1),
		},
		{
			name: "a view without a queryset attribute finds no rows through the getter",
			view: view("", "self.get_queryset().filter(**serializer.validated_data)", ""),
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": viewQuerysetModels, "app/views.py": tt.view})
			if got := construct(out.Module, "ResendEmailVerification"); got != tt.want {
				t.Errorf("ResendEmailVerification:\ngot:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
