package distill

import "github.com/distill/distill/internal/facts"

// A GraphQL mutation's resolver takes its arguments as keywords: graphene
// calls mutate(root, info, **args) with the arguments the mutation's class
// declares (class Arguments), and a base mutation hands them on
// (cls.perform_mutation(root, info, **data)) to a signature that names
// each as a keyword-only parameter, an optional one with a default:
//
//	class Arguments:
//	    id = graphene.ID(required=False)
//	    token = UUID(required=False)
//	def perform_mutation(cls, _root, info, /, *, id=None, token=None, email):
//
// Each such parameter is the request's input of its name, whatever scalar
// types it (saleor's own UUID scalar as well as graphene.ID): the Arguments
// class says the request may give it, and when the request leaves it out
// graphene passes nothing, so the parameter holds its default, as an input
// left out is None (saleor's CheckoutEmailUpdate,
// graphql/checkout/mutations/checkout_email_update.py:19-36,67-78).

// declaredArgument reports whether p, a parameter with a default that a
// call fills from the mutation's **kwargs v, is an argument the mutation's
// class declares: the request's input, not the default.
func declaredArgument(v *value, p facts.Param) bool {
	return v != nil && v.kind == vReqDict && v.shape == nil && v.declared != nil && v.declared[p.Name]
}
