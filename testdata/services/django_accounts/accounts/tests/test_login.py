from datetime import timedelta

from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APITestCase

from accounts.models import PasswordResetToken, User


class LoginLockoutTests(APITestCase):
    def setUp(self):
        self.user = User.objects.create_user(
            username="ada", email="ada@example.org", password="correct horse", email_verified=True
        )

    @override_settings(MAX_FAILED_LOGINS=3)
    def test_third_failure_locks_the_account(self):
        for _ in range(3):
            resp = self.client.post(reverse("login"), {"email": "ada@example.org", "password": "nope"})
            self.assertEqual(resp.status_code, 401)
        self.user.refresh_from_db()
        self.assertEqual(self.user.status, User.Status.LOCKED)

    def test_reset_unlocks(self):
        self.user.status = User.Status.LOCKED
        self.user.locked_until = timezone.now() + timedelta(minutes=10)
        self.user.save()
        token = PasswordResetToken.objects.create(
            user=self.user, expires_at=timezone.now() + timedelta(hours=1)
        )
        resp = self.client.post(
            reverse("password-reset-confirm"),
            {"token": token.token, "new_password": "a much longer one"},
        )
        self.assertEqual(resp.status_code, 204)
        self.user.refresh_from_db()
        self.assertEqual(self.user.status, User.Status.ACTIVE)
