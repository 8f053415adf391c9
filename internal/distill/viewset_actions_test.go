package distill

import "testing"

// TestViewsetActions pins taiga's UsersViewSet (taiga/users/api.py:45,
// 156-171): its base, ModelCrudViewSet, is the service's own copy of DRF's
// viewsets (taiga.base.api), which the walk may not read, but a method
// routed by a viewset action decorator (@list_route, @detail_route, DRF's
// @action) makes the class a view, each such method a handler.
func TestViewsetActions(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name      string
		decorator string // on password_recovery
		want      bool   // whether its rule is made
	}{
		{name: "list_route", decorator: `@list_route(methods=["POST"])`, want: true},
		{name: "detail_route", decorator: `@detail_route(methods=["POST"])`, want: true},
		{name: "action", decorator: `@action(detail=False, methods=["POST"])`, want: true},
		{name: "no route decorator: a plain class, no handler", decorator: `@staticmethod`, want: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from django.db import models


class User(models.Model):
    username = models.CharField(max_length=50)
    token = models.CharField(max_length=64, null=True)
`,
				"app/api.py": `
import uuid

from corebase.api.viewsets import ModelCrudViewSet
from corebase.decorators import list_route, detail_route, action

from app.models import User


class UsersViewSet(ModelCrudViewSet):
    ` + tt.decorator + `
    def password_recovery(self, request, pk=None):
        user = User.objects.get(username=request.data["username"])
        user.token = str(uuid.uuid4())
        user.save()
        return None
`})
			got := construct(out.Module, "PasswordRecoveryUsers") != ""
			if got != tt.want {
				t.Fatalf("rule PasswordRecoveryUsers made: %v, want %v", got, tt.want)
			}
			if tt.want {
				wantConstruct(t, out, "PasswordRecoveryUsers", []string{"user.token = "}, nil)
			}
		})
	}
}
