package distill

import "testing"

// TestOwnerObjectLoops: wger's owner check (utils/viewsets.py:29-86) loops
// over the (model, field) pairs a viewset's get_owner_objects returns as a
// literal list (manager/api/views.py:449-453), skips a field the request
// does not give (continue), refuses a row not found, and refuses one whose
// owner (get_owner_object) is another user's (return False); the viewset's
// create raises when it refuses. The loop is walked once per pair, so each
// rule requires, per field, that it is not given or its owner is the
// caller; two pairs find two rows, named by their inputs. Before, the loop
// was left out and the rules read as open to anyone.
func TestOwnerObjectLoops(t *testing.T) {
	runIdiomCases(t, map[string]string{
		"app/models.py": `
from django.db import models
from django.contrib.auth.models import User


class Routine(models.Model):
    name = models.CharField(max_length=64)
    user = models.ForeignKey(User, on_delete=models.CASCADE)

    def get_owner_object(self):
        return self


class Day(models.Model):
    routine = models.ForeignKey(Routine, on_delete=models.CASCADE)
    name = models.CharField(max_length=64)

    def get_owner_object(self):
        return self.routine


class Session(models.Model):
    routine = models.ForeignKey(Routine, on_delete=models.CASCADE)
    day = models.ForeignKey(Day, on_delete=models.CASCADE)
    notes = models.TextField()
`,
		"app/serializers.py": `
from rest_framework import serializers
from .models import Day, Session


class DaySerializer(serializers.ModelSerializer):
    class Meta:
        model = Day
        fields = ["routine", "name"]


class SessionSerializer(serializers.ModelSerializer):
    class Meta:
        model = Session
        fields = ["routine", "day", "notes"]
`,
		"app/owners.py": `
from django.core.exceptions import ValidationError
from rest_framework import exceptions, viewsets


def check_fk_ownership(payload, owner_objects, user_id):
    for model_class, field_name in owner_objects:
        pk = payload.get(field_name)
        if pk is None:
            continue
        try:
            obj = model_class.objects.get(pk=pk)
        except model_class.DoesNotExist:
            return False
        except (ValidationError, ValueError):
            continue
        owner = obj.get_owner_object()
        if owner and hasattr(owner, 'user') and owner.user_id != user_id:
            return False
    return True


class OwnerViewSet(viewsets.ModelViewSet):
    def create(self, request, *args, **kwargs):
        if not check_fk_ownership(request.data, self.get_owner_objects(), request.user.pk):
            raise exceptions.PermissionDenied('not yours')
        return super().create(request, *args, **kwargs)
`,
		"app/views.py": `
from .models import Day, Routine, Session
from .owners import OwnerViewSet
from .serializers import DaySerializer, SessionSerializer


class DayViewSet(OwnerViewSet):
    queryset = Day.objects.all()
    serializer_class = DaySerializer

    @staticmethod
    def get_owner_objects():
        """Objects to check"""
        return [(Routine, 'routine')]


class SessionViewSet(OwnerViewSet):
    queryset = Session.objects.all()
    serializer_class = SessionSerializer

    @staticmethod
    def get_owner_objects():
        return [(Routine, 'routine'), (Day, 'day')]
`,
		"app/urls.py": `
from rest_framework.routers import DefaultRouter
from .views import DayViewSet, SessionViewSet

router = DefaultRouter()
router.register("days", DayViewSet)
router.register("sessions", SessionViewSet)
urlpatterns = router.urls
`,
	}, []idiomCase{
		{name: "one pair: the field not given, or its owner the caller", construct: "CreateDay",
			want:    []string{"routine = null or", "routine.user = user", "Day.created(routine: routine"},
			notWant: []string{"hasattr", "obj"}},
		{name: "two pairs: two rows, each named by its input", construct: "CreateSession",
			want: []string{"routine = null or", "routine.user = user", "day = null or", "day.routine.user = user",
				"routine: routine", "day: day"},
			notWant: []string{"obj"}},
	})
}
