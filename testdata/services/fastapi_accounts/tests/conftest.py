from datetime import timedelta

import pytest

from app.db import SessionLocal
from app.enums import Role
from app.models import Membership, Organisation, User
from app.services.security import create_access_token, hash_password


@pytest.fixture
def db():
    with SessionLocal() as session:
        yield session
        session.rollback()


def _user(db, email: str) -> User:
    user = User(email=email, hashed_password=hash_password("correct horse battery"))
    db.add(user)
    db.flush()
    return user


@pytest.fixture
def organisation(db) -> Organisation:
    org = Organisation(id=1, name="Acme", slug="acme")
    db.add(org)
    db.flush()
    return org


@pytest.fixture
def admin_headers(db, organisation) -> dict:
    admin = _user(db, "admin@example.org")
    db.add(Membership(user=admin, organisation=organisation, role=Role.ADMIN))
    db.commit()
    return {"Authorization": f"Bearer {create_access_token(admin.id, timedelta(minutes=5))}"}


@pytest.fixture
def member_headers(db) -> dict:
    member = _user(db, "member@example.org")
    db.commit()
    return {"Authorization": f"Bearer {create_access_token(member.id, timedelta(minutes=5))}"}
