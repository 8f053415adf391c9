package distill

import "testing"

// A DRF serializer the view makes with a dict literal for its context
// (plane's IssueCreateSerializer(data=request.data, context={"project_id":
// project_id, ...}), app/views/issue/base.py:396-403) runs validators that
// read self.context["project_id"] and self.context.get("project_id"): the
// view's values, so the checks they make of the validated data are
// requires. A key the literal lacks is the get's default
// (allow_triage_state, app/serializers/issue.py:124). And a reference
// field the model serializer takes from its model validates to the row
// the key sent names: its truth is that it was given, and its id is that
// key (attrs.get("state").id, app/serializers/issue.py:166-173).
func TestSerializerContext(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from django.db import models
class User(models.Model):
    email = models.EmailField(unique=True)
class Workspace(models.Model):
    slug = models.CharField(max_length=48, unique=True)
class WorkspaceMember(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE)
    member = models.ForeignKey(User, on_delete=models.CASCADE)
class Project(models.Model):
    name = models.CharField(max_length=20)
class State(models.Model):
    name = models.CharField(max_length=20)
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
class Label(models.Model):
    name = models.CharField(max_length=20)
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
class Issue(models.Model):
    name = models.CharField(max_length=20)
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    state = models.ForeignKey(State, on_delete=models.CASCADE, null=True)
    parent = models.ForeignKey("Issue", on_delete=models.CASCADE, null=True)
    label = models.ForeignKey(Label, on_delete=models.CASCADE, null=True)
class Member(models.Model):
    project = models.ForeignKey(Project, on_delete=models.CASCADE)
    member = models.ForeignKey(User, on_delete=models.CASCADE)
`,
		"app/serializers.py": `
from rest_framework import serializers
from app.models import Issue, Label, Member, State, User, WorkspaceMember
class IssueSerializer(serializers.ModelSerializer):
    label = serializers.CharField(required=False)
    class Meta:
        model = Issue
        fields = "__all__"
        read_only_fields = ["project"]
    def validate(self, attrs):
        allow_triage = self.context.get("allow_triage_state", False)
        state_manager = State.triage_objects if allow_triage else State.objects
        if attrs.get("state") and not state_manager.filter(project_id=self.context.get("project_id"), pk=attrs.get("state").id).exists():
            raise serializers.ValidationError("State is not valid")
        if attrs.get("parent") and not Issue.objects.filter(project_id=self.context["project_id"], pk=attrs.get("parent").id).exists():
            raise serializers.ValidationError("Parent is not valid")
        if attrs.get("state") and not State.objects.filter(pk=attrs.get("state").id, name="open").exists():
            raise serializers.ValidationError("State is closed")
        if attrs.get("label") and not Label.objects.filter(project_id=self.context["project_id"], name=attrs.get("label")).exists():
            raise serializers.ValidationError("Label is not valid")
        return attrs
    def create(self, validated_data):
        return Issue.objects.create(**validated_data, project_id=self.context["project_id"])
class MemberSerializer(serializers.ModelSerializer):
    member = serializers.PrimaryKeyRelatedField(queryset=User.objects.all(), required=True)
    class Meta:
        model = Member
        fields = ["id", "member"]
    def validate_member(self, value):
        workspace_id = self.context.get("workspace_id")
        if not WorkspaceMember.objects.filter(workspace_id=workspace_id, member=value).exists():
            raise serializers.ValidationError("Member not found in workspace")
        return value
`,
		"app/views.py": `
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView
from app.models import Issue, Project
from app.serializers import IssueSerializer, MemberSerializer
class ReportIssue(APIView):
    def post(self, request, project_id):
        serializer = IssueSerializer(data=request.data, context={"project_id": project_id})
        if serializer.is_valid():
            serializer.save()
            return Response(serializer.data, status=status.HTTP_201_CREATED)
        return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
class RenameIssue(APIView):
    def patch(self, request, project_id, pk):
        issue = Issue.objects.get(pk=pk, project_id=project_id)
        issue_data = {"name": request.data.get("name", issue.name)}
        serializer = IssueSerializer(issue, data=issue_data, partial=True, context={"project_id": project_id})
        if serializer.is_valid():
            serializer.save()
            return Response(serializer.data, status=status.HTTP_200_OK)
        return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
class AddMember(APIView):
    def post(self, request, workspace_id, project_id):
        serializer = MemberSerializer(data=request.data, context={"workspace_id": workspace_id})
        serializer.is_valid(raise_exception=True)
        serializer.save(project_id=project_id)
        return Response(serializer.data, status=status.HTTP_201_CREATED)
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "a validator's context get and subscript are the view's values",
			construct: "ReportIssue",
			want: []string{
				"requires: state = null or exists State{project: project_id, id: state}",
				"requires: parent = null or exists Issue{project: project_id, id: parent}",
			},
		},
		{
			// No context read: the reference field alone.
			name:      "a reference field's row is given when true, and its id is the key sent",
			construct: "ReportIssue",
			want:      []string{"requires: state = null or exists State{id: state, name: \"open\"}"},
		},
		{
			// The shape's own CharField validates to text, whose truth
			// the spec does not state: that guard stays left out.
			name:      "a field the shape declares itself is no reference",
			construct: "ReportIssue",
			notWant:   []string{"label = null", "label != null"},
		},
		{
			// The view hands the serializer a dict of its own with only a
			// name: the validators find no state or parent in it.
			name:      "data given as a literal has only its keys",
			construct: "RenameIssue",
			notWant:   []string{"exists State", "exists Issue{"},
		},
		{
			name:      "a field validator reads the context too",
			construct: "AddMember",
			want:      []string{"requires: exists WorkspaceMember{workspace: workspace_id, member}"},
		},
	})
}
