package distill

import (
	"fmt"
	"strings"
	"testing"
)

// TestFrameworkFormsMadeDirectly: Django's own forms, made by the view
// rather than through a subclass of the service's, do what a subclass
// does: AuthenticationForm(request, data=...) authenticates its inputs
// and get_user() is the user found; PasswordChangeForm given its user by
// keyword sets that user's password. After the sign-in, request.user in
// the same block is the user signed in, not a second, signed-in user of
// the trigger's.
func TestFrameworkFormsMadeDirectly(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	models := `
from django.db import models
from django.contrib.auth.models import AbstractUser
class Member(AbstractUser):
    pass
class Profile(models.Model):
    user = models.OneToOneField(Member, on_delete=models.CASCADE, related_name="profile")
`
	view := func(body string) map[string]string {
		return map[string]string{
			"club/models.py": models,
			"club/views.py": `
from django.contrib.auth import login as auth_login
from django.contrib.auth.forms import AuthenticationForm, PasswordChangeForm
from django.contrib.auth.mixins import LoginRequiredMixin
from django.shortcuts import redirect, render
from django.views.generic import View
from club.models import Profile
` + body,
		}
	}
	signIn := `
class SignInView(View):
    def post(self, request):
        form = AuthenticationForm(request, data=request.POST)
        if form.is_valid():
            auth_login(request, form.get_user())
%s
%s
        return redirect("/")
`
	fill := func(inBlock, afterIf string) map[string]string {
		return view(fmt.Sprintf(signIn, inBlock, afterIf))
	}
	const found = "    let user = Member{username}\n" +
		"    requires: verify(password, user.password)\n" +
		"    requires: user.is_active\n" +
		"    requires: exists user\n"
	tests := []struct {
		name, construct, want string
		files                 map[string]string
		// contains: lines the rule has, where want is empty.
		contains []string
	}{
		{
			name:      "AuthenticationForm made directly finds the user, and the view signs that user in",
			files:     fill("", ""),
			construct: "SignIn",
			want: "rule SignIn {\n    when: SignIn(username, password)\n" + found +
				"    ensures:\n        Session.created(user: user)\n        user.last_login = now\n}",
		},
		{
			name:      "request.user after the sign-in, in the same block, is the user signed in",
			files:     fill("            if not hasattr(request.user, 'profile'):\n                Profile(user=request.user).save()", ""),
			construct: "SignIn",
			want: "rule SignIn {\n    when: SignIn(username, password)\n" + found +
				"    ensures:\n        Session.created(user: user)\n        user.last_login = now\n" +
				"        if not exists user.profile:\n            Profile.created(user: user)\n}",
		},
		{
			name:      "after the if that signed in, the sign-in is forgotten: request.user is the trigger's signed-in user, as the code may not have signed anyone in",
			files:     fill("", "        Profile(user=request.user).save()"),
			construct: "SignIn",
			contains:  []string{"when: SignIn(username, password, current_user)", "Profile.created(user: current_user)"},
		},
		{
			name: "PasswordChangeForm given its user by keyword sets that user's password",
			files: view(`
class PasswordView(LoginRequiredMixin, View):
    def post(self, request):
        form = PasswordChangeForm(user=request.user, data=request.POST)
        if form.is_valid():
            form.save()
            return redirect("/")
        return render(request, "password.html", {"form": form})
`),
			construct: "Password",
			want:      "rule Password {\n    when: Password(new_password1, old_password, user, new_password2)\n    requires: verify(old_password, user.password)\n    requires: new_password1 = new_password2\n    ensures: user.password = hash(new_password1)\n}",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, tt.files)
			got := construct(out.Module, tt.construct)
			if tt.want == "" {
				for _, c := range tt.contains {
					if !strings.Contains(got, c) {
						t.Errorf("%s lacks %q:\n%s", tt.construct, c, got)
					}
				}
				return
			}
			if got != tt.want {
				t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", tt.construct, got, tt.want, out.Notes)
			}
		})
	}
}
