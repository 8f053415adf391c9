"""Support staff actions on user accounts."""
import logging

from fastapi import APIRouter, Depends, HTTPException, status
from sqlalchemy.orm import Session

from app.db import get_db
from app.deps import require_staff
from app.enums import UserStatus
from app.models import User

log = logging.getLogger(__name__)

router = APIRouter(prefix="/admin/users", tags=["admin"])


def _get_user(db: Session, user_id: int) -> User:
    user = db.get(User, user_id)
    if user is None:
        raise HTTPException(status_code=404, detail="user not found")
    return user


@router.post("/{user_id}/suspend", status_code=status.HTTP_204_NO_CONTENT)
def suspend_user(
    user_id: int, staff: User = Depends(require_staff), db: Session = Depends(get_db)
) -> None:
    user = _get_user(db, user_id)
    if user.status != UserStatus.ACTIVE:
        raise HTTPException(status_code=409, detail="user is not active")
    user.status = UserStatus.SUSPENDED
    db.commit()
    log.warning("user suspended", extra={"user_id": user.id, "by": staff.id})


@router.post("/{user_id}/reactivate", status_code=status.HTTP_204_NO_CONTENT)
def reactivate_user(
    user_id: int, staff: User = Depends(require_staff), db: Session = Depends(get_db)
) -> None:
    user = _get_user(db, user_id)
    if user.status != UserStatus.SUSPENDED:
        raise HTTPException(status_code=409, detail="user is not suspended")
    user.status = UserStatus.ACTIVE
    db.commit()
    log.info("user reactivated", extra={"user_id": user.id, "by": staff.id})
