package distill

import (
	"testing"
)

// limiterService is warehouse's rate limiters in small (config.py:242-249
// and 513-575, accounts/__init__.py:174-210, services.py:967-993): the
// configure step gives each limit string a default through maybe_set,
// includeme registers a limiter per flow with the setting's value, and
// the code looks limiters up by name. defaults are the maybe_set calls,
// lookups the find_service calls of the login service factory.
func limiterService(defaults, lookups string) map[string]string {
	return map[string]string{
		"app/models.py": `
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column
class Base(DeclarativeBase):
    pass
class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str]
`,
		"app/config.py": `
import os
def maybe_set(settings, name, envvar, coercer=None, default=None):
    if envvar in os.environ:
        settings.setdefault(name, os.environ[envvar])
    elif default is not None:
        settings.setdefault(name, default)

def configure(settings):
` + defaults + `
    return settings
`,
		"app/accounts.py": `
from app.rate_limiting import IRateLimiter

def includeme(config):
    user_login_ratelimit_string = config.registry.settings.get("app.account.user_login_ratelimit_string")
    config.register_rate_limiter(user_login_ratelimit_string, "user.login")
    password_reset_ratelimit_string = config.registry.settings.get("app.account.password_reset_ratelimit_string")
    config.register_rate_limiter(password_reset_ratelimit_string, "password.reset")

def login_factory(context, request):
    return LoginService(
        request.db,
        ratelimiters={
` + lookups + `
        },
    )
`,
		"app/views.py": `
from pyramid.view import view_config
from app.models import User
@view_config(route_name="register", request_method="POST")
def register(request):
    request.db.add(User(username=request.POST["username"]))
    return {}
`,
	}
}

func TestRateLimiterRegistrations(t *testing.T) {
	d := New(Options{})
	const bothDefaults = `    maybe_set(settings, "app.account.user_login_ratelimit_string", "USER_LOGIN", default="10 per 5 minutes")
    maybe_set(settings, "app.account.password_reset_ratelimit_string", "PASSWORD_RESET", default="5 per day")`
	const bothLookups = `            "user.login": request.find_service(IRateLimiter, name="user.login", context=None),
            "password.reset": request.find_service(IRateLimiter, name="password.reset", context=None),`
	tests := []struct {
		name, defaults, lookups string
		want                    string
	}{
		{
			name:     "each limiter looked up is an enforced parameter named after its setting, valued by its default",
			defaults: bothDefaults,
			lookups:  bothLookups,
			want:     "user_login_ratelimit: String = \"10 per 5 minutes\"\npassword_reset_ratelimit: String = \"5 per day\"",
		},
		{
			name:     "a limiter the service never looks up declares nothing",
			defaults: bothDefaults,
			lookups:  `            "user.login": request.find_service(IRateLimiter, name="user.login", context=None),`,
			want:     "user_login_ratelimit: String = \"10 per 5 minutes\"",
		},
		{
			name:     "a setting with no default declares nothing",
			defaults: `    maybe_set(settings, "app.account.user_login_ratelimit_string", "USER_LOGIN", default="10 per 5 minutes")`,
			lookups:  bothLookups,
			want:     "user_login_ratelimit: String = \"10 per 5 minutes\"",
		},
		{
			name: "a default that is no limit string declares nothing",
			defaults: `    maybe_set(settings, "app.account.user_login_ratelimit_string", "USER_LOGIN", default="redis://limits")
    maybe_set(settings, "app.account.password_reset_ratelimit_string", "PASSWORD_RESET", default="5 per day")`,
			lookups: bothLookups,
			want:    "password_reset_ratelimit: String = \"5 per day\"",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, limiterService(tt.defaults, tt.lookups))
			if got := configLines(out.Module); got != tt.want {
				t.Errorf("config:\ngot:  %q\nwant: %q", got, tt.want)
			}
		})
	}
}
