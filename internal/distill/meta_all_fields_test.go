package distill

import "testing"

// A serializer whose Meta lists fields = "__all__" (catalog
// shapes.meta.all) writes every model field it may: not the key, the
// read-only ones, the uneditable ones, the many-to-many sets or the ones
// the model's save sets itself (plane's WebhookSerializer, app/
// serializers/webhook.py:67-70, and IssueViewSerializer, view.py:56-69).
// And a serializer made with a row the walk cannot read updates that row:
// its save creates nothing (plane's partial_update of an annotated
// issue, app/views/issue/base.py:622-668).
func TestMetaAllFields(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/models.py": `
import uuid
from django.db import models
class User(models.Model):
    email = models.EmailField(unique=True)
class Label(models.Model):
    name = models.CharField(max_length=20)
class Base(models.Model):
    id = models.UUIDField(default=uuid.uuid4, primary_key=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    created_by = models.ForeignKey(User, on_delete=models.SET_NULL, null=True, related_name="+")
    class Meta:
        abstract = True
    def save(self, *args, **kwargs):
        self.created_by = None
        super(Base, self).save(*args, **kwargs)
class Hook(Base):
    url = models.URLField(max_length=1024)
    is_active = models.BooleanField(default=True)
    secret = models.CharField(max_length=255)
    owner = models.ForeignKey(User, on_delete=models.CASCADE)
    labels = models.ManyToManyField(Label, blank=True)
`,
		"app/serializers.py": `
from rest_framework import serializers
from app.models import Hook
class HookSerializer(serializers.ModelSerializer):
    class Meta:
        model = Hook
        fields = "__all__"
        read_only_fields = ["secret", "owner"]
    def create(self, validated_data):
        return Hook.objects.create(**validated_data)
`,
		"app/views.py": `
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView
from app.models import Hook
from app.serializers import HookSerializer
class HookEndpoint(APIView):
    def patch(self, request, pk):
        hook = Hook.objects.get(pk=pk)
        serializer = HookSerializer(hook, data=request.data, partial=True)
        if serializer.is_valid():
            serializer.save()
            return Response(serializer.data, status=status.HTTP_200_OK)
        return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
    def put(self, request, pk):
        hook = self.apply_annotations(self.get_queryset()).filter(pk=pk).first()
        if not hook:
            return Response(status=status.HTTP_404_NOT_FOUND)
        serializer = HookSerializer(hook, data=request.data, partial=True)
        if serializer.is_valid():
            serializer.save()
            return Response(serializer.data, status=status.HTTP_200_OK)
        return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
`,
	}
	cases := []struct {
		name, rule   string
		want, absent []string
	}{
		{
			name:   "__all__ is the model's writable fields",
			rule:   "PatchHook",
			want:   []string{"hook.url = url", "hook.is_active = is_active"},
			absent: []string{"secret", "owner", "labels", "created_at", "created_by", ".id ="},
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
	t.Run("a serializer of an unread row creates nothing", func(t *testing.T) {
		out := distilText(t, d, files)
		if r := construct(out.Module, "PutHook"); r != "" {
			t.Fatalf("PutHook states a rule:\n%s", r)
		}
	})
}
