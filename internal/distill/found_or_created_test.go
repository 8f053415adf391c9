package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// A try whose lookup's row the body changes and whose not-found handler
// creates one, each path ending the request (plane's PUT of a work item
// by its external id, api/views/issue.py:604-710), states both as the
// code branches: the changes if the row exists, the creation else, not
// one rule's outcomes side by side. The handler's creation, bound for a
// refetch that reads nothing the spec states, is a plain creation.
func TestFoundOrCreatedBranches(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/models.py": `
from django.db import models
class Item(models.Model):
    name = models.CharField(max_length=50)
    external_id = models.CharField(max_length=50)
    external_source = models.CharField(max_length=50)
`,
		"app/views.py": `
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView
from app.models import Item
class ItemDetailEndpoint(APIView):
    def put(self, request):
        external_id = request.data.get("external_id")
        external_source = request.data.get("external_source")
        try:
            item = Item.objects.get(external_id=external_id, external_source=external_source)
            item.name = request.data["name"]
            item.save()
            return Response(status=status.HTTP_200_OK)
        except Item.DoesNotExist:
            item = Item.objects.create(external_id=external_id, external_source=external_source, name=request.data["name"])
            item = Item.objects.filter(pk=item.id).first()
            return Response(status=status.HTTP_201_CREATED)
`,
	}
	out := distilText(t, d, files)
	r := construct(out.Module, "ItemDetail")
	if r == "" {
		t.Fatalf("no rule ItemDetail:\n%s", allium.Print(out.Module, allium.PrintOptions{}))
	}
	for _, want := range []string{"if exists item:", "item.name = name", "else:", "Item.created("} {
		if !strings.Contains(r, want) {
			t.Errorf("ItemDetail lacks %q:\n%s", want, r)
		}
	}
	if i, j := strings.Index(r, "else:"), strings.Index(r, "Item.created("); i < 0 || j < i {
		t.Errorf("the creation is not in the else branch:\n%s", r)
	}
	if strings.Contains(r, "let ") && strings.Contains(r, "= Item.created(") {
		t.Errorf("the creation is bound though nothing reads it:\n%s", r)
	}
}

// An if of a condition inside the branch of that same condition holds
// there as well, wherever it stands among the branch's outcomes (plane's
// issue activity task, run after the update of the issue found,
// bgtasks/issue_activities_task.py:1527-1534); not when the branch
// changes what the condition reads.
func TestSpliceRepeated(t *testing.T) {
	row := &allium.Ident{Name: "row"}
	exists := &allium.Unary{Op: allium.OpExists, X: row}
	stamp := func() allium.Stmt {
		return &allium.Assign{Target: &allium.Member{X: row, Name: "updated_at"}, Value: &allium.Ident{Name: "now"}}
	}
	name := &allium.Assign{Target: &allium.Member{X: row, Name: "name"}, Value: &allium.Ident{Name: "name"}}
	inner := func(body ...allium.Stmt) allium.Stmt {
		return &allium.If{Branches: []allium.IfBranch{{Cond: exists, Body: body}}}
	}
	removed := &allium.ExprStmt{X: &allium.Unary{Op: allium.OpNot, X: exists}}
	cases := []struct {
		name string
		body []allium.Stmt
		want string
	}{
		{"a nested test of the same condition is its outcomes", []allium.Stmt{name, inner(inner(stamp()))},
			"if exists row:\n    row.name = name\n    row.updated_at = now"},
		{"an assignment stated already is not stated again", []allium.Stmt{stamp(), name, inner(stamp())},
			"if exists row:\n    row.updated_at = now\n    row.name = name"},
		{"a branch that removes the row keeps the inner test", []allium.Stmt{removed, inner(stamp())},
			"if exists row:\n    not exists row\n    if exists row:\n        row.updated_at = now"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ifs := &allium.If{Branches: []allium.IfBranch{{Cond: exists, Body: c.body}}}
			collapseRepeatedCondition(ifs)
			if got := allium.PrintConstruct(ifs); got != c.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}
