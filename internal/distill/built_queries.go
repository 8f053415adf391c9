package distill

import "github.com/distill/distill/internal/facts"

// A helper that takes a query set to search, with a default made in place
// when the caller gives none:
//
//	def get_checkout_by_token(token, qs=None):
//	    if qs is None:
//	        qs = models.Checkout.objects.select_related("channel")
//	    checkout = qs.get(token=token)
//
// (saleor's graphql/checkout/mutations/utils.py:234-246, given qs by
// get_checkout, 276-283 and 293). When the caller handed it a query the
// walk built, `qs is None` is false: a query set (or a model class) is
// never None. Left undecided, the two bindings of qs met after the if as
// unknown, and the row found by it was lost.

// builtQueryIsNone decides `x is None` and `x is not None` of a name bound
// to a query the walk built or a model class; ok false for anything else.
func builtQueryIsNone(e *facts.Expr, sc *scope) (truth, ok bool) {
	if e.Kind != facts.ExprCompare || (e.Op() != "is" && e.Op() != "is not") || e.X == nil || e.Y == nil {
		return false, false
	}
	x, y := e.X, e.Y
	if x.Kind == facts.ExprNone {
		x, y = y, x
	}
	if x.Kind != facts.ExprName || y.Kind != facts.ExprNone {
		return false, false
	}
	v := sc.vars[x.Name()]
	if v == nil || (v.kind != vQuery && v.kind != vModelClass) {
		return false, false
	}
	return e.Op() == "is not", true
}
