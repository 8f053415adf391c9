package distill

import "testing"

// TestInstalledAppModelIdiom pins a framework model the service never
// imports but runs by listing its app in INSTALLED_APPS
// (django-graphql-jwt's refresh tokens, reached as user.refresh_tokens):
// it is an entity with the catalog's fields and relation, and its
// catalogued methods set its fields (revoke: revoked = now). An
// installed app's user model (django.contrib.auth) is not the service's.
func TestInstalledAppModelIdiom(t *testing.T) {
	models := `
from django.contrib.auth.models import AbstractUser
class CustomUser(AbstractUser):
    pass
`
	views := `
def sign_out_everywhere(request):
    for t in request.user.refresh_tokens.all():
        t.revoke()
    return redirect("/")
`
	tests := []struct {
		name      string
		apps      string
		construct string
		want      string
	}{
		{
			name:      "the app is installed by its config class: the model is an entity of the user's",
			apps:      `["django.contrib.auth", "graphql_jwt.refresh_token.apps.RefreshTokenConfig"]`,
			construct: "RefreshToken",
			want: `entity RefreshToken {
    revoked: Timestamp?
    user: CustomUser
}`,
		},
		{
			name:      "its catalogued method sets the field it names to the clock",
			apps:      `["django.contrib.auth", "graphql_jwt.refresh_token"]`,
			construct: "SignOutEverywhere",
			want: `rule SignOutEverywhere {
    when: SignOutEverywhere(user)
    ensures:
        for t in user.refresh_tokens:
            t.revoked = now
}`,
		},
		{
			name:      "a parent package installed is another app: no entity",
			apps:      `["django.contrib.auth", "graphql_jwt"]`,
			construct: "RefreshToken",
			want:      "",
		},
		{
			name:      "not installed: no entity",
			apps:      `["django.contrib.auth"]`,
			construct: "RefreshToken",
			want:      "",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, New(Options{}), map[string]string{
				"app/models.py":    models,
				"app/views.py":     views,
				"proj/settings.py": "AUTH_USER_MODEL = \"app.CustomUser\"\nINSTALLED_APPS = " + tt.apps + "\n",
			})
			if got := construct(out.Module, tt.construct); got != tt.want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", tt.construct, got, tt.want, out.Notes)
			}
			for _, e := range out.Module.Entities {
				if e.Name == "User" {
					t.Errorf("the installed auth app's user model became an entity:\n%s", construct(out.Module, "User"))
				}
			}
		})
	}
}
