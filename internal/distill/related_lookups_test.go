package distill

import "testing"

// TestLookupThroughOwnersRelationship pins that one row looked up through
// an owner's relationship (project.member_set.filter(...).get()) is the
// related model's row keyed by its owner, bound and guarded as the same
// lookup through the model's manager is. healthchecks' transfer_project
// (hc/accounts/views.py:481-489) picks the member to hand the project to
// so; the spec had left the lookup out and with it the request's main
// effect, the member's transfer_request_date = now.
func TestLookupThroughOwnersRelationship(t *testing.T) {
	runIdiomCases(t, map[string]string{
		"app/models.py": `
from django.db import models
from django.contrib.auth.models import User


class Project(models.Model):
    name = models.CharField(max_length=100)
    owner = models.ForeignKey(User, models.CASCADE)


class Member(models.Model):
    user = models.ForeignKey(User, models.CASCADE, related_name="memberships")
    project = models.ForeignKey(Project, models.CASCADE)
    transfer_request_date = models.DateTimeField(null=True)
`,
		"app/views.py": `
from django.contrib.auth.decorators import login_required
from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect
from django.utils.timezone import now
from django.views.decorators.http import require_POST

from app.models import Member, Project


@login_required
@require_POST
def transfer(request, code):
    project = get_object_or_404(Project, code=code, owner=request.user)
    email = request.POST["email"]
    try:
        membership = project.member_set.filter(user__email=email).get()
    except Member.DoesNotExist:
        return HttpResponseBadRequest()

    membership.transfer_request_date = now()
    membership.save()
    return redirect("x")
`,
		"app/urls.py": `
from django.urls import path
from app import views
urlpatterns = [path("p/<uuid:code>/transfer/", views.transfer)]
`,
	}, []idiomCase{{
		name:      "the member the owner's relationship and the filter name",
		construct: "Transfer",
		want: []string{
			"let membership = Member{project, user: User{email}}",
			"requires: exists membership",
			"membership.transfer_request_date = now",
		},
	}})
}

// TestHelperExitKeptWhenUnreadLetDropped pins that an inlined helper's
// early return on the row the request names stays a precondition when a
// row the helper binds and nothing reads is left out of its branch: the
// if that drop copies is still the helper's exit. saleor's
// create_order_from_checkout returns when its re-read checkout is gone
// (checkout/complete_checkout.py:1605), then _create_order_discount binds
// checkout.discounts.first() (:1301); once that lookup was read, the
// dropped let turned `requires: exists checkout` into an if around every
// outcome.
func TestHelperExitKeptWhenUnreadLetDropped(t *testing.T) {
	runIdiomCases(t, map[string]string{
		"shop/models.py": `
from django.db import models


class Checkout(models.Model):
    completed = models.BooleanField(default=False)


class Discount(models.Model):
    checkout = models.ForeignKey(Checkout, models.CASCADE)
`,
		"shop/views.py": `
from django.shortcuts import get_object_or_404, redirect
from django.views.decorators.http import require_POST

from shop.models import Checkout


def _discount(checkout):
    d = checkout.discount_set.first()
    return d


def complete(checkout):
    c = Checkout.objects.filter(pk=checkout.pk).first()
    if not c:
        return None
    _discount(c)
    c.completed = True
    c.save()
    return c


@require_POST
def complete_view(request, pk):
    checkout = get_object_or_404(Checkout, pk=pk)
    complete(checkout)
    return redirect("x")
`,
		"shop/urls.py": `
from django.urls import path
from shop import views
urlpatterns = [path("c/<int:pk>/complete/", views.complete_view)]
`,
	}, []idiomCase{{
		name:      "the helper's exit on the row is a precondition",
		construct: "CompleteView",
		want:      []string{"requires: exists c", "ensures: c.completed = true"},
		notWant:   []string{"if exists c"},
	}})
}
