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
// made on one path, and as a note for a row found.
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
		rc.untranslated(sc, line, LeftOutValue, "an assignment to "+row.ent+"."+t.Name()+" of the row found")
	}
}
