package distill

import "testing"

// A model serializer made without partial=True requires a text column
// of its model that has no default and allows neither blank nor null,
// and refuses it empty (catalog shapes.filled_columns): its validator's
// `data.get("email") and <a row exists>` is the row's test alone
// (plane's WorkspaceInviteSerializer.validate, api/serializers/
// invite.py:55-58). Made with partial=True, or of a column that allows
// blank, the field may be absent or empty, and the test stays unread.
func TestFilledColumns(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from django.db import models
class Workspace(models.Model):
    name = models.CharField(max_length=48)
class Invite(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE)
    email = models.CharField(max_length=255)
    note = models.CharField(max_length=255, blank=True)
    role = models.IntegerField(default=5)
`,
		"app/serializers.py": `
from rest_framework import serializers
from app.models import Invite
class InviteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Invite
        fields = ["id", "email", "note", "role"]
        read_only_fields = ["id", "workspace"]
    def validate(self, data):
        workspace_id = self.context["workspace_id"]
        if data.get("email") and Invite.objects.filter(email=data["email"], workspace_id=workspace_id).exists():
            raise serializers.ValidationError("Email already invited")
        if data.get("note") and Invite.objects.filter(note=data["note"], workspace_id=workspace_id).exists():
            raise serializers.ValidationError("Note already used")
        return data
`,
		"app/views.py": `
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView
from app.models import Invite
from app.serializers import InviteSerializer
class SendInvite(APIView):
    def post(self, request, workspace_id):
        serializer = InviteSerializer(data=request.data, context={"workspace_id": workspace_id})
        serializer.is_valid(raise_exception=True)
        serializer.save(workspace_id=workspace_id)
        return Response(serializer.data, status=status.HTTP_201_CREATED)
class EditInvite(APIView):
    def patch(self, request, workspace_id, pk):
        invite = Invite.objects.get(pk=pk, workspace_id=workspace_id)
        serializer = InviteSerializer(invite, data=request.data, partial=True, context={"workspace_id": workspace_id})
        serializer.is_valid(raise_exception=True)
        serializer.save()
        return Response(serializer.data, status=status.HTTP_200_OK)
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "a required text column is always given to a whole serializer",
			construct: "SendInvite",
			want:      []string{"requires: not exists Invite{email, workspace: workspace_id}"},
		},
		{
			name:      "a column that allows blank may be empty",
			construct: "SendInvite",
			notWant:   []string{"Invite{note"},
		},
		{
			name:      "a partial serializer may lack the field",
			construct: "EditInvite",
			notWant:   []string{"not exists Invite{email"},
		},
	})
}
