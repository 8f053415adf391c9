package distill

import (
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestWrappedViews: a URL conf that wraps a class-based view's view
// function in an auth decorator (class_view_entries) guards the class's
// handlers, whether it names the class, loads it by label, or reads it
// from an attribute an app config's ready() set.
func TestWrappedViews(t *testing.T) {
	d := New(Options{})
	const views = `
from django.shortcuts import redirect
from django.views import generic

class ProfileDeleteView(generic.FormView):
    def form_valid(self, form):
        self.request.user.delete()
        return redirect("/")

class OtherView(generic.FormView):
    def form_valid(self, form):
        return redirect("/")
`
	service := func(urls string) map[string]string {
		return map[string]string{
			"app/__init__.py": "",
			"app/models.py": `
from django.db import models

class User(models.Model):
    email = models.CharField(max_length=100)
    is_active = models.BooleanField(default=True)
`,
			"app/settings.py": "INSTALLED_APPS = [\"django.contrib.auth\", \"app\"]\n",
			"app/views.py":    views,
			"app/urls.py": `
from django.apps import AppConfig
from django.contrib.auth.decorators import login_required
from django.urls import path
from django.views.decorators.cache import cache_page
from app.loading import get_class
from app.views import ProfileDeleteView, OtherView
` + urls,
		}
	}
	const guarded = "requires: user.is_active"
	for _, tc := range []struct {
		name         string
		urls         string
		want, absent []string
	}{
		{
			name: "an attribute ready() loads by label, wrapped in login_required",
			urls: `
class CustomerConfig(AppConfig):
    def ready(self):
        self.delete_view = get_class("app.views", "ProfileDeleteView")

    def get_urls(self):
        return [path("delete/", login_required(self.delete_view.as_view()))]
`,
			want: []string{"rule ProfileDelete {", guarded},
		},
		{
			name: "the class named in a module-level URL list",
			urls: `
urlpatterns = [path("delete/", login_required(ProfileDeleteView.as_view()))]
`,
			want: []string{guarded},
		},
		{
			name: "the view function made without a wrapper is open to anyone",
			urls: `
urlpatterns = [path("delete/", ProfileDeleteView.as_view())]
`,
			want:   []string{"rule ProfileDelete {"},
			absent: []string{guarded},
		},
		{
			name: "a wrapper that is no auth decorator guards nothing",
			urls: `
urlpatterns = [path("delete/", cache_page(60)(ProfileDeleteView.as_view()))]
`,
			absent: []string{guarded},
		},
		{
			name: "an attribute set to two classes names neither",
			urls: `
class CustomerConfig(AppConfig):
    def ready(self):
        self.view = ProfileDeleteView
        self.view = OtherView

    def get_urls(self):
        return [path("delete/", login_required(self.view.as_view()))]
`,
			want:   []string{"rule ProfileDelete {"},
			absent: []string{guarded},
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, service(tc.urls))
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			assertSpecText(t, text, tc.want, tc.absent)
		})
	}
}
