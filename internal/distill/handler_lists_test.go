package distill

import (
	"maps"
	"strings"
	"testing"
)

// postProcessors is flaskbb's registration post-processing in small: a
// list of handlers built under a setting, then run one by one on the new
// user, which the view created before.
const postProcessors = `
from app.utils.settings import app_config
from app.models import db
class AutoActivate:
    def __init__(self, config):
        self.config = config
    def post_process(self, user):
        if not self.config["ACTIVATE_ACCOUNT"]:
            user.activated = True
            db.session.commit()
class Welcome:
    def post_process(self, user):
        user.email = user.email
def post_register(user, flag):
    handlers = [Welcome()]
    if %s:
        pass
    else:
        handlers.append(AutoActivate(app_config))
    for handler in handlers:
        handler.post_process(user)
    %s
`

func TestHandlerLists(t *testing.T) {
	d := New(Options{})
	view := `
from flask import redirect
from flask.views import MethodView
from app.models import User, db
from app.plugins import post_register
class Register(MethodView):
    def post(self, email):
        user = User(email=email)
        db.session.add(user)
        db.session.commit()
        post_register(user, False)
        return redirect("/")
`
	tests := []struct {
		name       string
		cond, tail string
		want       string
		note       string
	}{
		{
			// plugins.py:112-119 with AutoActivateUserPostProcessor.
			name: "a handler added under a setting runs under it, and a Boolean field it sets is that setting",
			cond: `app_config["ACTIVATE_ACCOUNT"]`,
			want: `rule Register {
    when: Register(email)
    ensures: User.created(email: email, activated: not config.activate_account)
}`,
		},
		{
			// The outer condition cannot be stated: what the handler sets
			// is left out of the creation, with a note.
			name: "a handler added under a condition the spec cannot state sets nothing",
			cond: `flag.is_on()`,
			want: `rule Register {
    when: Register(email)
    ensures: User.created(email: email, activated: false)
}`,
			note: "a field of a new User set under a condition",
		},
		{
			// The list is read after the loop: the run is not the loop's
			// alone, and the loop is left to the general reading.
			name: "a list read again after its loop is not unrolled",
			cond: `app_config["ACTIVATE_ACCOUNT"]`,
			tail: `return handlers`,
			want: `rule Register {
    when: Register(email)
    ensures: User.created(email: email, activated: false)
}`,
			note: "a call to handlers.append left out",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			files := maps.Clone(settingsService)
			files["app/plugins.py"] = strings.Replace(strings.Replace(postProcessors, "%s", tt.cond, 1), "%s", tt.tail, 1)
			files["app/views.py"] = view
			out := distilText(t, d, files)
			if got := construct(out.Module, "Register"); got != tt.want {
				t.Errorf("Register:\ngot:\n%s\nwant:\n%s\nnotes: %v", got, tt.want, out.Notes)
			}
			if tt.note != "" && !strings.Contains(strings.Join(out.Notes, "\n"), tt.note) {
				t.Errorf("no note %q in %v", tt.note, out.Notes)
			}
		})
	}
}
