package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// keyedLookupOrAbsent reads `None if key is None else get_user(key)` (and
// `get_user(key) if key is not None else None`, `... if key else None`),
// warehouse's get_user_by_email (accounts/services.py:127-130), as the
// row the lookup finds: looking a row up by an absent key finds none, so
// both branches give what the lookup alone does. The call must take the
// tested key as an argument and give a row; a row's attribute read from
// the tested row (None if row is None else row.user) is that row's, absent
// when it is. nil for anything else.
func (rc *ruleCtx) keyedLookupOrAbsent(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	if e.Kind != facts.ExprCond || e.Test() == nil || e.X == nil || e.Y == nil {
		return nil
	}
	t := e.Test()
	var key *facts.Expr
	present := true // the test holds when the key is given
	switch {
	case t.Kind == facts.ExprCompare && t.X != nil && t.Y != nil && t.Y.Kind == facts.ExprNone:
		switch t.Op() {
		case "is not", "!=":
		case "is", "==":
			present = false
		default:
			return nil
		}
		key = t.X
	case t.Kind == facts.ExprUnary && t.Op() == "not" && t.X != nil:
		key, present = t.X, false
	default:
		key = t
	}
	lookup, none := e.X, e.Y
	if !present {
		lookup, none = e.Y, e.X
	}
	if none.Kind != facts.ExprNone {
		return nil
	}
	switch lookup.Kind {
	case facts.ExprCall:
		if !slices.ContainsFunc(lookup.Args(), func(a facts.Expr) bool { return sameReading(&a, key) }) {
			return nil
		}
	case facts.ExprAttr:
		// None if row is None else row.user: the row's user, absent
		// when the row is.
		if lookup.X == nil || !sameReading(lookup.X, key) {
			return nil
		}
	default:
		return nil
	}
	// Evaluated aside first: what is no row is left to the other readings,
	// which evaluate the branches again.
	var aside []allium.Stmt
	v := rc.eval(lookup, sc, &aside, false)
	if v.kind != vEntity && v.kind != vLookup {
		return nil
	}
	*out = append(*out, aside...)
	return v
}
