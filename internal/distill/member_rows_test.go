package distill

import (
	"strings"
	"testing"
)

// TestMemberRows: a Django lookup whose filter follows the reverse side of
// another model's foreign key to a given row (memberships__project=
// project, member__user=request.user; healthchecks' hc/accounts/
// views.py:322, 445) finds the row its keys find, and a rule that needs
// the row requires the related row too; a filter through a reverse
// foreign key with another operator is left unread.
func TestMemberRows(t *testing.T) {
	const models = `
from django.contrib.auth.models import User
from django.db import models

class Project(models.Model):
    owner = models.ForeignKey(User, models.CASCADE)
    name = models.CharField(max_length=100)
    code = models.UUIDField(unique=True)

class Member(models.Model):
    user = models.ForeignKey(User, models.CASCADE, related_name="memberships")
    project = models.ForeignKey(Project, models.CASCADE)
`
	tests := []struct {
		name, view, rule string
		want, never      []string
	}{
		{"first() through a related_name, guarded", `
@login_required
def remove_member(request, project_id):
    project = get_object_or_404(Project, id=project_id)
    farewell_user = User.objects.filter(email=request.POST["email"], memberships__project=project).first()
    if farewell_user is None:
        return HttpResponseBadRequest()
    Member.objects.filter(project=project, user=farewell_user).delete()
`, "RemoveMember",
			// The user found is there when the membership is: no second requires.
			[]string{"let farewell_user = User{email}", "requires: exists Member{user: farewell_user, project}"}, []string{"requires: exists farewell_user\n"}},
		{"get() by a secret code through the default name, DoesNotExist answered", `
@login_required
def leave(request):
    try:
        project = Project.objects.get(code=request.POST["code"], member__user=request.user)
    except Project.DoesNotExist:
        return HttpResponseBadRequest()
    Member.objects.filter(project=project, user=request.user).delete()
`, "Leave",
			[]string{"requires: exists Member{project, user}"}, []string{"project.members = user", "project.member_set = user"}},
		{"a row tested in an if is there only when the related row is", `
@login_required
def rename(request):
    project = Project.objects.filter(name=request.POST["name"], member__user=request.user).first()
    if project:
        project.name = "renamed"
        project.save()
`, "Rename",
			[]string{"exists project and exists Member{project, user}"}, nil},
		{"an operator other than equality is not read", `
@login_required
def remove_member(request, project_id):
    farewell_user = User.objects.filter(email=request.POST["email"], memberships__project__in=[project_id]).first()
    if farewell_user is None:
        return HttpResponseBadRequest()
    farewell_user.is_active = False
    farewell_user.save()
`, "RemoveMember",
			nil, []string{"exists Member{"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			view := `
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404
from app.models import Member, Project
` + tc.view
			out := distilText(t, New(Options{}), map[string]string{"app/models.py": models, "app/views.py": view})
			got := construct(out.Module, tc.rule)
			for present, texts := range map[bool][]string{true: tc.want, false: tc.never} {
				for _, text := range texts {
					if strings.Contains(got, text) != present {
						t.Errorf("%q present: %v, want %v, in\n%s", text, !present, present, got)
					}
				}
			}
		})
	}
}
