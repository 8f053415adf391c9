package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
)

// sharedOutcomes takes out of an if the outcomes both its branches state
// alike (graphql_auth's DeleteAccount revokes the user's refresh tokens
// whether it deletes the user or deactivates them): they hold either
// way, so they are stated once, outside the if. Only a for or an
// assignment moves, and only when neither branch binds a name (a let) it
// could read.
func sharedOutcomes(thenOut, elseOut []allium.Stmt) (shared, restThen, restElse []allium.Stmt) {
	binds := func(list []allium.Stmt) bool {
		return slices.ContainsFunc(list, func(s allium.Stmt) bool { _, isLet := s.(*allium.Let); return isLet })
	}
	if len(thenOut) == 0 || len(elseOut) == 0 || binds(thenOut) || binds(elseOut) {
		return nil, thenOut, elseOut
	}
	inElse := map[string]bool{}
	for _, st := range elseOut {
		inElse[stmtKey(st)] = true
	}
	moved := map[string]bool{}
	for _, st := range thenOut {
		switch st.(type) {
		case *allium.For, *allium.Assign:
		default:
			continue
		}
		if k := stmtKey(st); inElse[k] && !moved[k] {
			moved[k] = true
			shared = append(shared, st)
		}
	}
	if len(shared) == 0 {
		return nil, thenOut, elseOut
	}
	keep := func(list []allium.Stmt) []allium.Stmt {
		var out []allium.Stmt
		for _, st := range list {
			if !moved[stmtKey(st)] {
				out = append(out, st)
			}
		}
		return out
	}
	return shared, keep(thenOut), keep(elseOut)
}

// sameBranchOutcomes reports an if whose two branches state the same
// outcomes, one for one and in the same order, and bind no name (a let
// one branch binds could be read after the if): whichever branch runs,
// they hold.
func sameBranchOutcomes(thenOut, elseOut []allium.Stmt) bool {
	if len(thenOut) == 0 || len(thenOut) != len(elseOut) {
		return false
	}
	for i := range thenOut {
		if _, isLet := thenOut[i].(*allium.Let); isLet || stmtKey(thenOut[i]) != stmtKey(elseOut[i]) {
			return false
		}
	}
	return true
}

// commonCreations is what two branches under a condition the spec cannot
// read both state, when they make the same rows and differ only in some
// of their values (saleor's order fulfilment records a fulfilled-items or
// an awaits-approval OrderEvent, order/actions.py:1326): one for one, a
// creation of the same entity keeps the values both give alike, and any
// other outcome must be the same text. Whichever branch runs, the rows
// are made with those values. ok is false when the branches do not pair
// up so.
func commonCreations(thenOut, elseOut []allium.Stmt) (common []allium.Stmt, ok bool) {
	if len(thenOut) == 0 || len(thenOut) != len(elseOut) {
		return nil, false
	}
	for i := range thenOut {
		if _, isLet := thenOut[i].(*allium.Let); isLet {
			return nil, false
		}
		if stmtKey(thenOut[i]) == stmtKey(elseOut[i]) {
			common = append(common, thenOut[i])
			continue
		}
		x, okX := creationCall(thenOut[i])
		y, okY := creationCall(elseOut[i])
		if !okX || !okY || exprKey(x.Fun) != exprKey(y.Fun) {
			return nil, false
		}
		given := map[string]string{}
		for _, a := range y.Args {
			if a.Name == "" {
				return nil, false
			}
			given[a.Name] = exprKey(a.Value)
		}
		merged := &allium.Call{ExprPos: x.ExprPos, Fun: x.Fun}
		for _, a := range x.Args {
			if a.Name == "" {
				return nil, false
			}
			if k, ok := given[a.Name]; ok && k == exprKey(a.Value) {
				merged.Args = append(merged.Args, a)
			}
		}
		es := *thenOut[i].(*allium.ExprStmt)
		es.X = merged
		common = append(common, &es)
	}
	return common, true
}
