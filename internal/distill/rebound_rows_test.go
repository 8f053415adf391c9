package distill

import "testing"

// TestReboundRow: a not-found handler that makes the row the try looked up
// rebinds the name; what follows the try is stated once for the row found
// and once for the row made, never for a row looked up and not there.
func TestReboundRow(t *testing.T) {
	d := New(Options{})
	models := `
from django.contrib.auth.models import User
from django.db import models
class Invite(models.Model):
    user = models.ForeignKey(User, models.CASCADE)
    note = models.CharField(max_length=10)
`
	view := func(handler, rest string) string {
		return `
from django.contrib.auth.models import User
from django.shortcuts import redirect
from django.views.decorators.http import require_POST
from accounts.models import Invite

@require_POST
def send_invite(request):
    email = request.POST["email"]
    try:
        user = User.objects.get(email=email)
    except User.DoesNotExist:
` + handler + `
` + rest + `
    return redirect("hc-index")
`
	}
	tests := []struct {
		name, handler, rest, want string
	}{
		{name: "the rest is stated for the row found and for the row made",
			handler: `        user = User.objects.create(email=email, username=email)`,
			rest:    `    Invite.objects.create(user=user, note="hi")`,
			want: `rule SendInvite {
    when: SendInvite(email)
    let user = User{email}
    ensures:
        if exists user:
            Invite.created(user: user, note: "hi")
        else:
            let new_user = User.created(email: email, username: email)
            Invite.created(user: new_user, note: "hi")
}`},
		{name: "a rest with no outcomes leaves the made row alone",
			handler: `        user = User.objects.create(email=email, username=email)`,
			rest:    `    note = "done"`,
			want: `rule SendInvite {
    when: SendInvite(email)
    let user = User{email}
    ensures:
        if not exists user:
            User.created(email: email, username: email)
}`},
		{name: "a handler that binds no row states the rest for the row found only, as before",
			handler: `        user = None
        Invite.objects.create(user=request.user, note="new")`,
			rest: `    if user:
        Invite.objects.create(user=user, note="hi")`,
			want: `rule SendInvite {
    when: SendInvite(email, current_user)
    let user = User{email}
    ensures:
        if not exists user:
            Invite.created(user: current_user, note: "new")
        if exists user:
            Invite.created(user: user, note: "hi")
}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"accounts/models.py": models,
				"accounts/views.py": view(tt.handler, tt.rest)})
			if got := construct(out.Module, "SendInvite"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
		})
	}
}
