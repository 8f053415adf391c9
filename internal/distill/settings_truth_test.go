package distill

import (
	"strings"
	"testing"
)

// TestSettingsHelperTruth pins a condition that is a call of a helper
// without parameters answering only from the project's settings
// (graphql_auth's using_refresh_tokens()): it is decided from the
// settings module's constants, so the outcomes under it are stated
// unconditionally or not at all. Whatever the settings module does not
// settle stays a conditional outcome left out with a note.
func TestSettingsHelperTruth(t *testing.T) {
	models := `
from django.contrib.auth.models import AbstractUser
class CustomUser(AbstractUser):
    pass
`
	const apps = `INSTALLED_APPS = ["django.contrib.auth", "graphql_jwt.refresh_token.apps.RefreshTokenConfig"]` + "\n"
	const ifReturn = `
def revoking():
    if (
        hasattr(settings, "GRAPHQL_JWT")
        and settings.GRAPHQL_JWT.get("JWT_LONG_RUNNING_REFRESH_TOKEN", False)
        and "graphql_jwt.refresh_token.apps.RefreshTokenConfig" in settings.INSTALLED_APPS
    ):
        return True
    return False
`
	const revokes = `rule SignOutEverywhere {
    when: SignOutEverywhere(user)
    ensures:
        for t in user.refresh_tokens:
            t.revoked = now
}`
	tests := []struct {
		name     string
		helper   string
		settings map[string]string // path -> settings module
		want     string            // the rule, "" for none
		leftOut  bool              // a note says a conditional outcome was left out
	}{
		{
			name:     "every part holds: the outcome is stated unconditionally",
			helper:   ifReturn,
			settings: map[string]string{"proj/settings.py": apps + `GRAPHQL_JWT = {"JWT_LONG_RUNNING_REFRESH_TOKEN": True}` + "\n"},
			want:     revokes,
		},
		{
			name:     "the dict setting says False: nothing happens, nothing left out",
			helper:   ifReturn,
			settings: map[string]string{"proj/settings.py": apps + `GRAPHQL_JWT = {"JWT_LONG_RUNNING_REFRESH_TOKEN": False}` + "\n"},
			want:     "",
		},
		{
			name:     "the key is absent: the default given to get (False) decides",
			helper:   ifReturn,
			settings: map[string]string{"proj/settings.py": apps + `GRAPHQL_JWT = {"JWT_VERIFY_EXPIRATION": True}` + "\n"},
			want:     "",
		},
		{
			name:     "the setting is not defined: the framework may default it, so unknown",
			helper:   ifReturn,
			settings: map[string]string{"proj/settings.py": apps},
			leftOut:  true,
		},
		{
			name: "hasattr of a setting the module defines holds",
			helper: `
def revoking():
    return hasattr(settings, "GRAPHQL_JWT")
`,
			settings: map[string]string{"proj/settings.py": apps + `GRAPHQL_JWT = {}` + "\n"},
			want:     revokes,
		},
		{
			name: "hasattr of a setting the module does not define: a framework default may exist, unknown",
			helper: `
def revoking():
    return hasattr(settings, "GRAPHQL_JWT")
`,
			settings: map[string]string{"proj/settings.py": apps},
			leftOut:  true,
		},
		{
			name:     "a dict setting with a spread may hold the key: unknown",
			helper:   ifReturn,
			settings: map[string]string{"proj/settings.py": apps + `GRAPHQL_JWT = {**BASE_JWT}` + "\n"},
			leftOut:  true,
		},
		{
			name:   "two settings modules: which one runs is not in the code",
			helper: ifReturn,
			settings: map[string]string{
				"proj/settings/dev.py":  apps + `GRAPHQL_JWT = {"JWT_LONG_RUNNING_REFRESH_TOKEN": True}` + "\n",
				"proj/settings/prod.py": apps + `GRAPHQL_JWT = {"JWT_LONG_RUNNING_REFRESH_TOKEN": True}` + "\n",
			},
			leftOut: true,
		},
		{
			name: "a single return of the condition, decided by the known side of an or",
			helper: `
def revoking():
    return settings.GRAPHQL_JWT.get("JWT_LONG_RUNNING_REFRESH_TOKEN") or settings.REVOKE_ALWAYS
`,
			settings: map[string]string{"proj/settings.py": apps + `GRAPHQL_JWT = {"JWT_LONG_RUNNING_REFRESH_TOKEN": True}` + "\n"},
			want:     revokes,
		},
		{
			name: "a value that is not a boolean literal: unknown",
			helper: `
def revoking():
    return settings.GRAPHQL_JWT.get("JWT_LONG_RUNNING_REFRESH_TOKEN")
`,
			settings: map[string]string{"proj/settings.py": apps + `GRAPHQL_JWT = {"JWT_LONG_RUNNING_REFRESH_TOKEN": env("LONG")}` + "\n"},
			leftOut:  true,
		},
		{
			name: "a helper that reads something besides settings: unknown",
			helper: `
def revoking():
    if feature_enabled("refresh") and "graphql_jwt.refresh_token.apps.RefreshTokenConfig" in settings.INSTALLED_APPS:
        return True
    return False
`,
			settings: map[string]string{"proj/settings.py": apps},
			leftOut:  true,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := map[string]string{
				"app/models.py": models,
				"app/views.py": "from django.conf import settings\n" + tt.helper + `
def sign_out_everywhere(request):
    if revoking():
        for t in request.user.refresh_tokens.all():
            t.revoke()
    return redirect("/")
`,
			}
			for p, s := range tt.settings {
				files[p] = "AUTH_USER_MODEL = \"app.CustomUser\"\n" + s
			}
			out := distilText(t, New(Options{}), files)
			if got := construct(out.Module, "SignOutEverywhere"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
			leftOut := false
			for _, n := range out.Notes {
				leftOut = leftOut || strings.Contains(n, "a conditional outcome left out")
			}
			if leftOut != tt.leftOut {
				t.Errorf("conditional outcome left out: %v, want %v; notes: %v", leftOut, tt.leftOut, out.Notes)
			}
		})
	}
}
