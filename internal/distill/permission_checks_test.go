package distill

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestPermissionChecks: a permission registry's check of several
// arguments (catalog named_checks with args; baserow's
// CoreHandler().check_permissions(actor, Operation.type, workspace=...,
// context=...), core/handler.py:319-360) is the precondition
// permitted(actor, "operation.name", context), the operation named by
// the string its class keeps; asked to answer rather than raise
// (raise_permission_exceptions=False), it is the predicate a condition
// tests. Before, the registry's loop over its managers was followed and
// stated nothing.
func TestPermissionChecks(t *testing.T) {
	d := New(Options{})
	const models = `
from django.contrib.auth.models import AbstractUser
from django.db import models

class User(AbstractUser):
    pass

class Workspace(models.Model):
    name = models.CharField(max_length=100)

class Token(models.Model):
    name = models.CharField(max_length=100)
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE)
    user = models.ForeignKey(User, on_delete=models.CASCADE)
`
	const core = `
from django.conf import settings


class OperationType:
    type = None


class CreateTokenOperationType(OperationType):
    type = "workspace.create_token"


class CoreHandler:
    def check_permissions(self, actor, operation_name, workspace=None, context=None, raise_permission_exceptions=True):
        for manager in settings.PERMISSION_MANAGERS:
            answer = manager.check(actor, operation_name, workspace, context)
            if answer is False:
                if raise_permission_exceptions:
                    raise PermissionError()
                return False
        return True
`
	const view = `
from rest_framework.views import APIView
from rest_framework.response import Response
from .handler import create_token

class TokensView(APIView):
    def post(self, request, workspace_id):
        create_token(request.user, request.data["workspace"], request.data["name"])
        return Response(status=201)
`
	for _, tc := range []struct {
		name, check, want string
	}{
		{"a check that raises, with its context",
			"    CoreHandler().check_permissions(user, CreateTokenOperationType.type, workspace=workspace, context=workspace)\n",
			`requires: permitted(user, "workspace.create_token", workspace)`},
		{"a check with the workspace alone",
			"    CoreHandler().check_permissions(user, CreateTokenOperationType.type, workspace=workspace)\n",
			`requires: permitted(user, "workspace.create_token", workspace)`},
		{"a check asked to answer",
			"    if not CoreHandler().check_permissions(user, CreateTokenOperationType.type, workspace=workspace, raise_permission_exceptions=False):\n        raise PermissionError()\n",
			`requires: permitted(user, "workspace.create_token", workspace)`},
		{"a service object held in a local",
			"    core = CoreHandler()\n    core.check_permissions(user, CreateTokenOperationType.type, context=workspace)\n",
			`requires: permitted(user, "workspace.create_token", workspace)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			handler := `
from .core import CoreHandler, CreateTokenOperationType
from .models import Token


def create_token(user, workspace, name):
` + tc.check + `    return Token.objects.create(name=name, workspace=workspace, user=user)
`
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/core.py": core, "app/handler.py": handler, "app/views.py": view})
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			assertSpecText(t, text, []string{tc.want, "Token.created(name: name, workspace: workspace, user: user)"}, nil)
			if errs, _ := checkErrors(out.Module); len(errs) > 0 {
				t.Errorf("checker errors: %v", errs)
			}
		})
	}
}
