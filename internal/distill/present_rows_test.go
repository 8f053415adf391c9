package distill

import "testing"

// TestFirstPresentRow pins a lookup of the first row of a key whose
// field is set (member_set.filter(transfer_request_date__isnull=False).
// first(), healthchecks hc/accounts/models.py:519-520): it reads as
// (project.member_set where transfer_request_date != null).first, so the
// 403 guard on it is stated and the rule does not say anyone takes the
// project; a filter with an unread condition stays left out.
func TestFirstPresentRow(t *testing.T) {
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


@login_required
def project(request, code):
    project = get_object_or_404(Project, code=code)
    if request.method == "POST":
        if "accept_transfer" in request.POST:
            tr = project.transfer_request()
            if not tr or tr.user != request.user:
                return HttpResponseForbidden()

            if not tr.can_accept():
                return HttpResponseBadRequest()

            tr.user = project.owner
            tr.transfer_request_date = None
            tr.save()
            project.owner = request.user
            project.save()
    return HttpResponse()


`,
	}
	runIdiomCases(t, files, []idiomCase{
		{name: "the pending member must be the signed-in user", construct: "ProjectAcceptTransfer",
			want: []string{
				"let tr = (project.member_set where transfer_request_date != null).first",
				"requires: exists tr",
				"requires: tr.user = user",
				"tr.user = project.owner",
			}},
	})
}
