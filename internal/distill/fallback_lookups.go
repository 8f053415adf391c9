package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A row looked up by one key, then, when none is found, by another, with
// the request turned away when neither finds it (warehouse's
// request_password_reset, accounts/views.py:792-806):
//
//	user = user_service.get_user_by_username(value)
//	if user:
//	    ...
//	elif user := user_service.get_user_by_email(value):
//	    ...
//	else:
//	    return {...}
//
// After the chain, user is the row either lookup found: the rule requires
// one (exists user_by_username_or_email(value)), and user names it from
// then on. What each branch does is done under a condition the spec does
// not name (which lookup found it), so the branches are walked as ways of
// an unknown test: a local they bind differently holds no value after.

// fallbackLookup walks such a chain; false, having done nothing, when s
// is no such chain or the two lookups cannot be written as one.
func (rc *ruleCtx) fallbackLookup(s *facts.Stmt, sc *scope, out *[]allium.Stmt) bool {
	if !sc.top || s.Cond == nil || s.Cond.Kind != facts.ExprName || len(s.Else()) != 1 {
		return false
	}
	name := s.Cond.Name()
	elif := &s.Else()[0]
	w := elif.Cond
	if elif.Kind != facts.StmtIf || w == nil || w.Kind != facts.ExprWalrus || w.Name() != name || w.X == nil {
		return false
	}
	if !rc.endsRequest(elif.Else(), sc) || !onlyBindsAndEnds(elif.Else()) || rc.endsRequest(s.Body, sc) || rc.endsRequest(elif.Body, sc) {
		return false
	}
	first := sc.vars[name]
	if first == nil {
		return false
	}
	ent, f1, v1 := rc.keyedRow(first)
	if ent == "" {
		return false
	}
	// The first lookup's let, written last, is to name the row either
	// lookup finds; a let that clauses read since stays as it is.
	var firstLet *allium.Let
	if id, ok := first.expr.(*allium.Ident); ok && first.kind == vEntity {
		firstLet = rc.ruleLet(id.Name)
		if firstLet == nil || len(rc.body) == 0 || rc.body[len(rc.body)-1] != allium.Stmt(firstLet) {
			return false
		}
	}
	mark := len(rc.body)
	var aside []allium.Stmt
	second := rc.eval(w.X, sc, &aside, false)
	ent2, f2, v2 := rc.keyedRow(second)
	// The lets the second lookup's helper bound on its way (row =
	// Email{email: x}) name only what the one lookup says, when read so;
	// when not, the walk evaluates it again and binds them again.
	kept := rc.body[:mark]
	for _, st := range rc.body[mark:] {
		if l, ok := st.(*allium.Let); ok {
			delete(rc.lets, l.Name)
			continue
		}
		kept = append(kept, st)
	}
	rc.body = kept
	if ent2 != ent || f1 == f2 || exprKey(withoutLowercase(v1)) != exprKey(withoutLowercase(v2)) {
		return false
	}
	either := rc.b.join(&query{ent: ent, anyOf: []string{f1, f2}, anyVal: withoutLowercase(v1)})
	if either == nil {
		return false
	}
	row := allium.Expr(either)
	if firstLet != nil {
		firstLet.Value, row = either, first.expr
	} else {
		sc.vars[name] = &value{kind: vEntity, ent: ent, expr: either}
	}
	*out = append(*out, aside...)
	rc.b.stats.GuardsSeen++
	rc.requires(&allium.Unary{Op: allium.OpExists, X: row}, sc, elif.Line())
	// The two ways, under a test the spec cannot state.
	ways := facts.NewStmt(facts.StmtSpec{Kind: facts.StmtIf, Line: s.Line()})
	ways.Cond = &facts.Expr{Kind: facts.ExprOpaque}
	ways.Body = s.Body
	ways.SetElse(elif.Body)
	rc.ifStmt(&ways, sc, out)
	return true
}

// onlyBindsAndEnds reports a block that only binds locals and passes
// before it returns or raises: turning the request away, it does nothing
// the spec states.
func onlyBindsAndEnds(list []facts.Stmt) bool {
	for i := range list {
		switch list[i].Kind {
		case facts.StmtAssign, facts.StmtPass:
		case facts.StmtReturn, facts.StmtRaise:
			return i == len(list)-1
		default:
			return false
		}
	}
	return false
}

// keyedRow is the entity, key and value of a row found by one key: a
// lookup of one equality (User{username: x}), a let bound to one, or the
// row a foreign key of such a lookup refers to (Email{email: x}.user: the
// user found by email). "" when v is no such row.
func (rc *ruleCtx) keyedRow(v *value) (ent, field string, val allium.Expr) {
	switch v.kind {
	case vLookup:
		q := v.q
		if q == nil || len(q.conds) != 1 || q.bad > 0 || q.via != nil || len(q.alts) > 0 || q.anyOf != nil || q.action != "" {
			return "", "", nil
		}
		c := q.conds[0]
		if c.op != allium.OpEq || c.val == nil || len(c.path) > 0 || c.orNull || c.many || c.fold {
			return "", "", nil
		}
		if _, ok := c.val.(*allium.Member); ok && slices.Contains(rc.b.lang.IDAttrs, c.field) {
			// User{id: Email{email: x}.user}: the row the key refers to.
			return rc.keyedRowExpr(q.ent, c.val)
		}
		return q.ent, c.field, c.val
	case vEntity:
		return rc.keyedRowExpr(v.ent, v.expr)
	}
	return "", "", nil
}

// keyedRowExpr reads keyedRow's row of ent from its expression.
func (rc *ruleCtx) keyedRowExpr(ent string, x allium.Expr) (string, string, allium.Expr) {
	switch x := x.(type) {
	case *allium.Ident:
		if l := rc.ruleLet(x.Name); l != nil {
			return rc.keyedRowExpr(ent, l.Value)
		}
	case *allium.Join:
		if x.Entity == ent && len(x.Fields) == 1 {
			return ent, x.Fields[0].Name, joinFieldValue(x.Fields[0])
		}
	case *allium.Member:
		inner := x.X
		if id, ok := inner.(*allium.Ident); ok {
			if l := rc.ruleLet(id.Name); l != nil {
				inner = l.Value // row.user of let row = Email{email: x}
			}
		}
		j, ok := inner.(*allium.Join)
		if !ok || len(j.Fields) != 1 {
			return "", "", nil
		}
		owner := rc.b.entByName[j.Entity]
		if owner == nil {
			return "", "", nil
		}
		if f := owner.field(x.Name); f != nil && f.fkEntity == ent {
			return ent, j.Fields[0].Name, joinFieldValue(j.Fields[0])
		}
	}
	return "", "", nil
}

// joinFieldValue is a join field's value, its name for the shorthand
// (User{username}).
func joinFieldValue(f allium.JoinField) allium.Expr {
	if f.Value == nil {
		return &allium.Ident{Name: f.Name}
	}
	return f.Value
}
