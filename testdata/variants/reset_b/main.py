import hashlib
import secrets
import smtplib
from collections.abc import Iterator
from email.message import EmailMessage

from fastapi import Depends, FastAPI, HTTPException
from passlib.hash import bcrypt
from pydantic import BaseModel, EmailStr, Field
from sqlalchemy import create_engine, select
from sqlalchemy.orm import Session, sessionmaker

from models import Account, AccountStatus, ResetToken, utcnow
from settings import settings

engine = create_engine(settings.database_url)
SessionLocal = sessionmaker(bind=engine)
app = FastAPI(title="reset_b")


def get_db() -> Iterator[Session]:
    with SessionLocal() as db:
        yield db


def send_email(to: str, subject: str, body: str) -> None:
    msg = EmailMessage()
    msg["From"], msg["To"], msg["Subject"] = settings.mail_from, to, subject
    msg.set_content(body)
    with smtplib.SMTP(settings.smtp_host) as smtp:
        smtp.send_message(msg)


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class LoginBody(BaseModel):
    email: EmailStr
    password: str


class ForgotBody(BaseModel):
    email: EmailStr


class ResetBody(BaseModel):
    token: str
    password: str = Field(min_length=12)


@app.post("/login")
def login(body: LoginBody, db: Session = Depends(get_db)) -> dict:
    account = db.scalar(select(Account).where(Account.email == body.email))
    if account is None:
        raise HTTPException(status_code=401)
    if account.status == AccountStatus.LOCKED and account.locked_until > utcnow():
        raise HTTPException(status_code=423, detail="locked")

    if not bcrypt.verify(body.password, account.hashed_password):
        account.failed_login_attempts += 1
        if account.failed_login_attempts >= settings.max_login_attempts:
            account.status = AccountStatus.LOCKED
            account.locked_until = utcnow() + settings.lockout_duration
        db.commit()
        raise HTTPException(status_code=401)

    account.failed_login_attempts = 0
    account.status = AccountStatus.ACTIVE
    account.locked_until = None
    db.commit()
    return {"ok": True}


@app.post("/password/forgot", status_code=202)
def forgot(body: ForgotBody, db: Session = Depends(get_db)) -> dict:
    account = db.scalar(select(Account).where(Account.email == body.email))
    if account is None:
        return {"ok": True}
    raw = secrets.token_urlsafe(32)
    db.add(ResetToken(account=account, token_hash=_hash(raw), expiry=utcnow() + settings.reset_token_expiry))
    db.commit()
    send_email(account.email, "Reset your password", f"https://example.com/reset?token={raw}")
    return {"ok": True}


@app.post("/password/reset")
def reset(body: ResetBody, db: Session = Depends(get_db)) -> dict:
    token = db.scalar(select(ResetToken).where(ResetToken.token_hash == _hash(body.token)))
    if token is None or token.used:
        raise HTTPException(status_code=400, detail="invalid token")
    if token.expiry < utcnow():
        raise HTTPException(status_code=400, detail="expired token")

    token.account.hashed_password = bcrypt.hash(body.password)
    token.used = True
    db.commit()
    return {"ok": True}


@app.get("/health")
def health() -> dict:
    return {"status": "ok"}
