package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// reportedErrorFiles is a sign-up in the shape of plane's
// (apps/api/plane/authentication/views/app/email.py:136-200): a refusal
// builds the service's exception, puts its error dict in a redirect's
// query through a helper whose own work the spec cannot state (a list
// it appends to), and returns the redirect. refusal is the body of the
// branch taken when the email is missing.
func reportedErrorFiles(refusal string) map[string]string {
	return map[string]string{
		"accounts/models.py": `
from django.db import models

class User(models.Model):
    email = models.CharField(max_length=255, unique=True)
`,
		"accounts/errors.py": `
class BaseAuthError(Exception):
    pass

class AuthError(BaseAuthError):
    def __init__(self, error_code, error_message):
        self.error_code = error_code
        self.error_message = error_message

    def get_error_dict(self):
        return {"error_code": self.error_code, "error_message": self.error_message}
`,
		"accounts/urls.py": `
from urllib.parse import urlencode

def safe_url(next_path, params):
    parts = []
    parts.append(next_path)
    parts.append(urlencode(params))
    return "?".join(parts)
`,
		"accounts/views.py": `
from django.http import HttpResponseRedirect
from django.views import View
from accounts.errors import AuthError
from accounts.models import User
from accounts.urls import safe_url

class SignUpEndpoint(View):
    def post(self, request):
        email = request.POST.get("email", "")
        if email == "":
` + refusal + `
        User.objects.create(email=email)
        return HttpResponseRedirect("/")
`,
	}
}

// TestReportedErrorIsRefusal pins that a branch that builds an exception
// of the service and answers with it, without raising it, refuses the
// request: its negated condition is a precondition of the rest. A branch
// that builds no exception, or builds one it never uses, is no refusal
// the spec can tell, and stays a branch whose outcomes are left out.
func TestReportedErrorIsRefusal(t *testing.T) {
	const leftOut = "a branch whose outcomes could not be stated"
	for _, tt := range []struct {
		name, refusal string
		refused       bool
	}{
		{"an exception of the service answered through a redirect", `
            exc = AuthError(error_code=5010, error_message="EMAIL_REQUIRED")
            params = exc.get_error_dict()
            url = safe_url(next_path="/sign-up", params=params)
            return HttpResponseRedirect(url)`, true},
		{"no exception: a redirect the spec cannot read", `
            url = safe_url(next_path="/sign-up", params={})
            return HttpResponseRedirect(url)`, false},
		{"an exception built and never used", `
            exc = AuthError(error_code=5010, error_message="EMAIL_REQUIRED")
            url = safe_url(next_path="/sign-up", params={})
            return HttpResponseRedirect(url)`, false},
		{"a plain class of the service is no exception", `
            exc = safe_url(next_path="/sign-up", params={})
            url = safe_url(next_path="/sign-up", params={"e": exc})
            return HttpResponseRedirect(url)`, false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			d := New(Options{})
			defer d.Close()
			out := distilText(t, d, reportedErrorFiles(tt.refusal))
			spec := string(allium.Print(out.Module, allium.PrintOptions{}))
			notes := strings.Join(out.Notes, "\n")
			required := strings.Contains(spec, `requires: email != ""`)
			noted := strings.Contains(notes, leftOut)
			if required != tt.refused || noted == tt.refused {
				t.Errorf("refused=%v: requires stated %v, branch noted left out %v\nspec:\n%s\nnotes:\n%s", tt.refused, required, noted, spec, notes)
			}
			if !strings.Contains(spec, "User.created(email: email)") {
				t.Errorf("the sign-up's creation is missing:\n%s", spec)
			}
		})
	}
}
