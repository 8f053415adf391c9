package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestTokenCarriedField: outside a current-user dependency, a row looked
// up by a field other than its id against what a signed token carries is
// the row whose field the token carries: User{username:
// signed_username.username}, not left out (healthchecks'
// unsubscribe_reports, hc/accounts/views.py:641-677, unsigns a username
// and finds the user by it).
func TestTokenCarriedField(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/models.py": `
from django.db import models
from django.contrib.auth.models import AbstractUser
class User(AbstractUser):
    reports = models.CharField(max_length=10, default="monthly")
`,
		"app/views.py": `
from django.core.signing import TimestampSigner, BadSignature
from django.shortcuts import render
from .models import User
def unsubscribe(request, signed_username):
    signer = TimestampSigner(salt="reports")
    try:
        username = signer.unsign(signed_username)
    except BadSignature:
        return render(request, "bad_link.html")
    user = User.objects.get(username=username)
    user.reports = "off"
    user.save()
    return render(request, "done.html")
`}
	out := distilText(t, d, files)
	text := string(allium.Print(out.Module, allium.PrintOptions{})) + strings.Join(out.Notes, "\n")
	assertSpecText(t, text,
		[]string{"let user = User{username: signed_username.username}", "ensures: user.reports = off"},
		[]string{"the lookup of user left out"})
}
