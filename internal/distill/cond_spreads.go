package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// An object literal may take entries only when a condition holds:
//
//	const data = {
//	  email: params.email,
//	  ...(params.role && { role: params.role }),
//	  ...(params.verified !== undefined && { verified: params.verified }),
//	};
//
// (kutt's queries/user.queries.js:41-42). Read as an opaque spread, it
// may set any field, so a creation from it says less. When the walk knows
// the condition's value (the caller handed add({role: ROLES.ADMIN,
// verified: true})) the spread is decided: its entries are the literal's
// when it holds, none when it does not. Otherwise it stays a spread.

// decideCondSpreads returns kws with each decided conditional spread
// replaced by the entries it adds.
func (rc *ruleCtx) decideCondSpreads(kws []facts.Keyword, sc *scope) []facts.Keyword {
	var decided []facts.Keyword
	for i, kw := range kws {
		entries, ok := rc.condSpreadEntries(kw, sc)
		if !ok {
			if decided != nil {
				decided = append(decided, kw)
			}
			continue
		}
		if decided == nil {
			decided = append(make([]facts.Keyword, 0, len(kws)), kws[:i]...)
		}
		decided = append(decided, entries...)
	}
	if decided == nil {
		return kws
	}
	return decided
}

// condSpreadEntries reads ...(cond && {k: v}) when the walk knows cond's
// truth: the entries {k: v} adds (none when cond is false), and ok.
func (rc *ruleCtx) condSpreadEntries(kw facts.Keyword, sc *scope) ([]facts.Keyword, bool) {
	x := &kw.Value
	if kw.Name != "**" || x.Kind != facts.ExprBoolOp || x.Op() != "and" || x.X == nil || x.Y == nil || x.Y.Kind != facts.ExprDict {
		return nil, false
	}
	var entries []facts.Keyword
	for _, en := range x.Y.Entries() {
		if en.Key == nil || en.Key.Kind != facts.ExprString {
			return nil, false // a spread inside: not a list of fields
		}
		entries = append(entries, facts.Keyword{Name: en.Key.Value(), Value: en.Value})
	}
	truth, known := rc.knownTruth(x.X, sc)
	if !known {
		return nil, false
	}
	if !truth {
		return []facts.Keyword{}, true
	}
	return entries, true
}

// knownTruth decides a condition on values the walk knows as constants:
// a literal or enum member the caller handed in (params.role), or its
// comparison with null/undefined (params.verified !== undefined).
func (rc *ruleCtx) knownTruth(cond *facts.Expr, sc *scope) (truth, known bool) {
	if cond.Kind == facts.ExprCompare && cond.X != nil && cond.Y != nil && cond.Y.Kind == facts.ExprNone {
		given, known := rc.constantGiven(cond.X, sc)
		switch cond.Op() {
		case "!==", "!=", "is not":
			return given, known
		case "===", "==", "is":
			return !given, known
		}
		return false, false
	}
	v, ok := rc.constantValue(cond, sc)
	if !ok {
		return false, false
	}
	if v.enum != nil {
		return true, true // a member is never empty
	}
	l := v.expr.(*allium.Lit)
	switch l.Kind {
	case allium.LitNull:
		return false, true
	case allium.LitBool:
		return l.Text == "true", true
	case allium.LitString:
		return l.Text != "", true
	}
	return false, false
}

// constantGiven reports whether x is a known constant other than null
// (given), and whether the walk knows it at all.
func (rc *ruleCtx) constantGiven(x *facts.Expr, sc *scope) (given, known bool) {
	v, ok := rc.constantValue(x, sc)
	if !ok {
		return false, false
	}
	if l, isLit := v.expr.(*allium.Lit); isLit && l.Kind == allium.LitNull {
		return false, true
	}
	return true, true
}

// constantValue evaluates x when it is a literal or an enum member, with
// nothing stated on the way.
func (rc *ruleCtx) constantValue(x *facts.Expr, sc *scope) (*value, bool) {
	var scratch []allium.Stmt
	v := rc.eval(x, sc, &scratch, false)
	if len(scratch) != 0 || v.kind != vExpr {
		return nil, false
	}
	if v.enum != nil {
		return v, true
	}
	_, isLit := v.expr.(*allium.Lit)
	return v, isLit
}
