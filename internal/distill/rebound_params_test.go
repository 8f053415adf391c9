package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestReboundParamRow: a row the caller names by its id, replaced when
// missing by one the handler makes (baserow's fill_workspace,
// contrib/database/management/commands/fill_workspace.py:112-117: try
// get_workspace(workspace_id) except WorkspaceDoesNotExist: workspace =
// create_workspace(user, ...)), is a trigger parameter the condition
// reads, and the row made is named apart from it; what the handler checks
// holds only for a row not found. Before, the condition read a name bound
// nowhere and the new row's let took the same name, the checker rejected
// the rule, and the config parameter only it read was left behind.
func TestReboundParamRow(t *testing.T) {
	d := New(Options{})
	const models = `
from django.contrib.auth.models import AbstractUser
from django.db import models

class User(AbstractUser):
    pass

class Workspace(models.Model):
    name = models.CharField(max_length=100)

class WorkspaceUser(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE)
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    permissions = models.CharField(max_length=32, default="ADMIN")
`
	const helpers = `
from .models import Workspace, WorkspaceUser

ADMIN = "ADMIN"


def get_workspace(workspace_id):
    return Workspace.objects.get(id=workspace_id)


def create_workspace(user, name):
    if not user.is_staff:
        raise PermissionError()
    workspace = Workspace.objects.create(name=name)
    WorkspaceUser.objects.create(workspace=workspace, user=user, permissions=ADMIN)
    return workspace
`
	for _, tc := range []struct {
		name, body string
		want       []string
	}{
		{"made by a helper",
			"        try:\n            workspace = get_workspace(options[\"workspace_id\"])\n        except Workspace.DoesNotExist:\n            workspace = create_workspace(user, \"x\")\n",
			[]string{"when: Fill(workspace, user)", "requires: exists workspace or user.is_staff", "if not exists workspace:",
				"let new_workspace = Workspace.created(name: \"x\")",
				"WorkspaceUser.created(workspace: new_workspace, user: user, permissions: config.admin)", "admin: String = \"ADMIN\""}},
		{"made in the handler",
			"        try:\n            workspace = Workspace.objects.get(id=options[\"workspace_id\"])\n        except Workspace.DoesNotExist:\n            workspace = Workspace.objects.create(name=\"x\")\n",
			[]string{"when: Fill(workspace)", "if not exists workspace:", "Workspace.created(name: \"x\")"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cmd := `
from django.core.management.base import BaseCommand

from app.helpers import create_workspace, get_workspace
from app.models import User, Workspace


class Command(BaseCommand):
    def handle(self, *args, **options):
        user = User.objects.get(pk=options["user_id"])
` + tc.body + `        print(workspace.id)
`
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/helpers.py": helpers, "app/management/commands/fill.py": cmd})
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			assertSpecText(t, text, append([]string{"rule Fill {"}, tc.want...), nil)
			if notes := strings.Join(out.Notes, "\n"); strings.Contains(notes, "checker E") {
				t.Errorf("the checker dropped constructs:\n%s", notes)
			}
		})
	}
}
