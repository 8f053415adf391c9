package distill

import "github.com/distill/distill/internal/allium"

// A Django lookup may ask, beside its keys, that the row has a related
// row through the reverse side of another model's foreign key naming a
// given row (healthchecks' leave-project and remove-member, hc/accounts/
// views.py:322 and 445):
//
//	project = Project.objects.get(code=code, member__user=request.user)
//	farewell_user = User.objects.filter(email=email, memberships__project=project).first()
//
// The row is the one its keys find (Project{code}), which the request
// needs to be a member's: when the rule requires the row, it requires the
// related row too, exists Member{project: project, user: user}, as it
// does a lookup's comparisons (splitComparisons).

// memberSide is the reverse side of a foreign key a filter follows: the
// related model (ent) and its foreign key to the row filtered (key).
type memberSide struct {
	ent, key string
}

// exists is that the related row c names exists for row:
// Member{project: row, user: val}.
func (m *memberSide) exists(row allium.Expr, c qcond) allium.Expr {
	j := &allium.Join{Entity: m.ent, Fields: []allium.JoinField{{Name: m.key, Value: row}, {Name: c.path[0], Value: c.val}}}
	for i := range j.Fields {
		if id, ok := j.Fields[i].Value.(*allium.Ident); ok && id.Name == j.Fields[i].Name {
			j.Fields[i].Value = nil
		}
	}
	return &allium.Unary{Op: allium.OpExists, X: j}
}

// withMemberRows is the test that the row a lookup bound to name is
// there (x: exists name), with the related rows its filter asked for:
// if project: of Project.objects.filter(name=n, member__user=u).first()
// holds only for a project of u's, exists project and exists
// Member{project, user}. A guard's requires splits the conjunction, and
// the row's comparisons (requireComparisons) state the same once.
func (rc *ruleCtx) withMemberRows(x allium.Expr, name string) allium.Expr {
	row := rc.comparedRows[name]
	if row == nil || len(row.members) == 0 {
		return x
	}
	row.tested = true
	for _, m := range row.members {
		x = &allium.Binary{Op: allium.OpAnd, X: x, Y: m}
	}
	return x
}
