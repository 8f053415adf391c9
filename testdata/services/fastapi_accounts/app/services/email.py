"""Thin wrapper over SMTP so that routers never see transport details."""
import logging
import smtplib
from email.message import EmailMessage
from functools import lru_cache

from app.settings import settings

log = logging.getLogger(__name__)

SUBJECTS = {
    "password_reset": "Reset your password",
    "invitation": "You have been invited to join {organisation}",
    "invitation_accepted": "{email} joined {organisation}",
}


class EmailClient:
    def __init__(self, host: str, port: int, username: str | None, password: str | None, sender: str):
        self.host = host
        self.port = port
        self.username = username
        self.password = password
        self.sender = sender

    def send(self, to: str, template: str, context: dict) -> None:
        msg = EmailMessage()
        msg["From"] = self.sender
        msg["To"] = to
        msg["Subject"] = SUBJECTS[template].format(**context)
        msg.set_content(self._render(template, context))
        with smtplib.SMTP(self.host, self.port, timeout=10) as smtp:
            smtp.starttls()
            if self.username and self.password:
                smtp.login(self.username, self.password)
            smtp.send_message(msg)
        log.info("email sent", extra={"template": template})

    @staticmethod
    def _render(template: str, context: dict) -> str:
        lines = [f"{key}: {value}" for key, value in sorted(context.items())]
        return f"[{template}]\n" + "\n".join(lines)


@lru_cache
def get_email_client() -> EmailClient:
    return EmailClient(
        host=settings.smtp_host,
        port=settings.smtp_port,
        username=settings.smtp_username,
        password=settings.smtp_password.get_secret_value() if settings.smtp_password else None,
        sender=settings.mail_from,
    )
