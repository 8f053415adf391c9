package distill

import (
	"strings"
	"testing"
)

// TestExcludedRelatedRow: a row found by the id the request names through
// a queryset that excludes rows whose related row fails a test
// (exclude(workspace__trashed=True).get(id=node_id)) is that row, and the
// test a precondition on it; through a foreign key that may be null, a
// row with no related row is not excluded. The row is read so whatever
// the helper's local is called, and the checks and changes on it are
// stated.
func TestExcludedRelatedRow(t *testing.T) {
	d := New(Options{})
	models := func(null string) string {
		return `
from django.db import models

class User(models.Model):
    email = models.EmailField()

class Workspace(models.Model):
    name = models.CharField(max_length=10)
    trashed = models.BooleanField(default=False)

class Node(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE` + null + `)
    label = models.CharField(max_length=10)
`
	}
	handler := func(local, lookup string) string {
		return `
from app.models import Node

class NodeDoesNotExist(Exception):
    pass

class NodeHandler:
    def get_node(self, node_id, base_queryset=None):
        if base_queryset is None:
            base_queryset = Node.objects
        try:
            ` + local + ` = ` + lookup + `
        except Node.DoesNotExist:
            raise NodeDoesNotExist(node_id)
        return ` + local + `

    def update_node(self, node, label):
        node.label = label
        node.save()
        return node
`
	}
	const service = `
from app.core import CoreHandler
from app.handler import NodeHandler

class NodeService:
    def update_node(self, user, node_id, label):
        node = NodeHandler().get_node(node_id)
        CoreHandler().check_permissions(user, "node.update", workspace=node.workspace, context=node)
        NodeHandler().update_node(node, label)
        return node
`
	const views = `
from rest_framework.views import APIView
from rest_framework.response import Response
from rest_framework.permissions import IsAuthenticated
from app.service import NodeService

class UpdateNodeView(APIView):
    permission_classes = (IsAuthenticated,)

    def patch(self, request, node_id):
        NodeService().update_node(request.user, node_id, request.data["label"])
        return Response({})
`
	const excluded = `base_queryset.select_related("workspace").exclude(workspace__trashed=True).get(id=node_id)`
	changed := []string{`requires: permitted(user, "node.update", node)`, "ensures: node.label = label"}
	tests := []struct {
		name, null, local, lookup string
		want, absent              []string
	}{
		{
			name: "a nullable foreign key: a row with no related row is kept",
			null: ", null=True", local: "node", lookup: excluded,
			want: append([]string{"requires: not exists node.workspace or not node.workspace.trashed"}, changed...),
		},
		{
			name:  "a foreign key that is never null",
			local: "node", lookup: excluded,
			want:   append([]string{"requires: not node.workspace.trashed"}, changed...),
			absent: []string{"exists node.workspace"},
		},
		{
			name: "a helper local that does not name the entity",
			null: ", null=True", local: "found", lookup: excluded,
			want: append([]string{"requires: not exists node.workspace or not node.workspace.trashed"}, changed...),
		},
		{
			name:  "a test of the row's own field against another row's is not read",
			local: "node", lookup: `base_queryset.exclude(label=F("workspace__name")).get(id=node_id)`,
			absent: []string{"requires: not", "ensures: node.label"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": models(tt.null), "app/core.py": layeredCore, "app/handler.py": handler(tt.local, tt.lookup),
				"app/service.py": service, "app/views.py": views,
			})
			got := construct(out.Module, "UpdateNode") + "\n"
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q in:\n%s\nnotes: %v", w, got, out.Notes)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(got, a) {
					t.Errorf("unexpected %q in:\n%s", a, got)
				}
			}
		})
	}
}
