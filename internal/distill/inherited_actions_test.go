package distill

import "testing"

// TestInheritedViewsetActions pins an action a base of the service writes
// and hands on to DRF's (wger's WgerOwnerObjectModelViewSet.create and
// update, utils/viewsets.py:80-86: a check, then super().create(...)),
// walked for each routed viewset that derives from it with that viewset's
// serializer and hooks (model_viewsets.go); before, the base's own
// handler stated nothing and the viewsets had no create or update.
func TestInheritedViewsetActions(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from django.db import models
from django.contrib.auth.models import User


class Note(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    text = models.TextField()
`,
		"app/serializers.py": `
from rest_framework import serializers
from .models import Note


class NoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Note
        fields = ("id", "text")
`,
		"app/viewsets.py": `
from rest_framework import viewsets


class OwnerViewSet(viewsets.ModelViewSet):
    def _check(self, request):
        audit(request.data)

    def create(self, request, *args, **kwargs):
        self._check(request)
        return super().create(request, *args, **kwargs)

    def update(self, request, *args, **kwargs):
        self._check(request)
        return super().update(request, *args, **kwargs)
`,
		"app/views.py": `
from .models import Note
from .serializers import NoteSerializer
from .viewsets import OwnerViewSet


class NoteViewSet(OwnerViewSet):
    serializer_class = NoteSerializer

    def get_queryset(self):
        return Note.objects.filter(user=self.request.user)

    def perform_create(self, serializer):
        serializer.save(user=self.request.user)
`,
		"app/urls.py": `
from rest_framework import routers
from .views import NoteViewSet

router = routers.DefaultRouter()
router.register("note", NoteViewSet, basename="note")
urlpatterns = router.urls
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{name: "the base's create hands on to the viewset's serializer and hook", construct: "CreateNote",
			want: []string{"Note.created(text: text, user: user)"}},
		{name: "and its update to the row of the viewset's queryset", construct: "UpdateNote",
			want: []string{"requires: note.user = user", "note.text = text"}},
	})
}

// TestMetaFieldConstants pins a Meta's fields given as module constants
// added together (wger's BASE_CONFIG_FIELDS, manager/api/consts.py:1-11),
// read as the fields they name, less those the model's save sets itself
// (AbstractChangeConfig.save overrides operation for the first iteration,
// manager/models/abstract_config.py:142-155): the spec had said the row
// was created with repeat false and nothing else, then, reading the list,
// operation from the input.
func TestMetaFieldConstants(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from django.db import models


class Config(models.Model):
    iteration = models.IntegerField()
    operation = models.CharField(max_length=1, default="r")
    step = models.CharField(max_length=2)
    repeat = models.BooleanField(default=False)

    def save(self, **kwargs):
        if self.iteration == 1:
            self.operation = "r"
        super().save(**kwargs)
`,
		"app/consts.py": `
BASE_FIELDS = ("id", "iteration", "operation", "repeat")
CONFIG_FIELDS = BASE_FIELDS + ("step",)
`,
		"app/serializers.py": `
from rest_framework import serializers
from .consts import CONFIG_FIELDS
from .models import Config


class ConfigSerializer(serializers.ModelSerializer):
    class Meta:
        model = Config
        fields = CONFIG_FIELDS
`,
		"app/views.py": `
from rest_framework import viewsets
from .serializers import ConfigSerializer


class ConfigViewSet(viewsets.ModelViewSet):
    serializer_class = ConfigSerializer
`,
		"app/urls.py": `
from rest_framework import routers
from .views import ConfigViewSet

router = routers.DefaultRouter()
router.register("config", ConfigViewSet, basename="config")
urlpatterns = router.urls
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{name: "the constants' fields, but the one the save overrides", construct: "CreateConfig",
			want:    []string{"iteration: iteration", "repeat: repeat", "step: step"},
			notWant: []string{"operation"}},
	})
}
