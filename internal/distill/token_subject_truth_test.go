package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestTokenSubjectTruth: a signed token's subject read back (user_id =
// signer.loads(token, max_age=...)) is never empty, since the read raises
// on a bad token, so a helper's `if user_id:` before it filters by the id
// is decided true (baserow's get_active_user, core/user/handler.py:
// 110-111, called by reset_password, handler.py:435-437). Before, the
// undecided test lost the user, and the reset view got no rule.
func TestTokenSubjectTruth(t *testing.T) {
	d := New(Options{})
	const models = `
from django.db import models

class UserProfile(models.Model):
    user = models.OneToOneField("auth.User", on_delete=models.CASCADE, related_name="profile")
    last_password_change = models.DateTimeField(null=True)
`
	const view = `
from rest_framework.views import APIView
from rest_framework.response import Response
from .handler import UserHandler

class ResetPasswordView(APIView):
    def post(self, request):
        UserHandler().reset_password(request.data["token"], request.data["password"])
        return Response(status=204)
`
	for _, tc := range []struct {
		name, filter string
	}{
		{"the id tested before the filter", "        if user_id:\n            query = query.filter(id=user_id)\n"},
		{"the id filtered on", "        query = query.filter(id=user_id)\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			handler := `
from datetime import datetime, timezone
from django.conf import settings
from django.contrib.auth import get_user_model
from itsdangerous import URLSafeTimedSerializer

User = get_user_model()

class UserHandler:
    def get_active_user(self, user_id=None):
        query = User.objects.filter(is_active=True)
` + tc.filter + `        return query.get()

    def reset_password(self, token, password):
        signer = URLSafeTimedSerializer(settings.SECRET_KEY, "user-reset-password")
        user_id = signer.loads(token, max_age=3600)
        user = self.get_active_user(user_id=user_id)
        user.set_password(password)
        user.save()
        user.profile.last_password_change = datetime.now(tz=timezone.utc)
        user.profile.save()
        return user
`
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/handler.py": handler, "app/views.py": view})
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			assertSpecText(t, text, []string{"rule ResetPassword", "requires: token.user.is_active\n",
				"token.user.password = hash(password)", "token.user.profile.last_password_change = now"}, nil)
			if strings.Contains(strings.Join(out.Notes, "\n"), "no rule") {
				t.Errorf("a handler without a rule:\n%s", strings.Join(out.Notes, "\n"))
			}
		})
	}
}
