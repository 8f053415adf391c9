package distill

import "github.com/distill/distill/internal/allium"

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
	row.mustExist = a.mustExist && b.mustExist
	// Found by one query or another: no single lookup's conditions were
	// all read (keyed_lookups.go).
	row.foundBy = nil
	return &row
}

// requireJoinedRow states that the row the request names must exist when
// every branch that found it ended the request without one (saleor's
// get_checkout, graphql/checkout/mutations/utils.py:287-298: by its
// global id through get_node_or_error, or by its token, whose lookup
// raises ValidationError on ObjectDoesNotExist, :246-256). Bound in a
// branch, neither lookup said so; joined at the top of the rule, the
// requirement is the rule's, as for a single lookup there
// (walk.go's mustExist).
func (rc *ruleCtx) requireJoinedRow(row *value, sc *scope, line int) {
	if !row.mustExist || !sc.top || row.expr == nil {
		return
	}
	rc.requires(&allium.Unary{Op: allium.OpExists, X: row.expr}, sc, line)
}

// markMustExist marks the row found, under every local that holds it, as
// one whose lookup ends the request when none is found.
func markMustExist(found *value, sc *scope) {
	if found.mustExist {
		return
	}
	marked := *found
	marked.mustExist = true
	for k, v := range sc.vars {
		if v == found {
			sc.vars[k] = &marked
		}
	}
}
