from flask import current_app
from flask_mail import Mail, Message

mail = Mail()


def send_verification(user, token) -> None:
    link = f"{current_app.config['FRONTEND_URL']}/verify?token={token.token}"
    mail.send(Message("Confirm your email", recipients=[user.email], body=link))


def send_invitation(invitation) -> None:
    link = f"{current_app.config['FRONTEND_URL']}/join?token={invitation.token}"
    mail.send(
        Message(f"Join {invitation.team.name}", recipients=[invitation.email], body=link)
    )
