"""Outgoing email. Templates live in app/templates/email/."""
import logging

from flask import current_app, render_template
from flask_mail import Message

from app.extensions import mail
from app.models import EmailVerificationToken, PasswordResetToken, User
from app.utils.retry import retry

log = logging.getLogger(__name__)


def _link(path: str) -> str:
    return current_app.config["FRONTEND_URL"].rstrip("/") + path


@retry(attempts=3, delay=0.5)
def send_password_reset_email(user: User, token: PasswordResetToken) -> None:
    msg = Message(
        subject="Reset your password",
        recipients=[user.email],
        body=render_template(
            "email/password_reset.txt",
            user=user,
            link=_link(f"/reset-password?token={token.token}"),
        ),
    )
    mail.send(msg)
    log.info("password reset email sent", extra={"user_id": user.id})


@retry(attempts=3, delay=0.5)
def send_verification_email(user: User, token: EmailVerificationToken) -> None:
    msg = Message(
        subject="Confirm your email address",
        recipients=[user.email],
        body=render_template(
            "email/verify_email.txt",
            user=user,
            link=_link(f"/verify-email?token={token.token}"),
        ),
    )
    mail.send(msg)


def send_account_locked_email(user: User) -> None:
    msg = Message(
        subject="Your account has been locked",
        recipients=[user.email],
        body=render_template("email/account_locked.txt", user=user, until=user.locked_until),
    )
    mail.send(msg)
