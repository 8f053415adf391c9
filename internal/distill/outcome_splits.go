package distill

import (
	"github.com/distill/distill/internal/allium"
)

// A handler that has stated its outcomes and then branches, each branch
// ending the request as a success, is walked as two paths (paths split
// where a branch ends): two rules of one trigger that require the same,
// but for one requires that each negates of the other (cond on one, not
// cond on the other), and whose outcomes begin alike. CTFd's registration
// creates the user, then either sends a confirmation email and returns,
// or sends a welcome email. That is one behaviour with a conditional
// outcome, and the spec states it so: mergeOutcomeSplits joins such a
// pair into the first rule, the common outcomes followed by
// `if cond: <the cond path's rest> else: <the other's rest>`. The two
// rules together say exactly what the one says.
func (b *builder) mergeOutcomeSplits() {
	drop := map[int]bool{}
	for i, ri := range b.rules {
		if drop[i] || !ri.external || ri.rule.Trigger == nil {
			continue
		}
		for j := i + 1; j < len(b.rules); j++ {
			rj := b.rules[j]
			if drop[j] || !rj.external || rj.rule.Trigger == nil || rj.rule.Trigger.Name != ri.rule.Trigger.Name {
				continue
			}
			if merged := joinedPaths(ri.rule, rj.rule); merged != nil {
				b.note("%s: rule %s is the other branch of rule %s; stated as its conditional outcome",
					provString(rj.rule.Prov), rj.rule.Name, ri.rule.Name)
				ri.rule.Body = merged
				drop[j] = true
			}
		}
	}
	b.dropRules(drop)
}

// joinedPaths is the body of a and b as one rule when they differ only in
// one requires that b states and a negates and in how their outcomes end;
// nil otherwise. At least one outcome must be common: the branch comes
// after outcomes both paths state.
func joinedPaths(a, b *allium.Rule) []allium.Stmt {
	headA, ensA, okA := splitEnsures(a.Body)
	headB, ensB, okB := splitEnsures(b.Body)
	if !okA || !okB || len(headA) != len(headB) {
		return nil
	}
	diff := -1
	for k := range headA {
		if stmtKey(headA[k]) == stmtKey(headB[k]) {
			continue
		}
		if diff >= 0 {
			return nil
		}
		diff = k
	}
	if diff < 0 {
		return nil
	}
	ra, okA := headA[diff].(*allium.Requires)
	rb, okB := headB[diff].(*allium.Requires)
	if !okA || !okB || exprKey(negate(rb.Cond)) != exprKey(ra.Cond) {
		return nil
	}
	common := 0
	for common < len(ensA) && common < len(ensB) && sameOutcome(ensA[common], ensB[common]) {
		common++
	}
	if common == 0 || common == len(ensA) && common == len(ensB) {
		return nil
	}
	restA, restB := ensA[common:], ensB[common:]
	var ifs *allium.If
	switch {
	case len(restB) == 0:
		ifs = &allium.If{Meta: ra.Meta, Branches: []allium.IfBranch{{Cond: ra.Cond, Body: restA}}}
	default:
		ifs = &allium.If{Meta: rb.Meta, Branches: []allium.IfBranch{{Cond: rb.Cond, Body: restB}}}
		if len(restA) > 0 {
			ifs.Else = restA
		}
	}
	body := make([]allium.Stmt, 0, len(headA))
	body = append(body, headA[:diff]...)
	body = append(body, headA[diff+1:]...)
	outcomes := make([]allium.Stmt, 0, common+1)
	for k := range common {
		outcomes = append(outcomes, namedOutcome(ensA[k], ensB[k]))
	}
	outcomes = append(outcomes, ifs)
	return append(body, &allium.Ensures{Meta: allium.Meta{Prov: outcomes[0].Info().Prov}, Body: outcomes})
}

// splitEnsures parts a rule's body into what precedes its one ensures
// block (lets and requires) and that block's outcomes; ok is false when
// the body is not so shaped.
func splitEnsures(body []allium.Stmt) (head, outcomes []allium.Stmt, ok bool) {
	if len(body) == 0 {
		return nil, nil, false
	}
	en, isEn := body[len(body)-1].(*allium.Ensures)
	if !isEn {
		return nil, nil, false
	}
	for _, s := range body[:len(body)-1] {
		if _, again := s.(*allium.Ensures); again {
			return nil, nil, false
		}
	}
	return body[:len(body)-1], en.Body, true
}

func stmtKey(s allium.Stmt) string { return allium.PrintConstruct(s) }

// sameOutcome reports two outcomes that state the same: the same text, or
// the same creation named by a let on one path only (the path that reads
// the new row afterwards names it: let user = User.created(...), then
// SignedToken.created(user: user)).
func sameOutcome(a, b allium.Stmt) bool {
	if stmtKey(a) == stmtKey(b) {
		return true
	}
	x, y := creationOf(a), creationOf(b)
	return x != nil && y != nil && exprKey(x) == exprKey(y)
}

// namedOutcome is the one of two same outcomes that names its creation,
// when one does: the joined rule keeps the let a branch reads.
func namedOutcome(a, b allium.Stmt) allium.Stmt {
	if _, ok := b.(*allium.Let); ok {
		return b
	}
	return a
}

// creationOf is the E.created(...) call an outcome states, whether a let
// names it or not; nil for any other outcome.
func creationOf(s allium.Stmt) allium.Expr {
	switch st := s.(type) {
	case *allium.Let:
		if isCreation(st.Value) {
			return st.Value
		}
	case *allium.ExprStmt:
		if isCreation(st.X) {
			return st.X
		}
	}
	return nil
}
