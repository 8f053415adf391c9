package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestCollectedLocals pins a local list a call changes in a way the walk
// does not read: wger's get_user_last_activity (gym/helpers.py:35-48)
// appends dates under tests, then returns max(dates) if dates else None;
// read with dates still the empty list, the spec said
// last_activity = if {}: max({}) else: null.
func TestCollectedLocals(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from django.db import models
from django.contrib.auth.models import User


class UserCache(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE)
    last_activity = models.DateField(null=True)


class Log(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    date = models.DateField()
`,
		"app/management/commands/update_cache.py": `
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from app.models import Log, UserCache


def last_activity(user):
    dates = []
    last = Log.objects.filter(user=user).order_by("date").last()
    if last:
        dates.append(last.date)
    return max(dates) if dates else None


class Command(BaseCommand):
    def handle(self, **options):
        for cache in UserCache.objects.all():
            cache.last_activity = last_activity(cache.user)
            cache.save()
`,
	}
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, files)
	text := string(allium.Print(out.Module, allium.PrintOptions{}))
	if strings.Contains(text, "max({})") || strings.Contains(text, "if {}") {
		t.Errorf("the collected list is read as empty:\n%s", text)
	}
}
