"""Authentication endpoints: registration, login, email verification, password reset."""
import logging
from datetime import datetime, timedelta

from flask import abort, current_app, jsonify, request
from flask_login import current_user, login_required, login_user, logout_user

from app.auth import auth_bp
from app.config import LOCKOUT_MINUTES, MAX_LOGIN_ATTEMPTS
from app.extensions import db
from app.models import EmailVerificationToken, PasswordResetToken, Plan, User
from app.services.mail import (
    send_account_locked_email,
    send_password_reset_email,
    send_verification_email,
)
from app.services.sessions import active_sessions, revoke_all_sessions, start_session
from app.services.tokens import generate_token
from app.utils.metrics import LOGIN_FAILURES, LOGINS, timed
from app.utils.pagination import paginate
from app.utils.serialization import session_to_dict, user_to_dict

log = logging.getLogger(__name__)


def _json() -> dict:
    return request.get_json(silent=True) or {}


def _new_verification_token(user: User) -> EmailVerificationToken:
    hours = current_app.config["VERIFICATION_TOKEN_EXPIRY_HOURS"]
    token = EmailVerificationToken(
        user=user,
        token=generate_token(),
        expires_at=datetime.utcnow() + timedelta(hours=hours),
    )
    db.session.add(token)
    return token


@auth_bp.route("/register", methods=["POST"])
def register():
    data = _json()
    email = (data.get("email") or "").strip().lower()
    password = data.get("password") or ""
    if not email:
        abort(400, "email is required")
    if User.query.filter_by(email=email).first() is not None:
        abort(409, "an account with this email already exists")
    if len(password) < 12:
        abort(400, "password must be at least 12 characters")

    free_plan = Plan.query.filter_by(name="free").first()
    user = User(email=email, status="active", plan=free_plan)
    user.set_password(password)
    db.session.add(user)
    token = _new_verification_token(user)
    db.session.commit()

    send_verification_email(user, token)
    log.info("user registered", extra={"user_id": user.id})
    return jsonify(user_to_dict(user)), 201


@auth_bp.post("/login")
@timed("auth.login")
def login():
    data = _json()
    email = (data.get("email") or "").strip().lower()
    password = data.get("password") or ""

    user = User.query.filter_by(email=email).first()
    if user is None:
        LOGIN_FAILURES.labels(reason="unknown_user").inc()
        abort(401)
    if user.is_locked():
        abort(423, "account locked, try again later")

    if not user.check_password(password):
        user.failed_attempts = user.failed_attempts + 1
        if user.failed_attempts >= MAX_LOGIN_ATTEMPTS:
            user.status = "locked"
            user.locked_until = datetime.utcnow() + timedelta(minutes=LOCKOUT_MINUTES)
            send_account_locked_email(user)
        db.session.commit()
        LOGIN_FAILURES.labels(reason="bad_password").inc()
        abort(401)

    user.failed_attempts = 0
    user.status = "active"
    user.locked_until = None
    user.last_login_at = datetime.utcnow()
    start_session(user, request.user_agent.string, request.remote_addr)
    db.session.commit()
    login_user(user)
    LOGINS.inc()
    return jsonify(user_to_dict(user))


@auth_bp.post("/logout")
@login_required
def logout():
    logout_user()
    return "", 204


@auth_bp.route("/verify-email", methods=["POST"])
def verify_email():
    value = _json().get("token", "")
    token = EmailVerificationToken.query.filter_by(token=value).first()
    if token is None:
        abort(404)
    if token.used_at is not None:
        abort(400, "this link has already been used")
    if token.expires_at < datetime.utcnow():
        abort(400, "this link has expired")

    user = token.user
    user.email_verified = True
    user.email_verified_at = datetime.utcnow()
    token.used_at = datetime.utcnow()
    db.session.commit()
    return jsonify(user_to_dict(user))


@auth_bp.post("/verify-email/resend")
@login_required
def resend_verification():
    if current_user.email_verified:
        abort(400, "email already verified")
    token = _new_verification_token(current_user)
    db.session.commit()
    send_verification_email(current_user, token)
    return "", 202


@auth_bp.route("/password/forgot", methods=["POST"])
def request_password_reset():
    email = (_json().get("email") or "").strip().lower()
    user = User.query.filter_by(email=email).first()
    if user is None:
        # Same answer either way so that the endpoint cannot be used to probe for accounts.
        return jsonify(status="ok"), 202

    expiry = timedelta(hours=current_app.config["RESET_TOKEN_EXPIRY_HOURS"])
    token = PasswordResetToken(
        user=user,
        token=generate_token(),
        expires_at=datetime.utcnow() + expiry,
    )
    db.session.add(token)
    db.session.commit()

    send_password_reset_email(user, token)
    return jsonify(status="ok"), 202


@auth_bp.route("/password/reset", methods=["POST"])
def reset_password():
    data = _json()
    token = PasswordResetToken.query.filter_by(token=data.get("token", "")).first()
    password = data.get("password") or ""

    if token is None:
        abort(400, "invalid token")
    if token.used:
        abort(400, "token already used")
    if token.expires_at < datetime.utcnow():
        abort(400, "token expired")
    if len(password) < 12:
        abort(400, "password must be at least 12 characters")

    user = token.user
    user.set_password(password)
    token.used = True
    revoke_all_sessions(user)
    db.session.commit()
    log.info("password reset", extra={"user_id": user.id})
    return jsonify(status="ok")


@auth_bp.get("/sessions")
@login_required
def list_sessions():
    page = paginate(active_sessions(current_user), request.args)
    return jsonify(
        items=[session_to_dict(s) for s in page.items],
        page=page.page,
        total=page.total,
    )
