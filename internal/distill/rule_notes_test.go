package distill

import (
	"slices"
	"strings"
	"testing"
)

// TestUnreadEffectsNote: a handler that states nothing but calls what
// the walk could not follow (a save of a value it could not read, a call
// made for its effect to nothing it knows) says that what those calls do
// is unread, naming them; a handler that really does nothing says it has
// no effects.
func TestUnreadEffectsNote(t *testing.T) {
	const models = `
from django.db import models
class Profile(models.Model):
    reports = models.CharField(max_length=10)
`
	tests := []struct {
		name, view, want string
	}{
		{
			name: "a save of a row the walk could not read",
			view: `
def unsubscribe(request):
    profile = load_profile(request)
    profile.reports = "off"
    profile.save()
    return render(request, "done.html")
`,
			want: "app/views.py:6: handler unsubscribe states no effects, but what it calls is unread (profile.save); no rule",
		},
		{
			name: "a call for its effect to nothing the service defines",
			view: `
def ping(request):
    signals.pinged.send_robust(sender=None)
    return render(request, "done.html")
`,
			want: "app/views.py:6: handler ping states no effects, but what it calls is unread (signals.pinged.send_robust); no rule",
		},
		{
			name: "a handler that only reads",
			view: `
def show(request):
    profile = Profile.objects.get(id=request.GET["id"])
    return render(request, "show.html", {"profile": profile})
`,
			want: "app/views.py:6: handler show has no effects the spec can state; no rule",
		},
	}
	d := New(Options{})
	defer d.Close()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			views := `
from django.shortcuts import render
from .models import Profile
from .lib import load_profile, signals
` + tt.view
			urls := `
from django.urls import path
from . import views
urlpatterns = [path("x/", views.` + handlerName(tt.view) + `)]
`
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/views.py": views, "app/urls.py": urls})
			if !slices.Contains(out.Notes, tt.want) {
				t.Errorf("no note %q in %v", tt.want, out.Notes)
			}
		})
	}
}

// handlerName is the name of the first function a view source defines.
func handlerName(src string) string {
	_, rest, _ := strings.Cut(src, "def ")
	name, _, _ := strings.Cut(rest, "(")
	return name
}

// TestKeptObjectCallNote: a call made for its effect on an object a class
// of the service keeps, of a class the service does not hold
// (self.dispatcher.dispatch_user_messages in Oscar's CustomerDispatcher),
// is named as left out, not read as nothing; an object the catalog calls
// infrastructure (a command's self.stdout) is not.
func TestKeptObjectCallNote(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	files := func(call string) map[string]string {
		return map[string]string{
			"app/models.py": `
from django.db import models
class Profile(models.Model):
    reports = models.CharField(max_length=10)
`,
			"app/notify.py": `
from oscar.core.loading import get_class
Dispatcher = get_class("communication.utils", "Dispatcher")
class Notifier:
    def __init__(self):
        self.dispatcher = Dispatcher()
        self.stdout = Dispatcher()
    def tell(self, profile):
        ` + call + `
`,
			"app/views.py": `
from django.shortcuts import render
from .models import Profile
from .notify import Notifier
def unsubscribe(request):
    profile = Profile.objects.get(id=request.POST["id"])
    profile.reports = "off"
    profile.save()
    Notifier().tell(profile)
    return render(request, "done.html")
`,
			"app/urls.py": `
from django.urls import path
from . import views
urlpatterns = [path("x/", views.unsubscribe)]
`,
		}
	}
	tests := []struct {
		name, call string
		noted      bool
	}{
		// Not dispatch_user_messages: the catalog reads that one as a
		// sender (sinks).
		{name: "an object of a class outside the service", call: "self.dispatcher.notify_staff(profile)", noted: true},
		{name: "an object the catalog names infrastructure", call: "self.stdout.write(profile)", noted: false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, files(tt.call))
			raw := strings.SplitN(tt.call, "(", 2)[0]
			want := "app/notify.py:9: a call to " + raw + " left out of rule Unsubscribe"
			if got := slices.Contains(out.Notes, want); got != tt.noted {
				t.Errorf("note %q present %v, want %v; notes: %v", want, got, tt.noted, out.Notes)
			}
		})
	}
}
