package distill

import "testing"

// TestDispatchKeptAttrs pins pretalx's password recovery
// (cfp/views/auth.py:101-125 RecoverView, person/domain/user.py:150-156
// change_password): the view's dispatch finds the user by the reset token
// in the URL's keywords and keeps it as self.user, and form_valid changes
// that user's password. The row found is the rule's, with the token an
// input; a dispatch that keeps nothing on self, or a view with no
// dispatch, states nothing of a row it never found.
func TestDispatchKeptAttrs(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name      string
		dispatch  string
		want, not []string
	}{
		{
			name: "the row kept on self by dispatch, found by a URL keyword: the handler's writes are on it",
			dispatch: `
    def dispatch(self, request, *args, **kwargs):
        try:
            self.user = User.objects.get(
                pw_reset_token=kwargs.get("token"),
                pw_reset_time__gte=now() - dt.timedelta(days=1),
            )
        except User.DoesNotExist:
            return redirect("reset")
        return super().dispatch(request, *args, **kwargs)
`,
			want: []string{
				"when: Recover(token)",
				"let user = User{pw_reset_token: token}",
				"requires: user.pw_reset_time >= now - 1.day",
				"user.pw_reset_token = null",
			},
		},
		{
			name: "a local kept on self after the lookup: the same",
			dispatch: `
    def dispatch(self, request, *args, **kwargs):
        try:
            user = User.objects.get(pw_reset_token=kwargs.get("token"))
        except User.DoesNotExist:
            return redirect("reset")
        self.user = user
        return super().dispatch(request, *args, **kwargs)
`,
			want: []string{"let user = User{pw_reset_token: token}", "user.pw_reset_token = null"},
		},
		{
			name: "the token read from the view's self.kwargs (pretalx orga/views/auth.py:93-97): an input the same way",
			dispatch: `
    def dispatch(self, request, *args, **kwargs):
        try:
            self.user = User.objects.get(pw_reset_token=self.kwargs.get("token"))
        except User.DoesNotExist:
            return redirect("reset")
        return super().dispatch(request, *args, **kwargs)
`,
			want: []string{"when: Recover(token)", "let user = User{pw_reset_token: token}", "user.pw_reset_token = null"},
		},
		{
			name: "self.kwargs read by subscript: the same",
			dispatch: `
    def dispatch(self, request, *args, **kwargs):
        try:
            self.user = User.objects.get(pw_reset_token=self.kwargs["token"])
        except User.DoesNotExist:
            return redirect("reset")
        return super().dispatch(request, *args, **kwargs)
`,
			want: []string{"let user = User{pw_reset_token: token}", "user.pw_reset_token = null"},
		},
		{
			name:     "no dispatch: self.user is no row, no rule",
			dispatch: "",
			not:      []string{"pw_reset_token = null"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"app/models.py": `
from django.db import models


class User(models.Model):
    email = models.EmailField(unique=True)
    pw_reset_token = models.CharField(max_length=32, null=True)
    pw_reset_time = models.DateTimeField(null=True)
`,
				"app/views.py": `
import datetime as dt

from django import forms
from django.shortcuts import redirect
from django.utils.timezone import now
from django.views.generic import FormView

from app.models import User


class RecoverForm(forms.Form):
    password = forms.CharField()


def change_password(user):
    user.pw_reset_token = None
    user.pw_reset_time = None
    user.save(update_fields=["pw_reset_token", "pw_reset_time"])


class RecoverView(FormView):
    form_class = RecoverForm
` + tt.dispatch + `
    def form_valid(self, form):
        change_password(self.user)
        return redirect("login")
`})
			wantConstructOrNone(t, out, "Recover", tt.want, tt.not)
		})
	}
}
