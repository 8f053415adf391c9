"""Periodic jobs. Scheduled by the beat configuration in app/celery_app.py."""
import logging
from datetime import datetime, timedelta

from celery import shared_task

from app.config import SESSION_RETENTION_DAYS
from app.extensions import db
from app.models import PasswordResetToken, Session, User

log = logging.getLogger(__name__)


@shared_task(bind=True, max_retries=3, default_retry_delay=60)
def expire_password_reset_tokens(self):
    """Mark reset tokens whose time has passed, so reports and the admin show them as expired."""
    now = datetime.utcnow()
    try:
        tokens = PasswordResetToken.query.filter(
            PasswordResetToken.used.is_(False),
            PasswordResetToken.expired.is_(False),
            PasswordResetToken.expires_at <= now,
        ).all()
        for token in tokens:
            token.expired = True
        db.session.commit()
    except Exception as exc:  # noqa: BLE001 - retried by celery
        db.session.rollback()
        raise self.retry(exc=exc)
    log.info("expired reset tokens", extra={"count": len(tokens)})
    return len(tokens)


@shared_task
def unlock_accounts():
    """Reopen accounts whose lockout period is over."""
    now = datetime.utcnow()
    users = User.query.filter(User.status == "locked", User.locked_until <= now).all()
    for user in users:
        user.status = "active"
        user.failed_attempts = 0
        user.locked_until = None
    db.session.commit()
    return len(users)


@shared_task
def purge_revoked_sessions():
    cutoff = datetime.utcnow() - timedelta(days=SESSION_RETENTION_DAYS)
    deleted = Session.query.filter(
        Session.revoked.is_(True), Session.created_at < cutoff
    ).delete(synchronize_session=False)
    db.session.commit()
    return deleted


@shared_task(ignore_result=True)
def report_queue_depth():
    # Operations metric only.
    log.info("queue heartbeat", extra={"at": datetime.utcnow().isoformat()})
