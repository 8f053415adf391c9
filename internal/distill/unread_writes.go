package distill

import "github.com/distill/distill/internal/facts"

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
