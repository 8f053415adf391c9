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
