"""Service settings, read from ACCOUNTS_* environment variables."""
from datetime import timedelta
from functools import lru_cache

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ACCOUNTS_", env_file=".env", extra="ignore")

    database_url: str = "postgresql+psycopg://accounts@localhost:5432/accounts"
    sql_echo: bool = False

    jwt_secret: SecretStr = SecretStr("change-me")
    jwt_algorithm: str = "HS256"
    access_token_ttl: timedelta = timedelta(hours=1)

    reset_token_expiry: timedelta = timedelta(minutes=30)
    reset_token_retention: timedelta = timedelta(days=1)
    invitation_expiry: timedelta = timedelta(days=7)
    max_pending_invitations: int = 50

    smtp_host: str = "localhost"
    smtp_port: int = 587
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    mail_from: str = "Accounts <no-reply@example.com>"
    frontend_url: str = "https://app.example.com"

    cors_origins: list[str] = []
    log_level: str = "INFO"
    cache_ttl_seconds: int = 60


@lru_cache
def get_settings() -> Settings:
    return Settings()


settings = get_settings()
