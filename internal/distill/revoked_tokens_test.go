package distill

import "strings"

// revocableTokens is a boilerplate-like service (withCurrentUserDeps)
// whose login issues an access and a refresh JWT, each with a token_type
// claim of the kind given (access, refresh), and whose logout revokes the
// access token by listing it in TokenBlacklist; listChecked says whether
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
    if payload.get("sub") is None:
        return None
    return TokenData(username_or_email=payload.get("sub"))

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
from fastapi import APIRouter, Depends, HTTPException
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
    await crud_users.update(db=db, object={"name": name}, username=current_user["username"])
`,
	})
}
