package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestJoinedRowExists: a row the request names by one of several keys
// (saleor's get_checkout, graphql/checkout/mutations/utils.py:287-298),
// each branch's lookup ending the request when no row is found
// (get_node_or_error raises; get_checkout_by_token raises ValidationError
// on ObjectDoesNotExist, :246-256), must exist, as a single lookup at the
// top of the handler must. A branch whose lookup answers None instead
// states nothing.
func TestJoinedRowExists(t *testing.T) {
	quietByToken := `
def quiet_by_token(token, qs=None):
    try:
        checkout = models.Checkout.objects.get(token=token)
    except ObjectDoesNotExist:
        checkout = None
    return checkout

def get_quietly(mutation_class, info, token=None, id=None):
    if id:
        checkout = mutation_class.get_node_or_error(info, id, only_type=Checkout, field="id")
    else:
        checkout = quiet_by_token(token)
    return checkout
`
	cases := []struct {
		name, helpers, body string
		want, notWant       []string
	}{
		{
			name:    "every branch's lookup raises",
			helpers: getCheckout,
			body:    "        checkout = get_checkout(cls, info, checkout_id=checkout_id, token=token, id=id)",
			want:    []string{"requires: exists checkout", "ensures: checkout.email = email"},
		},
		{
			name:    "one branch's lookup answers None",
			helpers: quietByToken,
			body:    "        checkout = get_quietly(cls, info, token=token, id=id)",
			notWant: []string{"requires: exists checkout"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, New(Options{}), checkoutHelperFiles(tc.helpers, tc.body))
			text := string(allium.Print(out.Module, allium.PrintOptions{}))
			if testing.Verbose() {
				t.Logf("%s\nnotes:\n%s", text, strings.Join(out.Notes, "\n"))
			}
			assertSpecText(t, text, tc.want, tc.notWant)
		})
	}
}
