package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestEnumCodes: a choices class whose stored values are one-character
// codes (healthchecks' Member.Role, READONLY = "r", REGULAR = "w",
// MANAGER = "m", hc/accounts/models.py:602-605) is an enum of its
// members' names, and the code a handler compares with reads as the
// member it stands for; values that are words stay the values.
func TestEnumCodes(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name, choices, test string
		want                []string
	}{
		{"one-character codes take their members' names",
			`        READONLY = "r", "Read-only"
        REGULAR = "w", "Member"
        MANAGER = "m", "Manager"`,
			`member.role == "m"`,
			[]string{"enum MemberRole { readonly | regular | manager }", "requires: member.role = manager"}},
		{"a member read by name",
			`        READONLY = "r", "Read-only"
        MANAGER = "m", "Manager"`,
			`member.role == Member.Role.MANAGER`,
			[]string{"enum MemberRole { readonly | manager }", "requires: member.role = manager"}},
		{"words stay the stored values",
			`        VIEWER = "viewer", "Viewer"
        OWNER = "admin", "Admin"`,
			`member.role == "admin"`,
			[]string{"enum MemberRole { viewer | admin }", "requires: member.role = admin"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from django.db import models
from django.contrib.auth.models import User

class Member(models.Model):
    class Role(models.TextChoices):
` + tt.choices + `

    user = models.ForeignKey(User, models.CASCADE)
    role = models.CharField(max_length=1, choices=Role.choices)
    note = models.CharField(max_length=100, blank=True)
`,
				"app/views.py": `
from django.http import HttpResponseForbidden
from django.shortcuts import get_object_or_404, redirect

from app.models import Member


def set_note(request, member_id):
    member = get_object_or_404(Member, id=member_id)
    if not (` + tt.test + `):
        return HttpResponseForbidden()
    member.note = request.POST["note"]
    member.save()
    return redirect("members")
`,
			})
			printed := string(allium.Print(out.Module, allium.PrintOptions{}))
			for _, w := range tt.want {
				if !strings.Contains(printed, w) {
					t.Errorf("want %q in:\n%s", w, printed)
				}
			}
		})
	}
}
