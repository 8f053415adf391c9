package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// The fixture below is a DRF service in baserow's shape (the views reach
// the user handler through a registry of actions, their bodies validated
// by a decorator of the service's own that hands the view its data):
// api/user/views.py:432-489, core/user/actions.py:358-395,
// core/registry.py:748-765, api/decorators.py:226-237,
// api/utils.py:170-205, core/user/handler.py:459-497.

const regModels = `from django.db import models
from django.contrib.auth.models import AbstractUser

class User(AbstractUser):
    pass

class Profile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    language = models.CharField(max_length=10)
    last_password_change = models.DateTimeField(null=True)
`

const regRegistry = `class DoesNotExist(Exception):
    pass

class Registry:
    def __init__(self):
        if not getattr(self, "name", None):
            raise ValueError("The name must be set.")
        self.registry = {}

    def register(self, instance):
        if instance.type in self.registry:
            raise ValueError("already")
        self.registry[instance.type] = instance

    def get(self, type_name):
        if type_name not in self.registry:
            raise DoesNotExist(type_name)
        return self.registry[type_name]

class ActionRegistry(Registry):
    name = "action"

action_registry = ActionRegistry()
`

const regHandler = `from datetime import datetime, timezone

class InvalidPassword(Exception):
    pass

class UserHandler:
    def change_password(self, user, old_password, new_password):
        if not user.check_password(old_password):
            raise InvalidPassword("bad")
        user.set_password(new_password)
        user.save()
        user.profile.last_password_change = datetime.now(tz=timezone.utc)
        user.profile.save()
        return user

    def update_user(self, user, first_name=None, language=None):
        if first_name is not None and first_name != user.first_name:
            user.first_name = first_name
            user.save()
        if language is not None:
            user.profile.language = language
            user.profile.save()
        return user
`

const regActions = `from .handler import UserHandler
from .registry import action_registry

class ActionType:
    type = None

    @classmethod
    def do(cls, *args, **kwargs):
        raise NotImplementedError()

class ChangePasswordActionType(ActionType):
    type = "change_password"

    @classmethod
    def do(cls, user, old_password, new_password):
        return UserHandler().change_password(user, old_password, new_password)

class UpdateUserActionType(ActionType):
    type = "update_user"

    @classmethod
    def do(cls, user, first_name=None, language=None, **kwargs):
        return UserHandler().update_user(user, first_name=first_name, language=language)

action_registry.register(ChangePasswordActionType())
action_registry.register(UpdateUserActionType())
`

const regDecorators = `from functools import wraps

def validate_data(serializer_class, data):
    serializer = serializer_class(data=data)
    if not serializer.is_valid():
        raise ValueError(serializer.errors)
    return serializer.data

def validate_body(serializer_class):
    def validate_decorator(func):
        def func_wrapper(*args, **kwargs):
            request = args[1]
            if "data" in kwargs:
                raise ValueError("The data attribute is already in the kwargs.")
            kwargs["data"] = validate_data(serializer_class, request.data)
            return func(*args, **kwargs)
        return func_wrapper
    return validate_decorator
`

const regViews = `from rest_framework import serializers
from rest_framework.views import APIView
from rest_framework.response import Response
from rest_framework.permissions import IsAuthenticated
from .actions import ChangePasswordActionType, UpdateUserActionType
from .registry import action_registry
from .decorators import validate_body

class ChangePasswordSerializer(serializers.Serializer):
    old_password = serializers.CharField()
    new_password = serializers.CharField()

class AccountSerializer(serializers.Serializer):
    first_name = serializers.CharField(required=False)
    language = serializers.CharField(required=False)

class ChangePasswordView(APIView):
    permission_classes = (IsAuthenticated,)

    @validate_body(ChangePasswordSerializer)
    def post(self, request, data):
        action_registry.get(ChangePasswordActionType.type).do(
            request.user, data["old_password"], data["new_password"]
        )
        return Response(status=204)

class AccountView(APIView):
    permission_classes = (IsAuthenticated,)

    @validate_body(AccountSerializer)
    def patch(self, request, data):
        user = action_registry.get(UpdateUserActionType.type).do(request.user, **data)
        return Response({})
`

func regFiles(over map[string]string) map[string]string {
	files := map[string]string{
		"app/models.py": regModels, "app/registry.py": regRegistry, "app/handler.py": regHandler,
		"app/actions.py": regActions, "app/decorators.py": regDecorators, "app/views.py": regViews,
	}
	for k, v := range over {
		files[k] = v
	}
	return files
}

// TestRegisteredInstances: registry.get(Cls.type) is Cls's instance when
// the registry files instances under their own type (registered_instances.go),
// so the action's do and the handler it calls are walked; a registry
// that files them otherwise is not read so.
func TestRegisteredInstances(t *testing.T) {
	d := New(Options{})
	for _, tc := range []struct {
		name         string
		over         map[string]string
		want, absent []string
	}{
		{
			name: "filed under their own type: the action runs",
			want: []string{"rule ChangePassword", "requires: verify(old_password, user.password)", "user.password = hash(new_password)"},
		},
		{
			name:   "filed under another key: the lookup is not read as the class's instance",
			over:   map[string]string{"app/registry.py": strings.Replace(regRegistry, "self.registry[instance.type] = instance", "self.registry[instance.name] = instance", 1)},
			absent: []string{"user.password = hash(new_password)"},
		},
		{
			name:   "get returns something else: not read",
			over:   map[string]string{"app/registry.py": strings.Replace(regRegistry, "return self.registry[type_name]", "return self.registry.get(type_name)", 1)},
			absent: []string{"user.password = hash(new_password)"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, regFiles(tc.over))
			assertSpecText(t, string(allium.Print(out.Module, allium.PrintOptions{})), tc.want, tc.absent)
		})
	}
}

// TestDecoratorKeywords: a parameter the service's decorator gives the
// view through its **kwargs (kwargs["data"] = validate_data(...)) is the
// value given, with the wrapper's *args the view object and the request
// (decorator_kwargs.go), and a serializer class handed to a helper is
// made there (shapeClassArg). Without them data["new_password"] lost
// the password change and **data set each parameter to its default.
func TestDecoratorKeywords(t *testing.T) {
	d := New(Options{})
	direct := strings.Replace(strings.Replace(regViews,
		"    @validate_body(ChangePasswordSerializer)\n    def post(self, request, data):\n",
		"    def post(self, request):\n        data = validate_data(ChangePasswordSerializer, request.data)\n", 1),
		"from .decorators import validate_body", "from .decorators import validate_body, validate_data", 1)
	validated := strings.Replace(regDecorators, "return serializer.data", "return serializer.validated_data", 1)
	for _, tc := range []struct {
		name         string
		over         map[string]string
		want, absent []string
	}{
		{
			name:   "the decorator's data: the body's fields",
			want:   []string{"when: ChangePassword(old_password, user, new_password)", "user.password = hash(new_password)"},
			absent: []string{"null != null", "first_name = null"},
		},
		{
			name: "a serializer class handed to the helper",
			over: map[string]string{"app/views.py": direct},
			want: []string{"when: ChangePassword(old_password, user, new_password)", "user.password = hash(new_password)"},
		},
		{
			name:   "validated data spread into keywords: each is the body's field",
			over:   map[string]string{"app/decorators.py": validated},
			want:   []string{"current_user.first_name = first_name", "current_user.profile.language = language"},
			absent: []string{"null != null", "first_name = null"},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, regFiles(tc.over))
			assertSpecText(t, string(allium.Print(out.Module, allium.PrintOptions{})), tc.want, tc.absent)
		})
	}
}

// TestGetOrCreateFallback: try: return Settings.objects...get() except
// DoesNotExist: return Settings.objects.create() makes the row only when
// none is found: no rule that reads the settings creates them (baserow's
// get_settings, core/handler.py:164-167).
func TestGetOrCreateFallback(t *testing.T) {
	d := New(Options{})
	const models = `
from django.db import models
from django.contrib.auth.models import AbstractUser

class User(AbstractUser):
    pass

class Settings(models.Model):
    allow_reset_password = models.BooleanField(default=True)

class Profile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE, related_name="profile")
    verified = models.BooleanField(default=False)
`
	handler := func(fallback string) string {
		return `
from .models import Settings

class CoreHandler:
    def get_settings(self):
        try:
            return Settings.objects.all()[:1].get()
        except Settings.DoesNotExist:
            return ` + fallback + `
`
	}
	const views = `
from rest_framework.views import APIView
from rest_framework.response import Response
from .handler import CoreHandler

class VerifyView(APIView):
    def post(self, request):
        settings = CoreHandler().get_settings()
        profile = request.user.profile
        profile.verified = True
        profile.save()
        return Response(status=204)
`
	for _, tc := range []struct {
		name, fallback string
		want, absent   []string
	}{
		{name: "created when missing: no creation stated", fallback: "Settings.objects.create()",
			want: []string{"user.profile.verified = true"}, absent: []string{"Settings.created"}},
		{name: "made and saved when missing: no creation stated", fallback: "Settings.objects.create(allow_reset_password=False)",
			want: []string{"user.profile.verified = true"}, absent: []string{"Settings.created"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/handler.py": handler(tc.fallback), "app/views.py": views})
			assertSpecText(t, string(allium.Print(out.Module, allium.PrintOptions{})), tc.want, tc.absent)
		})
	}
}

// TestModuleInstanceChecks: a module-level object (action_registry =
// ActionRegistry()) is made at import: its constructor's check (a
// registry must be named, baserow's core/registry.py:739-744) is no
// precondition of a request that uses it, and no note of its rule.
func TestModuleInstanceChecks(t *testing.T) {
	d := New(Options{})
	out := distilText(t, d, regFiles(nil))
	assertSpecText(t, string(allium.Print(out.Module, allium.PrintOptions{})), []string{"rule ChangePassword"}, nil)
	for _, n := range out.Notes {
		if strings.HasPrefix(n, "app/registry.py:") {
			t.Errorf("a note on the registry's making: %s", n)
		}
	}
}

// TestSameSidedGuards: a guard whose two sides read the same (the token
// just made with user=user, then `if not user.id == token.user_id:
// raise`, baserow's contrib/database/tokens/handler.py:133-135, :250) is
// no precondition: requires: user = user said nothing. A guard whose
// sides differ stays.
func TestSameSidedGuards(t *testing.T) {
	d := New(Options{})
	const models = `
from django.db import models
from django.contrib.auth.models import AbstractUser

class User(AbstractUser):
    pass

class Token(models.Model):
    user = models.ForeignKey(User, on_delete=models.CASCADE)
    owner = models.ForeignKey(User, on_delete=models.CASCADE, related_name="owned")
    name = models.CharField(max_length=50)
`
	views := func(check string) string {
		return `
from rest_framework.views import APIView
from rest_framework.response import Response
from .models import Token, User

class Denied(Exception):
    pass

class TokensView(APIView):
    def post(self, request):
        user = request.user
        token = Token.objects.create(user=user, owner=User.objects.get(id=request.data["owner_id"]), name=request.data["name"])
        if not ` + check + `:
            raise Denied()
        return Response({})
`
	}
	for _, tc := range []struct {
		name, check  string
		want, absent []string
		note         string
	}{
		{name: "the same both sides: no requires, a note", check: "user.id == token.user_id",
			want: []string{"Token.created("}, absent: []string{"requires: user = user"},
			note: "a guard that always holds"},
		{name: "different sides: the requires stays", check: "user.id == token.owner_id",
			want: []string{"Token.created(", "requires: user = "}, absent: []string{"requires: user = user"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/views.py": views(tc.check)})
			assertSpecText(t, string(allium.Print(out.Module, allium.PrintOptions{})), tc.want, tc.absent)
			if tc.note != "" && !strings.Contains(strings.Join(out.Notes, "\n"), tc.note) {
				t.Errorf("no note %q in\n%s", tc.note, strings.Join(out.Notes, "\n"))
			}
		})
	}
}
