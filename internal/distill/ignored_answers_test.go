package distill

import (
	"strings"
	"testing"
)

// TestIgnoredRefusals: a helper that refuses with False or None on a
// check (mealie's EmailService.send_email, `if not
// self.settings.SMTP_ENABLE: return False`, services/email/
// email_service.py:41-45) does what follows only when it did not refuse.
// A caller that ignores the answer (a call on its own, or a local kept
// only for the response) gets what follows under the negated check, or
// left out when the check cannot be stated; a caller that tests the
// answer, or reads the answer's attributes, keeps the old reading.
func TestIgnoredRefusals(t *testing.T) {
	models := `
from django.db import models
class User(models.Model):
    email = models.EmailField(unique=True)
    is_active = models.BooleanField(default=True)
    audited = models.BooleanField(default=False)
class Audit(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE)
`
	// As mealie's send_email answers its sender's answer, record answers
	// write_audit's: no success flag of its own.
	helper := `
def write_audit(user):
    Audit.objects.create(user=user)
    return True

def record(user):
    if not user.audited:
        return False
    return write_audit(user)
`
	cases := []struct {
		name    string
		helper  string
		call    string
		ret     string
		want    []string
		notWant []string
	}{
		{
			name:   "a call on its own",
			helper: helper,
			call:   "    record(user)\n",
			want:   []string{"if user.audited:\n            Audit.created(user: user)"},
		},
		{
			name:   "a local kept only for the response",
			helper: helper,
			call:   "    done = record(user)\n",
			ret:    "    return JsonResponse({'done': done})\n",
			want:   []string{"if user.audited:\n            Audit.created(user: user)"},
		},
		{
			name:   "a tested answer keeps the old reading",
			helper: helper,
			call:   "    if not record(user):\n        raise PermissionDenied()\n",
			// (what a tested answer requires is absent_results.go's and
			// success_flags.go's; this one is neither, and the old
			// reading stays)
			want:    []string{"\n        Audit.created(user: user)"},
			notWant: []string{"if user.audited"},
		},
		{
			name: "an answer whose attribute is read keeps the old reading",
			helper: `
def record(user):
    if not user.audited:
        return None
    return Audit.objects.create(user=user)
`,
			call:    "    audit = record(user)\n",
			ret:     "    return JsonResponse({'id': audit.id})\n",
			want:    []string{"Audit.created(user: user)"},
			notWant: []string{"if user.audited"},
		},
		{
			name: "a check the spec cannot state leaves the rest out",
			helper: `
def write_audit(user):
    Audit.objects.create(user=user)
    return True

def record(user):
    if settings.AUDIT_MODE == {"a": 1}.items():
        return False
    return write_audit(user)
`,
			call:    "    record(user)\n",
			want:    []string{"user.is_active = false"},
			notWant: []string{"Audit.created"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ret := tc.ret
			if ret == "" {
				ret = "    return redirect('home')\n"
			}
			files := map[string]string{
				"app/models.py": models,
				"app/views.py": `
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.http import JsonResponse
from django.shortcuts import redirect
from .models import User, Audit
` + tc.helper + `
def deactivate(request):
    user = User.objects.get(email=request.POST["email"])
` + tc.call + `
    user.is_active = False
    user.save()
` + ret}
			out := distilText(t, New(Options{}), files)
			text := construct(out.Module, "Deactivate")
			if testing.Verbose() {
				t.Logf("%s\nnotes:\n%s", text, strings.Join(out.Notes, "\n"))
			}
			assertSpecText(t, text, tc.want, tc.notWant)
		})
	}
}

// TestSendCallRecipients: a message built by a class named Message
// without its recipient and addressed by its send call (mealie's
// Message(subject=..., html=...) then message.send(to=email_to,
// smtp=...), services/email/email_senders.py:90-115) is sent to the send
// call's `to`; a builder's own recipients keep the old reading.
func TestSendCallRecipients(t *testing.T) {
	cases := []struct {
		name    string
		send    string
		want    []string
		notWant []string
	}{
		{
			name: "the send call's to",
			send: "    message = Message(subject='Welcome', html='<p>hi</p>')\n    message.send(to=user.email, smtp=None)\n",
			want: []string{"Email.created(to: user.email"},
		},
		{
			name: "the builder's recipients",
			send: "    message = Message(subject='Welcome', recipients=[user.email])\n    message.send(to=None)\n",
			want: []string{"Email.created(to: user.email"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{
				"app/models.py": `
from django.db import models
class User(models.Model):
    email = models.EmailField(unique=True)
    is_active = models.BooleanField(default=True)
`,
				"app/mail.py": `
class Message:
    def __init__(self, subject, html="", recipients=None):
        self.subject = subject
        self.html = html
    def send(self, to=None, smtp=None):
        pass
`,
				"app/views.py": `
from django.shortcuts import redirect
from .models import User
from .mail import Message

def activate(request):
    user = User.objects.get(email=request.POST["email"])
    user.is_active = True
    user.save()
` + tc.send + `    return redirect('home')
`}
			out := distilText(t, New(Options{}), files)
			text := construct(out.Module, "Activate")
			if testing.Verbose() {
				t.Logf("%s\nnotes:\n%s", text, strings.Join(out.Notes, "\n"))
			}
			assertSpecText(t, text, tc.want, tc.notWant)
		})
	}
}
