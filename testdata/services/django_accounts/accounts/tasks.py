"""Celery tasks (scheduled by CELERY_BEAT_SCHEDULE in settings)."""
import logging

from celery import shared_task
from django.utils import timezone

from accounts.models import UsageQuota, User

log = logging.getLogger(__name__)


@shared_task
def unlock_expired_lockouts() -> int:
    unlocked = User.objects.filter(
        status=User.Status.LOCKED, locked_until__lte=timezone.now()
    ).update(status=User.Status.ACTIVE, failed_login_count=0, locked_until=None)
    if unlocked:
        log.info("unlocked accounts", extra={"count": unlocked})
    return unlocked


@shared_task
def reset_monthly_quotas() -> int:
    month_start = timezone.now().date().replace(day=1)
    return UsageQuota.objects.filter(period_start__lt=month_start).update(
        calls_this_month=0, period_start=month_start
    )
