package distill

import (
	"github.com/distill/distill/internal/allium"
)

// oneToOneLookup reads a lookup of the one instance related to another
// through a one-to-one relationship (UserStatus.objects.get(user=user)
// where User has status: UserStatus with user = this, single) as the
// relationship itself: user.status. It returns nil for any other lookup.
func (rc *ruleCtx) oneToOneLookup(q *query) *value {
	b := rc.b
	if q == nil || q.via != nil || q.bad > 0 || len(q.conds) != 1 {
		return nil
	}
	c := q.conds[0]
	if c.op != allium.OpEq || c.val == nil || len(c.path) > 0 {
		// user__username=x compares a field of the related row, not the
		// row itself.
		return nil
	}
	ent := b.entByName[q.ent]
	if ent == nil {
		return nil
	}
	var fk *fieldInfo
	for _, f := range ent.fields {
		if f.name == c.field && !f.drop && f.fkEntity != "" {
			fk = f
			break
		}
	}
	if fk == nil {
		return nil
	}
	r, adopt := b.relationshipFor(fk.fkEntity, q.ent, fk.name)
	if r == nil || !b.singleRels[fk.fkEntity+"."+r.Name] {
		return nil
	}
	adopt()
	fk.used = true
	return &value{kind: vEntity, ent: q.ent, expr: &allium.Member{X: c.val, Name: r.Name}}
}

// idempotentAssign reads `if not x: x = true` (and `if x: x = false`,
// `if x != v: x = v`) as the assignment alone: whichever way the test
// goes, x holds the value after it. It returns nil for any other if.
func idempotentAssign(ifs *allium.If) allium.Stmt {
	if len(ifs.Branches) != 1 || len(ifs.Else) != 0 || len(ifs.Branches[0].Body) != 1 {
		return nil
	}
	as, ok := ifs.Branches[0].Body[0].(*allium.Assign)
	if !ok {
		return nil
	}
	target, val := exprKey(as.Target), as.Value
	switch c := ifs.Branches[0].Cond.(type) {
	case *allium.Unary:
		// not x, then x = true
		if c.Op == allium.OpNot && exprKey(c.X) == target && isBoolLit(val, "true") {
			return as
		}
	case *allium.Member:
		// x, then x = false
		if exprKey(c) == target && isBoolLit(val, "false") {
			return as
		}
	case *allium.Binary:
		// x != v, then x = v
		if c.Op == allium.OpNe && exprKey(c.X) == target && exprKey(c.Y) == exprKey(val) {
			return as
		}
	}
	return nil
}

func isBoolLit(x allium.Expr, text string) bool {
	l, ok := x.(*allium.Lit)
	return ok && l.Kind == allium.LitBool && l.Text == text
}

// oneToOneBack reads u.status.user, the way back through a one-to-one
// relationship, as u itself.
func (rc *ruleCtx) oneToOneBack(x *value, attr string) *value {
	b := rc.b
	m, ok := x.expr.(*allium.Member)
	if !ok {
		return nil
	}
	ent := b.entByName[x.ent]
	if ent == nil {
		return nil
	}
	f := ent.attrs[attr]
	if f == nil || f.drop || f.fkEntity == "" {
		return nil
	}
	r, _ := b.relationshipFor(f.fkEntity, x.ent, f.name)
	if r == nil || r.Name != m.Name || !b.singleRels[f.fkEntity+"."+r.Name] {
		return nil
	}
	return &value{kind: vEntity, ent: f.fkEntity, expr: m.X}
}

// relationBesideKey reads obj.user where the model declares only the
// foreign key user_id (the relationship itself is built elsewhere, a
// declared_attr or a mixin) as the related instance.
func (rc *ruleCtx) relationBesideKey(x *value, attr string) *value {
	ent := rc.b.entByName[x.ent]
	if ent == nil || ent.attrs[attr] != nil {
		return nil
	}
	f := ent.attrs[attr+"_id"]
	if f == nil || f.drop || f.fkEntity == "" {
		return nil
	}
	rc.touch(x)
	f.used = true
	return &value{kind: vEntity, ent: f.fkEntity, expr: &allium.Member{X: x.expr, Name: f.name}}
}
