from datetime import timedelta

import pytest
from fastapi.testclient import TestClient

from app.clock import utcnow
from app.enums import InvitationStatus, Role
from app.main import app
from app.models import Invitation
from app.services.security import hash_token


@pytest.fixture
def client():
    return TestClient(app)


def test_owner_role_cannot_be_invited(client, admin_headers):
    resp = client.post(
        "/organisations/1/invitations",
        json={"email": "new@example.org", "role": Role.OWNER.value},
        headers=admin_headers,
    )
    assert resp.status_code == 422


def test_expired_invitation_is_rejected(client, db, member_headers):
    db.add(
        Invitation(
            organisation_id=1,
            email="member@example.org",
            role=Role.MEMBER,
            token_hash=hash_token("x" * 32),
            status=InvitationStatus.PENDING,
            expires_at=utcnow() - timedelta(minutes=1),
        )
    )
    db.commit()
    resp = client.post("/invitations/accept", json={"token": "x" * 32}, headers=member_headers)
    assert resp.status_code == 410


def test_reset_password_too_short(client):
    resp = client.post(
        "/auth/password-reset/confirm", json={"token": "y" * 32, "new_password": "short"}
    )
    assert resp.status_code == 422
