package distill

import "testing"

// A Django model that subclasses a concrete model (multi-table
// inheritance: baserow's `class Builder(Application)`,
// contrib/builder/models.py:27, Application a model of its own at
// core/models.py:403) has its parent's fields, those of the parent's
// abstract bases too: rules read builder.workspace, look builders up and
// create them by those fields. The child's entity states a parent field
// only where a rule uses it through the child (the parent's entity states
// them all; a read-only view that reads builder.icon states no rule, and
// no icon on Builder), and the reverse side of a relation the parent declares stays
// the parent's (Django gives workspace no builder_set). An abstract base
// keeps copying every field it declares.
func TestParentRowFields(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/models.py": `
from django.contrib.auth.models import User
from django.db import models
class Workspace(models.Model):
    name = models.CharField(max_length=100)
    trashed = models.BooleanField(default=False)
class Trashable(models.Model):
    trashed = models.BooleanField(default=False)
    class Meta:
        abstract = True
class Stamped(models.Model):
    created_on = models.DateTimeField(auto_now_add=True)
    label = models.CharField(max_length=20)
    class Meta:
        abstract = True
class Application(Trashable, models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, null=True)
    name = models.CharField(max_length=160)
    order = models.PositiveIntegerField()
    parent = models.ForeignKey("self", on_delete=models.CASCADE, null=True)
    icon = models.CharField(max_length=20)
class Builder(Application):
    login_page = models.CharField(max_length=100, null=True)
class Note(Stamped):
    text = models.TextField()
`,
		"app/views.py": `
from rest_framework.response import Response
from rest_framework.views import APIView
from app.models import Builder, Note, Workspace
class RenameBuilderView(APIView):
    def post(self, request, builder_id):
        builder = Builder.objects.get(id=builder_id)
        if builder.trashed:
            return Response(status=404)
        if builder.workspace.trashed:
            return Response(status=404)
        builder.name = request.data["name"]
        builder.save()
        return Response(status=200)
class BuildersView(APIView):
    def post(self, request, workspace_id):
        workspace = Workspace.objects.get(id=workspace_id)
        Builder.objects.create(workspace=workspace, name=request.data["name"], order=1)
        return Response(status=201)
class BuilderIconView(APIView):
    def get(self, request, builder_id):
        builder = Builder.objects.get(id=builder_id)
        if builder.icon == "":
            return Response(status=404)
        return Response({"icon": builder.icon})
class NotesView(APIView):
    def post(self, request):
        Note.objects.create(text=request.data["text"])
        return Response(status=201)
`,
	}
	cases := []struct {
		name, construct string
		want, absent    []string
	}{
		{
			name:      "a rule reads the parent's fields through the child",
			construct: "RenameBuilder",
			want:      []string{"not builder.trashed", "not builder.workspace.trashed", "builder.name = name"},
		},
		{
			name:      "a creation of the child gives the parent's fields",
			construct: "Builders",
			want:      []string{"Builder.created(", "workspace: workspace", "name: name", "order: 1", "trashed: false"},
		},
		{
			name:      "the child states the parent fields its rules use and its own",
			construct: "Builder",
			want:      []string{"login_page: String?", "workspace: Workspace?", "name: String", "order: Integer", "trashed: Boolean"},
			absent:    []string{"parent:", "icon:", "builder_set", "builders"},
		},
		{
			name:      "the parent states all its fields; a self relation names the parent",
			construct: "Application",
			want:      []string{"workspace: Workspace?", "name: String", "order: Integer", "parent: Application?", "icon: String", "trashed: Boolean"},
		},
		{
			name:      "the parent's relations get no reverse side on the child",
			construct: "Workspace",
			absent:    []string{"Builder with"},
		},
		{
			name:      "an abstract base's fields are copied whether used or not",
			construct: "Note",
			want:      []string{"text: String", "label: String"},
		},
	}
	out := distilText(t, d, files)
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			if construct(out.Module, c.construct) == "" {
				t.Fatalf("no %s; notes: %v", c.construct, out.Notes)
			}
			ruleStatesOnly(t, out, c.construct, c.want, c.absent)
		})
	}
}
