package distill

import (
	"strings"
	"testing"
)

// TestSharedOutcomesIdiom pins an if whose branches state some outcome
// alike (graphql_auth's DeleteAccount revokes the refresh tokens whether
// it deletes the user or deactivates them): that outcome holds either
// way and is stated once, before the if; what differs stays under it.
func TestSharedOutcomesIdiom(t *testing.T) {
	models := `
from django.contrib.auth.models import AbstractUser
class CustomUser(AbstractUser):
    pass
`
	// The statements the branches are made of.
	const (
		revoke     = "revoke_all(user)"
		remove     = "user.delete()"
		deactivate = "user.is_active = False\n        user.save()"
	)
	tests := []struct {
		name       string
		then, els  []string
		wantEnsure string
	}{
		{
			name: "both branches revoke: the revocation leaves the if",
			then: []string{revoke, remove},
			els:  []string{deactivate, revoke},
			wantEnsure: `
        for t in user.refresh_tokens:
            t.revoked = now
        if config.hard_delete:
            not exists user
        else:
            user.is_active = false`,
		},
		{
			name: "only one branch revokes: it stays under the condition",
			then: []string{revoke, remove},
			els:  []string{deactivate},
			wantEnsure: `
        if config.hard_delete:
            for t in user.refresh_tokens:
                t.revoked = now
            not exists user
        else:
            user.is_active = false`,
		},
		{
			name: "the branches differ only in order: all of it leaves the if",
			then: []string{revoke, deactivate},
			els:  []string{deactivate, revoke},
			wantEnsure: `
        for t in user.refresh_tokens:
            t.revoked = now
        user.is_active = false`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const indent = "\n        "
			out := distilText(t, New(Options{}), map[string]string{
				"app/models.py": models,
				"app/views.py": `
HARD_DELETE = False

def revoke_all(user):
    for t in user.refresh_tokens.all():
        t.revoke()

def close_account(request):
    user = request.user
    if HARD_DELETE:` + indent + strings.Join(tt.then, indent) + `
    else:` + indent + strings.Join(tt.els, indent) + `
    return redirect("/")
`,
				"proj/settings.py": "AUTH_USER_MODEL = \"app.CustomUser\"\nINSTALLED_APPS = [\"django.contrib.auth\", \"graphql_jwt.refresh_token\"]\n",
			})
			want := "rule CloseAccount {\n    when: CloseAccount(user)\n    ensures:" + tt.wantEnsure + "\n}"
			if got := construct(out.Module, "CloseAccount"); got != want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, want, out.Notes)
			}
		})
	}
}
