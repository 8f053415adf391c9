"""Transactional email."""
import logging

from django.conf import settings
from django.core.mail import send_mail
from django.template.loader import render_to_string

log = logging.getLogger(__name__)


def _link(path: str) -> str:
    return f"{settings.FRONTEND_URL}{path}"


def send_password_reset(user, token) -> None:
    send_mail(
        subject="Reset your password",
        message=render_to_string(
            "emails/password_reset.txt", {"user": user, "link": _link(f"/reset/{token.token}")}
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )


def send_password_changed(user) -> None:
    send_mail(
        subject="Your password was changed",
        message=render_to_string("emails/password_changed.txt", {"user": user}),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )
    log.info("password changed notice sent", extra={"user_id": user.pk})


def send_verification(user, verification) -> None:
    send_mail(
        subject="Confirm your email address",
        message=render_to_string(
            "emails/verify_email.txt",
            {"user": user, "link": _link(f"/verify/{verification.token}")},
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[user.email],
    )


def send_invitation(invitation) -> None:
    send_mail(
        subject=f"Join {invitation.organization.name}",
        message=render_to_string(
            "emails/invitation.txt",
            {"invitation": invitation, "link": _link(f"/invitations/{invitation.token}")},
        ),
        from_email=settings.DEFAULT_FROM_EMAIL,
        recipient_list=[invitation.email],
    )
