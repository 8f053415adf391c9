package distill

import "testing"

// A created row assigned to and then written with save(update_fields=
// [...]) keeps, for the fields the list leaves out, the values it was
// created with (plane's IssueCommentListCreateAPIEndpoint.post, api/
// views/issue.py:1448-1453); a save with no list writes them all.
func TestSavedFields(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/models.py": `
from django.db import models
class User(models.Model):
    email = models.EmailField(unique=True)
class Comment(models.Model):
    body = models.TextField()
    actor = models.ForeignKey(User, on_delete=models.CASCADE, related_name="acted")
    created_by = models.ForeignKey(User, on_delete=models.CASCADE, null=True, related_name="made")
    label = models.CharField(max_length=20, null=True)
class Note(models.Model):
    body = models.TextField()
    actor = models.ForeignKey(User, on_delete=models.CASCADE, related_name="noted")
    created_by = models.ForeignKey(User, on_delete=models.CASCADE, null=True, related_name="wrote")
    def save(self, *args, **kwargs):
        super(Note, self).save(*args, **kwargs)
`,
		"app/serializers.py": `
from rest_framework import serializers
from app.models import Comment, Note
class CommentSerializer(serializers.ModelSerializer):
    class Meta:
        model = Comment
        fields = ["body"]
class NoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Note
        fields = ["body"]
`,
		"app/views.py": `
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView
from app.models import Comment, Note
from app.serializers import CommentSerializer, NoteSerializer
class CommentListEndpoint(APIView):
    def post(self, request):
        serializer = CommentSerializer(data=request.data)
        if serializer.is_valid():
            serializer.save(actor=request.user)
            comment = Comment.objects.get(pk=serializer.instance.id)
            comment.created_by_id = request.data.get("created_by", request.user.id)
            comment.actor_id = request.data.get("created_by", request.user.id)
            comment.label = "imported"
            comment.save(update_fields=["created_by"])
            return Response(serializer.data, status=status.HTTP_201_CREATED)
        return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
class CommentAllEndpoint(APIView):
    def post(self, request):
        serializer = CommentSerializer(data=request.data)
        if serializer.is_valid():
            serializer.save(actor=request.user)
            comment = Comment.objects.get(pk=serializer.instance.id)
            comment.actor_id = request.data.get("created_by", request.user.id)
            comment.save()
            return Response(serializer.data, status=status.HTTP_201_CREATED)
        return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
class NoteListEndpoint(APIView):
    def post(self, request):
        serializer = NoteSerializer(data=request.data)
        if serializer.is_valid():
            serializer.save(actor=request.user)
            note = Note.objects.get(pk=serializer.instance.id)
            note.created_by_id = request.data.get("created_by", request.user.id)
            note.actor_id = request.data.get("created_by", request.user.id)
            note.save(update_fields=["created_by"])
            return Response(serializer.data, status=status.HTTP_201_CREATED)
        return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
`,
	}
	cases := []struct {
		name, rule   string
		want, absent []string
	}{
		{
			name:   "fields update_fields leaves out keep their creation values",
			rule:   "CommentList",
			want:   []string{"actor: user", "created_by: created_by"},
			absent: []string{"actor: created_by", "label"},
		},
		{
			name:   "the model's own save hands the list on through **kwargs",
			rule:   "NoteList",
			want:   []string{"actor: user", "created_by: created_by"},
			absent: []string{"actor: created_by"},
		},
		{
			name:   "a save with no list writes every assignment",
			rule:   "CommentAll",
			want:   []string{"actor: created_by"},
			absent: []string{"actor: user"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := distilText(t, d, files)
			if construct(out.Module, c.rule) == "" {
				t.Fatalf("no rule %s; notes: %v", c.rule, out.Notes)
			}
			ruleStatesOnly(t, out, c.rule, c.want, c.absent)
		})
	}
}
