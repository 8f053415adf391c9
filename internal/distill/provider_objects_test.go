package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// providerFiles is a sign-in through a credential provider in the shape
// of plane's (apps/api/plane/authentication/provider/credentials/email.py:
// 21-95, adapter/base.py:55-56,220-234,289-360): the view builds the
// provider with a flag and the credentials, authenticate() has
// set_user_data keep a dict on the object through the base class, and
// complete_login_or_signup reads the email back from it and tests the
// row it finds through is_signup = bool(user). view and
// saveExtra vary the call and what save_user_data does besides.
func providerFiles(view, saveExtra string) map[string]string {
	return map[string]string{
		"accounts/models.py": `
from django.db import models

class User(models.Model):
    email = models.CharField(max_length=255, unique=True)
    password = models.CharField(max_length=128)
    last_login_medium = models.CharField(max_length=20)
`,
		"accounts/tasks.py": `
from celery import shared_task
from django.core.mail import send_mail
from accounts.models import User

@shared_task
def welcome_email(user_id):
    user = User.objects.get(id=user_id)
    send_mail("welcome", "hello", "noreply@example.org", [user.email])
`,
		"accounts/adapter.py": `
from accounts.models import User
from accounts.tasks import welcome_email

class AuthError(Exception):
    def __init__(self, error_code):
        self.error_code = error_code

class Adapter:
    def __init__(self, request, provider):
        self.request = request
        self.provider = provider
        self.user_data = None

    def set_user_data(self, data):
        self.user_data = data

    def save_user_data(self, user):
` + saveExtra + `
        return user

    def complete_login_or_signup(self):
        email = self.user_data.get("email")
        email = str(email).lower()
        user = User.objects.filter(email=email).first()
        is_signup = bool(user)
        if not user:
            user = User(email=email)
            user.save()
        user = self.save_user_data(user=user)
        return user

class EmailProvider(Adapter):
    def __init__(self, request, key=None, code=None, is_signup=False):
        super().__init__(request=request, provider="email")
        self.key = key
        self.code = code
        self.is_signup = is_signup

    def set_user_data(self):
        if self.is_signup:
            if User.objects.filter(email=self.key).exists():
                raise AuthError(error_code=5030)
            super().set_user_data({"email": self.key})
            return
        else:
            user = User.objects.filter(email=self.key).first()
            if not user:
                raise AuthError(error_code=5060)
            super().set_user_data({"email": self.key})
            return

    def authenticate(self):
        self.set_user_data()
        return self.complete_login_or_signup()
`,
		"accounts/views.py": `
from django.http import HttpResponseRedirect
from django.views import View
from accounts.adapter import AuthError, EmailProvider

class SignInEndpoint(View):
    def post(self, request):
        email = request.POST.get("email", "").strip().lower()
        password = request.POST.get("password", "")
        try:
` + view + `
            user = provider.authenticate()
            return HttpResponseRedirect("/")
        except AuthError:
            return HttpResponseRedirect("/?error=1")
`,
	}
}

// TestProviderObjects pins three readings of a provider object whose
// methods the walk follows: a dict the object keeps, read back by key in
// another method, gives the entry (keptDict); a flag its constructor kept
// from a literal the caller passed decides the branch on it (the sign-up
// branch of a sign-in is not walked); and a branch whose outcomes are all
// left out adds no trigger parameter (dropParamsFrom), though a task it
// queues looks a row up by an id the walk could not follow. A local
// given bool(row) (truth_casts) does not name the row's let, and an
// address lower-cased twice (the view's, then sanitize_email's) reads
// lowercase(email) once.
func TestProviderObjects(t *testing.T) {
	const signIn = `            provider = EmailProvider(request=request, key=email, code=password, is_signup=False)`
	const signUp = `            provider = EmailProvider(request=request, key=email, code=password, is_signup=True)`
	const plainSave = `        user.last_login_medium = self.provider
        user.save()`
	const queuedUnderUnread = `        user.last_login_medium = self.provider
        if not user.last_login_medium:
            welcome_email.delay(user.id)
        user.save()`
	for _, tt := range []struct {
		name, view, save string
		want, notWant    []string
	}{
		{"sign-in: the email read back from the kept dict", signIn, plainSave,
			[]string{"when: SignIn(email)\n", "requires: exists user", "User.created(email: lowercase(trim(email))"},
			[]string{"requires: not exists User{email: lowercase(trim(email))}"}},
		{"sign-up: the flag decides the other branch", signUp, plainSave,
			[]string{"requires: not exists User{email: lowercase(trim(email))}", "User.created(email: lowercase(trim(email))"},
			[]string{"requires: exists user"}},
		{"a left-out branch names no parameter", signIn, queuedUnderUnread,
			[]string{"when: SignIn(email)\n"},
			[]string{"SignIn(email, user)"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := New(Options{})
			defer d.Close()
			out := distilText(t, d, providerFiles(tt.view, tt.save))
			spec := string(allium.Print(out.Module, allium.PrintOptions{}))
			for _, w := range tt.want {
				if !strings.Contains(spec, w) {
					t.Errorf("missing %q in:\n%s\nnotes:\n%s", w, spec, strings.Join(out.Notes, "\n"))
				}
			}
			for _, w := range append(tt.notWant, "let is_signup", "lowercase(lowercase(") {
				if strings.Contains(spec, w) {
					t.Errorf("unexpected %q in:\n%s", w, spec)
				}
			}
		})
	}
}
