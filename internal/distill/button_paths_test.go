package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestButtonsWithSameOutcomes pins two buttons of one page whose stated
// lines are the same: each is a thing a person can do, a rule of its own
// trigger (healthchecks' project page: cancel_transfer, hc/accounts/
// views.py:498-503, changes what transfer_project changes, whose other
// lines are left out, views.py:478-494). Two ways through one button that
// state the same are still one rule.
func TestButtonsWithSameOutcomes(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name   string
		second string // the second button's branch
		want   []string
	}{
		{
			name: "another button, the same stated lines: two rules",
			second: `        elif "cancel_transfer" in request.POST:
            if not is_owner:
                return HttpResponseForbidden()
            project.member_set.update(transfer_request_date=None)`,
			want: []string{"rule ProjectTransferProject", "rule ProjectCancelTransfer"},
		},
		{
			name: "another button, other lines: two rules",
			second: `        elif "set_name" in request.POST:
            project.name = request.POST["name"]
            project.save()`,
			want: []string{"rule ProjectTransferProject", "rule ProjectSetName"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from django.contrib.auth.models import User
from django.db import models


class Project(models.Model):
    owner = models.ForeignKey(User, models.CASCADE)
    name = models.CharField(max_length=60)


class Member(models.Model):
    user = models.ForeignKey(User, models.CASCADE, related_name="memberships")
    project = models.ForeignKey(Project, models.CASCADE)
    transfer_request_date = models.DateTimeField(null=True, blank=True)
`,
				"app/views.py": `
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest, HttpResponseForbidden
from django.shortcuts import get_object_or_404, render
from django.utils.timezone import now

from app.models import Member, Project


@login_required
def project(request, code):
    project = get_object_or_404(Project, code=code)
    is_owner = project.owner_id == request.user.id
    if request.method == "POST":
        if "transfer_project" in request.POST:
            if not is_owner:
                return HttpResponseForbidden()
            try:
                membership = project.member_set.filter(user__email=request.POST["email"]).get()
            except Member.DoesNotExist:
                return HttpResponseBadRequest()
            project.member_set.update(transfer_request_date=None)
            membership.transfer_request_date = now()
            membership.save()
` + tt.second + `
    return render(request, "p.html", {})
`})
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			for _, w := range tt.want {
				if !strings.Contains(text, w+" {") {
					t.Errorf("no %q in\n%s\nnotes: %v", w, text, out.Notes)
				}
			}
		})
	}
}
