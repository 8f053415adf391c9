package distill

import (
	"strings"
	"testing"
)

// TestEarlyReturnRefusal pins healthchecks' Project.invite
// (hc/accounts/models.py:473): a helper that returns False before it
// creates a row creates it only when none of its refusals applied, while a
// helper whose early return carries a value keeps its outcomes as before;
// a rest that creates nothing is under the refusal when the caller ignores
// the answer (ignored_answers.go).
func TestEarlyReturnRefusal(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name   string
		helper string
		want   []string // in order, in rule Invite
		absent string
	}{
		{"two refusals before a create: the creation is under both negated tests",
			`    if Member.objects.filter(user=user, project=self).exists():
        return False
    if self.owner_id == user.id:
        return False
    Member.objects.create(user=user, project=self, role="w")
    return True`,
			[]string{"if not exists Member{user, project}:", "if project.owner != user:", "Member.created("}, ""},
		{"a bare return refuses the same way",
			`    if self.owner_id == user.id:
        return
    Member.objects.create(user=user, project=self, role="w")`,
			[]string{"if project.owner != user:", "Member.created("}, ""},
		// The value answered is the helper's result, not a refusal the
		// request fails on (no requires); the creation still happens only
		// past the return.
		{"an early return of a value is a result, not a refusal: the creation happens past it",
			`    if self.owner_id == user.id:
        return "owner"
    Member.objects.create(user=user, project=self, role="w")`,
			[]string{"if project.owner != user:", "Member.created("}, "requires: project.owner"},
		// The view ignores invite's answer (project.invite(user) on its
		// own): the fields are set only past the refusal
		// (ignored_answers.go).
		{"a rest that only sets fields is under the refusal when the answer is ignored",
			`    if self.owner_id == user.id:
        return False
    self.name = "shared"
    self.save()`,
			[]string{"if project.owner != user:", "project.name = \"shared\""}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": projectModel + `
    def invite(self, user):
` + indent(tt.helper) + `

class Member(models.Model):
    user = models.ForeignKey(User, models.CASCADE)
    project = models.ForeignKey(Project, models.CASCADE)
    role = models.CharField(max_length=1)
`,
				"app/views.py": `
from django.contrib.auth.models import User
from django.shortcuts import get_object_or_404, redirect
from app.models import Project

def invite(request, code, email):
    project = Project.objects.get(code=code)
    user = User.objects.get(email=email)
    project.invite(user)
    return redirect("done")
`,
				"app/urls.py": djangoRoute("p/<str:code>/invite/<str:email>/", "invite")})
			got := construct(out.Module, "Invite")
			wantInOrder(t, got, tt.want, out.Notes)
			if tt.absent != "" && strings.Contains(got, tt.absent) {
				t.Errorf("%q in:\n%s", tt.absent, got)
			}
		})
	}
}

// indent puts a method body one level further in, under its def.
func indent(body string) string {
	return "    " + strings.ReplaceAll(body, "\n", "\n    ")
}
