package distill

import (
	"maps"
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// checkoutHelperFiles is graphqlHelperFiles (saleor's own global-id helper,
// get_node_or_error over from_global_id_or_error) with a checkout the
// mutations find as saleor's get_checkout does: by id, else by token,
// else by the old checkout_id, each given the query set to search
// (graphql/checkout/mutations/utils.py:234-298), from a mutation whose
// optional arguments are typed by the service's own scalar
// (checkout_email_update.py:19-36, 67-78). HELPERS and BODY are filled in
// by each case.
func checkoutHelperFiles(helpers, body string) map[string]string {
	files := maps.Clone(graphqlHelperFiles)
	files["shop/models.py"] += `
class Checkout(models.Model):
    token = models.UUIDField(unique=True)
    email = models.EmailField()
    voucher_code = models.CharField(max_length=20, null=True)

class VoucherCode(models.Model):
    code = models.CharField(max_length=20, unique=True)
    is_active = models.BooleanField(default=True)
`
	files["shop/types.py"] += `
class Checkout(ModelObjectType):
    class Meta:
        model = models.Checkout
`
	files["shop/scalars.py"] = `
import graphene

class UUID(graphene.UUID):
    @staticmethod
    def parse_value(value):
        return value
`
	files["shop/checkout_utils.py"] = `
from django.core.exceptions import ObjectDoesNotExist, ValidationError
from . import models
from .types import Checkout
from .utils import from_global_id_or_error

def get_checkout_by_token(token, qs=None):
    if qs is None:
        qs = models.Checkout.objects.select_related("user")
    try:
        checkout = qs.get(token=token)
    except ObjectDoesNotExist as e:
        raise ValidationError({"token": ValidationError("not found")}) from e
    return checkout
` + helpers
	files["shop/checkout_mutations.py"] = `
import graphene
from . import models
from .mutations import BaseMutation
from .scalars import UUID
from .types import Checkout
from .checkout_utils import *

class CheckoutEmailUpdate(BaseMutation):
    class Arguments:
        id = graphene.ID(required=False)
        token = UUID(required=False)
        checkout_id = graphene.ID(required=False)
        email = graphene.String(required=True)

    ok = graphene.Boolean()

    @classmethod
    def perform_mutation(cls, _root, info, /, *, checkout_id=None, email, id=None, token=None, note=None):
` + body + `
        checkout.email = email
        checkout.save(update_fields=["email"])
        return cls(ok=True)
`
	files["shop/schema.py"] = strings.Replace(files["shop/schema.py"], "class Mutation(graphene.ObjectType):",
		"from .checkout_mutations import CheckoutEmailUpdate\n\nclass Mutation(graphene.ObjectType):\n    checkout_email_update = CheckoutEmailUpdate.Field()", 1)
	return files
}

// getCheckout is saleor's get_checkout (graphql/checkout/mutations/
// utils.py:259-298): the global-id helper two levels below the handler's
// perform_mutation, given a query set of the model that filters nothing.
const getCheckout = `
def get_checkout(mutation_class, info, checkout_id=None, token=None, id=None, qs=None):
    if qs is None:
        qs = models.Checkout.objects.select_related("user")
    if id:
        checkout = mutation_class.get_node_or_error(info, id, only_type=Checkout, field="id", qs=qs)
    else:
        if token:
            checkout = get_checkout_by_token(token, qs=qs)
        else:
            checkout = mutation_class.get_node_or_error(info, checkout_id, only_type=Checkout, field="checkout_id", qs=qs)
    return checkout
`

// TestGlobalNodeHelpers: a service's own helper that takes graphene's
// global lookup arguments (info, the id, only_type=T), decodes the id
// with graphene's decoder and returns the one row is read as the lookup
// of T's model by the id, however deep it is called and whatever query
// set of that model it is given to search; a mutation's optional
// arguments, whatever scalar types them, are the request's inputs; and a
// query set handed to a helper is not None there.
func TestGlobalNodeHelpers(t *testing.T) {
	cases := []struct {
		name, helpers, body string
		want, notWant       []string
	}{
		{
			// Fails without globalNodeHelper (the query set's filter by
			// the decoded key is unread, graphql/core/mutations.py:243-256)
			// or without declaredArgument (id, token, checkout_id stay
			// unknown: spreadsUnread).
			name:    "by id, token or old id through get_checkout",
			helpers: getCheckout,
			body:    "        checkout = get_checkout(cls, info, checkout_id=checkout_id, token=token, id=id)",
			want:    []string{"when: CheckoutEmailUpdate(email, checkout)", "ensures: checkout.email = email"},
		},
		{
			// The helper raises when no row is found
			// (graphql/core/mutations.py:375-382): the row named must
			// exist. Fails without bindLookup's required row.
			name: "called by the handler, the row must exist",
			body: "        checkout = cls.get_node_or_error(info, id, only_type=Checkout)",
			want: []string{"requires: exists checkout", "ensures: checkout.email = email"},
		},
		{
			// Fails without neverNoneTest: `if qs is None` of the
			// query handed in is undecided, and the two bindings of qs
			// meet as unknown.
			name:    "a query set handed in is not None",
			body:    "        qs = models.Checkout.objects.select_related(\"user\")\n        checkout = get_checkout_by_token(token, qs=qs)",
			want:    []string{"ensures: checkout.email = email"},
			notWant: []string{"CheckoutEmailUpdate's mutate"},
		},
		{
			// A query set that narrows the rows is not the lookup: the
			// helper is followed as code, and the row keeps the filter.
			name:    "a narrowing query set is followed as code",
			helpers: "\ndef by_id(mutation_class, info, id):\n    qs = models.Checkout.objects.filter(email=\"\")\n    return mutation_class.get_node_or_error(info, id, only_type=Checkout, qs=qs)\n",
			body:    "        checkout = by_id(cls, info, id)",
			want:    []string{`let checkout = Checkout{email: "", id}`},
			notWant: []string{"when: CheckoutEmailUpdate(email, checkout)"},
		},
		{
			// A helper answering the decoded pair (from_global_id_or_error)
			// finds no row.
			name:    "a helper returning the decoded pair is no lookup",
			helpers: "\ndef decode(info, id, only_type=None):\n    return from_global_id_or_error(id, only_type)\n",
			body:    "        _type, checkout = decode(info, id, only_type=Checkout)",
			notWant: []string{"when: CheckoutEmailUpdate(email, checkout)"},
		},
		{
			// A parameter with a default that the mutation does not
			// declare keeps its default (note=None): no input.
			name:    "an undeclared parameter keeps its default",
			helpers: getCheckout,
			body:    "        checkout = get_checkout(cls, info, checkout_id=checkout_id, token=token, id=id)\n        checkout.voucher_code = note",
			want:    []string{"checkout.voucher_code = null"},
			notWant: []string{"voucher_code = note", "CheckoutEmailUpdate(email, checkout, note)"},
		},
		{
			// VoucherCode{code: checkout.voucher_code, is_active: true},
			// a missing one answered with None (saleor's
			// get_voucher_for_checkout, checkout/utils.py:549-554): the
			// code the checkout keeps, not a secret the request
			// presents. Fails without storedField: requires:
			// code.is_active (here dropped by the checker, code unbound;
			// in saleor an input of the trigger).
			name:    "a code the row keeps is no presented secret",
			helpers: getCheckout + "\ndef voucher_of(checkout):\n    try:\n        code = models.VoucherCode.objects.get(code=checkout.voucher_code, is_active=True)\n    except models.VoucherCode.DoesNotExist:\n        return None\n    return code\n",
			body:    "        checkout = get_checkout(cls, info, checkout_id=checkout_id, token=token, id=id)\n        voucher_of(checkout)",
			want:    []string{"ensures: checkout.email = email"},
			notWant: []string{"code.is_active", "code is not bound", "CheckoutEmailUpdate(email, checkout, code)"},
		},
		{
			// The code an order keeps, found to deactivate it (saleor's
			// DraftOrderComplete, graphql/order/mutations/
			// draft_order_complete.py:111-115): a row of the store, not
			// an input. Fails without storedField in bindLookup: code a
			// trigger input.
			name:    "a row found by a code a row keeps is no input",
			helpers: getCheckout,
			body:    "        checkout = get_checkout(cls, info, checkout_id=checkout_id, token=token, id=id)\n        code = models.VoucherCode.objects.filter(code=checkout.voucher_code).first()\n        if code and code.is_active:\n            code.is_active = False\n            code.save()",
			want:    []string{"VoucherCode{code: checkout.voucher_code}"},
			notWant: []string{"CheckoutEmailUpdate(email, checkout, code)"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, New(Options{}), checkoutHelperFiles(tc.helpers, tc.body))
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			if testing.Verbose() {
				t.Logf("%s\nnotes:\n%s", text, strings.Join(out.Notes, "\n"))
			}
			// The notes too: a clause the checker dropped was still
			// read wrong.
			assertSpecText(t, text+"\nnotes:\n"+strings.Join(out.Notes, "\n"), tc.want, tc.notWant)
		})
	}
}
