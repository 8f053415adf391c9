package distill

// A row found by one of several keys the request may give (if id: by its
// id, else: by its token), each branch a lookup of the same entity by a
// different input, is that entity's row the request names: the rule's
// trigger carries the row, as for a single lookup by id. The branches'
// walks already made each lookup the same trigger parameter (the local's
// name); only the values differ, by the query each was found by.

// requestRow is the row both branches bound k to when each is that
// entity's row the request names under one parameter, or nil.
func requestRow(thenSc, elseSc *scope, k string) *value {
	a, b := thenSc.vars[k], elseSc.vars[k]
	if a == nil || b == nil || a.kind != vEntity || b.kind != vEntity || a.ent == "" || a.ent != b.ent {
		return nil
	}
	if a.param == "" || a.param != b.param || a.expr == nil || b.expr == nil || exprKey(a.expr) != exprKey(b.expr) {
		return nil
	}
	if a.either != nil || b.either != nil {
		return nil
	}
	row := *a
	// Found by one query or another: no single lookup's conditions were
	// all read (keyed_lookups.go).
	row.foundBy = nil
	return &row
}
