package distill

import "testing"

// writtenOverFiles is paperless-ngx's share-link bundles in small
// (documents/views.py:4508-4589, documents/tasks.py:718-778): the view
// resets a bundle and hands its id to a task by apply_async(kwargs=...);
// the task loads it, marks it processing, then ready with a path the
// spec cannot state.
var writtenOverFiles = map[string]string{
	"app/models.py": `
from django.db import models
class Bundle(models.Model):
    name = models.CharField(max_length=10)
    status = models.CharField(max_length=10)
    file_path = models.CharField(max_length=100)
`,
	"app/tasks.py": `
from celery import shared_task
from app.models import Bundle
@shared_task
def build(bundle_id):
    try:
        bundle = Bundle.objects.filter(pk=bundle_id).get()
    except Bundle.DoesNotExist:
        return
    bundle.status = "processing"
    bundle.file_path = ""
    bundle.save()
    bundle.file_path = f"{bundle.name}.zip"
    bundle.status = "ready"
    bundle.save()
`,
	"app/views.py": `
from rest_framework.views import APIView
from rest_framework.response import Response
from app.models import Bundle
from app.tasks import build
class MakeBundleView(APIView):
    def post(self, request):
        bundle = Bundle.objects.create(name=request.data["name"], status="pending", file_path="")
        build.apply_async(kwargs={"bundle_id": bundle.pk}, headers={"source": "manual"})
        return Response()
class RebuildView(APIView):
    def post(self, request, pk):
        bundle = Bundle.objects.get(pk=pk)
        bundle.status = "pending"
        bundle.file_path = ""
        bundle.save()
        build.apply_async(kwargs={"bundle_id": bundle.pk})
        return Response()
`,
	"app/urls.py": `
from django.urls import path
from app.views import MakeBundleView, RebuildView
urlpatterns = [
    path("b/", MakeBundleView.as_view()),
    path("b/<int:pk>/rebuild/", RebuildView.as_view()),
]
`,
}

func TestWrittenOver(t *testing.T) {
	runIdiomCases(t, writtenOverFiles, []idiomCase{
		{
			name:      "apply_async(kwargs=...) binds the task's parameters: the task's bundle is the one created; a field written over with a value the spec cannot state leaves the creation",
			construct: "MakeBundle",
			want: []string{`rule MakeBundle {
    when: MakeBundle(name)
    ensures: Bundle.created(name: name, status: ready)
}`},
		},
		{
			name:      "of two writes of one field the row ends with the later; one the spec cannot state leaves none",
			construct: "Rebuild",
			want: []string{`rule Rebuild {
    when: Rebuild(bundle)
    ensures: bundle.status = ready
}`},
		},
	})
}

// TestWrittenOverLeavesNoEmptyRule: a handler whose only write is made
// over with a value the spec cannot state, at the top or in a branch,
// has no rule, nor has a branch that ends the request so (Reset keeps
// its own outcome) (a rule with nothing to ensure, or an if with nothing in
// it, would fail the checker and be dropped): it changes state in ways
// the spec could not state, and the notes say so.
func TestWrittenOverLeavesNoEmptyRule(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, map[string]string{
		"app/models.py": `
from django.db import models


class Bundle(models.Model):
    name = models.CharField(max_length=64)
    slug = models.CharField(max_length=64)
`,
		"app/views.py": `
from django.http import JsonResponse
from django.views import View
from .models import Bundle


class RenameView(View):
    def post(self, request, pk):
        bundle = Bundle.objects.get(pk=pk)
        if request.POST.get("flag"):
            bundle.name = "x"
            bundle.name = f"{bundle.slug}.zip"
        bundle.save()
        return JsonResponse({})


class ResetView(View):
    def post(self, request, pk):
        bundle = Bundle.objects.get(pk=pk)
        if request.POST.get("reset"):
            bundle.name = "x"
            bundle.name = f"{bundle.slug}.zip"
            bundle.save()
            return JsonResponse({})
        bundle.slug = "s"
        bundle.save()
        return JsonResponse({})


class RetitleView(View):
    def post(self, request, pk):
        bundle = Bundle.objects.get(pk=pk)
        bundle.name = "x"
        bundle.name = f"{bundle.slug}.zip"
        bundle.save()
        return JsonResponse({})
`,
	})
	for _, name := range []string{"Rename", "Retitle"} {
		if got := construct(out.Module, name); got != "" {
			t.Errorf("%s has a rule:\n%s", name, got)
		}
	}
	wantConstruct(t, out, "Reset", []string{`bundle.slug = "s"`}, []string{"bundle.name"})
	if out.Stats.DroppedByChecker != 0 {
		t.Errorf("the checker dropped %d constructs", out.Stats.DroppedByChecker)
	}
	if !slicesContainsPart(out.Notes, "changes state in ways the spec could not state") {
		t.Errorf("no note says why; notes: %v", out.Notes)
	}
}
