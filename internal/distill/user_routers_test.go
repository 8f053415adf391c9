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
// a token living the manager's lifetime; each then runs the service's
// hook, inlined. Without the library's object, or without a mount,
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

async def get_user_manager(user_db=None):
    yield UserManager(user_db)

fastapi_users = %s(get_user_manager, [])
`
	const mounts = `
from fastapi import FastAPI
from app.users import fastapi_users

app = FastAPI()
app.include_router(fastapi_users.get_register_router(UserRead, UserCreate), prefix="/auth")
app.include_router(fastapi_users.get_reset_password_router(), prefix="/auth")
app.include_router(fastapi_users.get_verify_router(UserRead), prefix="/auth")
`
	const owner = "FastAPIUsers[User, uuid.UUID]"
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
	tests := []struct {
		name   string
		attrs  string // class attributes of the manager
		owner  string
		mounts string
		rule   string
		want   string // "" for no such rule
		config string // a config line the spec must hold
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
		{name: "no router mounted: no library routes", owner: owner, mounts: "from app.users import fastapi_users\n", rule: "Register"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, New(Options{}), map[string]string{
				"app/db.py":    db,
				"app/users.py": strings.Replace(strings.Replace(manager, "%s", tt.attrs, 1), "%s", tt.owner, 1),
				"app/app.py":   tt.mounts,
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
