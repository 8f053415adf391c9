package distill

import "testing"

// graphqlNodeFiles is a graphene-django service whose mutations find the
// row a relay global id names in each of the ways graphene offers (catalog
// graphql_nodes): Node.get_node_from_global_id with only_type, a node
// type's get_node with the key Node.from_global_id decoded, and a model
// lookup by that key.
var graphqlNodeFiles = map[string]string{
	"shop/models.py": `
from django.db import models

class Address(models.Model):
    city = models.CharField(max_length=100)
    is_default = models.BooleanField(default=False)

class Note(models.Model):
    body = models.CharField(max_length=100)
`,
	"shop/types.py": `
from graphene_django import DjangoObjectType
from . import models

class AddressType(DjangoObjectType):
    class Meta:
        model = models.Address

class Untyped(DjangoObjectType):
    pass
`,
	"shop/schema.py": `
import graphene
from . import models
from .types import AddressType, Untyped

class SetDefaultAddress(graphene.Mutation):
    class Arguments:
        id = graphene.ID(required=True)

    ok = graphene.Boolean()

    def mutate(root, info, id):
        address = graphene.Node.get_node_from_global_id(info, id, only_type=AddressType)
        address.is_default = True
        address.save()
        return SetDefaultAddress(ok=True)

class RenameAddress(graphene.Mutation):
    class Arguments:
        id = graphene.ID(required=True)
        city = graphene.String(required=True)

    ok = graphene.Boolean()

    def mutate(root, info, id, city):
        _type, pk = graphene.Node.from_global_id(id)
        address = AddressType.get_node(info, pk)
        address.city = city
        address.save()
        return RenameAddress(ok=True)

class ClearAddress(graphene.Mutation):
    class Arguments:
        address_id = graphene.ID(required=True)

    ok = graphene.Boolean()

    def mutate(root, info, address_id):
        _, key = graphene.Node.from_global_id(address_id)
        address = models.Address.objects.get(pk=key)
        address.city = ""
        address.save()
        return ClearAddress(ok=True)

class TouchAny(graphene.Mutation):
    class Arguments:
        id = graphene.ID(required=True)
        body = graphene.String(required=True)

    ok = graphene.Boolean()

    def mutate(root, info, id, body):
        node = graphene.Node.get_node_from_global_id(info, id, only_type=Untyped)
        node.body = body
        node.save()
        return TouchAny(ok=True)

class Mutation(graphene.ObjectType):
    set_default_address = SetDefaultAddress.Field()
    rename_address = RenameAddress.Field()
    clear_address = ClearAddress.Field()
    touch_any = TouchAny.Field()
`,
}

func TestGraphQLNodeLookups(t *testing.T) {
	runIdiomCases(t, graphqlNodeFiles, []idiomCase{
		{
			name:      "get_node_from_global_id finds the row of only_type's Meta model",
			construct: "SetDefaultAddress",
			// A row found by the id the request gives is the trigger's
			// parameter.
			want: []string{"when: SetDefaultAddress(address)", "ensures: address.is_default = true"},
		},
		{
			name:      "a node type's get_node finds its model's row by the decoded key",
			construct: "RenameAddress",
			want:      []string{"when: RenameAddress(city, address)", "ensures: address.city = city"},
		},
		{
			name:      "the key from_global_id decodes is the id given",
			construct: "ClearAddress",
			want:      []string{"when: ClearAddress(address)", `ensures: address.city = ""`},
			notWant:   []string{"key"},
		},
		{
			name:      "a node type naming no model finds no row",
			construct: "PublicApi",
			notWant:   []string{"TouchAny"},
		},
	})
}

// graphqlHelperFiles is a service's own helper over graphene's global ids,
// as saleor writes it (graphql/core/mutations.py:232-260 and 340-383,
// graphql/core/utils/__init__.py:63-96): the decoded type name checked
// against the type asked for, the schema's type of that name, and its
// get_node found by getattr. Followed as code, it finds the row.
var graphqlHelperFiles = map[string]string{
	"shop/models.py": graphqlNodeFiles["shop/models.py"],
	"shop/types.py": `
from graphene import ObjectType
from . import models

class BaseObjectType(ObjectType):
    class Meta:
        abstract = True

class ModelObjectType(BaseObjectType):
    @classmethod
    def get_node(cls, _, id):
        model = cls._meta.model
        try:
            return model.objects.get(pk=id)
        except model.DoesNotExist:
            return None

    class Meta:
        abstract = True

class Address(ModelObjectType):
    class Meta:
        model = models.Address
`,
	"shop/utils.py": `
import graphene
from graphql.error import GraphQLError

def from_global_id_or_error(global_id, only_type=None, raise_error=False):
    try:
        type_, id_ = graphene.Node.from_global_id(global_id)
    except (ValueError, UnicodeDecodeError) as e:
        raise GraphQLError(f"Invalid ID: {global_id}.") from e
    if only_type and str(type_) != str(only_type):
        if not raise_error:
            return type_, None
        raise GraphQLError(f"Invalid ID: {global_id}. Expected: {only_type}.")
    return type_, id_
`,
	"shop/mutations.py": `
import graphene
from django.core.exceptions import ValidationError
from graphql.error import GraphQLError
from .utils import from_global_id_or_error

class BaseMutation(graphene.Mutation):
    class Meta:
        abstract = True

    @classmethod
    def _get_node_by_pk(cls, info, graphene_type, pk, qs=None):
        if qs is not None:
            return qs.filter(pk=pk).first()
        get_node = getattr(graphene_type, "get_node", None)
        if get_node:
            return get_node(info, pk)
        return None

    @classmethod
    def get_node_or_error(cls, info, node_id, *, field="id", only_type=None, qs=None):
        if not node_id:
            return None
        try:
            object_type, pk = from_global_id_or_error(node_id, only_type, raise_error=True)
            if isinstance(object_type, str):
                object_type = info.schema.get_type(object_type).graphene_type
            node = cls._get_node_by_pk(info, graphene_type=object_type, pk=pk, qs=qs)
        except (AssertionError, GraphQLError) as e:
            raise ValidationError({field: ValidationError(str(e))}) from e
        else:
            if node is None:
                raise ValidationError({field: ValidationError("not found")})
        return node

    @classmethod
    def mutate(cls, root, info, **data):
        return cls.perform_mutation(root, info, **data)
`,
	"shop/schema.py": `
import graphene
from .mutations import BaseMutation
from .types import Address

class SetDefaultAddress(BaseMutation):
    class Arguments:
        id = graphene.ID(required=True)

    ok = graphene.Boolean()

    @classmethod
    def perform_mutation(cls, _root, info, /, *, id):
        address = cls.get_node_or_error(info, id, only_type=Address)
        address.is_default = True
        address.save()
        return cls(ok=True)

class Mutation(graphene.ObjectType):
    set_default_address = SetDefaultAddress.Field()
`,
}

func TestGraphQLNodeHelpers(t *testing.T) {
	runIdiomCases(t, graphqlHelperFiles, []idiomCase{
		{
			name:      "a helper over from_global_id and the node type's get_node finds the row",
			construct: "SetDefaultAddress",
			want:      []string{"when: SetDefaultAddress(address)", "ensures: address.is_default = true"},
		},
	})
}

// A negated field read kept in a local before the change (saleor's
// GiftCardActivate: create_event = not gift_card.is_active, then
// activate_gift_card sets is_active) is bound before the ensures: an
// outcome's condition reads the resulting state.
func TestNegatedPreReads(t *testing.T) {
	files := map[string]string{
		"shop/models.py": `
from django.db import models

class Card(models.Model):
    is_active = models.BooleanField(default=False)

class CardEvent(models.Model):
    card = models.ForeignKey(Card, on_delete=models.CASCADE)
`,
		"shop/views.py": `
from django.http import JsonResponse
from .models import Card, CardEvent

def activate(request, pk):
    card = Card.objects.get(pk=pk)
    create_event = not card.is_active
    card.is_active = True
    card.save()
    if create_event:
        CardEvent.objects.create(card=card)
    return JsonResponse({"ok": True})
`,
		"shop/urls.py": `
from django.urls import path
from . import views
urlpatterns = [path("cards/<int:pk>/activate/", views.activate)]
`,
	}
	runIdiomCases(t, files, []idiomCase{
		{
			name:      "the negated read is bound before the change",
			construct: "Activate",
			want:      []string{"let create_event = not card.is_active", "if create_event:"},
			notWant:   []string{"if not card.is_active"},
		},
	})
}
