package distill

import (
	"slices"
	"strings"
	"testing"
)

// TestSavedRepresentation pins what a Django REST framework serializer
// holds once save() ran: its instance is the row save created or changed,
// and its data is that row's representation, so data["id"] (or ["pk"]) is
// the key of that row and a lookup by it finds that row again (plane's
// refetch after serializer.save(), api/views/issue.py:465-469). Before a
// save, data is still the validated input (taiga's validator.data).
func TestSavedRepresentation(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	models := `
from django.db import models
class Project(models.Model):
    name = models.CharField(max_length=255)
class Issue(models.Model):
    name = models.CharField(max_length=255)
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    sort_order = models.FloatField(default=0)
    created_at = models.DateTimeField(null=True)
class IssueLink(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE)
    url = models.CharField(max_length=255)
`
	serializers := `
from rest_framework import serializers
from app.models import Issue
class IssueSerializer(serializers.ModelSerializer):
    class Meta:
        model = Issue
        fields = ["name"]
    def create(self, validated_data):
        project_id = self.context["project_id"]
        issue = Issue.objects.create(**validated_data, project_id=project_id)
        return issue
`
	view := func(ctor, body string) map[string]string {
		return map[string]string{"app/models.py": models, "app/serializers.py": serializers, "app/views.py": `
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView
from django.utils import timezone
from app.models import Issue, IssueLink
from app.serializers import IssueSerializer
class IssueListEndpoint(APIView):
    def post(self, request, project_id):
` + ctor + `
        if serializer.is_valid():
            serializer.save()
` + body + `
            return Response(serializer.data, status=status.HTTP_201_CREATED)
        return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
`}
	}
	cases := []struct {
		name, ctor   string
		body, note   string
		want, absent []string
	}{
		{
			name: "data id after save is the created row",
			body: `
            issue = Issue.objects.filter(project_id=project_id, pk=serializer.data["id"]).first()
            issue.sort_order = 5
            issue.save()`,
			want:   []string{"Issue.created(name: name, project: project_id, sort_order: 5)"},
			absent: []string{"Issue{", "issue_", "sort_order: 0", "IssueList(name, project_id, id)"},
		},
		{
			name: "data pk after save is the created row",
			body: `
            issue = Issue.objects.get(pk=serializer.data["pk"])
            issue.sort_order = 5
            issue.save()`,
			want:   []string{"Issue.created(name: name, project: project_id, sort_order: 5)"},
			absent: []string{"Issue{", "issue_", "sort_order: 0"},
		},
		{
			name: "instance after save is the created row",
			body: `
            issue = serializer.instance
            issue.sort_order = 5
            issue.save()`,
			want:   []string{"Issue.created(name: name, project: project_id, sort_order: 5)"},
			absent: []string{"Issue{", "sort_order: 0"},
		},
		{
			name: "data id of a serializer made to change a row is that row",
			ctor: `        found = Issue.objects.get(project_id=project_id, name=request.data["old_name"])
        serializer = IssueSerializer(found, data=request.data, partial=True)`,
			body: `
            issue = Issue.objects.get(pk=serializer.data["id"])
            issue.sort_order = 5
            issue.save()`,
			want:   []string{"let found = Issue{project: project_id, name: old_name}", "found.name = name", "found.sort_order = 5"},
			absent: []string{"Issue.created", "issue"},
		},
		{
			name: "a row made here is the one a lookup by the new row finds",
			body: `
            IssueLink.objects.create(issue_id=serializer.data["id"], url=request.data["url"])
            link = IssueLink.objects.get(issue_id=serializer.data["id"], url=request.data["url"])
            link.url = "x"
            link.save()`,
			want:   []string{"let issue = Issue.created(", "IssueLink.created(issue: issue, url: \"x\")"},
			absent: []string{"IssueLink{", "link.url"},
		},
		{
			name: "rows the rule did not make are not there to refer to the new row",
			body: `
            IssueLink.objects.create(issue_id=serializer.data["id"], url="a")
            link = IssueLink.objects.filter(issue_id=serializer.data["id"], url="b").first()
            link.url = "x"
            link.save()`,
			want:   []string{"let issue = Issue.created(", "IssueLink.created(issue: issue, url: \"a\")"},
			absent: []string{"IssueLink{", "link.url"},
			note:   "the lookup of link by a row the rule creates",
		},
		{
			name: "a row another input names stays a lookup",
			body: `
            issue = Issue.objects.filter(project_id=project_id, pk=request.data["parent"]).first()
            issue.sort_order = 5
            issue.save()`,
			want: []string{"Issue.created(name: name, project: project_id, sort_order: 0)", "let issue = Issue{project: project_id, id: parent}", "issue.sort_order = 5"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			ctor := c.ctor
			if ctor == "" {
				ctor = `        serializer = IssueSerializer(data=request.data, context={"project_id": project_id})`
			}
			out := distilText(t, d, view(ctor, c.body))
			wantConstruct(t, out, "IssueList", c.want, c.absent)
			if c.note != "" && !slices.ContainsFunc(out.Notes, func(n string) bool { return strings.Contains(n, c.note) }) {
				t.Errorf("no note %q in %v", c.note, out.Notes)
			}
		})
	}
}

// TestSerializerUpdates pins what save() runs on a serializer made with a
// row: Django REST framework's update(instance, validated_data), the
// shape's own if it defines one, never its create (plane's
// ModuleUpdateSerializer(module, data=..., partial=True).save(),
// api/views/module.py:431, was stated as Module.created). A
// super().update(instance, validated_data) in the shape's own update
// gives the instance the validated fields. A serializer made from data
// alone still runs its create.
func TestSerializerUpdates(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := func(update, ctor string) map[string]string {
		return map[string]string{
			"app/models.py": `
from django.db import models
class Project(models.Model):
    name = models.CharField(max_length=255)
class Module(models.Model):
    name = models.CharField(max_length=255)
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    archived = models.BooleanField(default=False)
`,
			"app/serializers.py": `
from rest_framework import serializers
from app.models import Module
class ModuleSerializer(serializers.ModelSerializer):
    class Meta:
        model = Module
        fields = ["name"]
    def create(self, validated_data):
        return Module.objects.create(**validated_data, project_id=self.context["project_id"])
` + update,
			"app/views.py": `
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView
from app.models import Module
from app.serializers import ModuleSerializer
class ModuleDetailEndpoint(APIView):
    def patch(self, request, project_id, pk):
        module = Module.objects.get(project_id=project_id, pk=pk)
` + ctor + `
        if serializer.is_valid():
            serializer.save()
            return Response(serializer.data, status=status.HTTP_200_OK)
        return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
`,
		}
	}
	withInstance := `        serializer = ModuleSerializer(module, data=request.data, partial=True)`
	cases := []struct {
		name, update, ctor string
		want, absent       []string
	}{
		{
			name:   "the framework's update gives the row the fields",
			ctor:   withInstance,
			want:   []string{"let module = Module{project: project_id, id: pk}", "module.name = name"},
			absent: []string{"Module.created"},
		},
		{
			name: "the shape's own update runs, and its super().update",
			update: `
    def update(self, instance, validated_data):
        instance.archived = True
        return super().update(instance, validated_data)
`,
			ctor:   withInstance,
			want:   []string{"module.archived = true", "module.name = name"},
			absent: []string{"Module.created"},
		},
		{
			name:   "made from data alone it creates",
			ctor:   `        serializer = ModuleSerializer(data=request.data, context={"project_id": project_id})`,
			want:   []string{"Module.created(name: name, project: project_id"},
			absent: []string{"module.name"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantConstruct(t, distilText(t, d, files(c.update, c.ctor)), "ModuleDetail", c.want, c.absent)
		})
	}
}

// TestNotFoundHandlerCreates pins a not-found handler that creates the
// row under a name (let new_issue = Issue.created(...)) and then ends: an
// outcome, not a refusal, so the lookup is no precondition (plane's PUT
// of a work item creates it when the lookup finds none, api/views/
// issue.py:658-695, and was read as requiring it). A handler that only
// ends still makes it one.
func TestNotFoundHandlerCreates(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	view := func(handler string) map[string]string {
		return map[string]string{
			"app/models.py": `
from django.db import models
class Issue(models.Model):
    name = models.CharField(max_length=255)
    sort_order = models.FloatField(default=0)
`,
			"app/serializers.py": `
from rest_framework import serializers
from app.models import Issue
class IssueSerializer(serializers.ModelSerializer):
    class Meta:
        model = Issue
        fields = ["name"]
`,
			"app/views.py": `
from rest_framework.response import Response
from rest_framework.views import APIView
from app.models import Issue
from app.serializers import IssueSerializer
class WorkItemEndpoint(APIView):
    def put(self, request):
        try:
            issue = Issue.objects.get(name=request.data.get("name"))
            issue.sort_order = 1
            issue.save()
            return Response(status=200)
        except Issue.DoesNotExist:
` + handler + `
`}
	}
	cases := []struct {
		name, handler string
		want, absent  []string
	}{
		{
			name: "a handler that creates a row and reads it again",
			handler: `            serializer = IssueSerializer(data=request.data)
            serializer.is_valid(raise_exception=True)
            serializer.save()
            new_issue = Issue.objects.filter(pk=serializer.data["id"]).first()
            new_issue.sort_order = 2
            new_issue.save()
            return Response(serializer.data, status=201)`,
			want:   []string{"issue.sort_order = 1"},
			absent: []string{"requires: exists issue"},
		},
		{
			name:    "a handler that only refuses",
			handler: `            return Response(status=404)`,
			want:    []string{"requires: exists issue", "issue.sort_order = 1"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			wantConstruct(t, distilText(t, d, view(c.handler)), "WorkItem", c.want, c.absent)
		})
	}
}
