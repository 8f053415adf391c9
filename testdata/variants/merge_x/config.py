import os

SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only")
SQLALCHEMY_DATABASE_URI = os.environ.get("DATABASE_URL", "postgresql://teams@localhost/teams")
MAIL_DEFAULT_SENDER = "no-reply@example.com"
FRONTEND_URL = "https://teams.example.com"

VERIFICATION_EXPIRY_HOURS = 24
INVITATION_EXPIRY_DAYS = 7
