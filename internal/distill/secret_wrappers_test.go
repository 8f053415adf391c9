package distill

import "testing"

// TestSecretWrappers: the service's own wrappers of the catalog's password
// verifier are read as verify, however deep (mealie's
// CredentialsProvider.verify_password -> get_hasher().verify ->
// BcryptHasher.verify -> bcrypt.checkpw, core/security/hasher.py:29-41);
// a wrapper that does more, or reaches only a plain comparison, is not.
func TestSecretWrappers(t *testing.T) {
	files := map[string]string{
		"app/hasher.py": `
from functools import lru_cache
from typing import Protocol
import bcrypt
from .config import settings


class Hasher(Protocol):
    def verify(self, password: str, hashed: str) -> bool: ...


class PlainHasher:
    def verify(self, password: str, hashed: str) -> bool:
        return password == hashed


class BcryptHasher:
    def verify(self, password: str, hashed: str) -> bool:
        password_bytes = password.encode("utf-8")
        hashed_bytes = hashed.encode("utf-8")
        return bcrypt.checkpw(password_bytes, hashed_bytes)


@lru_cache(maxsize=1)
def get_hasher() -> Hasher:
    if settings.TESTING:
        return PlainHasher()
    return BcryptHasher()


def get_plain() -> Hasher:
    return PlainHasher()
`,
		"app/config.py": `
class Settings:
    TESTING = False


settings = Settings()
`,
		"app/provider.py": `
from .hasher import get_hasher, get_plain


class Credentials:
    @staticmethod
    def matches(plain_password: str, hashed_password: str) -> bool:
        """Compares a plain string to a hashed password"""
        return get_hasher().verify(plain_password, hashed_password)

    @staticmethod
    def matches_reversed(hashed_password: str, plain_password: str) -> bool:
        return Credentials.matches(plain_password, hashed_password)

    @staticmethod
    def same_text(plain_password: str, hashed_password: str) -> bool:
        return get_plain().verify(plain_password, hashed_password)
`,
		"app/models.py": `
from sqlalchemy import Column, Integer, String
from sqlalchemy.orm import declarative_base
Base = declarative_base()


class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    password = Column(String)
    pin = Column(String)
    nickname = Column(String)
`,
		"app/views.py": `
from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from .models import User
from .provider import Credentials

router = APIRouter()


def get_db():
    yield None


def get_user(session=Depends(get_db)) -> User:
    return session.query(User).first()


class ChangePin(BaseModel):
    current_password: str
    pin: str


class Rename(BaseModel):
    current_password: str
    nickname: str


class ChangeNote(BaseModel):
    current_password: str
    note: str


@router.put("/pin")
def change_pin(body: ChangePin, user: User = Depends(get_user), session=Depends(get_db)):
    if not Credentials.matches(body.current_password, user.password):
        raise HTTPException(400)
    user.pin = body.pin
    session.commit()


@router.put("/nickname")
def rename(body: Rename, user: User = Depends(get_user), session=Depends(get_db)):
    if not Credentials.matches_reversed(user.password, body.current_password):
        raise HTTPException(400)
    user.nickname = body.nickname
    session.commit()


@router.put("/note")
def change_note(body: ChangeNote, user: User = Depends(get_user), session=Depends(get_db)):
    if not Credentials.same_text(body.current_password, user.password):
        raise HTTPException(400)
    user.nickname = body.note
    session.commit()
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "a static method returning a factory's hasher's verify is verify",
			construct: "ChangePin",
			want:      []string{"requires: verify(current_password, user.password)"},
		},
		{
			name:      "a wrapper of the wrapper, its parameters swapped, keeps the secret first",
			construct: "Rename",
			want:      []string{"requires: verify(current_password, user.password)"},
		},
		{
			name:      "a wrapper reaching only a plain comparison is no verifier",
			construct: "ChangeNote",
			notWant:   []string{"verify("},
		},
	})
}
