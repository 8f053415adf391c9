package distill

import (
	"maps"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A write to an attribute of a value the walk could not read (a row some
// branches found one way and others another, a helper's unread result)
// may change stored state, yet nothing in the spec says so. It is left
// out with a note naming it, never dropped without one: the reader of
// the spec learns a handler changes what it could not state.

// unreadWrite notes `x.f = v` when the local x holds a value the walk
// could not read and f is a field some entity of the spec declares (a
// write to anything else, response.status_code, is no stored state the
// spec could hold), and reports whether it did. The value is not walked,
// as it was not before the write was noted.
func (rc *ruleCtx) unreadWrite(obj *value, t *facts.Expr, sc *scope, line int) bool {
	if obj == nil || obj.kind != vUnknown || len(obj.parts) > 0 || obj.either != nil {
		return false
	}
	if t.X == nil || t.X.Kind != facts.ExprName || rc.b.isSelf(t.X) || !rc.b.anyEntityAttr(t.Name()) {
		return false
	}
	rc.untranslated(sc, line, LeftOutField, "an assignment to "+t.X.Name()+"."+t.Name()+" (of a value the walk could not read)")
	return true
}

// anyEntityAttr reports whether some entity declares a field read or
// written under the attribute name attr.
func (b *builder) anyEntityAttr(attr string) bool {
	if attr == "" {
		return false
	}
	for _, ent := range b.entList {
		if f := ent.attrField(attr); f != nil && !f.drop {
			return true
		}
	}
	return false
}

// A field given a value the walk could not read holds that value after
// the write: a later test of it reads what the code wrote, not the
// value before. mealie's remove_recipe_ingredients_from_list decrements
// recipe_ref.recipe_quantity by an amount the request may give and then
// deletes the reference when what is left is <= 0 (services/
// household_services/shopping_lists.py:484-487); read against the value
// before the decrement, the deletion's condition was wrong.

// unreadFieldWrite notes that the field m (row.field) was given a value
// the walk could not read: reading it later is unknown until the rule
// writes it again with a value it can state.
func (rc *ruleCtx) unreadFieldWrite(m *allium.Member) {
	if rc.unreadWrites == nil {
		rc.unreadWrites = map[string]bool{}
	}
	k := exprKey(m)
	rc.unreadWrites[k] = true
	delete(rc.assigned, k)
}

// Each branch of an if reads the fields as they were before the if, not
// as the other branch left them: plane's DraftIssue.save gives state a
// value the walk cannot read when there is none, else reads state.group
// (db/models/draft.py:84-106); the else branch's test is of the state the
// row has. After the if, a field either branch gave an unread value is
// unknown.

// unreadAfter is the fields unread after an if whose branches left then
// and els, given before; a branch that ends the request leaves nothing.
func unreadAfter(before, then, els map[string]bool, thenEnds, elseEnds bool) map[string]bool {
	if m, decided := afterEnds(before, then, els, thenEnds, elseEnds); decided {
		return m
	}
	out := maps.Clone(then)
	if out == nil {
		out = map[string]bool{}
	}
	maps.Copy(out, els)
	return out
}
