from datetime import datetime

from celery import shared_task

from models import Invitation, db


@shared_task
def expire_invitations() -> int:
    stale = Invitation.query.filter(
        Invitation.status == "pending", Invitation.expires_at < datetime.utcnow()
    ).all()
    for invitation in stale:
        invitation.status = "expired"
    db.session.commit()
    return len(stale)
