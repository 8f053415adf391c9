package distill

import "testing"

// markerViews is paperless's UserViewSet (paperless/views.py:119-193)
// cut down: a helper answers a marker object when the request leaves a
// key out, and create and update refuse a non-superuser by it. marker is
// what the class sets the marker to; create's test is `is TEST`.
func markerViews(marker, test string) map[string]string {
	return map[string]string{
		"app/serializers.py": `
from rest_framework import serializers
from django.contrib.auth.models import User


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ("id", "username", "is_staff", "is_superuser")
`,
		"app/views.py": `
from django.http import HttpResponseForbidden
from rest_framework.fields import BooleanField
from rest_framework.exceptions import ValidationError
from rest_framework.viewsets import ModelViewSet
from django.contrib.auth.models import User
from .serializers import UserSerializer


class UserViewSet(ModelViewSet):
    _NOT_PROVIDED = ` + marker + `
    queryset = User.objects.all()
    serializer_class = UserSerializer

    @staticmethod
    def _parse_requested_bool(data, key: str):
        if key not in data:
            return UserViewSet._NOT_PROVIDED
        try:
            return BooleanField().to_internal_value(data.get(key))
        except ValidationError:
            return UserViewSet._NOT_PROVIDED

    def create(self, request, *args, **kwargs):
        requested_is_superuser = self._parse_requested_bool(request.data, "is_superuser")
        if not request.user.is_superuser:
            if requested_is_superuser ` + test + `:
                return HttpResponseForbidden("no")
        return super().create(request, *args, **kwargs)

    def update(self, request, *args, **kwargs):
        user_to_update = self.get_object()
        requested_is_superuser = self._parse_requested_bool(request.data, "is_superuser")
        if (
            not request.user.is_superuser
            and requested_is_superuser is not self._NOT_PROVIDED
            and requested_is_superuser != user_to_update.is_superuser
        ):
            return HttpResponseForbidden("no")
        return super().update(request, *args, **kwargs)
`,
		"app/urls.py": `
from rest_framework.routers import DefaultRouter
from .views import UserViewSet
router = DefaultRouter()
router.register(r"users", UserViewSet)
urlpatterns = router.urls
`,
	}
}

// TestMarkerForAbsentInput pins sentinelKeyRead and markerTest: the
// helper's answer is the input, the marker its absence, so update
// refuses a non-superuser only when the flag is given and differs, and
// create only when it is given and true. A marker that is no bare
// object() (a string some input could equal) is not read, nor `is not
// True`, which the marker satisfies.
func TestMarkerForAbsentInput(t *testing.T) {
	runIdiomCases(t, markerViews("object()", "is True"), []idiomCase{
		{name: "update", construct: "UpdateUser",
			want: []string{"requires: current_user.is_superuser or is_superuser = null or is_superuser = user.is_superuser"}},
		{name: "create", construct: "CreateUser",
			want: []string{"requires: user.is_superuser or (is_superuser = null or is_superuser != true)"}},
	})
	runIdiomCases(t, markerViews(`"missing"`, "is not True"), []idiomCase{
		{name: "no marker object", construct: "UpdateUser", notWant: []string{"is_superuser = null"}},
		{name: "is not True", construct: "CreateUser", notWant: []string{"requires"}},
	})
}
