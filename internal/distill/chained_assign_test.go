package distill

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestChainedAssignOnce: `a.x = a.y = str(uuid4())` computes one value that
// both targets hold (healthchecks' add_project, accounts/views.py:354): the
// spec binds it once and gives both the binding, never two calls that read
// as two values; a chained value with no call in it is given to each target
// as it is.
func TestChainedAssignOnce(t *testing.T) {
	models := `
from django.contrib.auth.models import User
from django.db import models
class Project(models.Model):
    owner = models.ForeignKey(User, models.CASCADE)
    code = models.UUIDField(unique=True)
    badge_key = models.CharField(max_length=150, unique=True)
    name = models.CharField(max_length=200)
    title = models.CharField(max_length=200)
`
	head := `
from uuid import uuid4
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect
from app.models import Project
`
	d := New(Options{})
	for _, tc := range []struct {
		name, view   string
		want, absent []string
	}{
		{"a new row", `
@login_required
def add_project(request):
    project = Project(owner=request.user)
    project.code = project.badge_key = str(uuid4())
    project.name = request.POST["name"]
    project.save()
    return redirect("home")
`, []string{"let code = random_key()", "code: code", "badge_key: code"}, []string{"badge_key: random_key()"}},
		{"a stored row", `
@login_required
def reset_keys(request, pk):
    project = get_object_or_404(Project, pk=pk, owner=request.user)
    project.code = project.badge_key = str(uuid4())
    project.save()
    return redirect("home")
`, []string{"let code = random_key()", "project.code = code", "project.badge_key = code"}, []string{"project.code = random_key()", "project.badge_key = random_key()"}},
		{"a value with no call", `
@login_required
def rename(request, pk):
    project = get_object_or_404(Project, pk=pk, owner=request.user)
    project.name = project.title = request.POST["name"]
    project.save()
    return redirect("home")
`, []string{"project.name = name", "project.title = name"}, []string{"let name", "let title"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/views.py": head + tc.view})
			var rules string
			for _, r := range out.Module.Rules {
				rules += allium.PrintConstruct(r) + "\n"
			}
			if rules == "" {
				t.Fatalf("no rule: %q", out.Notes)
			}
			assertSpecText(t, rules, tc.want, tc.absent)
		})
	}
}
