package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestPredicateLookalikeEffects: a helper shaped like a predicate (`if not
// x: return False`, then `return other(...)`) whose reading reaches an
// effect is no predicate: the walk states that effect, once. Before, the
// reading's effects went to a discarded buffer and the helper's calls,
// worked out once per scope, were not made again (mealie's
// EmailService.send_email, services/email/email_service.py:41-45: its
// rules stated no mail), or the helper was named as the question it
// answers, its effects dropped.
func TestPredicateLookalikeEffects(t *testing.T) {
	d := New(Options{})
	helper := map[string]string{
		"function": `
from django.core.mail import EmailMessage
def deliver(to, subject):
    msg = EmailMessage(subject, "body", "from@example.com", [to])
    msg.send()
    return True
def notify_user(to, subject):
    if not to:
        return False
    return deliver(to, subject)
`,
		"method": `
from django.core.mail import EmailMessage
class Sender:
    def deliver(self, to, subject):
        msg = EmailMessage(subject, "body", "from@example.com", [to])
        msg.send()
        return True
class Notifier:
    def __init__(self):
        self.sender = Sender()
    def notify_user(self, to, subject):
        if not to:
            return False
        return self.sender.deliver(to, subject)
`,
	}
	views := map[string]string{
		"function": `
from django.http import JsonResponse
from .models import User
from .mail import notify_user
def forgot_password(request):
    user = User.objects.get(email=request.POST["email"])
    notify_user(user.email, "reset")
    return JsonResponse({})
`,
		"method": `
from django.http import JsonResponse
from .models import User
from .mail import Notifier
def forgot_password(request):
    user = User.objects.get(email=request.POST["email"])
    Notifier().notify_user(user.email, "reset")
    return JsonResponse({})
`,
	}
	for _, name := range []string{"function", "method"} {
		t.Run(name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": "from django.db import models\nclass User(models.Model):\n    email = models.EmailField(unique=True)\n",
				"app/mail.py":   helper[name],
				"app/views.py":  views[name],
			})
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			assertSpecText(t, text, []string{"Email.created(to: user.email"}, []string{"notify_user("})
			if n := strings.Count(text, "Email.created("); n != 1 {
				t.Errorf("%d creations of Email, want 1:\n%s", n, text)
			}
			if out.Stats.EffectsSeen != 1 {
				t.Errorf("effects seen %d, want 1", out.Stats.EffectsSeen)
			}
		})
	}
}

// TestPredicateLookalikeGuards: the reading of a predicate-shaped helper
// that reaches an effect states no preconditions of its own; the walk
// that follows states them under the conditions it puts them under. The
// sender's check runs only when the helper did not refuse first (mealie's
// DefaultEmailSender.send raises only when SMTP is enabled,
// services/email/email_senders.py:90-100, behind email_service.py:42-43).
func TestPredicateLookalikeGuards(t *testing.T) {
	d := New(Options{})
	out := distilText(t, d, map[string]string{
		"app/models.py": "from django.db import models\nclass User(models.Model):\n    email = models.EmailField(unique=True)\n    notify = models.BooleanField(default=True)\n",
		"app/mail.py": `
from django.core.mail import EmailMessage
def deliver(to, subject):
    if "@" not in to:
        raise ValueError("not an address")
    msg = EmailMessage(subject, "body", "from@example.com", [to])
    msg.send()
    return True
def notify_user(user, subject):
    if not user.notify:
        return False
    return deliver(user.email, subject)
`,
		"app/views.py": `
from django.http import JsonResponse
from .models import User
from .mail import notify_user
def forgot_password(request):
    user = User.objects.get(email=request.POST["email"])
    notify_user(user, "reset")
    return JsonResponse({})
`,
	})
	text := string(allium.Print(out.Module, allium.PrintOptions{}))
	assertSpecText(t, text, []string{"requires: not user.notify or contains(user.email, \"@\")", "if user.notify:", "Email.created(to: user.email"}, []string{"requires: contains(user.email"})
}
