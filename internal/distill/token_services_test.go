package distill

import "strings"

// revocableTokens is a boilerplate-like service (withCurrentUserDeps)
// whose login issues an access and a refresh JWT, each with a token_type
// claim of the kind given (access, refresh), and whose logout revokes the
// access token by listing it in TokenBlacklist (logout_refresh revokes the
// refresh token of a cookie and turns the request away without one, rename
// without a name); listChecked says whether
// verify_token refuses a listed token. Its cases are in TestFastAPIIdioms.
func revocableTokens(listChecked bool, accessKind, refreshKind string) map[string]string {
	check := ""
	if listChecked {
		check = `
    if await crud_token_blacklist.exists(db, token=token):
        return None`
	}
	security := `
from datetime import UTC, datetime, timedelta
from enum import Enum
from fastapi.security import OAuth2PasswordBearer
from fastcrud import FastCRUD
from jose import jwt
from pydantic import BaseModel
from .blacklist import TokenBlacklist, TokenBlacklistCreate
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/login")
crud_token_blacklist = FastCRUD(TokenBlacklist)

class TokenType(str, Enum):
    ACCESS = "access"
    REFRESH = "refresh"

class TokenData(BaseModel):
    username_or_email: str

async def create_access_token(data: dict) -> str:
    claims = data.copy()
    claims.update({"exp": datetime.now(UTC) + timedelta(minutes=30), "token_type": TokenType.ACCESS_KIND})
    return jwt.encode(claims, "k", algorithm="HS256")

async def create_refresh_token(data: dict) -> str:
    claims = data.copy()
    claims.update({"exp": datetime.now(UTC) + timedelta(days=7), "token_type": TokenType.REFRESH_KIND})
    return jwt.encode(claims, "k", algorithm="HS256")

async def verify_token(token: str, db):` + check + `
    payload = jwt.decode(token, "k", algorithms=["HS256"])
    username_or_email: str = payload.get("sub")
    if username_or_email is None:
        return None
    return TokenData(username_or_email=username_or_email)

async def blacklist_token(token: str, db) -> None:
    payload = jwt.decode(token, "k", algorithms=["HS256"])
    expires_at = datetime.fromtimestamp(payload.get("exp"))
    await crud_token_blacklist.create(db, object=TokenBlacklistCreate(token=token, expires_at=expires_at))
`
	security = strings.NewReplacer("ACCESS_KIND", strings.ToUpper(accessKind), "REFRESH_KIND", strings.ToUpper(refreshKind)).Replace(security)
	return withCurrentUserDeps(map[string]string{
		"app/blacklist.py": `
from datetime import datetime
from pydantic import BaseModel
from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column
from .models import Base

class TokenBlacklist(Base):
    __tablename__ = "token_blacklist"
    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String, unique=True, index=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime)

class TokenBlacklistCreate(BaseModel):
    token: str
    expires_at: datetime
`,
		"app/security.py": security,
		"app/views.py": `
from typing import Annotated
from typing import Optional
from fastapi import APIRouter, Cookie, Depends, HTTPException
from fastcrud import FastCRUD
from .dependencies import get_current_user
from .models import User
from .security import blacklist_token, create_access_token, create_refresh_token, oauth2_scheme
router = APIRouter()
crud_users = FastCRUD(User)

@router.post("/login")
async def login(username: str, db = Depends(get_db)):
    user = await crud_users.get(db=db, username=username)
    if not user:
        raise HTTPException(status_code=401)
    access_token = await create_access_token(data={"sub": user["username"]})
    refresh_token = await create_refresh_token(data={"sub": user["username"]})
    return {"access_token": access_token, "refresh_token": refresh_token}

@router.post("/logout")
async def logout(access_token: str = Depends(oauth2_scheme), db = Depends(get_db)):
    await blacklist_token(token=access_token, db=db)
    return {"message": "ok"}

@router.patch("/me")
async def rename(name: str, current_user: Annotated[dict, Depends(get_current_user)], db = Depends(get_db)):
    if not name:
        raise HTTPException(status_code=400)
    await crud_users.update(db=db, object={"name": name}, username=current_user["username"])

@router.post("/logout-refresh")
async def logout_refresh(refresh_token: Optional[str] = Cookie(None), db = Depends(get_db)):
    if not refresh_token:
        raise HTTPException(status_code=401)
    await blacklist_token(token=refresh_token, db=db)
`,
	})
}

// subjectPayloadService is a minimal-refresh-like service: the current
// user is looked up by its primary key (user_id) from the subject of the
// decoded claims, read through a pydantic payload object; its handlers
// change the user, a row that refers to the user, and the user from a
// body with a token field of its own. Its cases are in TestFastAPIIdioms.
func subjectPayloadService() map[string]string {
	return map[string]string{
		"app/models.py": `
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
class Base(DeclarativeBase):
    pass
class User(Base):
    __tablename__ = "auth_user"
    user_id: Mapped[str] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(256))
    hashed_password: Mapped[str] = mapped_column(String(128))
class Membership(Base):
    __tablename__ = "membership"
    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[str] = mapped_column(ForeignKey("auth_user.user_id"))
    role: Mapped[str] = mapped_column(String(16))
`,
		"app/jwt.py": `
import jwt
from pydantic import BaseModel
class JWTTokenPayload(BaseModel):
    sub: str
    exp: int
def verify_jwt_token(token: str) -> JWTTokenPayload:
    raw_payload = jwt.decode(token, "k", algorithms=["HS256"])
    return JWTTokenPayload(**raw_payload)
`,
		"app/dependencies.py": `
from typing import Annotated
from fastapi import Depends, HTTPException
from fastapi.security import OAuth2PasswordBearer
from sqlalchemy import select
from .jwt import verify_jwt_token
from .models import User
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="auth/access-token")
async def get_current_user(token: Annotated[str, Depends(oauth2_scheme)], session = Depends(new_async_session)) -> User:
    token_payload = verify_jwt_token(token)
    user = await session.scalar(select(User).where(User.user_id == token_payload.sub))
    if user is None:
        raise HTTPException(status_code=401)
    return user
`,
		"app/views.py": `
from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy import select
from app import dependencies
from .models import Membership, User
router = APIRouter()
class PasswordIn(BaseModel):
    password: str
class Invite(BaseModel):
    token: str
@router.post("/reset-password")
async def reset_current_user_password(body: PasswordIn, session = Depends(new_async_session), current_user: User = Depends(dependencies.get_current_user)):
    current_user.hashed_password = get_password_hash(body.password)
    await session.commit()
@router.post("/promote")
async def promote(session = Depends(new_async_session), current_user: User = Depends(dependencies.get_current_user)):
    membership = await session.scalar(select(Membership).where(Membership.user_id == current_user.user_id))
    if membership is None:
        raise HTTPException(status_code=404)
    membership.role = "owner"
    await session.commit()
@router.post("/accept")
async def accept(body: Invite, session = Depends(new_async_session), current_user: User = Depends(dependencies.get_current_user)):
    current_user.hashed_password = body.token
    await session.commit()
`}
}
