package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Code that compares an optional time often puts the earliest time the
// clock holds in place of an unset one first:
//
//	current = user.password_date if user.password_date is not None else datetime.min
//	if current > signed_password_date: reject
//
// The value is the field itself; what the earliest time stands for is in
// the comparison: unset is never later than any time, so the test above
// holds only when the field is set (user.password_date != null and
// user.password_date > ...), and its negation when it is unset or not
// later.

// earliestFallback is the optional value t of `t if t is not None else
// <earliest>` (or `<earliest> if t is None else t`, `t if t else
// <earliest>`), the earliest time being one the catalog's earliest_times
// names, possibly given a zone (.replace(tzinfo=...)); nil for any other
// expression.
func (b *builder) earliestFallback(e *facts.Expr) *facts.Expr {
	if e.Kind != facts.ExprCond || e.Test() == nil || e.X == nil || e.Y == nil {
		return nil
	}
	t := e.Test()
	var tested *facts.Expr
	set := true // the test holds when the value is set
	switch {
	case t.Kind == facts.ExprCompare && t.X != nil && t.Y != nil && t.Y.Kind == facts.ExprNone:
		switch t.Op() {
		case "is not", "!=":
		case "is", "==":
			set = false
		default:
			return nil
		}
		tested = t.X
	case t.Kind == facts.ExprUnary && t.Op() == "not" && t.X != nil:
		tested, set = t.X, false
	default:
		tested = t
	}
	value, fallback := e.X, e.Y
	if !set {
		value, fallback = e.Y, e.X
	}
	if !sameReading(tested, value) || !b.earliestTime(fallback) {
		return nil
	}
	return value
}

// sameReading reports two expressions that read the same name or
// attribute path (user.password_date), as written.
func sameReading(a, b *facts.Expr) bool {
	if a.Kind != b.Kind || a.Kind != facts.ExprName && a.Kind != facts.ExprAttr {
		return false
	}
	return a.Raw() != "" && a.Raw() == b.Raw()
}

// earliestTime reports the catalog's earliest time, given a zone or not
// (datetime.datetime.min.replace(tzinfo=pytz.UTC)).
func (b *builder) earliestTime(e *facts.Expr) bool {
	for e.Kind == facts.ExprCall && e.Method() == "replace" && e.X != nil && e.X.Kind == facts.ExprAttr && e.X.X != nil {
		e = e.X.X
	}
	return e.Kind == facts.ExprAttr && catalog.MatchAny(b.lang.EarliestTimes, e.Resolved(), e.Raw())
}

// earliestValue evaluates the optional time of an earliestFallback and
// marks it so that comparisons read unset as earliest; a value that is no
// plain expression (a row, a lookup) is not known.
func (rc *ruleCtx) earliestValue(x *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	v := rc.eval(x, sc, out, false)
	if v.kind != vExpr || v.expr == nil {
		return unknownValue
	}
	marked := *v
	marked.earliestIfNull = true
	return &marked
}

// earliestSides writes an ordering comparison (x op y) of a time that
// counts as the earliest when unset: on the left of > or >=, or the
// right of < or <=, it holds only when the time is set (x != null and x >
// y); on the other side, also when it is unset (x = null or x < y). nil
// when neither side is such a time, or for another op.
func (rc *ruleCtx) earliestSides(e *facts.Expr, op string, x, y allium.Expr, sc *scope) allium.Expr {
	later := false // the op holds when the left side is the later one
	switch op {
	case allium.OpGt, allium.OpGe:
		later = true
	case allium.OpLt, allium.OpLe:
	default:
		return nil
	}
	var scratch []allium.Stmt
	cmp := allium.Expr(&allium.Binary{Op: op, X: x, Y: y})
	marked := false
	for i, side := range []*facts.Expr{e.X, e.Y} {
		if side.Kind != facts.ExprName && side.Kind != facts.ExprCond {
			continue // evaluated again below: only what reads nothing twice
		}
		if v := rc.eval(side, sc, &scratch, false); v.kind != vExpr || !v.earliestIfNull {
			continue
		}
		marked = true
		null := &allium.Lit{Kind: allium.LitNull, Text: "null"}
		t := []allium.Expr{x, y}[i]
		if (i == 0) == later {
			// Unset, the earliest time is never the later one.
			cmp = &allium.Binary{Op: allium.OpAnd, X: &allium.Binary{Op: allium.OpNe, X: t, Y: null}, Y: cmp}
		} else {
			cmp = &allium.Binary{Op: allium.OpOr, X: &allium.Binary{Op: allium.OpEq, X: t, Y: null}, Y: cmp}
		}
	}
	if !marked {
		return nil
	}
	return cmp
}
