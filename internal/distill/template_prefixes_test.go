package distill

import "testing"

// TestTemplatePrefixFStrings pins a mail helper that renders the files of
// a template prefix its caller names, render_to_string(
// f"{template_prefix}_subject.txt", ctx), as django-allauth's
// DefaultAccountAdapter.render_mail does (account/adapter.py:184-205): the
// mail is named by the prefix handed in, not by the helper that sends it.
// An f-string of more than a name, or a name bound to no text, names
// nothing, and the mail keeps the helper's name.
func TestTemplatePrefixFStrings(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name, subject, prefix string
		want, not             []string
	}{
		{
			name:    "the prefix handed in names the mail",
			subject: `f"{template_prefix}_subject.txt"`,
			prefix:  `"account/email/password_changed"`,
			want:    []string{"template: password_changed"},
			not:     []string{"template: templated"},
		},
		{
			name:    "a folder before the substitution: the same name",
			subject: `f"mail/{template_prefix}.txt"`,
			prefix:  `"password_changed"`,
			want:    []string{"template: password_changed"},
		},
		{
			name:    "two substitutions: not read, the helper's name",
			subject: `f"{template_prefix}_{kind}.txt"`,
			prefix:  `"account/email/password_changed"`,
			want:    []string{"template: templated"},
			not:     []string{"password_changed"},
		},
		{
			name:    "a prefix the caller computes: not read, the helper's name",
			subject: `f"{template_prefix}_subject.txt"`,
			prefix:  `request.POST["kind"]`,
			want:    []string{"template: templated"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from django.db import models


class User(models.Model):
    email = models.EmailField(unique=True)
`,
				"app/views.py": `
from django.core.mail import EmailMessage
from django.http import JsonResponse
from django.template.loader import render_to_string

from app.models import User


def send_templated(template_prefix, email, kind="subject"):
    subject = render_to_string(` + tt.subject + `, {})
    msg = EmailMessage(subject, "", "from@example.com", [email])
    msg.send()


def notify(request):
    user = User.objects.get(email=request.POST["email"])
    send_templated(` + tt.prefix + `, user.email)
    return JsonResponse({})
`})
			wantConstruct(t, out, "Notify", tt.want, tt.not)
		})
	}
}
