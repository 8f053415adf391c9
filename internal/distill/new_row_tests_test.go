package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestStoredTruth: a model's save() telling adding from updating (`if not
// self.pk:`, `is_new = not bool(self.pk)`, `if self._state.adding:`) is
// decided by the row it runs on: a row the rule found is stored, so what
// save() does to new rows only is not stated for it (saleor's
// Fulfillment.save, order/models.py:807-813; netbox's Device.save,
// dcim/models/devices.py:1037-1046), and a row the rule makes is new, so
// it is. A key tested outside save() is read as before.
func TestStoredTruth(t *testing.T) {
	d := New(Options{})
	models := `
from django.db import models
class Order(models.Model):
    number = models.IntegerField()
class Fulfillment(models.Model):
    order = models.ForeignKey(Order, on_delete=models.CASCADE, related_name="fulfillments")
    status = models.CharField(max_length=32, default="fulfilled")
    fulfillment_order = models.IntegerField(default=1)
    airflow = models.CharField(max_length=32, blank=True)
    def save(self, *args, **kwargs):
        is_new = not bool(self.pk)
        if is_new and not self.airflow:
            self.airflow = "front"
        if self._state.adding:
            self.fulfillment_order = 7
        return super().save(*args, **kwargs)
`
	tests := []struct {
		name         string
		view         string
		want, absent []string
	}{
		{
			name: "a found row is stored",
			view: `
from django.shortcuts import get_object_or_404, redirect
from .models import Fulfillment
def cancel_fulfillment(request, pk):
    fulfillment = get_object_or_404(Fulfillment, pk=pk)
    fulfillment.status = "canceled"
    fulfillment.save()
    return redirect("home")
`,
			want:   []string{"ensures: fulfillment.status = canceled"},
			absent: []string{"fulfillment.airflow", "fulfillment.fulfillment_order", "= null"},
		},
		{
			name: "a row made here is new",
			view: `
from django.shortcuts import get_object_or_404, redirect
from .models import Fulfillment, Order
def add_fulfillment(request, pk):
    order = get_object_or_404(Order, pk=pk)
    fulfillment = Fulfillment(order=order, status="waiting")
    fulfillment.save()
    return redirect("home")
`,
			want:   []string{"fulfillment_order: 7"},
			absent: []string{"= null"},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{"app/models.py": models, "app/views.py": tc.view})
			text := string(allium.Print(out.Module, allium.PrintOptions{})) + strings.Join(out.Notes, "\n")
			assertSpecText(t, text, tc.want, tc.absent)
		})
	}
}

// TestMadeRowTruth: a row the rule made, tested for truth, is there (an
// instance is never empty): mealie's `if new_token_in_db: return
// new_token_in_db` after creating it (routes/users/api_tokens.py:38-41)
// stated requires: not new_document, which the checker then refused.
func TestMadeRowTruth(t *testing.T) {
	d := New(Options{})
	files := map[string]string{
		"app/models.py": `
from django.db import models
class ApiToken(models.Model):
    name = models.CharField(max_length=100)
`,
		"app/views.py": `
from django.http import JsonResponse
from .models import ApiToken
def create_token(request):
    token = ApiToken.objects.create(name=request.POST["name"])
    if token:
        return JsonResponse({"id": token.pk})
`}
	out := distilText(t, d, files)
	text := string(allium.Print(out.Module, allium.PrintOptions{})) + strings.Join(out.Notes, "\n")
	assertSpecText(t, text, []string{"ensures: ApiToken.created(name: name)"}, []string{"requires", "let token"})
}
