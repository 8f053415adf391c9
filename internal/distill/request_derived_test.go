package distill

import (
	"strings"
	"testing"
)

// TestRequestDerivedReturns: an inlined helper that returns a value early
// on a condition the spec cannot read (saleor's
// mark_checkout_deliveries_as_stale_if_needed, graphql/checkout/
// mutations/utils.py:63-68: if not is_shipping_required(lines): return
// []) does what follows only for some requests when the condition reads
// what the caller handed it, directly or through the helper's own locals:
// that is left out with a note rather than stated always. A condition on
// settings alone (CTFd's sendmail, CTFd/utils/email/__init__.py:28-34:
// EmailProvider from the configured mail provider) keeps the old reading;
// a condition the spec reads (if len(lines) > 2) states the rest under it.
func TestRequestDerivedReturns(t *testing.T) {
	models := `
from django.db import models
class Checkout(models.Model):
    email = models.EmailField(unique=True)
    stale = models.BooleanField(default=False)
    touched = models.BooleanField(default=False)
`
	const note = "what an inlined helper does after returning early on a condition the spec cannot state"
	cases := []struct {
		name     string
		helper   string
		want     []string
		notWant  []string
		wantNote bool
	}{
		{
			name: "a call on a parameter",
			helper: `
def mark_stale(checkout, lines):
    if not any(line.needs_shipping for line in lines):
        return []
    checkout.stale = True
    return ["stale"]
`,
			want:     []string{"checkout.touched = true"},
			notWant:  []string{"checkout.stale"},
			wantNote: true,
		},
		{
			name: "a local derived from a parameter",
			helper: `
def mark_stale(checkout, lines):
    many = len([line for line in lines if line.heavy]) > 2
    if many:
        return []
    checkout.stale = True
    return ["stale"]
`,
			want:     []string{"checkout.touched = true"},
			notWant:  []string{"checkout.stale"},
			wantNote: true,
		},
		{
			name: "a condition the spec reads states the rest under it",
			helper: `
def mark_stale(checkout, lines):
    if len(lines) > 2:
        return []
    checkout.stale = True
    return ["stale"]
`,
			want: []string{") <= 2:\n            checkout.stale = true", "checkout.touched = true"},
		},
		{
			name: "a local derived from settings alone keeps the old reading",
			helper: `
PROVIDERS = {"smtp": object}

def mark_stale(checkout, lines):
    provider = get_mail_provider()
    Provider = PROVIDERS.get(provider)
    if Provider is None:
        return False, "No mail settings configured"
    checkout.stale = True
    return True, "sent"
`,
			want: []string{"checkout.stale = true", "checkout.touched = true"},
		},
		{
			name: "a condition on module globals alone keeps the old reading",
			helper: `
PROVIDERS = [object]

def mark_stale(checkout, lines):
    if not any(p.ready for p in PROVIDERS):
        return []
    checkout.stale = True
    return ["stale"]
`,
			want: []string{"checkout.stale = true", "checkout.touched = true"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{
				"app/models.py": models,
				"app/views.py": `
from django.shortcuts import redirect
from shipping import get_mail_provider, fetch_lines
from .models import Checkout
` + tc.helper + `
def touch(request):
    checkout = Checkout.objects.get(email=request.POST["email"])
    lines = fetch_lines(checkout)
    mark_stale(checkout, lines)
    checkout.touched = True
    checkout.save()
    return redirect("home")
`}
			out := distilText(t, New(Options{}), files)
			text := construct(out.Module, "Touch")
			notes := strings.Join(out.Notes, "\n")
			if testing.Verbose() {
				t.Logf("%s\nnotes:\n%s", text, notes)
			}
			assertSpecText(t, text, tc.want, tc.notWant)
			if got := strings.Contains(notes, note); got != tc.wantNote {
				t.Errorf("note %q given: %v, want %v\nnotes:\n%s", note, got, tc.wantNote, notes)
			}
		})
	}
}
