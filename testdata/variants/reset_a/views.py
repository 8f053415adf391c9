import logging
import secrets
from datetime import datetime, timedelta

from flask import Blueprint, abort, jsonify, request
from flask_mail import Mail, Message
from werkzeug.security import check_password_hash

from config import LOCKOUT_MINUTES, MAX_LOGIN_ATTEMPTS, RESET_TOKEN_EXPIRY_HOURS
from models import PasswordResetToken, User, db

log = logging.getLogger(__name__)
bp = Blueprint("auth", __name__)
mail = Mail()


@bp.post("/login")
def login():
    data = request.get_json(force=True)
    user = User.query.filter_by(email=data.get("email", "").lower()).first()
    if user is None:
        abort(401)
    if user.status == "locked" and user.locked_until > datetime.utcnow():
        abort(423)

    if not check_password_hash(user.password_hash, data.get("password", "")):
        user.failed_attempts += 1
        if user.failed_attempts >= MAX_LOGIN_ATTEMPTS:
            user.status = "locked"
            user.locked_until = datetime.utcnow() + timedelta(minutes=LOCKOUT_MINUTES)
        db.session.commit()
        abort(401)

    user.failed_attempts = 0
    user.status = "active"
    user.locked_until = None
    db.session.commit()
    return jsonify(ok=True)


@bp.post("/password/forgot")
def forgot_password():
    email = request.get_json(force=True).get("email", "").lower()
    user = User.query.filter_by(email=email).first()
    if not user:
        return jsonify(ok=True), 202

    token = PasswordResetToken(
        user=user,
        token=secrets.token_urlsafe(32),
        expires_at=datetime.utcnow() + timedelta(hours=RESET_TOKEN_EXPIRY_HOURS),
    )
    db.session.add(token)
    db.session.commit()
    mail.send(
        Message(
            "Reset your password",
            recipients=[user.email],
            body=f"https://example.com/reset?token={token.token}",
        )
    )
    return jsonify(ok=True), 202


@bp.post("/password/reset")
def reset_password():
    data = request.get_json(force=True)
    token = PasswordResetToken.query.filter_by(token=data.get("token", "")).first()
    password = data.get("password", "")
    if not token:
        abort(400)
    if token.used:
        abort(400)
    if token.expires_at < datetime.utcnow():
        abort(400)
    if len(password) < 12:
        abort(400)

    token.user.set_password(password)
    token.used = True
    db.session.commit()
    log.info("password reset for user %s", token.user_id)
    return jsonify(ok=True)
