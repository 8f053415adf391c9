package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestTokenDecoratorIdiom pins a call of a method under a framework
// sign-in decorator (graphql_jwt's token_auth, as graphql_auth's
// PasswordChange signs the user in again): it issues a JsonWebToken for
// the user its login keyword names, living the setting's time or the
// framework's default, and the refresh token the settings turn on. A
// call whose login keyword is not found, and an undecorated method,
// issue nothing.
func TestTokenDecoratorIdiom(t *testing.T) {
	models := `
from django.contrib.auth.models import AbstractUser
class CustomUser(AbstractUser):
    pass
`
	const decorated = `
@token_auth
def sign_in(root, info, **kwargs):
    return None
`
	const settings = "AUTH_USER_MODEL = \"app.CustomUser\"\nINSTALLED_APPS = [\"django.contrib.auth\"]\n"
	const refreshApp = "AUTH_USER_MODEL = \"app.CustomUser\"\nINSTALLED_APPS = [\"django.contrib.auth\", \"graphql_jwt.refresh_token\"]\n"
	// What ChangePassword ensures: the password alone, with the token,
	// with the token and a refresh token.
	const noToken = `rule ChangePassword {
    when: ChangePassword(new, user)
    ensures: user.password = hash(new)
}`
	const signsIn = `rule ChangePassword {
    when: ChangePassword(new, user)
    ensures:
        user.password = hash(new)
        JsonWebToken.created(user: user, expires_at: now + config.jwt_expiration)
}`
	const signsInWithRefresh = `rule ChangePassword {
    when: ChangePassword(new, user)
    ensures:
        user.password = hash(new)
        JsonWebToken.created(user: user, expires_at: now + config.jwt_expiration)
        RefreshToken.created(user: user, created: now)
}`
	const byName = `sign_in(None, request, password=new, username=user.username)`
	const fiveMinutes = "jwt_expiration: Duration = 5.minutes"
	tests := []struct {
		name     string
		helper   string
		call     string
		settings string
		want     string
		lifetime string // the config line of the token's lifetime; "" for none
	}{
		{
			name:     "the login keyword given through a dict keyed by USERNAME_FIELD",
			helper:   decorated,
			call:     `sign_in(None, request, password=new, **{user.USERNAME_FIELD: getattr(user, user.USERNAME_FIELD)})`,
			settings: settings,
			want:     signsIn,
			lifetime: fiveMinutes,
		},
		{
			name:     "the login keyword by name; the lifetime the setting gives",
			helper:   decorated,
			call:     byName,
			settings: settings + "GRAPHQL_JWT = {\"JWT_EXPIRATION_DELTA\": timedelta(minutes=15)}\n",
			want:     signsIn,
			lifetime: "jwt_expiration: Duration = 15.minutes",
		},
		{
			name:     "long-running refresh tokens on and their app installed: a refresh token is stored too",
			helper:   decorated,
			call:     byName,
			settings: refreshApp + "GRAPHQL_JWT = {\"JWT_LONG_RUNNING_REFRESH_TOKEN\": True}\n",
			want:     signsInWithRefresh,
			lifetime: fiveMinutes,
		},
		{
			name:     "the app installed but the setting left at the framework's default (off): no refresh token",
			helper:   decorated,
			call:     byName,
			settings: refreshApp,
			want:     signsIn,
			lifetime: fiveMinutes,
		},
		{
			name:     "the setting turned off: no refresh token",
			helper:   decorated,
			call:     byName,
			settings: refreshApp + "GRAPHQL_JWT = {\"JWT_LONG_RUNNING_REFRESH_TOKEN\": False}\n",
			want:     signsIn,
			lifetime: fiveMinutes,
		},
		{
			name:     "the setting read from the environment: unknown, no refresh token",
			helper:   decorated,
			call:     byName,
			settings: refreshApp + "GRAPHQL_JWT = {\"JWT_LONG_RUNNING_REFRESH_TOKEN\": env.bool(\"LONG\")}\n",
			want:     signsIn,
			lifetime: fiveMinutes,
		},
		{
			name:     "the keywords passed on whole: no user known, no token stated",
			helper:   decorated,
			call:     `sign_in(None, request, **kwargs)`,
			settings: settings,
			want:     noToken,
		},
		{
			name: "an undecorated method issues nothing",
			helper: `
def sign_in(root, info, **kwargs):
    return None
`,
			call:     byName,
			settings: settings,
			want:     noToken,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, New(Options{}), map[string]string{
				"app/models.py": models,
				"app/views.py": "from graphql_jwt.decorators import token_auth\n" + tt.helper + `
def change_password(request, **kwargs):
    user = request.user
    new = request.POST["new"]
    user.set_password(new)
    user.save()
    ` + tt.call + `
    return redirect("/")
`,
				"proj/settings.py": "from datetime import timedelta\n" + tt.settings,
			})
			if got := construct(out.Module, "ChangePassword"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
			printed := string(allium.Print(out.Module, allium.PrintOptions{}))
			if has := strings.Contains(printed, "jwt_expiration"); has != (tt.lifetime != "") || tt.lifetime != "" && !strings.Contains(printed, tt.lifetime) {
				t.Errorf("want the lifetime %q in:\n%s", tt.lifetime, printed)
			}
		})
	}
}
