package distill

import "testing"

// TestRequestKeyNamedByModelAttr pins a request input picked by a name the
// walk knows (request.POST.get(UserModel.EMAIL_FIELD)): it is the input of
// that name, as a string key would be; an attribute the catalog does not
// know still leaves the input out.
func TestRequestKeyNamedByModelAttr(t *testing.T) {
	models := `
from django.contrib.auth.models import AbstractUser
class User(AbstractUser):
    pass
`
	view := func(key string) string {
		return `
from django.contrib.auth import get_user_model
from django.shortcuts import redirect
UserModel = get_user_model()
def invite(request):
    email = request.POST.get(` + key + `)
    if UserModel.objects.filter(email=email).exists():
        raise ValueError("taken")
    UserModel.objects.create(email=email, username=request.POST["username"])
    return redirect("/")
`
	}
	// The rule that reads the email input.
	const withEmail = `rule Invite {
    when: Invite(email, username)
    requires: not exists User{email}
    ensures: User.created(email: email, username: username)
}`
	tests := []struct {
		name string
		key  string
		want string
	}{
		{
			name: "the user model's EMAIL_FIELD names the email input",
			key:  "UserModel.EMAIL_FIELD",
			want: withEmail,
		},
		{
			name: "a string key, as before",
			key:  `"email"`,
			want: withEmail,
		},
		{
			name: "an attribute the catalog does not know names no input",
			key:  "UserModel.CONTACT_FIELD",
			want: `rule Invite {
    when: Invite(username)
    ensures: User.created(username: username)
}`,
		},
	}
	d := New(Options{})
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/views.py": view(tt.key)})
			if got := construct(out.Module, "Invite"); got != tt.want {
				t.Errorf("Invite:\ngot:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
