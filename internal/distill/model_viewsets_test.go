package distill

import (
	"strings"
	"testing"
)

// TestModelViewsets pins the actions DRF's model viewsets give the
// classes routed to them (model_viewsets.go): paperless-ngx's API is
// written almost wholly as ModelViewSet subclasses with no action of their
// own (documents/views.py), and came out with no rule for them. An
// action is read only where a URL routes it, a hook the service writes is
// followed, a getter override that only adds keywords makes the view's
// shape, and a shape for one model given another's row saves nothing the
// spec states.
func TestModelViewsets(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from django.db import models
from django.contrib.auth.models import User


class Tag(models.Model):
    name = models.CharField(max_length=128)
    colour = models.CharField(max_length=7)
    owner = models.ForeignKey(User, null=True, on_delete=models.SET_NULL)


class Note(models.Model):
    text = models.TextField()


class Pin(models.Model):
    label = models.CharField(max_length=32)
`,
		"app/serializers.py": `
from rest_framework import serializers
from .models import Note, Pin, Tag


class TagSerializer(serializers.ModelSerializer):
    class Meta:
        model = Tag
        fields = ["id", "name", "colour"]


class NoteSerializer(serializers.ModelSerializer):
    class Meta:
        model = Note
        fields = ["text"]


class PinSerializer(serializers.ModelSerializer):
    class Meta:
        model = Pin
        fields = ["label"]
`,
		"app/views.py": `
from rest_framework.viewsets import ModelViewSet
from .models import Note, Pin, Tag
from .serializers import NoteSerializer, PinSerializer, TagSerializer


class PassUserMixin:
    def get_serializer(self, *args, **kwargs):
        kwargs.setdefault("user", self.request.user)
        return super().get_serializer(*args, **kwargs)


class TagViewSet(PassUserMixin, ModelViewSet[Tag]):
    queryset = Tag.objects.all()
    serializer_class = TagSerializer

    def perform_create(self, serializer):
        serializer.save(owner=self.request.user)


class NoteViewSet(ModelViewSet):
    queryset = Note.objects.all()
    serializer_class = NoteSerializer


class HiddenNoteViewSet(ModelViewSet):
    queryset = Note.objects.all()
    serializer_class = NoteSerializer


class BaseViewSet(ModelViewSet):
    serializer_class = NoteSerializer


class PinViewSet(BaseViewSet):
    queryset = Note.objects.all()
    serializer_class = PinSerializer
`,
		"app/urls.py": `
from django.urls import path
from rest_framework.routers import DefaultRouter
from .views import NoteViewSet, PinViewSet, TagViewSet

router = DefaultRouter()
router.register("tags", TagViewSet)
urlpatterns = router.urls + [
    path("notes/<int:pk>/", NoteViewSet.as_view({"get": "retrieve", "patch": "partial_update"})),
    path("pins/<int:pk>/", PinViewSet.as_view({"put": "update", "delete": "destroy"})),
]
`,
	}
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, files)
	checkConstructs(t, out, []idiomCase{
		{name: "a router's viewset creates through its hook", construct: "CreateTag",
			want: []string{"Tag.created(name: name, colour: colour, owner: user)"}},
		{name: "and updates the row the URL names", construct: "UpdateTag",
			want: []string{"tag.name = name", "tag.colour = colour"}, notWant: []string{"created"}},
		{name: "and deletes it", construct: "DestroyTag", want: []string{"not exists tag"}},
		{name: "an as_view mapping routes the partial update", construct: "PartialUpdateNote",
			want: []string{"note.text = text"}},
		{name: "the row of another model than the shape's", construct: "DestroyPin", want: []string{"not exists note"}},
	})
	for _, absent := range []string{
		"CreateNote", "UpdateNote", "DestroyNote", // not routed by the mapping
		"CreateHiddenNote", "UpdateHiddenNote", "PartialUpdateHiddenNote", "DestroyHiddenNote", // routed nowhere
		"CreateBase", "UpdateBase", "DestroyBase", // a base the service derives from
		"CreatePin", "UpdatePin", // unrouted, and a Pin shape given a Note
	} {
		if got := construct(out.Module, absent); got != "" {
			t.Errorf("unexpected %s:\n%s", absent, got)
		}
	}
	if !slicesContainsPart(out.Notes, "the save of a form made for one model given a row of another") {
		t.Errorf("no note on PinViewSet's update; notes: %v", out.Notes)
	}
}

// slicesContainsPart reports an element of list containing part.
func slicesContainsPart(list []string, part string) bool {
	for _, s := range list {
		if strings.Contains(s, part) {
			return true
		}
	}
	return false
}

// TestPoppedBeforeSave: a serializer's own update that takes a key out
// of the validated data before the framework's update leaves that field
// as it was (paperless-ngx's MailAccountSerializer.update pops a password
// sent back obfuscated, paperless_mail/serialisers.py:51-57), and its own
// create that sets a key (the requester as owner when none was sent,
// OwnedObjectSerializer.create, documents/serialisers.py:493-508) writes
// what the walk does not carry to the save: both fields are left out. The
// spec stated them set from the input.
func TestPoppedBeforeSave(t *testing.T) {
	runIdiomCases(t, map[string]string{
		"app/models.py": `
from django.db import models


class Account(models.Model):
    name = models.CharField(max_length=64)
    password = models.CharField(max_length=64)
`,
		"app/serializers.py": `
from rest_framework import serializers
from .models import Account


class AccountSerializer(serializers.ModelSerializer):
    class Meta:
        model = Account
        fields = ["name", "password"]

    def update(self, instance, validated_data):
        if "password" in validated_data and len(validated_data.get("password").replace("*", "")) == 0:
            validated_data.pop("password")
        super().update(instance, validated_data)
        return instance

    def create(self, validated_data):
        if "name" not in validated_data and self.user:
            validated_data["name"] = self.user.username
        return super().create(validated_data)
`,
		"app/views.py": `
from rest_framework.viewsets import ModelViewSet
from .models import Account
from .serializers import AccountSerializer


class AccountViewSet(ModelViewSet):
    queryset = Account.objects.all()
    serializer_class = AccountSerializer
`,
		"app/urls.py": `
from rest_framework.routers import DefaultRouter
from .views import AccountViewSet

router = DefaultRouter()
router.register("accounts", AccountViewSet)
urlpatterns = router.urls
`,
	}, []idiomCase{
		{name: "the popped field is not written", construct: "UpdateAccount",
			want: []string{"account.name = name"}, notWant: []string{"account.password"}},
		{name: "a create sets one", construct: "CreateAccount", want: []string{"Account.created(password: password)"}, notWant: []string{"name"}},
	})
}

// TestViewsetSuperActions: a viewset's own action that checks the request
// and hands on with super().create(request, *args, **kwargs) runs DRF's
// action after its checks (paperless-ngx's UserViewSet,
// paperless/views.py:144-203); the user its get_object finds is not the
// signed-in user, whose test of superuser status stays apart from the
// row's; and the PATCH of a class that writes its own update runs that
// update, so it has no rule of its own that would skip the checks.
func TestViewsetSuperActions(t *testing.T) {
	files := map[string]string{
		"app/models.py": `
from django.contrib.auth.models import AbstractUser


class User(AbstractUser):
    pass
`,
		"app/serializers.py": `
from rest_framework import serializers
from .models import User


class UserSerializer(serializers.ModelSerializer):
    class Meta:
        model = User
        fields = ["username", "email"]
`,
		"app/views.py": `
from django.http import HttpResponseForbidden
from rest_framework.viewsets import ModelViewSet
from .models import User
from .serializers import UserSerializer


class UserViewSet(ModelViewSet):
    queryset = User.objects.all()
    serializer_class = UserSerializer

    def create(self, request, *args, **kwargs):
        if not request.user.is_superuser:
            return HttpResponseForbidden("no")
        return super().create(request, *args, **kwargs)

    def update(self, request, *args, **kwargs):
        user_to_update = self.get_object()
        if not request.user.is_superuser and user_to_update.is_superuser:
            return HttpResponseForbidden("no")
        return super().update(request, *args, **kwargs)

    def destroy(self, request, *args, **kwargs):
        user_to_delete = self.get_object()
        if not request.user.is_superuser and user_to_delete.is_superuser:
            return HttpResponseForbidden("no")
        return super().destroy(request, *args, **kwargs)
`,
		"app/urls.py": `
from rest_framework.routers import DefaultRouter
from .views import UserViewSet

router = DefaultRouter()
router.register("users", UserViewSet)
urlpatterns = router.urls
`,
	}
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, files)
	checkConstructs(t, out, []idiomCase{
		{name: "the check, then the framework's create", construct: "CreateUser",
			want: []string{"requires: user.is_superuser", "User.created(username: username, email: email)"}},
		{name: "the row the URL names and the signed-in user apart", construct: "UpdateUser",
			want: []string{"requires: current_user.is_superuser or not user.is_superuser", "user.username = username"}},
		{name: "and the delete", construct: "DestroyUser",
			want: []string{"requires: current_user.is_superuser or not user.is_superuser", "not exists user"}},
	})
	if got := construct(out.Module, "PartialUpdateUser"); got != "" {
		t.Errorf("the PATCH skips the class's own update:\n%s", got)
	}
}
