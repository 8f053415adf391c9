package distill

import "testing"

// A helper's returned tuple gives its caller the values its names held,
// except a list the helper bound empty and may have filled since (saleor's
// fetch_checkout_lines, checkout/fetch.py:203-280): the caller's name is
// unknown, not the empty list.
func TestTupleReturnsOfFilledLists(t *testing.T) {
	files := map[string]string{
		"shop/models.py": `
from django.db import models

class Cart(models.Model):
    token = models.CharField(max_length=40)

class Order(models.Model):
    lines_count = models.IntegerField(default=0)
    note = models.CharField(max_length=100)
`,
		"shop/views.py": `
from django.http import JsonResponse
from .models import Cart, Order

def fetch_lines(cart):
    lines = []
    for item in cart.items.all():
        lines.append(item)
    skipped = []
    return lines, skipped

def checkout(request):
    cart = Cart.objects.get(token=request.POST["token"])
    lines, _ = fetch_lines(cart)
    Order.objects.create(lines_count=len(lines), note=request.POST["note"])
    return JsonResponse({"ok": True})
`,
		"shop/urls.py": `
from django.urls import path
from . import views
urlpatterns = [path("checkout/", views.checkout)]
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "the list the helper filled is not stated as empty",
			construct: "Checkout",
			want:      []string{"Order.created(note: note)"},
			notWant:   []string{"length({})", "length([])", "lines_count"},
		},
	})
}

// TestUnreadTupleUnpackForgetsOldValues: names a call the walk cannot
// read is unpacked into hold nothing known afterwards, not what they held
// before (saleor's fetch_checkout_info, checkout/fetch.py:343-357:
// `voucher=None` rebound by get_voucher_for_checkout's pair). Before,
// voucher stayed None and `if checkout.voucher_code and not voucher:
// raise` printed the false `requires: checkout.voucher_code = null`.
func TestUnreadTupleUnpackForgetsOldValues(t *testing.T) {
	d := New(Options{})
	out := distilText(t, d, map[string]string{
		"app/models.py": `
from django.db import models
class Checkout(models.Model):
    voucher_code = models.CharField(max_length=20, null=True)
    done = models.BooleanField(default=False)
`,
		"app/views.py": `
from django.shortcuts import redirect
from django.core.exceptions import ValidationError
from .models import Checkout
from .utils import get_voucher_for_checkout

def fetch_info(checkout, voucher=None, voucher_code=None):
    if not voucher or not voucher_code:
        voucher, voucher_code = get_voucher_for_checkout(checkout)
    return voucher

def complete(request, pk):
    checkout = Checkout.objects.get(pk=pk)
    voucher = fetch_info(checkout)
    if checkout.voucher_code and not voucher:
        raise ValidationError("Voucher not applicable")
    checkout.done = True
    checkout.save()
    return redirect("home")
`})
	assertSpecText(t, construct(out.Module, "Complete"), []string{"ensures: checkout.done = true"}, []string{"voucher_code = null"})
}
