package distill

import (
	"strings"
	"testing"
)

// TestUnreadWrites: a write to a field of a row the walk could not read
// (a local some branches bound one way and others another) is noted as
// left out, never dropped silently (saleor's CheckoutEmailUpdate,
// graphql/checkout/mutations/checkout_email_update.py:80, before the
// lookup was read); a write to an attribute no entity declares
// (response.status_code) is no stored state, and gets no note.
func TestUnreadWrites(t *testing.T) {
	models := `
from django.db import models
class Checkout(models.Model):
    token = models.UUIDField(unique=True)
    email = models.EmailField()
    note = models.TextField()
`
	cases := []struct {
		name     string
		view     string
		wantNote string
		noNote   string
	}{
		{
			name: "a field of a row found one way or another",
			view: `
def update_email(request):
    if request.POST.get("id"):
        checkout = Checkout.objects.get(pk=request.POST["id"])
    else:
        checkout = Checkout.objects.filter(email=request.POST["old"]).first() or Checkout()
    checkout.email = request.POST["email"]
    checkout.save()
    return redirect("home")
`,
			wantNote: "an assignment to checkout.email (of a value the walk could not read) left out",
		},
		{
			name: "an attribute no entity declares",
			view: `
def update_email(request):
    response = make_response()
    response.status_code = 204
    return response
`,
			noNote: "an assignment to response.status_code",
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{
				"app/models.py": models,
				"app/views.py": `
from django.shortcuts import redirect
from .models import Checkout
from .helpers import make_response
` + tc.view,
			}
			out := distilText(t, New(Options{}), files)
			notes := strings.Join(out.Notes, "\n")
			if testing.Verbose() {
				t.Logf("notes:\n%s", notes)
			}
			if tc.wantNote != "" && !strings.Contains(notes, tc.wantNote) {
				t.Errorf("want a note %q; notes:\n%s", tc.wantNote, notes)
			}
			if tc.noNote != "" && strings.Contains(notes, tc.noNote) {
				t.Errorf("want no note %q; notes:\n%s", tc.noNote, notes)
			}
		})
	}
}
