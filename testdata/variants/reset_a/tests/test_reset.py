from datetime import datetime, timedelta

import pytest

from app import create_app
from models import PasswordResetToken, User, db


@pytest.fixture
def client():
    app = create_app()
    app.config.update(TESTING=True, SQLALCHEMY_DATABASE_URI="sqlite://", MAIL_SUPPRESS_SEND=True)
    with app.app_context():
        db.create_all()
        user = User(email="a@example.org", status="active")
        user.set_password("correct horse battery")
        db.session.add(user)
        db.session.add(
            PasswordResetToken(
                user=user, token="fresh", expires_at=datetime.utcnow() + timedelta(minutes=5)
            )
        )
        db.session.add(
            PasswordResetToken(
                user=user, token="stale", expires_at=datetime.utcnow() - timedelta(minutes=5)
            )
        )
        db.session.commit()
        yield app.test_client()


def test_reset_ok(client):
    assert client.post("/auth/password/reset", json={"token": "fresh", "password": "x" * 12}).status_code == 200


def test_reset_expired(client):
    assert client.post("/auth/password/reset", json={"token": "stale", "password": "x" * 12}).status_code == 400


def test_lockout(client):
    for _ in range(5):
        client.post("/auth/login", json={"email": "a@example.org", "password": "bad"})
    assert client.post("/auth/login", json={"email": "a@example.org", "password": "bad"}).status_code == 423
