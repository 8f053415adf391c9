package distill

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A query condition may be built as a value before a filter runs it
// (the catalog's filter_objects; openwisp-users' password_expiration_email):
//
//	query = Q()
//	if app_settings.USER_PASSWORD_EXPIRATION:
//	    query |= Q(is_staff=False, password_updated=...)
//	if app_settings.STAFF_USER_PASSWORD_EXPIRATION:
//	    query |= Q(is_staff=True, password_updated=...)
//	for user in User.objects.filter(query): ...
//
// The rows are those of any alternative whose condition held when it was
// added. A job's loop over them reads as one temporal rule per
// alternative, required its condition, when the alternatives can be told
// apart (no row is in two, so no row is visited twice where the code
// visits it once) and one of them always holds (an empty Q() matches
// every row, which the spec would not say).

// rowFilter is a vFilter: rows matching any of alts; none is Q() itself,
// which leaves the rows as they are.
type rowFilter struct {
	alts []*filterAlt
}

// filterAlt is one Q(...) of a rowFilter: its keywords, read in the scope
// it was made in, and the condition it was added under (nil: always).
type filterAlt struct {
	kws   []facts.Keyword
	sc    *scope
	under allium.Expr
}

// qalt is one alternative of a query's rows: its filter conditions and
// the condition it holds under (nil: always).
type qalt struct {
	conds []qcond
	under allium.Expr
}

// filterObject is the vFilter a catalogued filter object call makes
// (Q(is_staff=False)), or nil for any other call.
func (rc *ruleCtx) filterObject(e *facts.Expr, sc *scope) *value {
	if !catalog.MatchAny(rc.b.lang.FilterObjects, e.Resolved(), e.Raw()) || len(e.Args()) > 0 {
		return nil
	}
	f := &rowFilter{}
	if kws := e.Keywords(); len(kws) > 0 {
		made := *sc
		made.vars = cloneVars(sc.vars) // the keywords read the values they have now
		f.alts = []*filterAlt{{kws: kws, sc: &made}}
	}
	return &value{kind: vFilter, filter: f}
}

// filterUnion reads a | b of two filter objects: the rows of either. An
// empty Q() adds nothing (Django gives back the other side). nil when e
// is no such union.
func (rc *ruleCtx) filterUnion(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	if e.Kind != facts.ExprBinary || e.Op() != "|" {
		return nil
	}
	x := rc.filterObjectValue(e.X, sc, out)
	if x == nil {
		return nil
	}
	y := rc.filterObjectValue(e.Y, sc, out)
	if y == nil {
		return unknownValue
	}
	return &value{kind: vFilter, filter: &rowFilter{alts: slices.Concat(x.filter.alts, y.filter.alts)}}
}

// filterObjectValue is the vFilter e stands for: a local holding one, a filter
// object call, or a union of them; nil for anything else, which is not
// evaluated (a | b of other values is read as it was).
func (rc *ruleCtx) filterObjectValue(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	var v *value
	switch {
	case e == nil:
		return nil
	case e.Kind == facts.ExprName:
		v = sc.vars[e.Name()]
	case e.Kind == facts.ExprCall && catalog.MatchAny(rc.b.lang.FilterObjects, e.Resolved(), e.Raw()):
		v = rc.eval(e, sc, out, false)
	case e.Kind == facts.ExprBinary:
		v = rc.filterUnion(e, sc, out)
	}
	if v == nil || v.kind != vFilter {
		return nil
	}
	return v
}

// mergeFilterBranches settles, after an if neither of whose branches
// ends, each filter object a branch widened (query |= Q(...)): it holds
// what it held before plus what each branch added, under that branch's
// condition. A branch that rebinds it otherwise is left to the caller
// (the variable then has no single value).
func mergeFilterBranches(sc, thenSc, elseSc *scope, cond allium.Expr) {
	if cond == nil {
		return
	}
	for name, old := range sc.vars {
		if old.kind != vFilter {
			continue
		}
		thenAdded, thenOK := addedAlts(old, thenSc.vars[name])
		elseAdded, elseOK := addedAlts(old, elseSc.vars[name])
		if !thenOK || !elseOK || len(thenAdded)+len(elseAdded) == 0 {
			continue
		}
		merged := &rowFilter{alts: slices.Clone(old.filter.alts)}
		for _, br := range []struct {
			added []*filterAlt
			cond  allium.Expr
		}{{thenAdded, cond}, {elseAdded, negate(cond)}} {
			for _, a := range br.added {
				under := br.cond
				if a.under != nil {
					under = andUnder(br.cond, a.under)
				}
				merged.alts = append(merged.alts, &filterAlt{kws: a.kws, sc: a.sc, under: under})
			}
		}
		v := &value{kind: vFilter, filter: merged}
		sc.vars[name], thenSc.vars[name], elseSc.vars[name] = v, v, v
	}
}

// addedAlts is what the filter object now adds to old: the alternatives
// after old's own, which it must start with; false when now is no such
// widening of old.
func addedAlts(old, now *value) ([]*filterAlt, bool) {
	if now == old {
		return nil, true
	}
	if now == nil || now.kind != vFilter || len(now.filter.alts) < len(old.filter.alts) {
		return nil, false
	}
	for i, a := range old.filter.alts {
		if now.filter.alts[i] != a {
			return nil, false
		}
	}
	return now.filter.alts[len(old.filter.alts):], true
}

// filterObjectArg reads a filter's argument that is a filter object
// (filter(query), filter(Q(a) | Q(b))) into q; false when it is none.
func (rc *ruleCtx) filterObjectArg(q *query, a *facts.Expr, sc *scope, out *[]allium.Stmt) bool {
	v := rc.filterObjectValue(a, sc, out)
	if v == nil {
		return false
	}
	alts := v.filter.alts
	if len(alts) == 1 && alts[0].under == nil {
		rc.filterKw(q, alts[0].kws, alts[0].sc, out) // filter(Q(email=e)) is filter(email=e)
		return true
	}
	if len(alts) == 0 {
		return true // filter(Q()) keeps every row
	}
	q.bad++ // conds alone would say more rows match
	if len(q.alts) > 0 {
		q.alts = nil // two such filters: the rows of a pair of alternatives, not stated
		return true
	}
	for _, alt := range alts {
		x := &query{ent: q.ent}
		rc.filterKw(x, alt.kws, alt.sc, out)
		if x.bad > 0 || x.scoped > 0 || len(x.conds) == 0 {
			q.alts = nil
			return true
		}
		q.alts = append(q.alts, qalt{conds: x.conds, under: alt.under})
	}
	return true
}

// splitAlternatives states a job's temporal rule over a query whose rows
// are any of several alternatives as one rule per alternative, named
// after what tells it apart, required the condition it was added under.
// It reports whether it stated them; false leaves the loop to the
// caller, which gives it up (q.bad counts the alternatives).
func (rc *ruleCtx) splitAlternatives(q *query, varName string, sc *scope, line int, fill func(x *ruleCtx, inner *scope)) bool {
	if q.bad != 1 || !rc.alternativesCovered(q.alts, sc) {
		return false
	}
	names := make([]string, len(q.alts))
	for i := range q.alts {
		for j := range q.alts {
			if i == j {
				continue
			}
			c, ok := apart(q.alts[i].conds, q.alts[j].conds)
			if !ok {
				return false
			}
			if names[i] == "" {
				names[i] = altName(c)
			}
		}
	}
	each := make([]query, len(q.alts))
	for i, alt := range q.alts {
		each[i] = *q
		each[i].conds = slices.Concat(q.conds, alt.conds)
		each[i].alts, each[i].bad = nil, 0
		if at, _ := dueCond(&each[i]); at < 0 {
			return false // an alternative that is never due: all or none
		}
	}
	for i, alt := range q.alts {
		altSc := *sc
		if alt.under != nil {
			altSc.under = andUnder(altSc.under, alt.under)
		}
		rc.temporalRuleNamed(&each[i], varName, rc.name+names[i], &altSc, line, fill)
	}
	return true
}

// alternativesCovered reports that one of alts holds whenever the rows
// are visited: one is unconditional, or a precondition in force (the
// job's early return, `if not a and not b: return`) is that some of
// their conditions hold.
func (rc *ruleCtx) alternativesCovered(alts []qalt, sc *scope) bool {
	held := map[string]bool{}
	for _, a := range alts {
		if a.under == nil {
			return true
		}
		held[exprKey(a.under)] = true
	}
	pre := []allium.Expr{sc.under}
	for _, s := range rc.body {
		if r, ok := s.(*allium.Requires); ok {
			pre = append(pre, r.Cond)
		}
	}
	for _, p := range pre {
		if p == nil || p == alwaysTrue {
			continue
		}
		for _, c := range andTerms(p) {
			if !slices.ContainsFunc(orTerms(c), func(d allium.Expr) bool { return !held[exprKey(d)] }) {
				return true
			}
		}
	}
	return false
}

// apart finds the condition of a that no row of b meets: the same field
// equal to another literal (is_staff = false against is_staff = true).
func apart(a, b []qcond) (qcond, bool) {
	for _, c := range a {
		x, ok := c.val.(*allium.Lit)
		if c.op != allium.OpEq || !ok || len(c.path) > 0 || c.orNull || c.many {
			continue
		}
		for _, d := range b {
			y, ok := d.val.(*allium.Lit)
			if d.field == c.field && d.op == allium.OpEq && ok && len(d.path) == 0 && !d.orNull && !d.many && y.Text != x.Text {
				return c, true
			}
		}
	}
	return qcond{}, false
}

// altName is the part of an alternative's rule name that tells it apart
// by c: For + the value (ForActive... of status = active), the flag's
// name for a flag set (ForStaff of is_staff = true), ForNon + it unset.
func altName(c qcond) string {
	lit := c.val.(*allium.Lit)
	if lit.Kind != allium.LitBool {
		return "For" + pascal(lit.Text)
	}
	flag := c.field
	for _, prefix := range []string{"is_", "has_"} {
		flag = strings.TrimPrefix(flag, prefix)
	}
	flag = pascal(flag)
	if lit.Text == "true" {
		return "For" + flag
	}
	return "ForNon" + flag
}
