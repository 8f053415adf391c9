package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestSignedSubjectClaimTruth: the subject claim of a signed payload read
// back whole (token_data = signer.loads(token), then
// token_data["user_id"]) is never empty, as the subject read back alone
// is (TestTokenSubjectTruth): a helper's `if user_id:` before it filters
// by the id is decided true, and the rule finds the user the token names
// (baserow's verify_email_address, core/user/handler.py:764-785, whose
// get_active_user(user_id=...) tests the id at handler.py:104 and 111).
// Before, the undecided test lost the user and the view had no rule.
func TestSignedSubjectClaimTruth(t *testing.T) {
	d := New(Options{})
	const models = `
from django.db import models

class UserProfile(models.Model):
    user = models.OneToOneField("auth.User", on_delete=models.CASCADE, related_name="profile")
    email_verified = models.BooleanField(default=False)
`
	const view = `
from rest_framework.views import APIView
from rest_framework.response import Response
from .handler import UserHandler

class VerifyEmailAddressView(APIView):
    def post(self, request):
        UserHandler().verify_email_address(request.data["token"])
        return Response(status=204)
`
	for _, tc := range []struct {
		name, getter string
		want         []string
	}{
		{"the id tested before the filter",
			"        if not user_id and not email:\n            raise ValueError()\n        if user_id:\n            query = query.filter(id=user_id)\n",
			[]string{"requires: token.user.is_active\n"}},
		{"the id filtered on", "        query = query.filter(id=user_id)\n",
			[]string{"requires: token.user.is_active\n"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			handler := `
from django.conf import settings
from django.contrib.auth import get_user_model
from itsdangerous import URLSafeSerializer

User = get_user_model()

class UserHandler:
    def get_active_user(self, user_id=None, email=None):
        query = User.objects.filter(is_active=True)
` + tc.getter + `        return query.get()

    def create_token(self, user):
        signer = URLSafeSerializer(settings.SECRET_KEY, "verify-email")
        return signer.dumps({"user_id": user.id, "email": user.email})

    def verify_email_address(self, token):
        signer = URLSafeSerializer(settings.SECRET_KEY, "verify-email")
        token_data = signer.loads(token)
        user = self.get_active_user(user_id=token_data["user_id"])
        if user.email != token_data["email"]:
            raise ValueError()
        profile = user.profile
        profile.email_verified = True
        profile.save()
        return user
`
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/handler.py": handler, "app/views.py": view})
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			assertSpecText(t, text, append([]string{"rule VerifyEmailAddress", "token.user.profile.email_verified = true"}, tc.want...), nil)
			if strings.Contains(strings.Join(out.Notes, "\n"), "no rule") {
				t.Errorf("a handler without a rule:\n%s", strings.Join(out.Notes, "\n"))
			}
		})
	}
}
