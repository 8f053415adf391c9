package distill

import "testing"

// TestChoicesTable: a column whose choices name a module's table of
// (value, label) pairs holds exactly the table's values, the default
// first, whatever literals the code compares other columns of its name
// with (healthchecks' STATUSES and CHECK_KINDS, hc/api/models.py:37-41,
// where Check.kind had pooled every channel kind); a table with a value
// the spec cannot spell leaves the column to its literals.
func TestChoicesTable(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from django.db import models

STATUSES = (("up", "Up"), ("down", "Down"), ("new", "New"), ("paused", "Paused"))
KINDS = (("simple", "Simple"), ("cron", "Cron"))
REASONS = (("", "Unknown"), ("timeout", "Timeout"), ("fail", "Fail signal"))

class Check(models.Model):
    kind = models.CharField(max_length=10, default="simple", choices=KINDS)
    status = models.CharField(max_length=6, choices=STATUSES, default="new")

class Channel(models.Model):
    kind = models.CharField(max_length=20)

class Flip(models.Model):
    new_status = models.CharField(max_length=8, choices=STATUSES)
    reason = models.CharField(max_length=8, choices=REASONS, default="")
`,
		"app/views.py": `
from django.http import HttpResponse
from django.views.decorators.http import require_POST
from app.models import Check, Channel, Flip

@require_POST
def add_channel(request):
    channel = Channel(kind="email")
    channel.save()
    flip = Flip(new_status="down", reason="timeout")
    flip.save()
    if channel.kind == "slack":
        flip.reason = "fail"
    return HttpResponse()
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{name: "the table's values, the default first", construct: "Check", want: []string{"status: new | up | down | paused", "kind: simple | cron"}, notWant: []string{"email", "slack"}},
		{name: "every value, not only those the code writes", construct: "Flip", want: []string{"new_status: up | down | new | paused"}},
		{name: "a value the spec cannot spell: the literals", construct: "Flip", want: []string{"reason: timeout | fail"}},
	})
}
