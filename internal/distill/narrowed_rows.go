package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A list comprehension that keeps some of the rows a query found
// ([u for u in users if u.email == email]) is still those rows, narrowed
// by a filter the spec does not state: the query, with each of the
// comprehension's conditions counted as one it could not translate
// (query.bad), so nothing states it as every row the query finds (a loop
// over it, its existence). Two narrowings of the same rows, one or the
// other (exact or folded), are a narrowing of them too.

// narrowedRows is the value of a comprehension that keeps rows of a query
// as they are, or nil for any other comprehension (one that maps each
// row to something else, or runs over anything but a query's rows).
func (rc *ruleCtx) narrowedRows(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	elt, target, iter, conds, ok := e.Comprehension()
	if !ok || elt.Kind != facts.ExprName || target.Kind != facts.ExprName || elt.Name() != target.Name() {
		return nil
	}
	x := rc.eval(iter, sc, out, false)
	if x.kind != vQuery || x.q == nil || x.q.action != "" {
		return nil
	}
	if len(conds) == 0 {
		return x // [u for u in users]: the same rows
	}
	q := *x.q
	q.conds = slices.Clone(x.q.conds)
	q.bad += len(conds)
	return &value{kind: vQuery, ent: x.ent, q: &q}
}

// eitherNarrowing is `a or b` of two narrowings of the same rows (the
// exact matches, else the folded ones): a narrowing of those rows, or nil.
func (rc *ruleCtx) eitherNarrowing(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	if e.Op() != "or" || e.X == nil || e.Y == nil || e.X.Kind != facts.ExprName || e.Y.Kind != facts.ExprName {
		return nil
	}
	x, y := rc.eval(e.X, sc, out, false), rc.eval(e.Y, sc, out, false)
	if x.kind != vQuery || y.kind != vQuery || !sameQueryRows(x.q, y.q) {
		return nil
	}
	if y.q.bad > x.q.bad {
		return y
	}
	return x
}

// sameQueryRows reports whether two queries state the same rows, apart from
// the conditions each could not translate.
func sameQueryRows(a, b *query) bool {
	if a == nil || b == nil || a.ent != b.ent || a.via != b.via || a.action != b.action || a.scoped != b.scoped ||
		len(a.alts) > 0 || len(b.alts) > 0 || a.anyOf != nil || b.anyOf != nil || a.column != b.column || a.one != b.one {
		return false
	}
	return slices.EqualFunc(a.conds, b.conds, sameQcond)
}

// sameQcond reports two conditions that test the same thing.
func sameQcond(c, d qcond) bool {
	return c.field == d.field && c.op == d.op && c.val == d.val && slices.Equal(c.path, d.path) &&
		c.orNull == d.orNull && c.noRelated == d.noRelated && c.many == d.many && c.fold == d.fold && c.member == d.member
}

// narrowerQuery reports whether b keeps only rows a keeps: b is a with
// conditions added (qs.filter(...) of qs), the same rows or fewer.
func narrowerQuery(a, b *query) bool {
	if a == nil || b == nil || a.ent != b.ent || a.via != b.via || a.action != b.action || a.column != b.column || a.one != b.one ||
		len(b.conds) < len(a.conds) || b.bad < a.bad || b.scoped < a.scoped {
		return false
	}
	if len(b.alts) < len(a.alts) && b.bad <= a.bad {
		// a's alternatives (Q(...) | Q(...)) gone: only as a condition
		// b could not state (alternatives of alternatives) is b narrower.
		return false
	}
	if a.anyOf != nil && (!slices.Equal(a.anyOf, b.anyOf) || a.anyVal != b.anyVal) {
		return false
	}
	return slices.EqualFunc(a.conds, b.conds[:len(a.conds)], sameQcond)
}

// tieBreak reports whether a branch taken only when the rows a name
// holds are several (`if len(users) > 1:`) rebound the name to a
// narrowing of those same rows (a comprehension keeping some, or a
// further filter of the query, taiga's users/services.py:41-43): it picks among the rows found, which
// stay what the name holds after the branch, as the first of them is a
// row the query finds either way.
func tieBreak(cond *facts.Expr, name string, old, v *value) bool {
	if old == nil || v == nil || old.kind != vQuery || v.kind != vQuery || !(sameQueryRows(old.q, v.q) && v.q.bad >= old.q.bad || narrowerQuery(old.q, v.q)) {
		return false
	}
	return severalTest(cond, name)
}

// severalTest reports whether cond is `len(name) > 1` (or >= 2).
func severalTest(cond *facts.Expr, name string) bool {
	if cond == nil || cond.Kind != facts.ExprCompare || cond.X == nil || cond.Y == nil || cond.Y.Kind != facts.ExprInt {
		return false
	}
	if !(cond.Op() == ">" && cond.Y.Value() == "1" || cond.Op() == ">=" && cond.Y.Value() == "2") {
		return false
	}
	x := cond.X
	if x.Kind != facts.ExprCall || x.Raw() != "len" || len(x.Args()) != 1 {
		return false
	}
	a := &x.Args()[0]
	return a.Kind == facts.ExprName && a.Name() == name
}
