"""Request dependencies: database session, the signed-in user, organisation admins."""
from datetime import datetime, timezone

import jwt
from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.db import get_db
from app.enums import Role, UserStatus
from app.models import Membership, Organisation, User
from app.services.security import decode_access_token

oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/auth/login")


def get_current_user(token: str = Depends(oauth2_scheme), db: Session = Depends(get_db)) -> User:
    unauthorized = HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail="not authenticated",
        headers={"WWW-Authenticate": "Bearer"},
    )
    try:
        claims = decode_access_token(token)
    except jwt.PyJWTError:
        raise unauthorized from None
    user = db.get(User, int(claims["sub"]))
    if user is None or user.status != UserStatus.ACTIVE:
        raise unauthorized
    issued_at = datetime.fromtimestamp(claims["iat"], tz=timezone.utc)
    # A password change signs out every access token issued before it.
    if user.password_changed_at is not None and issued_at < user.password_changed_at:
        raise unauthorized
    return user


def get_organisation(organisation_id: int, db: Session = Depends(get_db)) -> Organisation:
    organisation = db.get(Organisation, organisation_id)
    if organisation is None:
        raise HTTPException(status_code=404, detail="organisation not found")
    return organisation


def require_org_admin(
    organisation: Organisation = Depends(get_organisation),
    user: User = Depends(get_current_user),
    db: Session = Depends(get_db),
) -> Membership:
    membership = db.scalar(
        select(Membership).where(
            Membership.user_id == user.id, Membership.organisation_id == organisation.id
        )
    )
    if membership is None or membership.role not in (Role.OWNER, Role.ADMIN):
        raise HTTPException(status_code=403, detail="organisation admin required")
    return membership


def require_staff(user: User = Depends(get_current_user)) -> User:
    if not user.is_staff:
        raise HTTPException(status_code=403, detail="staff only")
    return user
