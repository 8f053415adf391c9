package distill

import "testing"

// TestObjectPermissions pins what a viewset's own permission classes'
// has_object_permission says of the row its inherited get_object finds
// (object_permissions.go): wger's RoutinePermission (manager/api/
// permissions.py:35-46) lets anyone read a template but writes only the
// owner's routine, so update and destroy require routine.user = user;
// a check through the row's foreign keys states the path; a check that
// calls a method of the row (nor names the user), or a view choosing its classes with
// get_permissions, says nothing.
func TestObjectPermissions(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from django.db import models
from django.contrib.auth.models import User


class Routine(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    name = models.CharField(max_length=20)
    is_template = models.BooleanField(default=False)


class Day(models.Model):
    routine = models.ForeignKey(Routine, on_delete=models.CASCADE)
    name = models.CharField(max_length=20)
`,
		"app/serializers.py": `
from rest_framework import serializers
from .models import Day, Routine


class DaySerializer(serializers.ModelSerializer):
    class Meta:
        model = Day
        fields = ("id", "name")


class RoutineSerializer(serializers.ModelSerializer):
    class Meta:
        model = Routine
        fields = ("id", "name")
`,
		"app/permissions.py": `
from rest_framework import permissions


class RoutinePermission(permissions.BasePermission):
    OWNER_ONLY_ACTIONS = frozenset({'logs', 'stats'})

    def has_permission(self, request, view):
        return request.user and request.user.is_authenticated

    def has_object_permission(self, request, view, obj):
        """Templates are read-only for everyone."""
        if obj.user == request.user:
            return True

        if obj.is_template and getattr(view, 'action', None) not in self.OWNER_ONLY_ACTIONS:
            return request.method in permissions.SAFE_METHODS

        return False


class DayPermission(permissions.BasePermission):
    def has_object_permission(self, request, view, obj):
        return request.user == obj.routine.user


class OwnerPermission(permissions.BasePermission):
    def has_object_permission(self, request, view, obj):
        return obj.routine.user == request.user or obj.shared_with(request.user)
`,
		"app/views.py": `
from rest_framework import viewsets
from .models import Day, Routine
from .permissions import DayPermission, OwnerPermission, RoutinePermission
from .serializers import DaySerializer, RoutineSerializer


class RoutineViewSet(viewsets.ModelViewSet):
    queryset = Routine.objects.all()
    serializer_class = RoutineSerializer
    permission_classes = [RoutinePermission]


class DayViewSet(viewsets.ModelViewSet):
    queryset = Day.objects.all()
    serializer_class = DaySerializer
    permission_classes = (DayPermission,)


class OwnedDayViewSet(viewsets.ModelViewSet):
    queryset = Day.objects.all()
    serializer_class = DaySerializer
    permission_classes = [OwnerPermission]


class PickedRoutineViewSet(viewsets.ModelViewSet):
    queryset = Routine.objects.all()
    serializer_class = RoutineSerializer
    permission_classes = [RoutinePermission]

    def get_permissions(self):
        return []
`,
		"app/urls.py": `
from rest_framework import routers
from .views import DayViewSet, OwnedDayViewSet, PickedRoutineViewSet, RoutineViewSet

router = routers.DefaultRouter()
router.register("routine", RoutineViewSet, basename="routine")
router.register("day", DayViewSet, basename="day")
router.register("owned", OwnedDayViewSet, basename="owned")
router.register("picked", PickedRoutineViewSet, basename="picked")
urlpatterns = router.urls
`,
	}
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, files)
	checkConstructs(t, out, []idiomCase{
		{name: "a write reaches only the owner's routine", construct: "UpdateRoutine",
			want: []string{"requires: routine.user = user", "routine.name = name"}},
		{name: "so does a destroy", construct: "DestroyRoutine",
			want: []string{"requires: routine.user = user", "not exists routine"}},
		{name: "through the row's foreign keys", construct: "DestroyDay",
			want: []string{"requires: day.routine.user = user"}},
		{name: "a check calling the row's method says nothing", construct: "DestroyOwnedDay",
			want: []string{"not exists day"}, notWant: []string{"requires", "user"}},
		{name: "a view picking its classes says nothing", construct: "DestroyPickedRoutine",
			want: []string{"not exists routine"}, notWant: []string{"requires"}},
		{name: "a create finds no row", construct: "CreateRoutine",
			want: []string{"Routine.created("}, notWant: []string{"requires"}},
	})
}
