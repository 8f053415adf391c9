package distill

import "testing"

// TestFlaggedRowHelper pins a helper that returns a row and a flag on
// several paths (healthchecks' _get_check_for_user, hc/front/views.py:
// 111-136: (check, True) for a superuser and for the project's owner,
// (check, membership.is_rw) after get_object_or_404(Member, ...)), whose
// caller raises PermissionDenied unless the flag holds: the row is the
// check, and the flag is the or of each return's conditions and value, so
// the rule states the guard. A caller that ignores the flag keeps only the
// membership's 404. The row found by get_object_or_404 over a queryset
// built first (Check.objects.select_related(...)) is the row of the model.
func TestFlaggedRowHelper(t *testing.T) {
	files := map[string]string{
		"app/models.py": `from django.db import models
from django.contrib.auth.models import User


class Project(models.Model):
    name = models.CharField(max_length=100)
    owner = models.ForeignKey(User, models.CASCADE)

    def transfer_request(self):
        return self.member_set.filter(transfer_request_date__isnull=False).first()


class Member(models.Model):
    user = models.ForeignKey(User, models.CASCADE, related_name="memberships")
    project = models.ForeignKey(Project, models.CASCADE)
    transfer_request_date = models.DateTimeField(null=True, blank=True)
    role = models.CharField(max_length=1, default="r")

    @property
    def is_rw(self):
        return self.role in ("r", "m")

    def can_accept(self):
        return self.role == "r"


class Check(models.Model):
    name = models.CharField(max_length=100)
    code = models.CharField(max_length=100)
    project = models.ForeignKey(Project, models.CASCADE)
    status = models.CharField(max_length=10)
`,
		"app/views.py": `from django.contrib.auth.decorators import login_required
from django.http import HttpResponseForbidden, HttpResponseBadRequest, HttpResponse, Http404
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST
from app.models import Project, Member, Check




def _get_check_for_user(request, code):
    q = Check.objects.select_related("project")
    check = get_object_or_404(q, code=code)
    if request.user.is_superuser:
        return check, True

    if request.user.id == check.project.owner_id:
        return check, True

    membership = get_object_or_404(Member, project=check.project, user=request.user)
    return check, membership.is_rw


@login_required
@require_POST
def pause(request, code):
    check, rw = _get_check_for_user(request, code)
    if not rw:
        raise PermissionDenied

    check.status = "paused"
    check.save()
    return redirect("x")


@login_required
@require_POST
def resume(request, code):
    q = Check.objects.select_related("project")
    check = get_object_or_404(q, code=code)
    check.status = "up"
    check.save()
    return redirect("x")


@login_required
@require_POST
def rename(request, code):
    check, _rw = _get_check_for_user(request, code)
    check.name = request.POST["name"]
    check.save()
    return redirect("x")
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{name: "the flag guards the change", construct: "Pause",
			want: []string{
				"user.is_superuser\n        or user = check.project.owner\n        or exists Member{project: check.project, user}\n            and Member{project: check.project, user}.is_rw",
				"ensures: check.status = paused",
			}},
		{name: "an ignored flag leaves the membership's 404", construct: "Rename",
			want:    []string{"or exists Member{project: check.project, user}\n    ensures: check.name = name"},
			notWant: []string{"is_rw"}},
		{name: "a lookup over a built queryset", construct: "Resume",
			want: []string{"ensures: check.status = up"}},
	})
}
