package distill

import (
	"strings"
	"testing"
)

// sudoViews is healthchecks' shape: a decorator of the service's that lets
// the view run only while a value signed with the time into the session
// (session["sudo"]) is younger than a maximum age, read through a helper
// given the key and the age (or inline, as the direct case writes it), and
// otherwise asks for a code instead of failing.
func sudoViews(read string) map[string]string {
	return map[string]string{
		"accounts/models.py": `
from django.contrib.auth.models import User
from django.db import models
class Profile(models.Model):
    user = models.OneToOneField(User, models.CASCADE)
    note = models.CharField(max_length=10)
`,
		"accounts/decorators.py": `
from functools import wraps
from django.core.signing import SignatureExpired, TimestampSigner
from django.shortcuts import redirect, render

def _session_unsign(request, key, max_age):
    try:
        return TimestampSigner().unsign(request.session[key], max_age=max_age)
    except (KeyError, SignatureExpired):
        return None

def require_sudo_mode(f):
    @wraps(f)
    def wrapper(request, *args, **kwds):
        assert request.user.is_authenticated
        if ` + read + ` == "active":
            return f(request, *args, **kwds)
        if "sudo_code" in request.POST:
            request.session["sudo"] = TimestampSigner().sign("active")
            return redirect(request.path)
        return render(request, "accounts/sudo.html", {})
    return wrapper
`,
		"accounts/views.py": `
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from accounts.decorators import require_sudo_mode

@login_required
@require_sudo_mode
def close(request):
    request.user.delete()
    return redirect("hc-index")
`}
}

func TestSignedSessionPeriods(t *testing.T) {
	d := New(Options{})
	// The rule takes the session, whose user is the signed-in user.
	rule := `rule Close {
    when: Close(session)
    requires: session.in_sudo_mode
    ensures: not exists session.user
}`
	session := `entity Session {
    user: User
    sudo_started_at: Timestamp?
    in_sudo_mode: sudo_started_at != null and sudo_started_at + config.sudo_duration >= now
}`
	tests := []struct {
		name, read      string
		wantRule        string
		wantSession     string
		wantSudoSetting bool
	}{
		{name: "read through a helper given the key and the age", read: `_session_unsign(request, "sudo", 1800)`,
			wantRule: rule, wantSession: session, wantSudoSetting: true},
		{name: "read inline", read: `TimestampSigner().unsign(request.session["sudo"], max_age=1800)`,
			wantRule: rule, wantSession: session, wantSudoSetting: true},
		{name: "a value read without a maximum age is no period: the check is left out",
			read: `TimestampSigner().unsign(request.session["sudo"])`,
			wantRule: `rule Close {
    when: Close(user)
    ensures: not exists user
}`},
		{name: "an untimed signer is no period", read: `Signer().unsign(request.session["sudo"], max_age=1800)`,
			wantRule: `rule Close {
    when: Close(user)
    ensures: not exists user
}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := sudoViews(tt.read)
			if strings.Contains(tt.read, "Signer()") && !strings.Contains(tt.read, "Timestamp") {
				files["accounts/decorators.py"] = strings.Replace(files["accounts/decorators.py"],
					"import SignatureExpired, TimestampSigner", "import SignatureExpired, Signer, TimestampSigner", 1)
			}
			out := distilText(t, d, files)
			if got := construct(out.Module, "Close"); got != tt.wantRule {
				t.Errorf("rule:\ngot:\n%s\nwant:\n%s\nnotes: %v", got, tt.wantRule, out.Notes)
			}
			if tt.wantSession != "" {
				if got := construct(out.Module, "Session"); got != tt.wantSession {
					t.Errorf("session:\ngot:\n%s\nwant:\n%s", got, tt.wantSession)
				}
			}
			if got := construct(out.Module, "sudo_duration"); (got != "") != tt.wantSudoSetting ||
				tt.wantSudoSetting && !strings.Contains(got, "30.minutes") {
				t.Errorf("config sudo_duration: %q", got)
			}
		})
	}
}
