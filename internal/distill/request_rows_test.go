package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestRequestRows: a row found by one of several keys the request may
// give, each branch a lookup of the same entity by a different input
// (saleor's get_checkout: by id, else by token, else by checkout_id,
// graphql/checkout/mutations/utils.py:287-298), is that entity's row the
// request names: the trigger carries it, and writes to it are stated.
// Branches that find rows of different entities stay unread.
func TestRequestRows(t *testing.T) {
	cases := []struct {
		name    string
		helper  string
		want    []string
		notWant []string
	}{
		{
			name: "by id, else by token, else by the old id",
			helper: `
def find_by_token(token):
    return Checkout.objects.get(token=token)

def get_checkout(pk=None, token=None, old_id=None):
    if pk:
        checkout = Checkout.objects.get(pk=pk)
    else:
        if token:
            checkout = find_by_token(token)
        else:
            checkout = Checkout.objects.get(pk=old_id)
    return checkout
`,
			want: []string{"checkout)", "ensures: checkout.email = email"},
		},
		{
			name: "rows of two entities",
			helper: `
def get_checkout(pk=None, token=None, old_id=None):
    if pk:
        checkout = Checkout.objects.get(pk=pk)
    else:
        checkout = Cart.objects.get(token=token)
    return checkout
`,
			notWant: []string{"ensures: checkout.email = email"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{
				"app/models.py": `
from django.db import models
class Checkout(models.Model):
    token = models.UUIDField(unique=True)
    email = models.EmailField()
class Cart(models.Model):
    token = models.UUIDField(unique=True)
    email = models.EmailField()
`,
				"app/helpers.py": "from .models import Checkout, Cart\n" + tc.helper,
				"app/views.py": `
from django.shortcuts import redirect
from .helpers import get_checkout

def update_email(request):
    checkout = get_checkout(pk=request.POST.get("id"), token=request.POST.get("token"), old_id=request.POST.get("checkout_id"))
    checkout.email = request.POST["email"]
    checkout.save()
    return redirect("home")
`,
			}
			out := distilText(t, New(Options{}), files)
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			if testing.Verbose() {
				t.Logf("%s\nnotes:\n%s", text, strings.Join(out.Notes, "\n"))
			}
			assertSpecText(t, text, tc.want, tc.notWant)
		})
	}
}
