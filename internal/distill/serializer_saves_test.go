package distill

import "testing"

// Django REST framework serializers as plane and taiga use them: what a
// view hands save() by keyword is written as the validated data
// (serializer.save(project_id=project_id), plane app/views/issue/
// label.py:48), and is what a custom create reads from it; the first
// argument of a serializer is the row it changes (CycleSerializer(cycle,
// data=...)), never a new row; a Meta field naming a foreign key by its
// column (workspace_id) is read only; self.instance is no input; a row
// found by a key the walk cannot read is the row the request names, and
// an input id of it is merged into it rather than carried beside it; the
// old request.DATA is the request body; and a class whose fields are
// built by a serializers module outside the source set is a shape.
func TestSerializerSaves(t *testing.T) {
	d := New(Options{})
	models := `
from django.db import models
class Workspace(models.Model):
    slug = models.CharField(max_length=48, unique=True)
class Project(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE)
    cycle_view = models.BooleanField(default=True)
class Cycle(models.Model):
    name = models.CharField(max_length=255)
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE, null=True)
class Link(models.Model):
    url = models.CharField(max_length=255)
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE)
`
	serializers := `
from rest_framework import serializers
from app.models import Cycle, Link, Project
class CycleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Cycle
        fields = ["name", "workspace_id"]
    def validate(self, data):
        project_id = self.initial_data.get("project_id") or (
            self.instance.project_id if self.instance and hasattr(self.instance, "project_id") else None
        )
        project = Project.objects.filter(id=project_id).first()
        if not project:
            raise serializers.ValidationError("Project not found")
        if not project.cycle_view:
            raise serializers.ValidationError("Cycles are off")
        return data
class LinkSerializer(serializers.ModelSerializer):
    class Meta:
        model = Link
        fields = ["url"]
    def create(self, validated_data):
        if Link.objects.filter(url=validated_data.get("url"), workspace_id=validated_data.get("workspace_id")).exists():
            raise serializers.ValidationError("exists")
        return super().create(validated_data)
`
	views := `
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView
from app.models import Cycle, Workspace
from app.serializers import CycleSerializer, LinkSerializer
class CycleListEndpoint(APIView):
    def post(self, request, slug, project_id):
        serializer = CycleSerializer(data=request.data)
        if serializer.is_valid():
            serializer.save(project_id=project_id)
            return Response(serializer.data, status=status.HTTP_201_CREATED)
        return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
class CycleDetailEndpoint(APIView):
    def patch(self, request, slug, project_id, pk):
        cycle = Cycle.objects.get(workspace__slug=slug, project_id=project_id, pk=pk)
        serializer = CycleSerializer(cycle, data=request.data, partial=True)
        if serializer.is_valid():
            serializer.save()
            return Response(serializer.data, status=status.HTTP_200_OK)
        return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
class QuickLinkEndpoint(APIView):
    def post(self, request, slug):
        workspace = Workspace.objects.get(slug=slug)
        serializer = LinkSerializer(data=request.data)
        if serializer.is_valid():
            serializer.save(workspace_id=workspace.id)
            return Response(serializer.data, status=status.HTTP_201_CREATED)
        return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
`
	taiga := map[string]string{
		"app/models.py": `
from django.db import models
class User(models.Model):
    email = models.EmailField(unique=True)
    email_token = models.CharField(max_length=200, null=True)
    new_email = models.EmailField(null=True)
`,
		"app/validators.py": `
from taiga.base.api import serializers
from taiga.base.api import validators
class ChangeEmailValidator(validators.Validator):
    email_token = serializers.CharField(max_length=200)
`,
		"app/api.py": `
from taiga.base import response
from taiga.base.api import ModelCrudViewSet
from taiga.base.decorators import list_route
from app import models, validators
class UsersViewSet(ModelCrudViewSet):
    @list_route(methods=["POST"])
    def change_email(self, request, pk=None):
        validator = validators.ChangeEmailValidator(data=request.DATA, many=False)
        if not validator.is_valid():
            return response.BadRequest(validator.errors)
        user = models.User.objects.get(email_token=validator.data["email_token"])
        user.email = user.new_email
        user.new_email = None
        user.save()
        return response.NoContent()
    @list_route(methods=["POST"])
    def rename(self, request, pk=None):
        request.user.new_email = request.DATA.get("new_email")
        request.user.save()
        return response.NoContent()
`,
	}
	drf := map[string]string{"app/models.py": models, "app/serializers.py": serializers, "app/views.py": views}
	cases := []struct {
		name, rule   string
		files        map[string]string
		want, absent []string
	}{
		{
			name:   "save keywords are written, and the row found by an unread key takes its id input",
			rule:   "CycleList",
			files:  drf,
			want:   []string{"when: CycleList(project, name)", "requires: project.cycle_view", "Cycle.created(name: name, project: project)"},
			absent: []string{"project_id", "instance"},
		},
		{
			name:   "a serializer's first argument is the row it changes",
			rule:   "CycleDetail",
			files:  drf,
			want:   []string{"let cycle = Cycle{workspace: workspace, project: project, id: pk}", "cycle.name = name"},
			absent: []string{"Cycle.created", "workspace_id", "instance"},
		},
		{
			name:   "a custom create reads what save was given",
			rule:   "QuickLink",
			files:  drf,
			want:   []string{"not exists Link{url, workspace}", "Link.created(url: url, workspace: workspace)"},
			absent: []string{"workspace_id"},
		},
		{
			name:  "a shape of a vendored serializers module reads request.DATA",
			rule:  "ChangeEmailUsers",
			files: taiga,
			want:  []string{"user.email = user.new_email", "user.new_email = null"},
		},
		{
			name:  "request.DATA is the request body",
			rule:  "RenameUsers",
			files: taiga,
			want:  []string{"user.new_email = new_email"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := distilText(t, d, c.files)
			ruleStatesOnly(t, out, c.rule, c.want, c.absent)
			if construct(out.Module, c.rule) == "" {
				t.Fatalf("no rule %s; notes: %v", c.rule, out.Notes)
			}
		})
	}
}
