package distill

import "github.com/distill/distill/internal/allium"

// firstPresentRow reads a lookup that picks a row among the rows of a
// key whose field holds a value: healthchecks' Project.transfer_request()
// is self.member_set.filter(transfer_request_date__isnull=False).first()
// (hc/accounts/models.py:519-520), the member a transfer is pending for,
// and accept_transfer answers 403 unless that member is the signed-in
// user (hc/accounts/views.py:508-510). No join states a test of presence,
// so the lookup was left out, and with it the guard, and the rule said
// anyone could take the project. It reads as the first of the rows that
// pass the tests: (project.member_set where transfer_request_date !=
// null).first. Only equalities a join could state and tests that a
// field is set; nil for anything else (an unread condition, scoping the
// spec cannot name, alternatives, a related row's field).
func (b *builder) firstPresentRow(q *query) allium.Expr {
	if q == nil || q.bad > 0 || q.scoped > 0 || len(q.alts) > 0 || q.anyOf != nil || q.path != "" {
		return nil
	}
	present := false
	for _, c := range q.conds {
		if len(c.path) > 0 || c.orNull || c.noRelated || c.many || c.fold || c.member != nil || c.val == nil {
			return nil
		}
		switch {
		case c.op == allium.OpNe && isNullLit(c.val):
			present = true
		case c.op == allium.OpEq && !isNullLit(c.val) && !isRowField(c.val):
		default:
			return nil
		}
	}
	if !present {
		return nil
	}
	coll, ok := b.collection(q, "").(*allium.Where)
	if !ok {
		return nil
	}
	return &allium.Member{X: coll, Name: "first"}
}

func isNullLit(x allium.Expr) bool {
	l, ok := x.(*allium.Lit)
	return ok && l.Kind == allium.LitNull
}
