package distill

import "testing"

// TestIncludedURLLists pins function views routed through a list of the
// URL conf that urlpatterns includes (wger's patterns_user, core/urls.py:
// 69-112, included at :199) from a module that is no views module of its
// own name (core/views/user.py): Django runs them for requests, so they
// are handlers. Its delete view (core/views/user.py:144-190) signs the
// requester out only when no user_pk names another account, a condition
// the spec cannot state; with nothing else the view states, that branch
// is no rule (it would read as every deletion signing the requester out).
func TestIncludedURLLists(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	out := distilText(t, d, map[string]string{
		"app/models.py": `
from django.db import models
from django.contrib.auth.models import User


class Profile(models.Model):
    user = models.OneToOneField(User, on_delete=models.CASCADE)
    height = models.IntegerField(default=0)
`,
		"app/pages/user.py": `
from django.contrib.auth import logout as django_logout
from django.contrib.auth.decorators import login_required
from django.contrib.auth.models import User
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404


@login_required
def grow(request):
    profile = request.user.profile
    profile.height = 200
    profile.save()
    return HttpResponseRedirect("/")


@login_required
def delete(request, user_pk=None):
    if user_pk:
        user = get_object_or_404(User, pk=user_pk)
    else:
        user = request.user
    if request.method == "POST":
        user.delete()
        if not user_pk:
            django_logout(request)
            return HttpResponseRedirect("/")
        return HttpResponseRedirect("/x")
    return HttpResponseRedirect("/again")


def unrouted(request):
    profile = request.user.profile
    profile.height = 100
    profile.save()
    return HttpResponseRedirect("/")
`,
		"app/urls.py": `
from django.urls import include, path
from .pages import user

patterns_user = [
    path("grow", user.grow, name="grow"),
    path("delete", user.delete, name="delete"),
    path("<int:user_pk>/delete", user.delete, name="delete"),
]

urlpatterns = [
    path("user/", include((patterns_user, "user"), namespace="user")),
]
`,
	})
	wantConstruct(t, out, "Grow", []string{"user.profile.height = 200"}, nil)
	for _, absent := range []string{"Delete", "Unrouted"} {
		if got := construct(out.Module, absent); got != "" {
			t.Errorf("unexpected %s:\n%s", absent, got)
		}
	}
}
