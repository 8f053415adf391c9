package distill

import (
	"strings"
	"testing"
)

// TestBranchFlags: a flag both branches of an if set, one of them to a
// literal Boolean, holds the if's condition or the other branch's value
// afterwards, so a later `if not flag: return HttpResponseForbidden()` is
// a requires (healthchecks' project view, hc/accounts/views.py:366-373,
// 399-401). A row the branch looked up must exist for its field to hold;
// two computed values make the flag unknown and the guard is left out.
func TestBranchFlags(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	models := `
from django.db import models
from django.contrib.auth.models import User

class Project(models.Model):
    code = models.UUIDField(unique=True)
    owner = models.ForeignKey(User, models.CASCADE)
    api_key = models.CharField(max_length=128, blank=True)

class Member(models.Model):
    user = models.ForeignKey(User, models.CASCADE, related_name="memberships")
    project = models.ForeignKey(Project, models.CASCADE)
    role = models.CharField(max_length=1, default="w")

    @property
    def is_rw(self) -> bool:
        return self.role in ("w", "m")
`
	tests := []struct {
		name      string
		branches  string
		want      []string
		forbidden string
	}{
		{"a looked-up row's field on the else branch",
			`    if request.user.is_superuser or project.owner_id == request.user.id:
        rw = True
    else:
        membership = get_object_or_404(Member, project=project, user=request.user)
        rw = membership.is_rw`,
			[]string{"requires:", "user.is_superuser", "or project.owner = user",
				"or exists Member{project, user} and Member{project, user}.is_rw"}, "membership"},
		{"literal true and false are the condition",
			`    if request.user.is_superuser:
        rw = True
    else:
        rw = False`,
			[]string{"requires: user.is_superuser"}, ""},
		{"a literal false on the then branch",
			`    if request.user.is_superuser:
        rw = False
    else:
        rw = project.owner_id == request.user.id`,
			[]string{"requires: not user.is_superuser", "requires: project.owner = user"}, ""},
		{"two computed values leave the flag unknown",
			`    if request.user.is_superuser:
        rw = project.owner_id == request.user.id
    else:
        rw = request.user.is_staff`,
			nil, "requires"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": models,
				"app/views.py": `
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect

from app.models import Member, Project


@login_required
def revoke_key(request, code):
    project = get_object_or_404(Project, code=code)
` + tt.branches + `
    if not rw:
        return HttpResponseForbidden()
    project.api_key = ""
    project.save()
    return redirect("projects")
`,
			})
			got := construct(out.Module, "RevokeKey")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("want %q in:\n%s", w, got)
				}
			}
			if tt.forbidden != "" && strings.Contains(got, tt.forbidden) {
				t.Errorf("want no %q in:\n%s", tt.forbidden, got)
			}
			if !strings.Contains(got, `ensures: project.api_key = ""`) {
				t.Errorf("want the revocation kept:\n%s\nnotes: %v", got, out.Notes)
			}
		})
	}
}
