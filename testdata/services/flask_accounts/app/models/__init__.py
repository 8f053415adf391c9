from app.models.tokens import EmailVerificationToken, PasswordResetToken
from app.models.usage import ApiUsage, Plan
from app.models.user import Session, User

__all__ = [
    "ApiUsage",
    "EmailVerificationToken",
    "PasswordResetToken",
    "Plan",
    "Session",
    "User",
]
