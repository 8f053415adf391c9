package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestUserRouters pins the routes of fastapi-users' routers a service
// mounts (catalog user_routers): register refuses a taken email and
// stores the user with the password's hash and the table's flag
// defaults; forgot-password and request-verify-token do nothing for a
// missing or inactive user (or one already verified) and otherwise make
// a token living the manager's lifetime, which reset-password and verify
// take; login signs in an active user with the backend's JWT strategy.
// Each then runs the service's hook, inlined. Without the library's object, or without a mount,
// nothing is stated.
func TestUserRouters(t *testing.T) {
	const db = `
from fastapi_users.db import SQLAlchemyBaseUserTableUUID
from sqlalchemy.orm import DeclarativeBase

class Base(DeclarativeBase):
    pass

class User(SQLAlchemyBaseUserTableUUID, Base):
    pass
`
	const manager = `
import uuid
from fastapi_users import BaseUserManager, FastAPIUsers, UUIDIDMixin
from fastapi_users.authentication import AuthenticationBackend, BearerTransport, JWTStrategy
from app.db import User
from app.mail import send_email

class UserManager(UUIDIDMixin, BaseUserManager[User, uuid.UUID]):
%s
    async def on_after_register(self, user: User, request=None):
        await send_email(to=user.email, template="welcome")

    async def on_after_forgot_password(self, user: User, token: str, request=None):
        await send_email(to=user.email, template="reset_password", token=token)

    async def on_after_request_verify(self, user: User, token: str, request=None):
        await send_email(to=user.email, template="verify", token=token)

    async def on_after_reset_password(self, user: User, request=None):
        await send_email(to=user.email, template="password_changed")

async def get_user_manager(user_db=None):
    yield UserManager(user_db)

def get_jwt_strategy():
    return %s

auth_backend = AuthenticationBackend(name="jwt", transport=BearerTransport(tokenUrl="auth/jwt/login"), get_strategy=get_jwt_strategy)

fastapi_users = %s(get_user_manager, [auth_backend])
`
	const mounts = `
from fastapi import FastAPI
from app.users import auth_backend, fastapi_users

app = FastAPI()
app.include_router(fastapi_users.get_register_router(UserRead, UserCreate), prefix="/auth")
app.include_router(fastapi_users.get_reset_password_router(), prefix="/auth")
app.include_router(fastapi_users.get_verify_router(UserRead), prefix="/auth")
app.include_router(fastapi_users.get_auth_router(auth_backend%s), prefix="/auth/jwt")
`
	const owner = "FastAPIUsers[User, uuid.UUID]"
	const jwt = "JWTStrategy(secret=SECRET, lifetime_seconds=3600)"
	const login = `rule Login {
    when: Login(username, password)
    let user = User{email: username}
    requires: exists user
    requires: verify(password, user.hashed_password)
    requires: user.is_active
    ensures: AccessToken.created(user: user, expires_at: now + config.access_token_expiry)
}`
	const register = `rule Register {
    when: Register(email, password)
    let existing_user = User{email}
    requires: not exists existing_user
    ensures:
        User.created(
            email: email,
            hashed_password: hash(password),
            is_active: true,
            is_verified: false
        )
        Email.created(to: email, template: welcome)
}`
	const forgot = `rule ForgotPassword {
    when: ForgotPassword(email)
    let user = User{email}
    requires: exists user
    requires: user.is_active
    ensures:
        PasswordResetToken.created(user: user, expires_at: now + config.password_reset_token_expiry)
        Email.created(to: user.email, template: reset_password)
}`
	const verify = `rule RequestVerifyToken {
    when: RequestVerifyToken(email)
    let user = User{email}
    requires: exists user
    requires: user.is_active
    requires: not user.is_verified
    ensures:
        VerificationToken.created(user: user, expires_at: now + config.verification_token_expiry)
        Email.created(to: user.email, template: verify)
}`
	const reset = `rule ResetPassword {
    when: ResetPassword(token, password)
    requires: token.is_valid
    requires: exists token.user
    requires: token.user.is_active
    ensures:
        token.user.hashed_password = hash(password)
        Email.created(to: token.user.email, template: password_changed)
}`
	const verified = `rule Verify {
    when: Verify(token)
    requires: token.is_valid
    requires: exists token.user
    requires: not token.user.is_verified
    ensures: token.user.is_verified = true
}`
	const checkPassword = `
    async def validate_password(self, password, user):
        if len(password) < 8:
            raise InvalidPasswordException(reason="too short")
`
	tests := []struct {
		name     string
		attrs    string // class attributes of the manager
		strategy string // what get_strategy returns; jwt when empty
		owner    string
		mounts   string
		authArgs string // the auth router's arguments after the backend
		rule     string
		want     string // "" for no such rule
		config   string // a config line the spec must hold
	}{
		{name: "register: a taken email refused, the user stored, the hook's mail", owner: owner, mounts: mounts, rule: "Register", want: register},
		{name: "forgot password: a reset token for an active user, the hook's mail", owner: owner, mounts: mounts, rule: "ForgotPassword", want: forgot,
			config: "password_reset_token_expiry: Duration = 1.hour"},
		{name: "the manager's own reset token lifetime", attrs: "    reset_password_token_lifetime_seconds = 900\n", owner: owner, mounts: mounts,
			rule: "ForgotPassword", want: forgot, config: "password_reset_token_expiry: Duration = 15.minutes"},
		{name: "request verify: not for a verified user", owner: owner, mounts: mounts, rule: "RequestVerifyToken", want: verify,
			config: "verification_token_expiry: Duration = 1.hour"},
		{name: "the library's object made without its generic parameters", owner: "FastAPIUsers", mounts: mounts, rule: "Register", want: register},
		{name: "another library's object: no library routes", owner: "OtherUsers[User, uuid.UUID]", mounts: mounts, rule: "Register"},
		{name: "mounted by an application factory", owner: owner, rule: "Register", want: register,
			mounts: "from fastapi import FastAPI\nfrom app.users import fastapi_users\n\ndef create_app():\n    app = FastAPI()\n    app.include_router(fastapi_users.get_register_router(UserRead, UserCreate))\n    return app\n"},
		{name: "mounted under a condition: no library routes", owner: owner, rule: "Register",
			mounts: "from fastapi import FastAPI\nfrom app.users import fastapi_users\n\napp = FastAPI()\nif REGISTRATION:\n    app.include_router(fastapi_users.get_register_router(UserRead, UserCreate))\n"},
		{name: "no router mounted: no library routes", owner: owner, mounts: "from app.users import fastapi_users\n", rule: "Register"},
		{name: "the manager's password check refuses a short password on register", attrs: checkPassword, owner: owner, mounts: mounts, rule: "Register",
			want: strings.Replace(register, "    let existing_user", "    requires: length(password) >= config.min_password_length\n    let existing_user", 1)},
		{name: "... and on reset", attrs: checkPassword, owner: owner, mounts: mounts, rule: "ResetPassword",
			want: strings.Replace(reset, "    ensures:", "    requires: length(password) >= config.min_password_length\n    ensures:", 1)},
		{name: "reset password: the forgot-password token's active user gets the hash, the hook's mail", owner: owner, mounts: mounts, rule: "ResetPassword", want: reset},
		{name: "verify: the verification token's unverified user verified", owner: owner, mounts: mounts, rule: "Verify", want: verified},
		{name: "login: an active user's verified credentials get the strategy's token", owner: owner, mounts: mounts, rule: "Login", want: login,
			config: "access_token_expiry: Duration = 1.hour"},
		{name: "login requiring verification", owner: owner, mounts: mounts, authArgs: ", requires_verification=True", rule: "Login",
			want: strings.Replace(login, "    ensures:", "    requires: user.is_verified\n    ensures:", 1)},
		{name: "login with verification given by a value unread: no rule", owner: owner, mounts: mounts, authArgs: ", VERIFY", rule: "Login"},
		{name: "a JWT with no lifetime does not expire", owner: owner, strategy: "JWTStrategy(secret=SECRET)", mounts: mounts, rule: "Login",
			want: strings.Replace(login, "AccessToken.created(user: user, expires_at: now + config.access_token_expiry)", "AccessToken.created(user: user)", 1)},
		{name: "a strategy the catalog does not describe: no login rule", owner: owner, strategy: "RedisStrategy(redis, lifetime_seconds=3600)", mounts: mounts, rule: "Login"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			strategy := tt.strategy
			if strategy == "" {
				strategy = jwt
			}
			users := strings.Replace(strings.Replace(strings.Replace(manager, "%s", tt.attrs, 1), "%s", strategy, 1), "%s", tt.owner, 1)
			out := distilText(t, New(Options{}), map[string]string{
				"app/db.py":    db,
				"app/users.py": users,
				"app/app.py":   strings.Replace(tt.mounts, "%s", tt.authArgs, 1),
			})
			if got := construct(out.Module, tt.rule); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
			if printed := string(allium.Print(out.Module, allium.PrintOptions{})); tt.config != "" && !strings.Contains(printed, tt.config) {
				t.Errorf("want %q in:\n%s", tt.config, printed)
			}
		})
	}
}
