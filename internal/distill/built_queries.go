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

// neverNoneTest decides `x is None` and `x is not None` (== and != as
// well, either side) of a local whose value is never None (neverNone);
// ok false for anything else.
func neverNoneTest(e *facts.Expr, sc *scope) (truth, ok bool) {
	name, isNone, ok := noneTest(e)
	if !ok {
		return false, false
	}
	if v := sc.vars[name]; v == nil || !neverNone(v) {
		return false, false
	}
	return !isNone, true
}

// neverNone reports a value that is never None: a query the walk built
// or a model class (above), or a dict, empty or not: a dump of the
// request's schema or a dict literal (dumped_items.go). polar's
// RepositoryBase.update(object, update_dict=schema.model_dump(
// exclude_unset=True)) sets the entries only `if update_dict is not None`
// (kit/repository/base.py:139-141).
func neverNone(v *value) bool {
	return v.kind == vQuery || v.kind == vModelClass || v.dumped || literalDict(v)
}

// noneTest reads e as a comparison of a local with None: `x is None`,
// `x == None` (isNone true), `x is not None`, `x != None` (false), None
// on either side; ok false for anything else.
func noneTest(e *facts.Expr) (name string, isNone, ok bool) {
	if e == nil || e.Kind != facts.ExprCompare || e.X == nil || e.Y == nil {
		return "", false, false
	}
	x, y := e.X, e.Y
	if x.Kind == facts.ExprNone {
		x, y = y, x
	}
	if x.Kind != facts.ExprName || y.Kind != facts.ExprNone {
		return "", false, false
	}
	switch e.Op() {
	case "is", "==":
		return x.Name(), true, true
	case "is not", "!=":
		return x.Name(), false, true
	}
	return "", false, false
}
