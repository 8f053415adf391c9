"""Inviting people into an organisation."""
import logging

from fastapi import APIRouter, BackgroundTasks, Depends, HTTPException, Query, status
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from app.clock import utcnow
from app.db import get_db
from app.deps import get_current_user, get_organisation, require_org_admin
from app.enums import InvitationStatus, Role
from app.models import Invitation, Membership, Organisation, User
from app.schemas import InvitationAccept, InvitationCreate, InvitationOut, Page
from app.services.email import EmailClient, get_email_client
from app.services.security import hash_token, new_token
from app.settings import settings

log = logging.getLogger(__name__)

router = APIRouter(tags=["invitations"])


@router.post(
    "/organisations/{organisation_id}/invitations",
    response_model=InvitationOut,
    status_code=status.HTTP_201_CREATED,
)
def invite_member(
    body: InvitationCreate,
    background_tasks: BackgroundTasks,
    organisation: Organisation = Depends(get_organisation),
    user: User = Depends(get_current_user),
    db: Session = Depends(get_db),
    email: EmailClient = Depends(get_email_client),
) -> Invitation:
    membership = db.scalar(
        select(Membership).where(
            Membership.user_id == user.id, Membership.organisation_id == organisation.id
        )
    )
    if membership is None or membership.role not in (Role.OWNER, Role.ADMIN):
        raise HTTPException(status_code=403, detail="organisation admin required")

    already_member = db.scalar(
        select(Membership)
        .join(User, Membership.user_id == User.id)
        .where(Membership.organisation_id == organisation.id, User.email == body.email)
    )
    if already_member is not None:
        raise HTTPException(status_code=409, detail="already a member")

    pending = db.scalar(
        select(Invitation).where(
            Invitation.organisation_id == organisation.id,
            Invitation.email == body.email,
            Invitation.status == InvitationStatus.PENDING,
        )
    )
    if pending is not None:
        raise HTTPException(status_code=409, detail="an invitation is already pending")

    pending_count = db.scalar(
        select(func.count())
        .select_from(Invitation)
        .where(
            Invitation.organisation_id == organisation.id,
            Invitation.status == InvitationStatus.PENDING,
        )
    )
    if pending_count >= settings.max_pending_invitations:
        raise HTTPException(status_code=400, detail="too many pending invitations")

    token, token_hash = new_token()
    invitation = Invitation(
        organisation=organisation,
        email=body.email,
        role=body.role,
        token_hash=token_hash,
        status=InvitationStatus.PENDING,
        invited_by=user,
        expires_at=utcnow() + settings.invitation_expiry,
    )
    db.add(invitation)
    db.commit()

    background_tasks.add_task(
        email.send,
        to=body.email,
        template="invitation",
        context={
            "organisation": organisation.name,
            "link": f"{settings.frontend_url}/invitations/accept?token={token}",
        },
    )
    return invitation


@router.post("/invitations/accept", status_code=status.HTTP_204_NO_CONTENT)
def accept_invitation(
    body: InvitationAccept,
    user: User = Depends(get_current_user),
    db: Session = Depends(get_db),
    email: EmailClient = Depends(get_email_client),
) -> None:
    invitation = db.scalar(
        select(Invitation).where(Invitation.token_hash == hash_token(body.token))
    )
    if invitation is None:
        raise HTTPException(status_code=404, detail="invitation not found")
    if invitation.status != InvitationStatus.PENDING:
        raise HTTPException(status_code=409, detail=f"invitation is {invitation.status.value}")
    if invitation.expires_at <= utcnow():
        raise HTTPException(status_code=410, detail="invitation expired")
    if invitation.email != user.email.lower():
        raise HTTPException(status_code=403, detail="invitation was sent to another address")

    db.add(Membership(user=user, organisation=invitation.organisation, role=invitation.role))
    invitation.status = InvitationStatus.ACCEPTED
    invitation.accepted_at = utcnow()
    db.commit()

    if invitation.invited_by is not None:
        email.send(
            to=invitation.invited_by.email,
            template="invitation_accepted",
            context={"email": user.email, "organisation": invitation.organisation.name},
        )


@router.post(
    "/organisations/{organisation_id}/invitations/{invitation_id}/revoke",
    status_code=status.HTTP_204_NO_CONTENT,
)
def revoke_invitation(
    invitation_id: int,
    organisation: Organisation = Depends(get_organisation),
    _admin: Membership = Depends(require_org_admin),
    db: Session = Depends(get_db),
) -> None:
    invitation = db.get(Invitation, invitation_id)
    if invitation is None or invitation.organisation_id != organisation.id:
        raise HTTPException(status_code=404, detail="invitation not found")
    if invitation.status != InvitationStatus.PENDING:
        raise HTTPException(status_code=409, detail="only pending invitations can be revoked")

    invitation.status = InvitationStatus.REVOKED
    invitation.revoked_at = utcnow()
    db.commit()


@router.get(
    "/organisations/{organisation_id}/invitations", response_model=Page[InvitationOut]
)
def list_invitations(
    organisation: Organisation = Depends(get_organisation),
    _admin: Membership = Depends(require_org_admin),
    db: Session = Depends(get_db),
    offset: int = Query(0, ge=0),
    limit: int = Query(20, ge=1, le=100),
) -> dict:
    query = select(Invitation).where(Invitation.organisation_id == organisation.id)
    total = db.scalar(select(func.count()).select_from(query.subquery()))
    items = db.scalars(query.order_by(Invitation.created_at.desc()).offset(offset).limit(limit)).all()
    return {"items": items, "total": total, "offset": offset, "limit": limit}
