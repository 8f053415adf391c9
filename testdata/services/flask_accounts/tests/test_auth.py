from datetime import datetime, timedelta

from app.config import MAX_LOGIN_ATTEMPTS
from app.extensions import db
from app.models import PasswordResetToken, Session


def test_lockout_after_max_attempts(client, user):
    for _ in range(MAX_LOGIN_ATTEMPTS):
        resp = client.post("/auth/login", json={"email": user.email, "password": "wrong"})
        assert resp.status_code == 401
    db.session.refresh(user)
    assert user.status == "locked"
    resp = client.post("/auth/login", json={"email": user.email, "password": "correct horse battery"})
    assert resp.status_code == 423


def test_reset_rejects_expired_token(client, user):
    token = PasswordResetToken(
        user=user, token="t1", expires_at=datetime.utcnow() - timedelta(minutes=1)
    )
    db.session.add(token)
    db.session.commit()
    resp = client.post("/auth/password/reset", json={"token": "t1", "password": "x" * 12})
    assert resp.status_code == 400


def test_reset_revokes_sessions(client, user):
    db.session.add(Session(user=user))
    token = PasswordResetToken(
        user=user, token="t2", expires_at=datetime.utcnow() + timedelta(minutes=30)
    )
    db.session.add(token)
    db.session.commit()
    resp = client.post("/auth/password/reset", json={"token": "t2", "password": "y" * 12})
    assert resp.status_code == 200
    assert Session.query.filter_by(user_id=user.id, revoked=False).count() == 0
    assert PasswordResetToken.query.filter_by(token="t2").one().used


def test_short_password_rejected(client, user):
    token = PasswordResetToken(
        user=user, token="t3", expires_at=datetime.utcnow() + timedelta(minutes=30)
    )
    db.session.add(token)
    db.session.commit()
    resp = client.post("/auth/password/reset", json={"token": "t3", "password": "short"})
    assert resp.status_code == 400
