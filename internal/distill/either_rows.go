package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A local that holds the row found, or a row made when none was, is
// either of them after the if:
//
//	user = User.objects.filter(email=email).first()
//	if not user:
//	    user = User(email=email, username=uuid4().hex)
//	    user.save()
//	user.is_active = True
//	user.save()
//
// (plane's complete_login_or_signup and save_user_data, authentication/
// adapter/base.py:289-349, 220-233). Read as no row at all, the writes
// after the if were dropped without a note, and the creation kept the
// column's default is_active: false that the code then overwrites. A
// write to either row is now the made row's value, stated in its
// creation (the path that made it runs the write too), and for the row
// found it is left out with a note: the spec cannot say "if it was
// found" where the rule's own creation is conditional.

// eitherRows is the value of a local bound to a row on one path and to
// another row on the other (a found row and a new one); nil unless both
// are rows.
func eitherRows(a, b *value) *value {
	isRow := func(x *value) bool { return x != nil && (x.kind == vEntity || x.kind == vNew) }
	if a != nil && a.either != nil && isRow(b) {
		// The other branch, merged after the first made the value.
		if !slices.Contains(a.either, b) {
			a.either = append(a.either, b)
		}
		return a
	}
	if !isRow(a) || !isRow(b) {
		return nil
	}
	return &value{kind: vUnknown, either: []*value{a, b}}
}

// assignEither states a write to either row: in the creation of a row
// made on one path, and for a row found under the condition that it was
// not made (and, unless that condition holds only where the lookup found
// the row, that it exists), or as a note when the spec cannot state that
// condition.
func (rc *ruleCtx) assignEither(obj *value, t, v *facts.Expr, sc *scope, out *[]allium.Stmt, line int) {
	const held = "__either_row"
	for _, row := range obj.either {
		if row.kind == vNew {
			x := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: held, Raw: held, Line: line})
			target := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprAttr, X: &x, Name: t.Name(), Raw: held + "." + t.Name(), Line: line})
			sc.vars[held] = row
			rc.assign(&target, v, sc, out, line)
			delete(sc.vars, held)
			continue
		}
		rc.b.stats.EffectsSeen++
		if obj.madeWhen == nil || row.kind != vEntity {
			rc.untranslated(sc, line, LeftOutValue, "an assignment to "+row.ent+"."+t.Name()+" of the row found")
			continue
		}
		// The row found is the local's when the row was not made
		// (dispatch's get_or_create_user_settings, auth/service.py:
		// 299-307: if not exists settings, it is made): the write holds
		// under that.
		x := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: held, Raw: held, Line: line})
		target := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprAttr, X: &x, Name: t.Name(), Raw: held + "." + t.Name(), Line: line})
		sc.vars[held] = row
		var body []allium.Stmt
		rc.assign(&target, v, sc, &body, line)
		delete(sc.vars, held)
		if len(body) == 0 {
			continue
		}
		found := negate(obj.madeWhen)
		var exists allium.Expr
		if x := rc.valueExpr(row); x != nil && !holdsFound(found, x) {
			// Made under another condition (if kind == "signup"): not
			// made is no row found, the lookup may have found none, and
			// the write is to a row only when one was.
			exists = &allium.Unary{Op: allium.OpExists, X: x}
		}
		if n := len(*out); n > 0 {
			// The write before it to the row found: one block.
			if last, ok := (*out)[n-1].(*allium.If); ok && len(last.Branches) == 1 && exprKey(last.Branches[0].Cond) == exprKey(found) {
				last.Branches[0].Body = appendGuarded(last.Branches[0].Body, exists, body)
				continue
			}
		}
		*out = append(*out, &allium.If{Meta: *body[0].Info(), Branches: []allium.IfBranch{{Cond: found, Body: appendGuarded(nil, exists, body)}}})
	}
}

// madeWhen is the condition under which rows, the either value of a local
// bound to the row found (old) before an if whose branch (the then branch
// when inThen) made the row v, holds the row made: the if's condition
// cond, or its negation for the else branch; nil for any other pair (a
// third row, a row made on both paths, a condition the spec cannot
// state).
func madeWhen(rows, old, v *value, cond allium.Expr, inThen bool) allium.Expr {
	if cond == nil || len(rows.either) != 2 || rows.either[0] != old || rows.either[1] != v || old.kind != vEntity || v.kind != vNew {
		return nil
	}
	if inThen {
		return cond
	}
	return negate(cond)
}

// holdsFound reports whether found, the condition the row was not made
// under, holds only where the lookup found the row x: exists x (if not
// user: made), or a conjunction with it (not (not user or force) is user
// and not force).
func holdsFound(found, x allium.Expr) bool {
	switch c := found.(type) {
	case *allium.Unary:
		return c.Op == allium.OpExists && exprKey(c.X) == exprKey(x)
	case *allium.Binary:
		switch c.Op {
		case allium.OpAnd:
			return holdsFound(c.X, x) || holdsFound(c.Y, x)
		case allium.OpNe:
			null, ok := c.Y.(*allium.Lit)
			return ok && null.Kind == allium.LitNull && exprKey(c.X) == exprKey(x)
		}
	}
	return false
}

// appendGuarded appends body to stmts, under guard when there is one: in
// the guard's block that ends stmts, if it does, so that the writes to
// the row found stay one block.
func appendGuarded(stmts []allium.Stmt, guard allium.Expr, body []allium.Stmt) []allium.Stmt {
	if guard == nil {
		return append(stmts, body...)
	}
	if n := len(stmts); n > 0 {
		if last, ok := stmts[n-1].(*allium.If); ok && len(last.Branches) == 1 && exprKey(last.Branches[0].Cond) == exprKey(guard) {
			last.Branches[0].Body = append(last.Branches[0].Body, body...)
			return stmts
		}
	}
	return append(stmts, &allium.If{Meta: *body[0].Info(), Branches: []allium.IfBranch{{Cond: guard, Body: body}}})
}
