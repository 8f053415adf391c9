package distill

import (
	"slices"
	"strings"
	"testing"
)

// TestUnreadKeyLookup: a lookup by the id of a value the walk could not
// read (saleor's ProductVariantDelete.success_response,
// graphql/product/mutations/product_variant/product_variant_delete.py:
// 52-54: Product.objects.get(id=instance.product_id) of an instance
// found by id or by sku, lines 87-91, which the walk holds no single
// value of) names no row the request gives: it is left out with a note,
// not made a trigger parameter the write then hangs on, untied to the
// row the code means. A lookup by an id the request gives still binds
// it.
func TestUnreadKeyLookup(t *testing.T) {
	d := New(Options{})
	defer d.Close()
	tests := []struct {
		name, key string
		want      string // in rule MarkDirty, or "" for no rule
		note      string
	}{
		{"an id of a local bound differently on two paths: no parameter, a note", "instance.product_id", "",
			"shop/views.py:13: the lookup of product left out"},
		{"an id the request gives: the row it names", `request.data["product_id"]`, "product.search_index_dirty = true", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := distilText(t, d, map[string]string{
				"shop/models.py": `
from django.db import models
class Product(models.Model):
    name = models.CharField(max_length=200)
    search_index_dirty = models.BooleanField(default=False)
class Variant(models.Model):
    sku = models.CharField(max_length=50)
    product = models.ForeignKey(Product, on_delete=models.CASCADE)
`,
				"shop/views.py": `
from rest_framework.views import APIView
from rest_framework.response import Response
from shop import external
from shop.models import Product, Variant

class MarkDirtyView(APIView):
    def post(self, request):
        if request.data.get("sku"):
            instance = Variant.objects.filter(sku=request.data["sku"]).first()
        else:
            instance = external.fetch(request.data["id"])
        product = Product.objects.get(id=` + tt.key + `)
        product.search_index_dirty = True
        product.save(update_fields=["search_index_dirty"])
        return Response(status=200)
`,
			})
			got := construct(out.Module, "MarkDirty")
			if tt.want == "" && got != "" {
				t.Errorf("a rule for a row no input names:\n%s", got)
			}
			if tt.want != "" && !strings.Contains(got, tt.want) {
				t.Errorf("missing %q in:\n%s\nnotes: %v", tt.want, got, out.Notes)
			}
			if tt.note != "" && !slices.ContainsFunc(out.Notes, func(n string) bool { return strings.HasPrefix(n, tt.note) }) {
				t.Errorf("no note %q in %q", tt.note, out.Notes)
			}
		})
	}
}
