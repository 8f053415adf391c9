package distill

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// A Meta that names the fields it leaves out (catalog shapes.meta.exclude)
// writes the model's writable fields but those (plane's IssueSerializer,
// api/serializers/issue.py:70-73); a Meta extending another's (class
// Meta(HookForm.Meta): exclude = (...), netbox's dcim/forms/
// object_create.py:84-86) takes the fields it lists, less the ones it
// excludes. The validated data spread into the model is read by key, so
// a key the shape's validate rewrote is not the request's input (plane's
// IssueSerializer.validate sanitises description_html, :75-100).
func TestMetaExclude(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/models.py": `
import uuid
from django.db import models
class User(models.Model):
    email = models.EmailField(unique=True)
class Hook(models.Model):
    id = models.UUIDField(default=uuid.uuid4, primary_key=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    url = models.URLField(max_length=1024)
    is_active = models.BooleanField(default=True)
    notes = models.CharField(max_length=255)
    body = models.TextField(blank=True)
    owner = models.ForeignKey(User, on_delete=models.CASCADE)
`,
		"app/serializers.py": `
from rest_framework import serializers
from app.models import Hook
class HookSerializer(serializers.ModelSerializer):
    class Meta:
        model = Hook
        read_only_fields = ["owner"]
        exclude = ["notes"]
    def validate(self, data):
        if data.get("body"):
            cleaned = clean_html(data["body"])
            data["body"] = cleaned
        return data
    def create(self, validated_data):
        return Hook.objects.create(**validated_data)
`,
		"app/forms.py": `
from django import forms
from app.models import Hook
class HookForm(forms.ModelForm):
    class Meta:
        model = Hook
        fields = ["url", "is_active", "body", "notes"]
class HookLiteForm(HookForm):
    class Meta(HookForm.Meta):
        exclude = ("notes",)
`,
		"app/views.py": `
from django.shortcuts import redirect
from rest_framework import status
from rest_framework.response import Response
from rest_framework.views import APIView
from app.forms import HookLiteForm
from app.models import Hook
from app.serializers import HookSerializer
class WebhookEndpoint(APIView):
    def post(self, request):
        serializer = HookSerializer(data=request.data)
        if serializer.is_valid():
            serializer.save()
            return Response(serializer.data, status=status.HTTP_201_CREATED)
        return Response(serializer.errors, status=status.HTTP_400_BAD_REQUEST)
def set_notes(request, pk):
    hook = Hook.objects.get(pk=pk)
    hook.notes = request.POST["notes"]
    hook.save()
    return redirect("/")
def add_hook(request):
    form = HookLiteForm(request.POST)
    if form.is_valid():
        form.save()
        return redirect("/")
`,
	}
	cases := []struct {
		name, rule   string
		want, absent []string
	}{
		{
			name:   "exclude leaves its fields out of the writable ones",
			rule:   "Webhook",
			want:   []string{"url: url", "is_active: is_active"},
			absent: []string{"notes", "owner", "id:"},
		},
		{
			name:   "a key the validator rewrote is not the input",
			rule:   "Webhook",
			absent: []string{"body: body"},
		},
		{
			name:   "a Meta extending another's excludes from its fields",
			rule:   "AddHook",
			want:   []string{"url: url", "is_active: is_active", "body: body"},
			absent: []string{"notes"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			out := distilText(t, d, files)
			if construct(out.Module, c.rule) == "" {
				t.Fatalf("no rule %s; notes: %v\n%s", c.rule, out.Notes, allium.Print(out.Module, allium.PrintOptions{}))
			}
			ruleStatesOnly(t, out, c.rule, c.want, c.absent)
		})
	}
}
