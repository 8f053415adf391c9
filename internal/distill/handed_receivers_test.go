package distill

import (
	"strings"
	"testing"

	"github.com/distill/distill/internal/allium"
)

// TestHandedReceivers: a handler's receiver handed to a helper of the
// service (get_checkout(cls, info, id=id), saleor's graphql/checkout/
// mutations/utils.py:287-298) is still that class there: a method called
// on the helper's parameter is the class's own, run as the handler would
// run it. Before, the call was one on plumbing, and the row it finds was
// unknown.
func TestHandedReceivers(t *testing.T) {
	cases := []struct {
		name    string
		helper  string
		want    []string
		notWant []string
	}{
		{
			name: "the class's method through the helper's parameter",
			helper: `
def find_item(mutation_class, pk):
    return mutation_class.get_row(pk)
`,
			want: []string{"when: UpdateItem(name, item)", "ensures: item.name = name"},
		},
		{
			name: "a method the class does not have",
			helper: `
def find_item(mutation_class, pk):
    return mutation_class.other_row(pk)
`,
			notWant: []string{"ensures: item.name = name"},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			files := map[string]string{
				"app/models.py": `
from django.db import models
class Item(models.Model):
    name = models.CharField(max_length=20)
`,
				"app/helpers.py": tc.helper,
				"app/schema.py": `
import graphene
from .models import Item
from .helpers import find_item

class UpdateItem(graphene.Mutation):
    class Arguments:
        id = graphene.ID()
        name = graphene.String()

    ok = graphene.Boolean()

    @classmethod
    def get_row(cls, pk):
        return Item.objects.get(pk=pk)

    @classmethod
    def mutate(cls, root, info, id, name):
        item = find_item(cls, id)
        item.name = name
        item.save()
        return UpdateItem(ok=True)
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
