from datetime import timedelta

from django.core import mail
from django.test import TestCase
from django.utils import timezone
from rest_framework.test import APIClient

from resets.models import Member, PasswordResetToken


class ResetTests(TestCase):
    def setUp(self):
        self.client = APIClient()
        self.member = Member.objects.create(email="m@example.org")
        self.member.set_password("correct horse battery")
        self.member.save()

    def test_reset_sends_confirmation(self):
        token = PasswordResetToken.objects.create(
            member=self.member, expires_at=timezone.now() + timedelta(minutes=30)
        )
        resp = self.client.post("/password/reset/", {"token": token.token, "password": "n" * 12})
        self.assertEqual(resp.status_code, 204)
        self.assertEqual([m.subject for m in mail.outbox], ["Your password was changed"])

    def test_no_lockout(self):
        for _ in range(20):
            self.client.post("/login/", {"email": "m@example.org", "password": "wrong"})
        resp = self.client.post("/login/", {"email": "m@example.org", "password": "correct horse battery"})
        self.assertEqual(resp.status_code, 200)
