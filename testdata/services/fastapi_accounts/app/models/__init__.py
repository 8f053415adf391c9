from app.models.organisation import Invitation, Membership, Organisation
from app.models.reset_token import PasswordResetToken
from app.models.user import User

__all__ = ["Invitation", "Membership", "Organisation", "PasswordResetToken", "User"]
