package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// A DRF service in layers (view -> service -> handler) as a Django
// service of several apps writes it: a handler finds a row by its id
// through a base queryset its caller may hand in, a service checks a
// permission on the row and has the handler change it.
const layeredModels = `
from django.db import models

class User(models.Model):
    email = models.EmailField()

class Workspace(models.Model):
    name = models.CharField(max_length=10)

class Node(models.Model):
    workspace = models.ForeignKey(Workspace, on_delete=models.CASCADE)
    label = models.CharField(max_length=10)
    previous = models.ForeignKey("Node", null=True, on_delete=models.CASCADE)
`

const layeredCore = `
class OperationType:
    type = None

class UpdateNodeOperationType(OperationType):
    type = "node.update"

class CoreHandler:
    def check_permissions(self, actor, operation_name, workspace=None, context=None, raise_permission_exceptions=True):
        for manager in self.managers:
            manager.check(actor, operation_name, workspace, context)
        return True
`

func layeredHandler(lookup string) string {
	return `
from app.models import Node

class NodeDoesNotExist(Exception):
    pass

class NodeHandler:
    def get_node(self, node_id, base_queryset=None):
        if base_queryset is None:
            base_queryset = Node.objects.all()
        try:
            return ` + lookup + `
        except Node.DoesNotExist:
            raise NodeDoesNotExist(node_id)

    def update_node(self, node, label):
        node.label = label
        node.save()
        return node

    def move_node(self, node, after):
        node.previous = after
        node.save()
        return node
`
}

func layeredService(body string) string {
	return `
from app.core import CoreHandler, UpdateNodeOperationType
from app.handler import NodeHandler
from app.models import Node

class NodeService:
    def __init__(self):
        self.handler = NodeHandler()

    def get_node(self, user, node_id):
        node = self.handler.get_node(node_id)
        return node

    def update_node(self, user, node_id, label, base_queryset=None):
` + body + `
        CoreHandler().check_permissions(user, UpdateNodeOperationType.type, workspace=node.workspace, context=node)
        self.handler.update_node(node, label)
        return node

    def move_node(self, user, node_id, new_previous_node_id):
        node = self.get_node(user, node_id)
        after_node = self.get_node(user, new_previous_node_id)
        return self.handler.move_node(node, after_node)
`
}

const layeredViews = `
from rest_framework.views import APIView
from rest_framework.response import Response
from rest_framework.permissions import IsAuthenticated
from app.service import NodeService

class UpdateNodeView(APIView):
    permission_classes = (IsAuthenticated,)

    def patch(self, request, node_id):
        NodeService().update_node(request.user, node_id, request.data["label"])
        return Response({})

class MoveNodeView(APIView):
    permission_classes = (IsAuthenticated,)

    def post(self, request, node_id):
        NodeService().move_node(request.user, node_id, request.data["previous_node_id"])
        return Response({})
`

// TestLayeredRowReads: a row found by id and read as its most specific
// subclass (catalog same_row_attrs: node.specific) is that row; a
// conditional expression on a parameter left at its default (qs if qs is
// not None else Node.objects) is the branch it takes; so the permission
// check on the row and the change to it are stated. Two rows found through
// one helper for two ids are two rows (idRowName), not one.
func TestLayeredRowReads(t *testing.T) {
	d := New(Options{})
	const plain = `        node = self.handler.get_node(node_id)`
	tests := []struct {
		name, lookup, body string
		rule               string
		want, absent       []string
	}{
		{
			name:   "a row read as its most specific subclass",
			lookup: `base_queryset.select_related("workspace").get(id=node_id).specific`,
			body:   plain,
			rule:   "UpdateNode",
			want:   []string{`requires: permitted(user, "node.update", node)`, "ensures: node.label = label"},
		},
		{
			name:   "an attribute of the row that is no field and not the row",
			lookup: `base_queryset.select_related("workspace").get(id=node_id).other`,
			body:   plain,
			rule:   "UpdateNode",
			absent: []string{"permitted", "ensures"},
		},
		{
			name:   "a queryset chosen by a test of a defaulted parameter",
			lookup: `base_queryset.get(id=node_id)`,
			body: `        base_queryset = base_queryset if base_queryset is not None else Node.objects
        base_queryset = base_queryset.select_related("workspace")
        node = self.handler.get_node(node_id, base_queryset=base_queryset)`,
			rule: "UpdateNode",
			want: []string{`requires: permitted(user, "node.update", node)`, "ensures: node.label = label"},
		},
		{
			name:   "two rows found through one helper",
			lookup: `base_queryset.get(id=node_id)`,
			body:   plain,
			rule:   "MoveNode",
			want:   []string{"ensures: node.previous = previous_node"},
			absent: []string{"node.previous = node\n"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": layeredModels, "app/core.py": layeredCore, "app/handler.py": layeredHandler(tt.lookup),
				"app/service.py": layeredService(tt.body), "app/views.py": layeredViews,
			})
			got := construct(out.Module, tt.rule) + "\n"
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("missing %q in:\n%s", w, got)
				}
			}
			for _, a := range tt.absent {
				if strings.Contains(got, a) {
					t.Errorf("unexpected %q in:\n%s", a, got)
				}
			}
		})
	}
}

// TestRowOrNone: a local set to None and then, under a test, to a row
// that is never None (a lookup that raises when none matches) is not None
// exactly when the test held; a row that may be None (first()) says
// nothing of the test.
func TestRowOrNone(t *testing.T) {
	d := New(Options{})
	const models = `
from django.db import models

class User(models.Model):
    email = models.EmailField()

class Settings(models.Model):
    allow_new_signups = models.BooleanField(default=True)
    allow_signups_via_invitations = models.BooleanField(default=True)

class Invitation(models.Model):
    email = models.EmailField()
`
	core := func(lookup string) string {
		return `
from app.models import Settings, Invitation

class CoreHandler:
    def get_settings(self):
        return Settings.objects.get()

    def get_invitation(self, invitation_id):
        ` + lookup + `
`
	}
	const handler = `
from app.core import CoreHandler
from app.models import User

class DisabledSignupError(Exception):
    pass

class UserHandler:
    def create_user(self, email, invitation_id=None):
        core_handler = CoreHandler()
        invitation = None
        if invitation_id:
            invitation = core_handler.get_invitation(invitation_id)
        instance_settings = core_handler.get_settings()
        allow_invited = instance_settings.allow_signups_via_invitations and invitation is not None
        if not (instance_settings.allow_new_signups or allow_invited):
            raise DisabledSignupError("Sign up is disabled.")
        return User.objects.create(email=email)
`
	const views = `
from rest_framework.views import APIView
from rest_framework.response import Response
from app.handler import UserHandler

class SignUpView(APIView):
    def post(self, request):
        UserHandler().create_user(request.data["email"], invitation_id=request.data.get("invitation_id"))
        return Response({})
`
	const guard = "settings.allow_new_signups or settings.allow_signups_via_invitations and exists invitation_id"
	tests := []struct {
		name, lookup string
		want         bool
	}{
		{"a lookup that raises when none matches", `try:
            invitation = Invitation.objects.select_related("workspace").get(id=invitation_id)
        except Invitation.DoesNotExist:
            raise ValueError("no invitation")
        return invitation`, true},
		{"a lookup that may find none", `return Invitation.objects.filter(id=invitation_id).first()`, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/core.py": core(tt.lookup), "app/handler.py": handler, "app/views.py": views})
			got := strings.Join(strings.Fields(construct(out.Module, "SignUp")), " ")
			if strings.Contains(got, guard) != tt.want {
				t.Errorf("guard %q stated = %v, want %v in:\n%s", guard, !tt.want, tt.want, got)
			}
			if !tt.want && strings.Contains(got, "allow_signups_via_invitations") {
				t.Errorf("a test of a row that may be None stated in:\n%s", got)
			}
		})
	}
}

// TestPayloadExpiryEntry: a signer that gives its tokens no lifetime,
// signing a payload that carries its expiry under a catalogued expiry key
// (written as text with isoformat()), issues a token that expires then; a
// key the catalog does not know says nothing of the lifetime.
func TestPayloadExpiryEntry(t *testing.T) {
	d := New(Options{})
	const models = `
from django.db import models

class User(models.Model):
    email = models.EmailField()
`
	handler := func(key string) string {
		return `
from datetime import datetime, timedelta, timezone
from django.conf import settings
from itsdangerous import URLSafeSerializer

class UserHandler:
    def _get_signer(self):
        return URLSafeSerializer(settings.SECRET_KEY, "verify-email")

    def create_email_verification_token(self, user):
        signer = self._get_signer()
        expires_at = datetime.now(timezone.utc) + timedelta(days=1)
        return signer.dumps({"user_id": user.id, "email": user.email, "` + key + `": expires_at.isoformat()})
`
	}
	const views = `
from rest_framework.views import APIView
from rest_framework.response import Response
from rest_framework.permissions import IsAuthenticated
from app.handler import UserHandler

class SendVerifyEmailView(APIView):
    permission_classes = (IsAuthenticated,)

    def post(self, request):
        token = UserHandler().create_email_verification_token(request.user)
        return Response({"token": token})
`
	tests := []struct {
		key  string
		want bool
	}{
		{"expires_at", true},
		{"valid_until", false},
	}
	for _, tt := range tests {
		t.Run(tt.key, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/handler.py": handler(tt.key), "app/views.py": views})
			got := construct(out.Module, "SendVerifyEmail")
			if has := strings.Contains(got, "expires_at: now + config.email_verification_token_expiry"); has != tt.want {
				t.Errorf("expiry stated = %v, want %v in:\n%s", has, tt.want, got)
			}
			if tt.want {
				if cfg := allium.Print(out.Module, allium.PrintOptions{}); !strings.Contains(string(cfg), "email_verification_token_expiry: Duration = 1.day") {
					t.Errorf("lifetime missing from config:\n%s", cfg)
				}
			}
		})
	}
}

// TestSelfComparison: a test the spec would write with one expression on
// both sides although the code compares two (a field kept in a local
// before a change the walk cannot read, against the field after it) is
// left out; a test of two expressions the spec tells apart is stated.
func TestSelfComparison(t *testing.T) {
	d := New(Options{})
	view := func(test string) string {
		return `
from rest_framework.views import APIView
from rest_framework.response import Response
from rest_framework.permissions import IsAuthenticated
from vendor.lib import make_previous
from app.models import Node

class RelinkView(APIView):
    permission_classes = (IsAuthenticated,)

    def post(self, request, node_id):
        node = Node.objects.get(id=node_id)
        original = node.previous
        if request.data["x"]:
            made = make_previous(request.data["x"])
            node.previous = made.unread_attr
        node.save()
        if ` + test + `:
            original.delete()
        return Response({})
`
	}
	tests := []struct {
		name, test string
		want       string
		absent     string
	}{
		{"the kept field against the changed one", "original.id != node.previous.id", "", "node.previous != node.previous"},
		{"the kept field against an input", `original.label != request.data["label"]`, "node.previous.label != label", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": layeredModels, "app/views.py": view(tt.test)})
			got := construct(out.Module, "Relink")
			if tt.absent != "" && strings.Contains(got, tt.absent) {
				t.Errorf("unexpected %q in:\n%s", tt.absent, got)
			}
			if tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("missing %q in:\n%s", tt.want, got)
			}
		})
	}
}
