package distill

import (
	"strings"
	"testing"
)

// sudoWrapper is healthchecks' require_sudo_mode with its own steps after
// the check that hands over to the view: mail a code signed with the time
// into the session, or take the code back and start sudo mode. rest is
// what the wrapper does when sudo mode is not on; deco how the view is
// decorated. The models are sudoViews'.
func sudoWrapper(rest, deco string) map[string]string {
	return map[string]string{
		"accounts/models.py": sudoViews("")["accounts/models.py"],
		"accounts/decorators.py": `
import secrets
from functools import wraps
from django.core.mail import send_mail
from django.core.signing import SignatureExpired, TimestampSigner
from django.shortcuts import redirect, render

def _session_unsign(request, key, max_age):
    if key not in request.session:
        return None
    try:
        return TimestampSigner().unsign(request.session[key], max_age=max_age)
    except SignatureExpired:
        return None

def require_sudo_mode(f):
    @wraps(f)
    def wrapper(request, *args, **kwds):
        assert request.user.is_authenticated
        if _session_unsign(request, "sudo", 1800) == "active":
            return f(request, *args, **kwds)
` + rest + `
    return wrapper

def sudo_for(minutes):
    def decorator(f):
        @wraps(f)
        def wrapper(request, *args, **kwds):
            if _session_unsign(request, "sudo", 1800) == "active":
                return f(request, *args, **kwds)
` + strings.ReplaceAll(rest, "\n        ", "\n            ") + `
        return wrapper
    return decorator
`,
		"accounts/views.py": `
from django.contrib.auth.decorators import login_required
from django.shortcuts import redirect
from accounts.decorators import require_sudo_mode, sudo_for

@login_required
` + deco + `
def close(request):
    request.user.delete()
    return redirect("hc-index")
`}
}

// mailsOrTakesCode is the wrapper's rest in healthchecks: a posted code
// that matches starts sudo mode; otherwise a code is mailed unless one
// still runs.
const mailsOrTakesCode = `
        if "sudo_code" in request.POST:
            request.session.pop("sudo_code")
            request.session["sudo"] = TimestampSigner().sign("active")
            return redirect(request.path)
        if not _session_unsign(request, "sudo_code", 900):
            code = "%06d" % secrets.randbelow(1000000)
            request.session["sudo_code"] = TimestampSigner().sign(code)
            send_mail("Sudo code", code, "noreply@example.org", [request.user.email])
        return render(request, "accounts/sudo.html", {})`

func TestWrapperOwnSteps(t *testing.T) {
	d := New(Options{})
	tests := []struct {
		name, rest, deco string
		// want: rule name -> printed rule; absent: names no rule may have.
		want    map[string]string
		absent  []string
		session string
	}{
		{name: "the wrapper's own steps are rules of their own, once for all the views it wraps",
			rest: mailsOrTakesCode, deco: "@require_sudo_mode",
			want: map[string]string{
				"RequireSudoMode": `rule RequireSudoMode {
    when: RequireSudoMode(session)
    requires: not session.in_sudo_mode
    requires: not session.in_sudo_code_mode
    ensures:
        session.sudo_code_started_at = now
        Email.created(to: session.user.email, template: sudo_code)
}`,
				"RequireSudoModeSudoCode": `rule RequireSudoModeSudoCode {
    when: RequireSudoModeSudoCode(session)
    requires: not session.in_sudo_mode
    ensures:
        session.sudo_code_started_at = null
        session.sudo_started_at = now
}`,
				"Close": `rule Close {
    when: Close(session)
    requires: session.in_sudo_mode
    ensures: not exists session.user
}`,
			},
			session: `entity Session {
    user: User
    sudo_started_at: Timestamp?
    sudo_code_started_at: Timestamp?
    in_sudo_mode: sudo_started_at != null and sudo_started_at + config.sudo_duration >= now
    in_sudo_code_mode:
        sudo_code_started_at != null
        and sudo_code_started_at + config.sudo_code_duration >= now
}`},
		{name: "a wrapper that only answers when its check fails has no rule of its own, nor notes",
			rest: `
        return render(request, "accounts/sudo.html", {"wrong": True})`, deco: "@require_sudo_mode",
			absent: []string{"RequireSudoMode"}},
		{name: "a decorator factory's steps depend on the arguments of each use: no rule of their own",
			rest: mailsOrTakesCode, deco: "@sudo_for(30)",
			absent: []string{"SudoFor", "Decorator", "Wrapper"}},
		{name: "a key taken out of the session that the service never signs with the time is no stamp",
			rest: `
        if "sudo_code" in request.POST:
            request.session.pop("sudo_code")
            request.session["sudo"] = TimestampSigner().sign("active")
            return redirect(request.path)
        return render(request, "accounts/sudo.html", {})`, deco: "@require_sudo_mode",
			want: map[string]string{
				"RequireSudoModeSudoCode": `rule RequireSudoModeSudoCode {
    when: RequireSudoModeSudoCode(session)
    requires: not session.in_sudo_mode
    ensures: session.sudo_started_at = now
}`,
			}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, sudoWrapper(tt.rest, tt.deco))
			for name, want := range tt.want {
				if got := construct(out.Module, name); got != want {
					t.Errorf("%s:\ngot:\n%s\nwant:\n%s\nnotes: %v", name, got, want, out.Notes)
				}
			}
			for _, a := range tt.absent {
				for _, r := range out.Module.Rules {
					if strings.HasPrefix(r.Name, a) {
						t.Errorf("unexpected rule %s", r.Name)
					}
				}
				// Nor is it read as a handler with nothing to state.
				for _, n := range out.Notes {
					if strings.Contains(n, "rule "+a) || strings.Contains(n, "handler require_sudo_mode") {
						t.Errorf("unexpected note %q", n)
					}
				}
			}
			if tt.session != "" {
				if got := construct(out.Module, "Session"); got != tt.session {
					t.Errorf("session:\ngot:\n%s\nwant:\n%s", got, tt.session)
				}
			}
		})
	}
}
