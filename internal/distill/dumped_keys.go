package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A row updated field by field from a dump of the request's schema, the
// loop going over the dump's keys rather than its items (dispatch's
// services, 54 of them: incident/service.py:388-407,
//
//	update_data = incident_in.dict(exclude_unset=True, exclude={...})
//	for field in update_data.keys():
//	    setattr(incident, field, update_data[field])
//
// and, over the row's own fields, case_cost_type/service.py:112-117,
//
//	case_cost_data = case_cost_type.dict()
//	update_data = case_cost_type_in.dict(exclude_unset=True)
//	for field in case_cost_data:
//	    if field in update_data:
//	        setattr(case_cost_type, field, update_data[field])
//
// ) is walked as the items loop is (dumped_items.go): once per entry of
// the dump, the key bound to the entry's name, d[key] its value. In the
// second form the row's fields are the loop's keys and only those in the
// dump are set: a key of the dump that is no field of the row sets
// nothing stored, which the walk of the setattr (an assignment to a field
// the entity does not have) states as nothing either.

// unrollDumpedKeys walks `for k in d:` or `for k in d.keys():` over a
// dump, or `for k in row_data: if k in d: ...` with d a dump. It reports
// false, walking nothing, for any other loop, or when an entry of the
// dump was set under a condition the spec cannot state.
func (rc *ruleCtx) unrollDumpedKeys(s *facts.Stmt, sc *scope, out *[]allium.Stmt) bool {
	it := s.Iter()
	if it == nil || len(s.Targets) != 1 || s.Targets[0].Kind != facts.ExprName || len(s.Else()) > 0 || jumps(s.Body) {
		return false
	}
	if it.Kind == facts.ExprCall && it.Method() == "keys" && len(it.Args()) == 0 && it.X != nil && it.X.X != nil {
		it = it.X.X
	}
	if it.Kind != facts.ExprName || sc.vars[it.Name()] == nil {
		return false
	}
	k := s.Targets[0].Name()
	mapping, body := it, s.Body
	var rowFields map[string]*fieldInfo
	if g := dumpKeyGuard(s.Body, k); g != nil {
		mapping, body = g, s.Body[0].Body
		rowFields = rc.setattrRowFields(body, sc)
	}
	// Only a local is read, as for the items loop.
	entries, ok := rc.dumpEntries(sc.vars[mapping.Name()], out, maxShapeFields)
	if !ok {
		return false
	}
	for _, en := range entries {
		if rowFields != nil && rowFields[en.key] == nil && !slices.Contains(rc.b.lang.IDAttrs, en.key) {
			// The loop goes over the row's fields: a key of the dump the
			// row has no field of (UserUpdate's role on DispatchUser,
			// auth/service.py:224-226) is never set.
			continue
		}
		each := *sc
		each.vars = cloneVars(sc.vars)
		each.vars[k] = exprValue(&allium.Lit{Kind: allium.LitString, Text: en.key})
		params := len(rc.params)
		when := en.when
		made := madeArgs(rc.made)
		var stated []allium.Stmt
		rc.stmts(body, &each, &stated)
		if when != nil && !rc.givenOrKept(made, when) {
			rc.untranslated(sc, s.Line(), LeftOutCondition, "the value of "+en.key+" set only when the request gives it")
		}
		if len(stated) == 0 {
			// A key the row has no field of (UserUpdate's role on
			// DispatchUser, auth/service.py:221-226): the input is
			// read by nothing stated.
			rc.dropParamsFrom(params)
			continue
		}
		if when != nil {
			stated = []allium.Stmt{&allium.If{Meta: *stated[0].Info(), Branches: []allium.IfBranch{{Cond: when, Body: stated}}}}
		}
		*out = append(*out, stated...)
	}
	return true
}

// dumpKeyGuard is d of a loop body that is only `if k in d:` (no else),
// d a name; nil for any other body.
func dumpKeyGuard(body []facts.Stmt, k string) *facts.Expr {
	if len(body) != 1 || body[0].Kind != facts.StmtIf || len(body[0].Else()) > 0 {
		return nil
	}
	c := body[0].Cond
	if c == nil || c.Kind != facts.ExprCompare || c.Op() != "in" || c.X == nil || c.Y == nil ||
		c.X.Kind != facts.ExprName || c.X.Name() != k || c.Y.Kind != facts.ExprName {
		return nil
	}
	return c.Y
}

// setattrRowFields are the fields of the row a loop body that is one
// setattr(row, k, ...) sets, the row a local holding a row of an entity;
// nil for any other body.
func (rc *ruleCtx) setattrRowFields(body []facts.Stmt, sc *scope) map[string]*fieldInfo {
	if len(body) != 1 || body[0].Kind != facts.StmtExpr || body[0].Value == nil || body[0].Value.Kind != facts.ExprCall {
		return nil
	}
	call := body[0].Value
	if len(call.Args()) != 3 || call.Args()[0].Kind != facts.ExprName || !catalog.MatchAny(rc.b.lang.AttrSetCalls, call.Resolved(), call.Raw()) {
		return nil
	}
	row := sc.vars[call.Args()[0].Name()]
	if row == nil || row.kind != vEntity && row.kind != vNew {
		return nil
	}
	if ent := rc.b.entByName[row.ent]; ent != nil && len(ent.attrs) > 0 {
		return ent.attrs
	}
	return nil
}
