package distill

import (
	"strings"
	"testing"
)

// TestLoopRebindsLocals: a local that the body of a loop the walk does not
// read assigns holds, after the loop, what it held before or what some
// pass gave it. A Q() widened per input is no filter of every row, and a
// flag a pass may set is no longer its first value: the block it guards is
// noted as a conditional outcome, not dropped as never run.
func TestLoopRebindsLocals(t *testing.T) {
	const models = `
from django.db import models

class Dependency(models.Model):
    name = models.CharField(max_length=100)
    broken_name = models.CharField(max_length=100, null=True)
`
	view := func(body string) string {
		return `
from django.db.models import Q
from rest_framework.views import APIView
from rest_framework.response import Response
from .models import Dependency


class RepairView(APIView):
    def post(self, request):
        names = request.data["names"]
` + body + `
        return Response({})
`
	}
	tests := []struct {
		name, body string
		want       []string
		absent     []string
	}{
		{
			name: "a Q widened per input",
			body: `        q = Q()
        for name in names:
            q |= Q(broken_name=name)
        for dep in Dependency.objects.filter(q):
            dep.broken_name = None
            dep.save()`,
			want:   []string{"a loop over a query left out"},
			absent: []string{"for dep in Dependencies"},
		},
		{
			name: "a flag a pass may set",
			body: `        changed = False
        for name in names:
            if name:
                changed = True
        if changed:
            Dependency.objects.create(name="changed")`,
			want:   []string{"a conditional outcome left out"},
			absent: []string{"no effects the spec can state"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := New(Options{})
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/views.py": view(tt.body)})
			got := construct(out.Module, "Repair") + "\n" + strings.Join(out.Notes, "\n")
			assertSpecText(t, got, tt.want, tt.absent)
		})
	}
}
