package distill

import (
	"strings"
	"testing"
)

// TestObjectQuerysets pins what a viewset's own get_queryset says of the
// row its inherited actions find (object_querysets.go): wger's API
// viewsets narrow their rows to the requester's (gallery/api/views.py:
// 50-58, manager/api/views.py:383-391) behind a drf-spectacular schema
// guard, so update and destroy reach only the requester's rows. A
// queryset of alternatives says nothing. A viewset that allows only safe
// methods (http_method_names) creates, updates and destroys nothing, and
// the registered viewset it derives from still does (nutrition/api/
// views.py:265-319).
func TestObjectQuerysets(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from django.db import models
from django.contrib.auth.models import User


class Routine(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    name = models.CharField(max_length=20)
    is_public = models.BooleanField(default=False)


class Day(models.Model):
    routine = models.ForeignKey(Routine, on_delete=models.CASCADE)
    name = models.CharField(max_length=20)


class Image(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    description = models.CharField(max_length=20)
`,
		"app/serializers.py": `
from rest_framework import serializers
from .models import Day, Image, Routine


class ImageSerializer(serializers.ModelSerializer):
    class Meta:
        model = Image
        fields = ("id", "description")


class DaySerializer(serializers.ModelSerializer):
    class Meta:
        model = Day
        fields = ("id", "name")


class RoutineSerializer(serializers.ModelSerializer):
    class Meta:
        model = Routine
        fields = ("id", "name")
`,
		"app/views.py": `
from django.db.models import Q
from rest_framework import viewsets
from .models import Day, Image, Routine
from .serializers import DaySerializer, ImageSerializer, RoutineSerializer


class ImageViewSet(viewsets.ModelViewSet):
    serializer_class = ImageSerializer

    def get_queryset(self):
        if getattr(self, "swagger_fake_view", False):
            return Image.objects.none()
        return Image.objects.filter(user=self.request.user)

    def perform_create(self, serializer):
        serializer.save(user=self.request.user)


class ImageInfoViewSet(ImageViewSet):
    http_method_names = ["get", "head", "options"]

    def perform_create(self, serializer):
        serializer.save(user=self.request.user, description="info")

    def perform_destroy(self, instance):
        instance.description = "gone"
        instance.save()


class DayViewSet(viewsets.ModelViewSet):
    serializer_class = DaySerializer

    def get_queryset(self):
        return Day.objects.select_related("routine").filter(routine__user=self.request.user)


class RoutineViewSet(viewsets.ModelViewSet):
    serializer_class = RoutineSerializer

    def get_queryset(self):
        return Routine.objects.filter(Q(user=self.request.user) | Q(is_public=True))
`,
		"app/urls.py": `
from rest_framework import routers
from .views import DayViewSet, ImageInfoViewSet, ImageViewSet, RoutineViewSet

router = routers.DefaultRouter()
router.register("image", ImageViewSet, basename="image")
router.register("imageinfo", ImageInfoViewSet, basename="imageinfo")
router.register("day", DayViewSet, basename="day")
router.register("routine", RoutineViewSet, basename="routine")
urlpatterns = router.urls
`,
	}
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, files)
	checkConstructs(t, out, []idiomCase{
		{name: "an update reaches only the requester's rows", construct: "UpdateImage",
			want: []string{"requires: image.user = user", "image.description = description"}},
		{name: "so does a destroy", construct: "DestroyImage",
			want: []string{"requires: image.user = user", "not exists image"}},
		{name: "through the foreign keys the lookup follows", construct: "DestroyDay",
			want: []string{"requires: day.routine.user = user"}},
		{name: "alternatives say nothing of the row", construct: "DestroyRoutine",
			want: []string{"not exists routine"}, notWant: []string{"requires"}},
		{name: "a registered base still serves its actions", construct: "CreateImage",
			want: []string{"Image.created(description: description, user: user)"}},
	})
	for _, absent := range []string{"CreateImageInfo", "UpdateImageInfo", "PartialUpdateImageInfo", "DestroyImageInfo"} {
		if got := construct(out.Module, absent); got != "" {
			t.Errorf("unexpected %s (http_method_names allows only safe methods):\n%s", absent, got)
		}
	}
}

// TestOwnPermissionClass pins a service's permission class whose
// has_permission is one return that holds only for a signed-in user
// (wger's RoutinePermission, manager/api/permissions.py): the viewset
// that lists it serves signed-in users, not visitors.
func TestOwnPermissionClass(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from django.db import models
from django.contrib.auth.models import User


class Routine(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    name = models.CharField(max_length=20)
`,
		"app/serializers.py": `
from rest_framework import serializers
from .models import Routine


class RoutineSerializer(serializers.ModelSerializer):
    class Meta:
        model = Routine
        fields = ("id", "name")
`,
		"app/permissions.py": `
from rest_framework import permissions


class RoutinePermission(permissions.BasePermission):
    def has_permission(self, request, view):
        """Only allow access to authenticated users"""
        return request.user and request.user.is_authenticated


class OpenPermission(permissions.BasePermission):
    def has_permission(self, request, view):
        return request.user or request.user.is_authenticated
`,
		"app/views.py": `
from rest_framework import viewsets
from .models import Routine
from .permissions import OpenPermission, RoutinePermission
from .serializers import RoutineSerializer


class RoutineViewSet(viewsets.ModelViewSet):
    queryset = Routine.objects.all()
    serializer_class = RoutineSerializer
    permission_classes = [RoutinePermission]


class OpenRoutineViewSet(viewsets.ModelViewSet):
    queryset = Routine.objects.all()
    serializer_class = RoutineSerializer
    permission_classes = [OpenPermission]
`,
		"app/urls.py": `
from rest_framework import routers
from .views import OpenRoutineViewSet, RoutineViewSet

router = routers.DefaultRouter()
router.register("routine", RoutineViewSet, basename="routine")
router.register("open", OpenRoutineViewSet, basename="open")
urlpatterns = router.urls
`,
	}
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, files)
	user, public := construct(out.Module, "UserApi"), construct(out.Module, "PublicApi")
	if !strings.Contains(user, "DestroyRoutine(") || strings.Contains(public, "DestroyRoutine(") {
		t.Errorf("DestroyRoutine is not on the signed-in surface only:\nUserApi:\n%s\nPublicApi:\n%s", user, public)
	}
	if !strings.Contains(public, "DestroyOpenRoutine(") {
		t.Errorf("an or of the test is no signed-in check:\nPublicApi:\n%s", public)
	}
}
