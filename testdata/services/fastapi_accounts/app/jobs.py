"""Background jobs run by APScheduler inside the API process (one replica runs them;
see SCHEDULER_ENABLED in the deployment)."""
import logging

from apscheduler.schedulers.background import BackgroundScheduler
from apscheduler.triggers.cron import CronTrigger
from sqlalchemy import delete, select

from app.clock import utcnow
from app.db import SessionLocal
from app.enums import InvitationStatus
from app.models import Invitation, PasswordResetToken
from app.settings import settings

log = logging.getLogger(__name__)

scheduler = BackgroundScheduler(timezone="UTC")


@scheduler.scheduled_job("interval", minutes=15, id="expire_invitations", coalesce=True)
def expire_invitations() -> int:
    now = utcnow()
    with SessionLocal() as db:
        expired = db.scalars(
            select(Invitation).where(
                Invitation.status == InvitationStatus.PENDING,
                Invitation.expires_at <= now,
            )
        ).all()
        for invitation in expired:
            invitation.status = InvitationStatus.EXPIRED
        db.commit()
    log.info("expired invitations", extra={"count": len(expired)})
    return len(expired)


def purge_reset_tokens() -> None:
    cutoff = utcnow() - settings.reset_token_retention
    with SessionLocal() as db:
        db.execute(delete(PasswordResetToken).where(PasswordResetToken.expires_at < cutoff))
        db.commit()


scheduler.add_job(purge_reset_tokens, CronTrigger(hour=4, minute=30), id="purge_reset_tokens")
