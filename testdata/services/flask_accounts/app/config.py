"""Application configuration.

Values that product owns are module constants so that tasks and scripts can
import them without an application context; the Config classes copy them into
``app.config`` for code that runs inside a request.
"""
import os
from datetime import timedelta

# --- account security -------------------------------------------------------
RESET_TOKEN_EXPIRY_HOURS = 1
MAX_LOGIN_ATTEMPTS = 5
LOCKOUT_MINUTES = 15
VERIFICATION_TOKEN_EXPIRY_HOURS = 48

# --- housekeeping -----------------------------------------------------------
SESSION_RETENTION_DAYS = 30

# --- infrastructure (not product decisions) ---------------------------------
CACHE_DEFAULT_TIMEOUT = 300
LOG_LEVEL = os.environ.get("LOG_LEVEL", "INFO")
DEFAULT_PAGE_SIZE = 25
MAX_PAGE_SIZE = 100


class Config:
    SECRET_KEY = os.environ.get("SECRET_KEY", "dev-only-not-secret")
    SQLALCHEMY_DATABASE_URI = os.environ.get(
        "DATABASE_URL", "postgresql+psycopg2://accounts@localhost/accounts"
    )
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SQLALCHEMY_ENGINE_OPTIONS = {"pool_pre_ping": True, "pool_recycle": 1800}

    MAIL_SERVER = os.environ.get("MAIL_SERVER", "localhost")
    MAIL_PORT = int(os.environ.get("MAIL_PORT", "25"))
    MAIL_USE_TLS = os.environ.get("MAIL_USE_TLS", "false").lower() == "true"
    MAIL_DEFAULT_SENDER = ("Accounts", "no-reply@example.com")

    CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/0")
    CELERY_RESULT_BACKEND = os.environ.get("CELERY_RESULT_BACKEND", "redis://localhost:6379/1")

    CACHE_TYPE = "RedisCache"
    CACHE_REDIS_URL = os.environ.get("CACHE_REDIS_URL", "redis://localhost:6379/2")
    CACHE_DEFAULT_TIMEOUT = CACHE_DEFAULT_TIMEOUT

    REMEMBER_COOKIE_DURATION = timedelta(days=14)
    FRONTEND_URL = os.environ.get("FRONTEND_URL", "https://accounts.example.com")

    RESET_TOKEN_EXPIRY_HOURS = RESET_TOKEN_EXPIRY_HOURS
    VERIFICATION_TOKEN_EXPIRY_HOURS = VERIFICATION_TOKEN_EXPIRY_HOURS


class TestingConfig(Config):
    TESTING = True
    SQLALCHEMY_DATABASE_URI = "sqlite:///:memory:"
    MAIL_SUPPRESS_SEND = True
    CACHE_TYPE = "NullCache"


CONFIGS = {
    "default": Config,
    "testing": TestingConfig,
}
