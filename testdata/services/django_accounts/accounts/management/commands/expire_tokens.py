"""Run from cron every 10 minutes: `python manage.py expire_tokens`."""
from django.core.management.base import BaseCommand
from django.utils import timezone

from accounts.models import Invitation, PasswordResetToken


class Command(BaseCommand):
    help = "Delete unused password reset tokens and expire invitations that are past their date."

    def add_arguments(self, parser):
        parser.add_argument("--dry-run", action="store_true", help="report counts, change nothing")

    def handle(self, *args, **options):
        now = timezone.now()
        tokens = PasswordResetToken.objects.filter(used_at__isnull=True, expires_at__lte=now)
        invitations = Invitation.objects.filter(
            status=Invitation.Status.PENDING, expires_at__lte=now
        )
        if options["dry_run"]:
            self.stdout.write(f"would delete {tokens.count()} tokens, expire {invitations.count()} invitations")
            return

        deleted, _ = tokens.delete()
        expired = invitations.update(status=Invitation.Status.EXPIRED)
        self.stdout.write(self.style.SUCCESS(f"deleted {deleted} tokens, expired {expired} invitations"))
