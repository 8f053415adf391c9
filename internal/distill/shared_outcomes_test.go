package distill

import "testing"

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
	tests := []struct {
		name     string
		branches string
		want     string
	}{
		{
			name: "both branches revoke: the revocation leaves the if",
			branches: `
    if HARD_DELETE:
        revoke_all(user)
        user.delete()
    else:
        user.is_active = False
        user.save()
        revoke_all(user)
`,
			want: `rule CloseAccount {
    when: CloseAccount(user)
    ensures:
        for t in user.refresh_tokens:
            t.revoked = now
        if config.hard_delete:
            not exists user
        else:
            user.is_active = false
}`,
		},
		{
			name: "only one branch revokes: it stays under the condition",
			branches: `
    if HARD_DELETE:
        revoke_all(user)
        user.delete()
    else:
        user.is_active = False
        user.save()
`,
			want: `rule CloseAccount {
    when: CloseAccount(user)
    ensures:
        if config.hard_delete:
            for t in user.refresh_tokens:
                t.revoked = now
            not exists user
        else:
            user.is_active = false
}`,
		},
		{
			name: "the branches differ only in order: all of it leaves the if",
			branches: `
    if HARD_DELETE:
        revoke_all(user)
        user.is_active = False
        user.save()
    else:
        user.is_active = False
        user.save()
        revoke_all(user)
`,
			want: `rule CloseAccount {
    when: CloseAccount(user)
    ensures:
        for t in user.refresh_tokens:
            t.revoked = now
        user.is_active = false
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, New(Options{}), map[string]string{
				"app/models.py": models,
				"app/views.py": `
HARD_DELETE = False

def revoke_all(user):
    for t in user.refresh_tokens.all():
        t.revoke()

def close_account(request):
    user = request.user
` + tt.branches + `
    return redirect("/")
`,
				"proj/settings.py": "AUTH_USER_MODEL = \"app.CustomUser\"\nINSTALLED_APPS = [\"django.contrib.auth\", \"graphql_jwt.refresh_token\"]\n",
			})
			if got := construct(out.Module, "CloseAccount"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
