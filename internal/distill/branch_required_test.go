package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// projectModels are a project, its owner and its members (healthchecks'
// accounts/models.py, cut down).
const projectModels = `
from django.contrib.auth.models import User
from django.db import models
class Project(models.Model):
    code = models.UUIDField(unique=True)
    owner = models.ForeignKey(User, models.CASCADE)
    name = models.CharField(max_length=200, blank=True)
class Member(models.Model):
    user = models.ForeignKey(User, models.CASCADE, related_name="memberships")
    project = models.ForeignKey(Project, models.CASCADE)
    is_rw = models.BooleanField(default=True)
`

// projectAccess is healthchecks' _get_project_for_user (front/views.py:
// 171-183): a superuser and the owner get the project; anyone else must be
// a member, or the request ends in a 404.
const projectAccess = `
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from app.models import Member, Project
def _get_project_for_user(request, code) -> tuple[Project, bool]:
    project = get_object_or_404(Project, code=code)
    if request.user.is_superuser:
        return project, True
    if request.user.id == project.owner_id:
        return project, True
    membership = get_object_or_404(Member, project=project, user=request.user)
    return project, membership.is_rw
`

// projectURLs routes the views of TestBranchRequiredLookup.
const projectURLs = `
from django.urls import path
from app import views
urlpatterns = [
    path("projects/<uuid:code>/rename/", views.rename),
    path("projects/<uuid:code>/", views.show),
]
`

// TestBranchRequiredLookup: a lookup that answers 404 when no row matches,
// run after a helper's early returns, is what the rule requires under the
// conditions it runs under (requires: user.is_superuser or user =
// project.owner or exists Member{project, user}), never a let of the row
// inside ifs that the outcomes do not read; a handler whose only outcome
// was that let has no rule; a test of the row that states its presence
// already is not stated twice.
func TestBranchRequiredLookup(t *testing.T) {
	d := New(Options{})
	for _, tc := range []struct {
		name         string
		views        string
		rule         string // "" when the handler has no rule
		want, absent []string
	}{
		{"an outcome after the helper", `
@login_required
def rename(request, code):
    project, rw = _get_project_for_user(request, code)
    request.user.first_name = request.POST["name"]
    request.user.save()
    return redirect("home")
`, "Rename", []string{"requires: user.is_superuser or user = project.owner or exists Member{project, user}", "user.first_name = name"}, []string{"let membership", "if not user.is_superuser"}},
		{"the helper's lookup alone", `
@login_required
def rename(request, code):
    project = get_object_or_404(Project, code=code)
    project.name = request.POST["name"]
    project.save()
    return redirect("home")
@login_required
def show(request, code):
    project, rw = _get_project_for_user(request, code)
    return render(request, "project.html", {"project": project, "rw": rw})
`, "", nil, []string{"rule Show", "let membership"}},
		{"a test of the row states its presence", `
@login_required
def rename(request, code):
    project = get_object_or_404(Project, code=code)
    if request.user.is_superuser or request.user.id == project.owner_id:
        rw = True
    else:
        membership = get_object_or_404(Member, project=project, user=request.user)
        rw = membership.is_rw
    if not rw:
        return HttpResponseForbidden()
    project.name = request.POST["name"]
    project.save()
    return redirect("home")
`, "Rename", []string{"exists Member{project, user} and Member{project, user}.is_rw", "project.name = name"}, []string{"or exists Member{project, user}\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			views := projectAccess + "from django.http import HttpResponseForbidden\n" + tc.views
			out := distilText(t, d, map[string]string{"app/models.py": projectModels, "app/views.py": views, "app/urls.py": projectURLs})
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			if tc.rule != "" {
				rule := construct(out.Module, tc.rule)
				if rule == "" {
					t.Fatalf("no rule %s:\n%s\n%q", tc.rule, text, out.Notes)
				}
				text = rule
			}
			assertSpecText(t, text, tc.want, tc.absent)
			notes := strings.Join(out.Notes, "\n")
			if tc.rule == "" && !strings.Contains(notes, "has no effects the spec can state; no rule") {
				t.Errorf("want a note that the handler has no rule, got %q", out.Notes)
			}
			if strings.Contains(notes, "checker") {
				t.Errorf("a construct reached the checker: %q", out.Notes)
			}
		})
	}
}
