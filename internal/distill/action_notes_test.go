package distill

import (
	"slices"
	"testing"
)

// TestActionNotesNameTheirRule: what a form button's branch leaves out
// is left out of that button's rule, which the note names, not the
// handler (healthchecks' project view, hc/accounts/views.py:413-432: the
// guard under invite_team_member is ProjectInviteTeamMember's); a button
// whose branch states nothing has no rule, and its note names the
// handler.
func TestActionNotesNameTheirRule(t *testing.T) {
	const models = `
from django.db import models
from django.contrib.auth.models import User

class Project(models.Model):
    owner = models.ForeignKey(User, models.CASCADE)
    name = models.CharField(max_length=200, blank=True)
    api_key = models.CharField(max_length=128, blank=True)
`
	tests := []struct {
		name, branch string
		wantNote     string
	}{
		{"a branch with a rule: the note names it",
			`        elif "set_name" in request.POST:
            for p in Project.objects.filter(owner=request.user):
                rw = p.name
            if not rw:
                return HttpResponseBadRequest()
            project.name = request.POST["name"]
            project.save()`,
			"app/views.py:18: a guard left out of rule ProjectSetName"},
		{"a branch with no rule: the note names the handler",
			`        elif "rename" in request.POST:
            project.name = project.name[::-1]
            project.save()`,
			"app/views.py:16: the value assigned to Project.name left out of handler project (app/views.py:9)"},
	}
	d := New(Options{})
	defer d.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/views.py": `
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, render
from app.models import Project


@login_required
def project(request, code):
    project = get_object_or_404(Project, code=code, owner=request.user)
    if request.method == "POST":
        if "revoke_key" in request.POST:
            project.api_key = ""
            project.save()
` + tt.branch + `
    return render(request, "project.html", {})
`})
			if !slices.Contains(out.Notes, tt.wantNote) {
				t.Errorf("no note %q in %v", tt.wantNote, out.Notes)
			}
		})
	}
}
