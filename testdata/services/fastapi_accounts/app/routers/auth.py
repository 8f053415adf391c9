"""Login and password reset. There is deliberately no lockout here: the edge
proxy rate-limits /auth/* per IP (see deploy/nginx.conf in the platform repo)."""
import logging

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy import select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.db import get_db
from app.deps import get_current_user
from app.enums import UserStatus
from app.models import PasswordResetToken, User
from app.schemas import AccessToken, LoginRequest, PasswordResetConfirm, PasswordResetRequest, UserOut
from app.services.email import EmailClient, get_email_client
from app.services.security import (
    create_access_token,
    hash_password,
    hash_token,
    new_token,
    verify_password,
)
from app.settings import settings

log = logging.getLogger(__name__)

router = APIRouter(prefix="/auth", tags=["auth"])


@router.post("/login", response_model=AccessToken)
def login(body: LoginRequest, db: Session = Depends(get_db)) -> AccessToken:
    user = db.scalar(select(User).where(User.email == body.email.lower()))
    if user is None or not verify_password(body.password, user.hashed_password):
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="invalid credentials")
    if user.status != UserStatus.ACTIVE:
        raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="account suspended")

    user.last_login_at = utcnow()
    db.commit()
    ttl = settings.access_token_ttl
    return AccessToken(
        access_token=create_access_token(user.id, ttl), expires_in=int(ttl.total_seconds())
    )


@router.get("/me", response_model=UserOut)
def me(user: User = Depends(get_current_user)) -> User:
    return user


@router.post("/password-reset/request", status_code=status.HTTP_202_ACCEPTED)
def request_password_reset(
    body: PasswordResetRequest,
    db: Session = Depends(get_db),
    email: EmailClient = Depends(get_email_client),
) -> dict:
    user = db.scalar(select(User).where(User.email == body.email.lower()))
    if user is None or user.status != UserStatus.ACTIVE:
        # Answer the same way for unknown addresses: no account enumeration.
        return {"status": "accepted"}

    token, token_hash = new_token()
    reset = PasswordResetToken(
        user_id=user.id,
        token_hash=token_hash,
        expires_at=utcnow() + settings.reset_token_expiry,
    )
    db.add(reset)
    db.commit()

    email.send(
        to=user.email,
        template="password_reset",
        context={"link": f"{settings.frontend_url}/reset-password?token={token}"},
    )
    log.info("password reset requested", extra={"user_id": user.id})
    return {"status": "accepted"}


@router.post("/password-reset/confirm", status_code=status.HTTP_204_NO_CONTENT)
def confirm_password_reset(body: PasswordResetConfirm, db: Session = Depends(get_db)) -> None:
    reset = db.scalar(
        select(PasswordResetToken).where(PasswordResetToken.token_hash == hash_token(body.token))
    )
    if reset is None:
        raise HTTPException(status_code=400, detail="invalid or expired token")
    if reset.used_at is not None:
        raise HTTPException(status_code=400, detail="token already used")
    if reset.expires_at <= utcnow():
        raise HTTPException(status_code=400, detail="invalid or expired token")

    user = db.get(User, reset.user_id)
    now = utcnow()
    user.hashed_password = hash_password(body.new_password)
    user.password_changed_at = now
    reset.used_at = now
    db.commit()
    log.info("password reset completed", extra={"user_id": user.id})
