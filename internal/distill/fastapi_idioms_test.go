package distill

import (
	"fmt"
	"maps"
	"testing"
)

// TestFastAPIIdioms pins the FastAPI (and token) shapes of the corpus
// services fastapi-boilerplate and fastapi-dispatch-auth: each case is a
// small service in the shape of one of them and the construct it must give.
func TestFastAPIIdioms(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name      string
		files     map[string]string
		construct string
		want      string
	}{
		{
			// dispatch: login returns {"token": user.token}, a model property
			// that encodes a JWT from a payload kept in a local.
			name: "a JWT issued by a model property read in the response is a token created for the user, its claims fields",
			files: map[string]string{
				"app/models.py": jwtPropertyModel,
				"app/views.py": `
from fastapi import APIRouter, HTTPException
from pydantic import BaseModel
from .models import User
router = APIRouter()

class UserLogin(BaseModel):
    email: str

def get_by_email(*, db_session, email):
    return db_session.query(User).filter(User.email == email).one_or_none()

@router.post("/login")
def login_user(user_in: UserLogin, db_session: DbSession):
    user = get_by_email(db_session=db_session, email=user_in.email)
    if not user:
        raise HTTPException(status_code=422, detail="bad")
    return {"projects": [], "token": user.token}
`},
			construct: "LoginUser",
			want: `rule LoginUser {
    when: LoginUser(email)
    let user = User{email}
    requires: exists user
    ensures: AccessToken.created(user: user, expires_at: now + config.jwt_exp, email: user.email)
}`,
		},
		{
			// dispatch: register_user returns the new user, and the route's
			// response_model has a token field: serialising the user reads
			// the model's token property, which issues a JWT.
			name:      "a returned row serialised through a response model runs the property a field names",
			files:     registerWithResponse("token: str | None = None"),
			construct: "RegisterUser",
			want: `rule RegisterUser {
    when: RegisterUser(email)
    ensures:
        let user = User.created(email: email)
        AccessToken.created(user: user, expires_at: now + config.jwt_exp, email: email)
}`,
		},
		{
			name:      "a response model without the property's field reads nothing of it",
			files:     registerWithResponse("email: str"),
			construct: "RegisterUser",
			want: `rule RegisterUser {
    when: RegisterUser(email)
    ensures: User.created(email: email)
}`,
		},
		{
			// boilerplate: the user is looked up by email or username, the
			// helper returns False when it finds none, and the token's payload
			// is the caller's dict copied and updated with its expiry; the
			// lifetime is a settings field read from the environment with a
			// default.
			name: "a lookup chosen by a condition, a copied and updated payload, a setting's default",
			files: map[string]string{
				"app/config.py": `
from pydantic_settings import BaseSettings
from starlette.config import Config
config = Config(".env")
class CryptSettings(BaseSettings):
    ACCESS_TOKEN_EXPIRE_MINUTES: int = config("ACCESS_TOKEN_EXPIRE_MINUTES", default=30)
settings = CryptSettings()
`,
				"app/models.py": `
from sqlalchemy import Column, String, Integer, Boolean
from sqlalchemy.orm import declarative_base
Base = declarative_base()
class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    username = Column(String)
    email = Column(String)
`,
				"app/security.py": `
from datetime import UTC, datetime, timedelta
from enum import Enum
from jose import jwt
from fastcrud import FastCRUD
from .config import settings
from .models import User
crud_users = FastCRUD(User)

class TokenType(str, Enum):
    ACCESS = "access"
    REFRESH = "refresh"
ACCESS_TOKEN_EXPIRE_MINUTES = settings.ACCESS_TOKEN_EXPIRE_MINUTES

async def authenticate_user(username_or_email: str, db):
    if "@" in username_or_email:
        db_user = await crud_users.get(db=db, email=username_or_email)
    else:
        db_user = await crud_users.get(db=db, username=username_or_email)
    if not db_user:
        return False
    return db_user

async def create_access_token(data, expires_delta=None) -> str:
    to_encode = data.copy()
    if expires_delta:
        expire = datetime.now(UTC).replace(tzinfo=None) + expires_delta
    else:
        expire = datetime.now(UTC).replace(tzinfo=None) + timedelta(minutes=ACCESS_TOKEN_EXPIRE_MINUTES)
    to_encode.update({"exp": expire, "token_type": TokenType.ACCESS})
    return jwt.encode(to_encode, "secret", algorithm="HS256")
`,
				"app/login.py": `
from datetime import timedelta
from fastapi import APIRouter, Depends
from fastapi.security import OAuth2PasswordRequestForm
from .security import ACCESS_TOKEN_EXPIRE_MINUTES, authenticate_user, create_access_token
router = APIRouter()

@router.post("/login")
async def login_for_access_token(form_data: Annotated[OAuth2PasswordRequestForm, Depends()], db = Depends(get_db)):
    user = await authenticate_user(username_or_email=form_data.username, db=db)
    if not user:
        raise UnauthorizedException("Wrong username, email or password.")
    expires = timedelta(minutes=ACCESS_TOKEN_EXPIRE_MINUTES)
    access_token = await create_access_token(data={"sub": user["username"]}, expires_delta=expires)
    return {"access_token": access_token, "token_type": "bearer"}
`},
			construct: "LoginForAccessToken",
			want: `rule LoginForAccessToken {
    when: LoginForAccessToken(username)
    let user = if contains(username, "@"): User{email: username} else: User{username}
    requires: exists user
    ensures:
        AccessToken.created(
            user: user,
            expires_at: now + config.access_token_expire,
            token_type: access
        )
}`,
		},
		{
			// polar: a service layer verifies a token by the hash of the
			// secret, among rows that have not expired, and a failing guard
			// of two alternatives has one the spec can state.
			name: "a lookup by a secret among unexpired rows is the named instance that must not have expired",
			files: map[string]string{
				"app/models.py": `
from datetime import datetime
from sqlalchemy import String, ForeignKey, DateTime
from sqlalchemy.orm import Mapped, mapped_column, relationship, DeclarativeBase, declared_attr
class Base(DeclarativeBase):
    pass
class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String)
class EmailVerification(Base):
    __tablename__ = "email_verification"
    id: Mapped[int] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String)
    token_hash: Mapped[str] = mapped_column(String)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id"))

    @declared_attr
    def user(cls) -> Mapped[User]:
        return relationship(User)
`,
				"app/service.py": `
from sqlalchemy import select
from sqlalchemy.orm import joinedload
from polar.kit.utils import utc_now
from .models import EmailVerification, User

class EmailUpdateService:
    async def verify(self, session, token_hash: str, user: User) -> User:
        record = await self._get_by_token_hash(session, token_hash)
        if record is None or record.user_id != user.id:
            raise InvalidEmailUpdate()
        user = record.user
        user.email = record.email
        session.add(user)
        await session.delete(record)
        return user

    async def _get_by_token_hash(self, session, token_hash: str):
        statement = (
            select(EmailVerification)
            .where(
                EmailVerification.token_hash == token_hash,
                EmailVerification.expires_at > utc_now(),
            )
            .options(joinedload(EmailVerification.user))
        )
        res = await session.execute(statement)
        return res.scalars().unique().one_or_none()

email_update = EmailUpdateService()
`,
				"app/endpoints.py": `
from fastapi import APIRouter, Depends, Form
from .service import email_update as email_update_service
router = APIRouter()

@router.post("/verify")
async def verify_email_update(auth_subject: AuthorizeWebUserWrite, token: str = Form(), session = Depends(get_db_session)):
    await email_update_service.verify(session, token, auth_subject.subject)
    return None
`},
			construct: "VerifyEmailUpdate",
			want: `rule VerifyEmailUpdate {
    when: VerifyEmailUpdate(record)
    requires: record.expires_at > now
    requires: exists record
    ensures:
        record.user.email = record.email
        not exists record
}`,
		},
		{
			// minimal-refresh: the payload is a pydantic model dumped to a
			// dict, its times are int(time.time()) seconds, its lifetime a
			// field of a nested settings group, its subject the user's
			// primary key; the refresh token's exp column holds a time.
			name: "a pydantic payload with integer times, a nested setting and a primary key as subject",
			files: map[string]string{
				"app/config.py": `
from functools import lru_cache
from pydantic import BaseModel, Field
from pydantic_settings import BaseSettings
class Security(BaseModel):
    jwt_issuer: str = "my-app"
    jwt_access_token_expire_secs: int = Field(default=15 * 60, gt=10)
    jwt_refresh_token_expire_secs: int = Field(default=28 * 24 * 3600, gt=60)
class Settings(BaseSettings):
    security: Security = Field(default_factory=Security)
@lru_cache
def get_settings() -> Settings:
    return Settings()
`,
				"app/models.py": `
from sqlalchemy import String, ForeignKey, BigInteger, Boolean
from sqlalchemy.orm import Mapped, mapped_column, relationship, DeclarativeBase
class Base(DeclarativeBase):
    pass
class User(Base):
    __tablename__ = "user_account"
    user_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    email: Mapped[str] = mapped_column(String(256), unique=True)
class RefreshToken(Base):
    __tablename__ = "refresh_token"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    refresh_token: Mapped[str] = mapped_column(String(512), unique=True)
    used: Mapped[bool] = mapped_column(Boolean, default=False)
    exp: Mapped[int] = mapped_column(BigInteger)
    user_id: Mapped[str] = mapped_column(ForeignKey("user_account.user_id"))
    user: Mapped["User"] = relationship(back_populates="refresh_tokens")
`,
				"app/jwt.py": `
import time
import jwt
from pydantic import BaseModel
from app.config import get_settings
class JWTTokenPayload(BaseModel):
    iss: str
    sub: str
    exp: int
    iat: int
def create_jwt_token(user_id: str) -> str:
    iat = int(time.time())
    exp = iat + get_settings().security.jwt_access_token_expire_secs
    token_payload = JWTTokenPayload(iss=get_settings().security.jwt_issuer, sub=user_id, exp=exp, iat=iat)
    return jwt.encode(token_payload.model_dump(), key="k", algorithm="HS256")
`,
				"app/views.py": `
import secrets
import time
from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy import select
from app.config import get_settings
from app.jwt import create_jwt_token
from app.models import RefreshToken
router = APIRouter()
class RefreshTokenRequest(BaseModel):
    refresh_token: str

@router.post("/refresh-token")
async def refresh_access_token(data: RefreshTokenRequest, session: AsyncSession = Depends(new_async_session)):
    token = await session.scalar(select(RefreshToken).where(RefreshToken.refresh_token == data.refresh_token))
    if token is None:
        raise HTTPException(status_code=404)
    token.used = True
    session.add(token)
    access_token = create_jwt_token(user_id=token.user_id)
    refresh_token = RefreshToken(
        user_id=token.user_id,
        refresh_token=secrets.token_urlsafe(32),
        exp=int(time.time() + get_settings().security.jwt_refresh_token_expire_secs),
    )
    session.add(refresh_token)
    await session.commit()
    return {"access_token": access_token}
`},
			construct: "RefreshAccessToken",
			want: `rule RefreshAccessToken {
    when: RefreshAccessToken(token)
    requires: exists token
    ensures:
        token.used = true
        AccessToken.created(
            user: token.user,
            expires_at: now + config.jwt_access_token_expire,
            issued_at: now
        )
        RefreshToken.created(
            user: token.user,
            exp: now + config.jwt_refresh_token_expire,
            used: false
        )
}`,
		},
		{
			// boilerplate: logout blacklists the bearer token and the refresh
			// cookie, each until it would have expired, through a repository
			// create of a schema built with keywords.
			name: "a bearer token dependency is an input; a loop over a literal list runs per value; a repository create states its schema's fields, the token it records among them",
			files: map[string]string{
				"app/models.py": `
from datetime import datetime
from sqlalchemy import DateTime, String
from sqlalchemy.orm import Mapped, mapped_column, DeclarativeBase
class Base(DeclarativeBase):
    pass
class TokenBlacklist(Base):
    __tablename__ = "token_blacklist"
    id: Mapped[int] = mapped_column("id", primary_key=True)
    token: Mapped[str] = mapped_column(String, unique=True)
    expires_at: Mapped[datetime] = mapped_column(DateTime)
`,
				"app/security.py": `
from datetime import datetime
from fastapi.security import OAuth2PasswordBearer
from fastcrud import FastCRUD
from jose import jwt
from pydantic import BaseModel
from .models import TokenBlacklist
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/api/v1/login")
crud_token_blacklist = FastCRUD(TokenBlacklist)

class TokenBlacklistCreate(BaseModel):
    token: str
    expires_at: datetime

async def blacklist_tokens(access_token: str, refresh_token: str, db) -> None:
    for token in [access_token, refresh_token]:
        payload = jwt.decode(token, "k", algorithms=["HS256"])
        expires_at = datetime.fromtimestamp(payload.get("exp"))
        await crud_token_blacklist.create(db, object=TokenBlacklistCreate(token=token, expires_at=expires_at))
`,
				"app/logout.py": `
from typing import Optional
from fastapi import APIRouter, Cookie, Depends
from .security import blacklist_tokens, oauth2_scheme
router = APIRouter()

@router.post("/logout")
async def logout(access_token: str = Depends(oauth2_scheme), refresh_token: Optional[str] = Cookie(None, alias="refresh_token"), db = Depends(async_get_db)):
    await blacklist_tokens(access_token=access_token, refresh_token=refresh_token, db=db)
    return {"message": "Logged out successfully"}
`},
			construct: "Logout",
			want: `rule Logout {
    when: Logout(access_token, refresh_token)
    requires: access_token.is_valid
    requires: refresh_token.is_valid
    ensures:
        TokenBlacklist.created(token: access_token, expires_at: access_token.expires_at)
        TokenBlacklist.created(token: refresh_token, expires_at: refresh_token.expires_at)
}`,
		},
		{
			// minimal-refresh: the current user is deleted by its primary
			// key, which is not named id.
			name: "a delete by a primary key not named id is the instance's deletion",
			files: map[string]string{
				"app/models.py": `
from sqlalchemy import String
from sqlalchemy.orm import Mapped, mapped_column, DeclarativeBase
class Base(DeclarativeBase):
    pass
class User(Base):
    __tablename__ = "user_account"
    user_id: Mapped[str] = mapped_column(String(36), primary_key=True)
    email: Mapped[str] = mapped_column(String(256), unique=True)
`,
				"app/views.py": `
from fastapi import APIRouter, Depends
from sqlalchemy import delete
from app.models import User
router = APIRouter()

@router.delete("/me")
async def delete_current_user(current_user: User = Depends(get_current_user), session: AsyncSession = Depends(new_async_session)) -> None:
    await session.execute(delete(User).where(User.user_id == current_user.user_id))
    await session.commit()
`},
			construct: "DeleteCurrentUser",
			want: `rule DeleteCurrentUser {
    when: DeleteCurrentUser(current_user)
    ensures: not exists current_user
}`,
		},
		{
			// boilerplate: the refresh token comes from a cookie, a helper
			// reads its subject into a schema it builds, and the new access
			// token is for that subject.
			name: "a cookie is an input; a schema built in code holds what it was given; a token's subject is its user",
			files: map[string]string{
				"app/models.py": `
from sqlalchemy import Column, String, Integer
from sqlalchemy.orm import declarative_base
Base = declarative_base()
class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    username = Column(String)
`,
				"app/security.py": `
from datetime import UTC, datetime, timedelta
from jose import jwt
from pydantic import BaseModel
ACCESS_TOKEN_EXPIRE_MINUTES = 30

class TokenData(BaseModel):
    username_or_email: str

async def verify_token(token: str, db):
    payload = jwt.decode(token, "k", algorithms=["HS256"])
    username_or_email: str = payload.get("sub")
    if username_or_email is None:
        return None
    return TokenData(username_or_email=username_or_email)

async def create_access_token(data) -> str:
    to_encode = data.copy()
    expire = datetime.now(UTC).replace(tzinfo=None) + timedelta(minutes=ACCESS_TOKEN_EXPIRE_MINUTES)
    to_encode.update({"exp": expire})
    return jwt.encode(to_encode, "k", algorithm="HS256")
`,
				"app/login.py": `
from fastapi import APIRouter, Depends, Request
from .models import User
from .security import create_access_token, verify_token
router = APIRouter()

@router.post("/refresh")
async def refresh_access_token(request: Request, db = Depends(async_get_db)):
    refresh_token = request.cookies.get("refresh_token")
    user_data = await verify_token(refresh_token, db)
    if not user_data:
        raise UnauthorizedException("Invalid refresh token.")
    new_access_token = await create_access_token(data={"sub": user_data.username_or_email})
    return {"access_token": new_access_token, "token_type": "bearer"}
`},
			construct: "RefreshAccessToken",
			want: `rule RefreshAccessToken {
    when: RefreshAccessToken(refresh_token)
    requires: refresh_token.is_valid
    ensures:
        AccessToken.created(user: refresh_token.user, expires_at: now + config.access_token_expire)
}`,
		},
		{
			// boilerplate: get_current_user verifies the bearer token and
			// loads the user it names; its guards are the route's, over the
			// route's own names, and the current user is the token's user.
			name: "a current-user dependency that verifies the scheme's token runs in the rule: the user is token.user",
			files: withCurrentUserDeps(map[string]string{
				"app/users.py": `
from typing import Annotated
from fastapi import APIRouter, Depends
from .dependencies import get_current_user
from .models import User
router = APIRouter()

@router.patch("/user/{username}/name")
async def patch_name(username: str, name: str, current_user: Annotated[dict, Depends(get_current_user)], db = Depends(get_db)):
    if username != current_user["username"]:
        raise HTTPException(status_code=403)
    target = await db.scalar(select(User).where(User.username == username))
    target.name = name
`}),
			construct: "PatchName",
			want: `rule PatchName {
    when: PatchName(token, username, name)
    requires: token.is_valid
    requires: username = token.user.username
    let target = User{username}
    ensures: target.name = name
}`,
		},
		{
			// boilerplate: dependencies=[Depends(get_current_superuser)] in
			// the route decorator runs before the handler, with its guards.
			name: "a route decorator's dependencies are run: the superuser dependency's guard is a precondition",
			files: withCurrentUserDeps(map[string]string{
				"app/users.py": `
from fastapi import APIRouter, Depends
from .dependencies import get_current_superuser
from .models import User
router = APIRouter()

@router.delete("/db_user/{username}", dependencies=[Depends(get_current_superuser)])
async def erase_db_user(username: str, db = Depends(get_db)):
    await db.execute(delete(User).where(User.username == username))
`}),
			construct: "EraseDbUser",
			want: `rule EraseDbUser {
    when: EraseDbUser(token, username)
    requires: token.is_valid
    requires: token.user.is_superuser
    ensures:
        for user in Users where username = username:
            not exists user
}`,
		},
		{
			// boilerplate: verify_token answers None when the token is of
			// another type; get_current_user rejects the request on None, so
			// each check is a precondition (one that does not translate, a
			// token in a module's set, is left out; the others still hold).
			// It then finds the token's user only when not deleted, and
			// fails otherwise: the flag is required of token.user.
			name: "the checks of a helper that answers None, and the flags the token's user is found by, are the route's preconditions",
			files: withCurrentUserDeps(map[string]string{
				"app/security.py": `
from enum import Enum
from fastapi.security import OAuth2PasswordBearer
from jose import jwt
from pydantic import BaseModel
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/login")
revoked = set()

class TokenType(str, Enum):
    ACCESS = "access"
    REFRESH = "refresh"

class TokenData(BaseModel):
    username_or_email: str

async def verify_token(token: str, expected_token_type: TokenType, db):
    if token in revoked:
        return None
    payload = jwt.decode(token, "k", algorithms=["HS256"])
    username_or_email: str = payload.get("sub")
    token_type: str = payload.get("token_type")
    if username_or_email is None or token_type != expected_token_type:
        return None
    return TokenData(username_or_email=username_or_email)
`,
				"app/dependencies.py": `
from typing import Annotated
from fastapi import Depends, HTTPException
from .models import User
from .security import TokenType, oauth2_scheme, verify_token

async def get_current_user(token: Annotated[str, Depends(oauth2_scheme)], db = Depends(get_db)):
    token_data = await verify_token(token, TokenType.ACCESS, db)
    if token_data is None:
        raise HTTPException(status_code=401)
    user = db.query(User).filter_by(username=token_data.username_or_email, is_deleted=False).first()
    if user:
        return user
    raise HTTPException(status_code=401)
`,
				"app/users.py": `
from typing import Annotated
from fastapi import APIRouter, Depends
from .dependencies import get_current_user
from .models import User
router = APIRouter()

@router.delete("/me")
async def erase_me(current_user: Annotated[dict, Depends(get_current_user)], db = Depends(get_db)):
    await db.execute(delete(User).where(User.username == current_user["username"]))
`}),
			construct: "EraseMe",
			want: `rule EraseMe {
    when: EraseMe(token)
    requires: token.is_valid
    requires: token.token_type = access
    requires: not token.user.is_deleted
    ensures:
        for user in Users where username = token.user.username:
            not exists user
}`,
		},
		{
			// boilerplate: authenticate_user answers False when no user has
			// that name, elif the password does not verify; login rejects
			// the request on False, so both checks are preconditions.
			name: "an elif chain of checks in a helper that answers False is required by a caller that rejects on False",
			files: withCurrentUserDeps(map[string]string{
				"app/login.py": `
import bcrypt
from fastapi import APIRouter, HTTPException
from .models import User
router = APIRouter()

async def verify_password(plain_password: str, hashed_password: str) -> bool:
    return bcrypt.checkpw(plain_password.encode(), hashed_password.encode())

async def authenticate_user(username: str, password: str, db):
    db_user = db.query(User).filter_by(username=username).first()
    if not db_user:
        return False
    elif not await verify_password(password, db_user.hashed_password):
        return False
    return db_user

@router.post("/login")
async def login(username: str, password: str, db = Depends(get_db)):
    user = await authenticate_user(username, password, db)
    if not user:
        raise HTTPException(status_code=401)
    user.name = username
`}),
			construct: "Login",
			want: `rule Login {
    when: Login(username, password)
    let user = User{username}
    requires: exists user
    requires: verify(password, user.hashed_password)
    ensures: user.name = username
}`,
		},
		{
			// boilerplate: the access and the refresh JWT carry a
			// token_type claim; verify_token refuses a token listed in
			// TokenBlacklist before decoding it (revoked_tokens.go).
			name:      "two kinds of JWT told apart by a claim are one entity whose validity reads the revocation list",
			files:     revocableTokens(true, "access", "refresh"),
			construct: "SignedToken",
			want: `entity SignedToken {
    user: User
    token_type: TokenType
    expires_at: Timestamp
    token_blacklists: TokenBlacklist with token = this
    is_valid: token_blacklists.count = 0 and expires_at > now
}`,
		},
		{
			name:      "the revocation list's entry names the token",
			files:     revocableTokens(true, "access", "refresh"),
			construct: "TokenBlacklist",
			want: `entity TokenBlacklist {
    token: SignedToken
    expires_at: Timestamp
}`,
		},
		{
			name:      "each kind's lifetime is named after the function issuing it",
			files:     revocableTokens(true, "access", "refresh"),
			construct: "Login",
			want: `rule Login {
    when: Login(username)
    let user = User{username}
    requires: exists user
    ensures:
        SignedToken.created(
            user: user,
            expires_at: now + config.access_token_expiry,
            token_type: access
        )
        SignedToken.created(
            user: user,
            expires_at: now + config.refresh_token_expiry,
            token_type: refresh
        )
}`,
		},
		{
			name:      "a verified token is valid, the revocation check folded in",
			files:     revocableTokens(true, "access", "refresh"),
			construct: "Rename",
			want: `rule Rename {
    when: Rename(token, name)
    requires: token.is_valid
    ensures:
        for user in Users where username = token.user.username:
            user.name = name
}`,
		},
		{
			name:      "a token only decoded, not checked against the revocation list, is unexpired",
			files:     revocableTokens(true, "access", "refresh"),
			construct: "Logout",
			want: `rule Logout {
    when: Logout(access_token)
    requires: access_token.expires_at > now
    ensures: TokenBlacklist.created(token: access_token, expires_at: access_token.expires_at)
}`,
		},
		{
			name:      "without the revocation check a decoded token is valid by its expiry alone",
			files:     revocableTokens(false, "access", "refresh"),
			construct: "SignedToken",
			want: `entity SignedToken {
    user: User
    token_type: TokenType
    expires_at: Timestamp
    is_valid: expires_at > now
}`,
		},
		{
			name:      "without the revocation check logout requires the token valid",
			files:     revocableTokens(false, "access", "refresh"),
			construct: "Logout",
			want: `rule Logout {
    when: Logout(access_token)
    requires: access_token.is_valid
    ensures: TokenBlacklist.created(token: access_token, expires_at: access_token.expires_at)
}`,
		},
		{
			// boilerplate's logout: `if not refresh_token: raise ...` on a
			// cookie the rule then decodes as a token (presented.go);
			// rename's `if not name:` stays input validation.
			name:      "a handler's test that an input it decodes as a token was given is a precondition",
			files:     revocableTokens(true, "access", "refresh"),
			construct: "LogoutRefresh",
			want: `rule LogoutRefresh {
    when: LogoutRefresh(refresh_token)
    requires: exists refresh_token
    requires: refresh_token.expires_at > now
    ensures: TokenBlacklist.created(token: refresh_token, expires_at: refresh_token.expires_at)
}`,
		},
		{
			// Both functions claim the access kind: each token is named by
			// its function, and with two token entities the list is not
			// folded into either's validity.
			name:      "one kind named by the claim: tokens named by their functions, the list not folded",
			files:     revocableTokens(true, "access", "access"),
			construct: "RefreshToken",
			want: `entity RefreshToken {
    user: User
    token_type: TokenType
    expires_at: Timestamp
    is_valid: expires_at > now
}`,
		},
		{
			// minimal-refresh: the decoded claims are read through a
			// pydantic payload object and the user is looked up by its
			// primary key (user_id) from the subject: the token's user.
			name:      "a user found by the subject of claims read through a payload object is the token's user",
			files:     subjectPayloadService(),
			construct: "ResetCurrentUserPassword",
			want: `rule ResetCurrentUserPassword {
    when: ResetCurrentUserPassword(token, password)
    requires: token.is_valid
    requires: token.user != null
    ensures: token.user.hashed_password = hash(password)
}`,
		},
		{
			name:      "a row found by its foreign key to the token's user is that user's",
			files:     subjectPayloadService(),
			construct: "Promote",
			want: `rule Promote {
    when: Promote(token)
    requires: token.is_valid
    requires: token.user != null
    let membership = Membership{user: token.user}
    requires: exists membership
    ensures: membership.role = "owner"
}`,
		},
		{
			// The body's token is the request's own input, not the bearer
			// token: the signed-in user stays a parameter.
			name:      "a request body with a token field of its own keeps the current user a parameter",
			files:     subjectPayloadService(),
			construct: "Accept",
			want: `rule Accept {
    when: Accept(token, current_user)
    ensures: current_user.hashed_password = token
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			if got := construct(out.Module, tt.construct); got != tt.want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", tt.construct, got, tt.want, out.Notes)
			}
		})
	}
}

// withCurrentUserDeps adds to a service's files those of a boilerplate-like
// service: a User model, a token verifier over an OAuth2 bearer scheme, and
// get_current_user / get_current_superuser dependencies.
func withCurrentUserDeps(files map[string]string) map[string]string {
	out := map[string]string{
		"app/models.py": `
from sqlalchemy import Boolean, Column, Integer, String
from sqlalchemy.orm import declarative_base
Base = declarative_base()

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    username = Column(String)
    name = Column(String)
    is_superuser = Column(Boolean, default=False)
    is_deleted = Column(Boolean, default=False)
    hashed_password = Column(String)
`,
		"app/security.py": `
from fastapi.security import OAuth2PasswordBearer
from jose import jwt
from pydantic import BaseModel
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="/login")

class TokenData(BaseModel):
    username_or_email: str

async def verify_token(token: str, db):
    payload = jwt.decode(token, "k", algorithms=["HS256"])
    username_or_email: str = payload.get("sub")
    if username_or_email is None:
        return None
    return TokenData(username_or_email=username_or_email)
`,
		"app/dependencies.py": `
from typing import Annotated
from fastapi import Depends, HTTPException
from .models import User
from .security import oauth2_scheme, verify_token

async def get_current_user(token: Annotated[str, Depends(oauth2_scheme)], db = Depends(get_db)):
    token_data = await verify_token(token, db)
    if token_data is None:
        raise HTTPException(status_code=401)
    user = await crud_users.get(db=db, username=token_data.username_or_email)
    if user:
        return user
    raise HTTPException(status_code=401)

async def get_current_superuser(current_user: Annotated[dict, Depends(get_current_user)]) -> dict:
    if not current_user["is_superuser"]:
        raise HTTPException(status_code=403)
    return current_user
`,
	}
	maps.Copy(out, files)
	return out
}

// jwtPropertyModel is dispatch's user model: a token property that
// encodes a JWT from a payload kept in a local.
const jwtPropertyModel = `
from datetime import datetime, timedelta
import jwt
from sqlalchemy import Column, String, Integer
from sqlalchemy.orm import declarative_base
Base = declarative_base()
JWT_EXP = 86400

class User(Base):
    __tablename__ = "users"
    id = Column(Integer, primary_key=True)
    email = Column(String)

    @property
    def token(self):
        now = datetime.utcnow()
        exp = (now + timedelta(seconds=JWT_EXP)).timestamp()
        data = {"exp": exp, "email": self.email}
        return jwt.encode(data, "secret", algorithm="HS256")
`

// registerWithResponse is dispatch's register shape: a user model whose
// token property issues a JWT, and a register handler registered by a
// module-level call with response_model=RegisterResponse, whose one field
// is field.
func registerWithResponse(field string) map[string]string {
	return map[string]string{
		"app/models.py": jwtPropertyModel,
		"app/views.py": fmt.Sprintf(`
from fastapi import APIRouter
from pydantic import BaseModel
from .models import User
router = APIRouter()

class UserRegister(BaseModel):
    email: str

class RegisterResponse(BaseModel):
    %s

def register_user(user_in: UserRegister, db_session: DbSession):
    user = User(email=user_in.email)
    db_session.add(user)
    db_session.commit()
    return user

register_user = router.post("/register", response_model=RegisterResponse)(register_user)
`, field),
	}
}
