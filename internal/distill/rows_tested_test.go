package distill

import "testing"

// TestRowsTestedBeforeTaken pins a guard on the number of rows a query
// found, ahead of taking one of them (taiga's get_user_by_username_or_email,
// users/services.py:45-48: `if len(qs) == 0: raise`, then `user = qs[0]`),
// as the row taken required to exist, stated by its name.
func TestRowsTestedBeforeTaken(t *testing.T) {
	d := New(Options{})
	models := `
from django.db import models
class User(models.Model):
    email = models.EmailField(unique=True)
    token = models.CharField(max_length=50, null=True)
`
	view := func(body string) map[string]string {
		return map[string]string{"app/models.py": models, "app/views.py": `
from rest_framework.decorators import api_view
from rest_framework.exceptions import NotFound
from app.models import User
def find_user(email):
    qs = User.objects.filter(email=email)
    if len(qs) == 0:
        raise NotFound()
    return qs[0]
@api_view(["POST"])
def recover(request):
    email = request.data["email"]
    names = request.data["names"]
` + body + `
    user.token = "x"
    user.save()
`}
	}
	found := `rule Recover {
    when: Recover(email)
    let user = User{email}
    requires: exists user
    ensures: user.token = "x"
}`
	tests := []struct {
		name string
		body string
		want string
	}{
		{
			name: "len(qs) == 0 refused, then qs[0]",
			body: `    qs = User.objects.filter(email=email)
    if len(qs) == 0:
        raise NotFound()
    user = qs[0]`,
			want: found,
		},
		{
			name: "len(qs) < 1 refused, then qs.first()",
			body: `    qs = User.objects.filter(email=email)
    if len(qs) < 1:
        raise NotFound()
    user = qs.first()`,
			want: found,
		},
		{
			name: "not qs.exists() refused, then qs.first()",
			body: `    qs = User.objects.filter(email=email)
    if not qs.exists():
        raise NotFound()
    user = qs.first()`,
			want: found,
		},
		{
			name: "qs.count() == 0 refused, then qs[0]",
			body: `    qs = User.objects.filter(email=email)
    if qs.count() == 0:
        raise NotFound()
    user = qs[0]`,
			want: found,
		},
		{
			name: "a helper that refuses no rows and returns the first (taiga)",
			body: `    user = find_user(email)`,
			want: found,
		},
		{
			name: "len(qs) != 1 refused: not one row, which exists does not say",
			body: `    qs = User.objects.filter(email=email)
    if len(qs) != 1:
        raise NotFound()
    user = qs[0]`,
			want: `rule Recover {
    when: Recover(email)
    let user = User{email}
    ensures: user.token = "x"
}`,
		},
		{
			name: "len of a list the request gave is no row count",
			body: `    if len(names) == 0:
        raise NotFound()
    user = User.objects.get(email=email)`,
			want: `rule Recover {
    when: Recover(names, email)
    requires: length(names) != 0
    let user = User{email}
    ensures: user.token = "x"
}`,
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, view(tt.body))
			if got := construct(out.Module, "Recover"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
