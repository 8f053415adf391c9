"""Side effects of creating a user, wherever it happens (API, admin, shell)."""
from django.db.models.signals import post_save
from django.dispatch import receiver
from django.utils import timezone

from accounts.emails import send_verification
from accounts.models import EmailVerification, UsageQuota, User


@receiver(post_save, sender=User)
def create_usage_quota(sender, instance, created, **kwargs):
    if created:
        UsageQuota.objects.create(user=instance, period_start=timezone.now().date().replace(day=1))


@receiver(post_save, sender=User)
def send_verification_on_signup(sender, instance, created, **kwargs):
    if not created or instance.email_verified:
        return
    verification = EmailVerification.objects.create(user=instance)
    send_verification(instance, verification)
