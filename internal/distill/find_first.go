package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// findFirst reads a helper that searches a relationship for one row and
// returns something of it (dispatch's DispatchUser.get_organization_role):
//
//	for o in self.organizations:
//	    if o.organization.slug == organization_slug:
//	        return o.role
//
// as the row the relationship and the test name,
// DispatchUserOrganization{dispatch_user: self, organization:
// Organization{slug: organization_slug}}, and the helper's result as what
// the return reads of it. Reports whether the loop was read so.
func (rc *ruleCtx) findFirst(s *facts.Stmt, it *value, sc *scope, out *[]allium.Stmt) bool {
	if !sc.inlined || it.q == nil || len(it.q.conds) > 0 || len(s.Body) != 1 {
		return false
	}
	test := &s.Body[0]
	if test.Kind != facts.StmtIf || len(test.Else()) != 0 || len(test.Body) != 1 ||
		test.Body[0].Kind != facts.StmtReturn || test.Body[0].Value == nil {
		return false
	}
	j := relationshipJoin(it.q)
	if j == nil || !rc.joinTest(j, test.Cond, s.Targets[0].Name(), sc, out) {
		return false
	}
	inner := *sc
	inner.vars = cloneVars(sc.vars)
	inner.vars[s.Targets[0].Name()] = &value{kind: vEntity, ent: it.q.ent, expr: j}
	sc.setRet(rc.eval(test.Body[0].Value, &inner, out, false))
	return true
}

// relationshipJoin is the join that names the rows of a relationship
// (user.organizations: DispatchUserOrganization{dispatch_user: user}), to
// which a search adds its conditions; nil for a query that is not one.
func relationshipJoin(q *query) *allium.Join {
	via, ok := q.via.(*allium.Member)
	if !ok || q.rel == nil {
		return nil
	}
	w, ok := q.rel.With.(*allium.Binary)
	if !ok || w.Op != allium.OpEq {
		return nil
	}
	fk, ok := w.X.(*allium.Ident)
	if this, isThis := w.Y.(*allium.Ident); !ok || !isThis || this.Name != "this" {
		return nil
	}
	return &allium.Join{Entity: q.ent, Fields: []allium.JoinField{{Name: fk.Name, Value: via.X}}}
}

// joinTest adds to j the equalities a test of the loop variable states:
// row.field == v, row.ref.field == v (a field of the row it refers to),
// joined by and. False when any part is something else.
func (rc *ruleCtx) joinTest(j *allium.Join, cond *facts.Expr, row string, sc *scope, out *[]allium.Stmt) bool {
	if cond == nil {
		return false
	}
	if cond.Kind == facts.ExprBoolOp && cond.Op() == "and" {
		return rc.joinTest(j, cond.X, row, sc, out) && rc.joinTest(j, cond.Y, row, sc, out)
	}
	if cond.Kind != facts.ExprCompare || cond.Op() != "==" || cond.X == nil || cond.Y == nil || cond.X.Kind != facts.ExprAttr {
		return false
	}
	ent := rc.b.entByName[j.Entity]
	if ent == nil {
		return false
	}
	val := rc.tr(cond.Y, sc, out)
	if val == nil {
		return false
	}
	x := cond.X
	if x.X != nil && x.X.Kind == facts.ExprName && x.X.Name() == row {
		f := ent.attrField(x.Name())
		if f == nil || f.drop {
			return false
		}
		j.Fields = append(j.Fields, allium.JoinField{Name: f.name, Value: val})
		return true
	}
	ref := x.X
	if ref == nil || ref.Kind != facts.ExprAttr || ref.X == nil || ref.X.Kind != facts.ExprName || ref.X.Name() != row {
		return false
	}
	f := ent.attrField(ref.Name())
	if f == nil || f.fkEntity == "" {
		return false
	}
	target := rc.b.entByName[f.fkEntity]
	tf := (*fieldInfo)(nil)
	if target != nil {
		tf = target.attrField(x.Name())
	}
	if tf == nil || tf.drop {
		return false
	}
	inner := &allium.Join{Entity: f.fkEntity, Fields: []allium.JoinField{{Name: tf.name, Value: val}}}
	j.Fields = append(j.Fields, allium.JoinField{Name: f.name, Value: inner})
	return true
}
