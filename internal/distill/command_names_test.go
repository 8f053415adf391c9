package distill

import (
	"strings"
	"testing"
)

// TestCommandNames pins the rule names of healthchecks' management
// commands (hc/accounts/management/commands/): a module name written run
// together is split into the words the command's code uses; one those
// words cannot spell whole, or one with underscores, reads as before.
func TestCommandNames(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, module, help, want string
	}{
		{"help text and the fields read spell the name", "senddeletionscheduled",
			"Send warnings to accounts marked for deletion.", "SendDeletionScheduled"},
		{"a word's plural counts", "pruneprofiles", "Prune old profile rows.", "PruneProfiles"},
		{"a name its words do not spell keeps its plain reading", "zapall",
			"Send warnings.", "Zapall"},
		{"underscores already split the name", "send_deletion_scheduled",
			"Nothing here.", "SendDeletionScheduled"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from django.db import models
class Profile(models.Model):
    deletion_scheduled_date = models.DateTimeField(null=True)
`,
				"app/management/commands/" + tt.module + ".py": `
from django.core.management.base import BaseCommand
from django.utils.timezone import now
from app.models import Profile

class Command(BaseCommand):
    help = "` + tt.help + `"

    def handle(self, *args, **options):
        Profile.objects.filter(deletion_scheduled_date__lt=now()).delete()
`})
			if got := construct(out.Module, tt.want); !strings.HasPrefix(got, "rule "+tt.want+" {") {
				var names []string
				for _, r := range out.Module.Rules {
					names = append(names, r.Name)
				}
				t.Errorf("no rule %s; rules: %v", tt.want, names)
			}
		})
	}
}
