package distill

import "testing"

// TestLeftOutReadsNoTriggerParams pins that the inputs a handler reads
// after a path forks, in constructs left out, are no parameters of the
// path's trigger when the handler states nothing else (pretalx
// ProfileView.post, cfp/views/user.py:136-153: the login form's
// validators read old_password, password and password_repeat and stated
// nothing, and the cancel-email-change path carried them); when the
// handler's main rule stands, its trigger keeps what it reads.
func TestLeftOutReadsNoTriggerParams(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name      string
		rest      string // what the handler does after the path
		rule      string
		want, not []string
	}{
		{
			name: "the rest states nothing: the path's trigger has only what it reads",
			rest: `    note = request.POST.get("note")
    if note and len(note) > 3:
        raise ValueError("too long")`,
			rule: "UpdateProfile",
			want: []string{"when: UpdateProfile(form, user)"},
			not:  []string{"note"},
		},
		{
			name: "the rest is a rule: its inputs are the trigger's",
			rest: `    user.nickname = request.POST.get("note")
    user.save()`,
			rule: "UpdateProfile2",
			want: []string{"note"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from django.db import models


class User(models.Model):
    email = models.EmailField(unique=True)
    nickname = models.CharField(max_length=60, null=True)
    pending_email = models.EmailField(null=True)
`,
				"app/views.py": `
from django.contrib.auth.decorators import login_required
from django.http import JsonResponse


@login_required
def update_profile(request):
    user = request.user
    if request.POST.get("form") == "cancel":
        user.pending_email = None
        user.save()
        return JsonResponse({})
` + tt.rest + `
    return JsonResponse({})
`})
			wantConstruct(t, out, tt.rule, tt.want, tt.not)
		})
	}
}
