package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// An object literal kept in a local and filled entry by entry, some
// under conditions, before a repository's update writes it (umami's
// POST /api/users/[userId], route.ts:54-78):
//
//	const data: any = {};
//	if (password) { data.password = hashPassword(password); }
//	if (role && auth.user.isAdmin) { data.role = role; }
//	await updateUser(userId, data);
//
// Each entry is a change made only when its condition held: if exists
// password: user.password = hash(password). An entry set under a
// condition the spec cannot state leaves the update's values unknown.

// setObjectEntry records obj.key = v on an object literal kept in a local
// and reports whether obj is one (false when it is no dict value the walk
// knows). In JavaScript an attribute set on an object is an entry of it,
// read back and handed on like the literal's own (Medusa's createData =
// {...user}; createData.password_hash = hashed). An entry set where the
// literal was built holds from then on; one set in a branch holds under
// the branch's condition, or under one the spec cannot state (unknown),
// and only on a dict literal that is neither a request body's dump nor
// handed on (elsewhere the object is left as it was, saying less).
// Readers of an object's entries skip the conditional ones unless they
// can state the condition (updateByEntries).
func (rc *ruleCtx) setObjectEntry(obj *value, t, v *facts.Expr, sc *scope) bool {
	if obj.kind != vUnknown || len(obj.parts) == 0 || t.Kind != facts.ExprAttr || t.Name() == "" {
		return false
	}
	d := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprDict, Line: t.Line()})
	d.SetEntries([]facts.DictEntry{{Key: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprString, Value: t.Name(), Line: t.Line()}), Value: *v}})
	part := dictPart{e: d, sc: sc}
	if sc != obj.parts[0].sc {
		if obj.dumped || obj.handed || obj.parts[0].e == nil || obj.parts[0].e.Kind != facts.ExprDict {
			return true
		}
		switch {
		case sc.under != nil && sc.under != alwaysTrue:
			part.when = sc.under
		case !sc.top && !sc.inlined:
			part.unknown = true // a branch whose condition the spec cannot state
		}
	}
	obj.parts = append(obj.parts, part)
	return true
}

// hasEntryParts reports a value built by setObjectEntry: parts past the
// literal.
func hasEntryParts(v *value) bool {
	if len(v.parts) < 2 {
		return false
	}
	for _, p := range v.parts[1:] {
		if p.e == nil || p.e.Kind != facts.ExprDict || len(p.e.Entries()) != 1 {
			return false
		}
	}
	return true
}

// updateByEntries writes the update of the rows q names with the entries
// of v, each part's changes under its condition; false when some entry
// was set under a condition the spec cannot state, or none changes a field.
func (rc *ruleCtx) updateByEntries(q *query, v *value, out *[]allium.Stmt) (allium.Expr, bool) {
	for _, p := range v.parts {
		if p.unknown {
			return nil, false
		}
	}
	var row allium.Expr
	stated := false
	for _, p := range v.parts {
		if len(p.e.Entries()) == 0 {
			continue
		}
		var changes []allium.Stmt
		r := rc.bulkUpdate(q, facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Args: []facts.Expr{*p.e}, Line: p.e.Line()}), p.sc, &changes)
		if r != nil {
			row = r
		}
		if len(changes) == 0 {
			continue
		}
		stated = true
		if p.when != nil {
			changes = []allium.Stmt{&allium.If{Meta: rc.b.meta(p.sc.file, p.e.Line()), Branches: []allium.IfBranch{{Cond: p.when, Body: changes}}}}
		}
		*out = append(*out, changes...)
	}
	return row, stated
}

// orOptional is x, or else the test that an optional input is given.
func orOptional(x, given allium.Expr) allium.Expr {
	if x != nil {
		return x
	}
	return given
}
