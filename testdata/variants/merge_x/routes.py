import secrets
from datetime import datetime, timedelta

from flask import Blueprint, abort, jsonify, request
from flask_login import current_user, login_required

from config import INVITATION_EXPIRY_DAYS, VERIFICATION_EXPIRY_HOURS
from mailer import send_invitation, send_verification
from models import Invitation, Team, TeamMember, VerificationToken, db

bp = Blueprint("teams", __name__)


@bp.post("/verify/send")
@login_required
def send_verification_email():
    if current_user.email_verified:
        abort(400)
    token = VerificationToken(
        user=current_user,
        token=secrets.token_urlsafe(32),
        expires_at=datetime.utcnow() + timedelta(hours=VERIFICATION_EXPIRY_HOURS),
    )
    db.session.add(token)
    db.session.commit()
    send_verification(current_user, token)
    return "", 202


@bp.post("/verify")
def verify_email():
    token = VerificationToken.query.filter_by(token=request.json.get("token", "")).first()
    if token is None:
        abort(404)
    if token.used_at is not None:
        abort(400)
    if token.expires_at < datetime.utcnow():
        abort(400)
    token.user.email_verified = True
    token.user.email_verified_at = datetime.utcnow()
    token.used_at = datetime.utcnow()
    db.session.commit()
    return jsonify(ok=True)


@bp.post("/teams/<int:team_id>/invitations")
@login_required
def invite(team_id: int):
    team = db.get_or_404(Team, team_id)
    inviter = TeamMember.query.filter_by(team_id=team.id, user_id=current_user.id).first()
    if inviter is None or inviter.role != "admin":
        abort(403)
    data = request.get_json(force=True)
    invitation = Invitation(
        team=team,
        email=data["email"].lower(),
        role=data.get("role", "member"),
        token=secrets.token_urlsafe(32),
        status="pending",
        invited_by=current_user,
        expires_at=datetime.utcnow() + timedelta(days=INVITATION_EXPIRY_DAYS),
    )
    db.session.add(invitation)
    db.session.commit()
    send_invitation(invitation)
    return jsonify(id=invitation.id), 201


@bp.post("/invitations/accept")
@login_required
def accept_invitation():
    invitation = Invitation.query.filter_by(token=request.json.get("token", "")).first()
    if invitation is None:
        abort(404)
    if invitation.status != "pending":
        abort(409)
    if invitation.expires_at < datetime.utcnow():
        abort(410)
    db.session.add(TeamMember(team=invitation.team, user=current_user, role=invitation.role))
    invitation.status = "accepted"
    db.session.commit()
    return jsonify(team_id=invitation.team_id)


@bp.post("/invitations/<int:invitation_id>/revoke")
@login_required
def revoke_invitation(invitation_id: int):
    invitation = db.get_or_404(Invitation, invitation_id)
    admin = TeamMember.query.filter_by(team_id=invitation.team_id, user_id=current_user.id).first()
    if admin is None or admin.role != "admin":
        abort(403)
    if invitation.status != "pending":
        abort(409)
    invitation.status = "revoked"
    db.session.commit()
    return "", 204
