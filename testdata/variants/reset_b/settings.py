from datetime import timedelta

from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="RESET_")

    database_url: str = "postgresql+psycopg://reset@localhost/reset"
    reset_token_expiry: timedelta = timedelta(hours=2)
    max_login_attempts: int = 5
    lockout_duration: timedelta = timedelta(minutes=15)
    smtp_host: str = "localhost"
    mail_from: str = "no-reply@example.com"


settings = Settings()
