from django.conf import settings
from django.core.mail import send_mail


def send_reset_link(member, token) -> None:
    send_mail(
        "Reset your password",
        f"https://example.com/reset/{token.token}",
        settings.DEFAULT_FROM_EMAIL,
        [member.email],
    )


def send_password_changed(member) -> None:
    send_mail(
        "Your password was changed",
        "If this was not you, contact support immediately.",
        settings.DEFAULT_FROM_EMAIL,
        [member.email],
    )
