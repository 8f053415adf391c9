"""Session helpers shared by the auth blueprint and the admin screens."""
import logging
from app.extensions import db
from app.models import Session, User
from app.utils.metrics import SESSIONS_REVOKED

log = logging.getLogger(__name__)


def start_session(user: User, user_agent: str | None, ip_address: str | None) -> Session:
    session = Session(user=user, user_agent=user_agent, ip_address=ip_address)
    db.session.add(session)
    return session


def revoke_all_sessions(user: User) -> int:
    """Sign the user out everywhere; returns how many sessions were revoked."""
    count = Session.query.filter_by(user_id=user.id).update({"revoked": True})
    SESSIONS_REVOKED.inc(count)
    log.info("revoked sessions", extra={"user_id": user.id, "count": count})
    return count


def active_sessions(user: User):
    return user.sessions.filter_by(revoked=False).order_by(Session.created_at.desc())

