package distill

import (
	"strings"
	"testing"
)

// TestBoundValues: a conditional that caps a value at a literal bound
// (plane's role=(15 if invite.role >= 15 else invite.role), app/views/
// project/invite.py:213) gives the cap as the config parameter the bound
// became, not the literal; another literal stays.
func TestBoundValues(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := func(value string) map[string]string {
		return map[string]string{
			"app/models.py": `
from django.db import models
class Invite(models.Model):
    role = models.IntegerField()
class Member(models.Model):
    role = models.IntegerField()
`,
			"app/views.py": `
from rest_framework.views import APIView
from rest_framework.response import Response
from app.models import Invite, Member
class JoinView(APIView):
    def post(self, request, pk):
        invite = Invite.objects.get(pk=pk)
        Member.objects.create(role=` + value + `)
        return Response(status=200)
`,
		}
	}
	for _, tc := range []struct{ name, value, want string }{
		{"the cap is the bound", "(15 if invite.role >= 15 else invite.role)",
			"role: (if invite.role >= config.max_role: config.max_role else: invite.role)"},
		{"another literal stays", "(10 if invite.role >= 15 else invite.role)",
			"role: (if invite.role >= config.max_role: 10 else: invite.role)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := construct(distilText(t, d, files(tc.value)).Module, "Join")
			if !strings.Contains(got, tc.want) {
				t.Errorf("Join lacks %q:\n%s", tc.want, got)
			}
		})
	}
}
