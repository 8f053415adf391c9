package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A row updated from dicts by a method of the row (SQLModel's
// crud.update_user):
//
//	user_data = user_in.model_dump(exclude_unset=True)
//	extra_data = {}
//	if "password" in user_data:
//	    extra_data["hashed_password"] = get_password_hash(user_data["password"])
//	db_user.sqlmodel_update(user_data, update=extra_data)
//
// Each entry whose key is a field of the row sets that field: a body's
// optional field only when given, an entry set under a condition only
// under it. Keys the row has no field of (password) set nothing.

// rowUpdate states row.method(data, update=extra) (catalog row_updates).
func (rc *ruleCtx) rowUpdate(e *facts.Expr, row *value, sc *scope, out *[]allium.Stmt) {
	b := rc.b
	ent := b.entByName[row.ent]
	if ent == nil || e.X == nil || e.X.X == nil || len(e.Args()) != 1 {
		rc.untranslated(sc, e.Line(), LeftOutUnknownCallee, "a call to "+e.Raw())
		return
	}
	dicts := []*facts.Expr{&e.Args()[0]}
	if kw := e.Keyword(b.lang.UpdateKeyword); kw != nil && b.lang.UpdateKeyword != "" {
		dicts = append(dicts, kw)
	}
	for _, d := range dicts {
		v := rc.eval(d, sc, out, false)
		if len(v.parts) == 0 {
			b.stats.EffectsSeen++
			rc.untranslated(sc, e.Line(), LeftOutValue, "the values of "+e.Raw())
			continue
		}
		if v.dumped {
			rc.rowUpdateFromDump(e, ent, v, out)
			continue
		}
		for _, p := range v.parts {
			if p.e == nil || p.e.Kind != facts.ExprDict || p.sc != sc && p.when == nil {
				continue
			}
			if p.unknown {
				rc.untranslated(sc, e.Line(), LeftOutCondition, "an entry set under a condition in "+e.Raw())
				continue
			}
			from := len(*out)
			for _, en := range p.e.Entries() {
				if en.Key == nil || en.Key.Kind != facts.ExprString || v.popped[en.Key.Value()] {
					continue
				}
				if f := ent.attrField(en.Key.Value()); f == nil || f.drop {
					continue // user_in.password: no field of the row
				}
				b.stats.EffectsSeen++
				target := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, X: e.X.X, Name: en.Key.Value(), Line: e.Line()})
				rc.assign(target, &en.Value, p.sc, out, e.Line())
			}
			if p.when != nil && len(*out) > from {
				changes := append([]allium.Stmt(nil), (*out)[from:]...)
				*out = append((*out)[:from], &allium.If{Meta: b.meta(sc.file, e.Line()), Branches: []allium.IfBranch{{Cond: p.when, Body: changes}}})
				continue
			}
			rc.givenOnly(p.e, p.sc, (*out)[from:])
		}
	}
}

// rowUpdateFromDump states row.method(d) for d a dump of the request's
// schema: each entry that names a field of the row sets it, under the
// condition the entry is in the dump under (dumpEntries: with
// exclude_unset=True a field the request left out is no entry, whatever
// its default).
func (rc *ruleCtx) rowUpdateFromDump(e *facts.Expr, ent *entityInfo, d *value, out *[]allium.Stmt) {
	entries, ok := rc.dumpEntries(d, out, maxShapeFields)
	if !ok {
		rc.b.stats.EffectsSeen++
		rc.untranslated(d.parts[0].sc, e.Line(), LeftOutCondition, "an entry set under a condition in "+e.Raw())
		return
	}
	for _, en := range entries {
		if f := ent.attrField(en.key); f == nil || f.drop {
			continue // user_in.password: no field of the row
		}
		rc.b.stats.EffectsSeen++
		target := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, X: e.X.X, Name: en.key, Line: e.Line()})
		var body []allium.Stmt
		rc.assign(target, en.val, en.sc, &body, e.Line())
		if en.when != nil && len(body) > 0 {
			body = []allium.Stmt{&allium.If{Meta: *body[0].Info(), Branches: []allium.IfBranch{{Cond: en.when, Body: body}}}}
		}
		*out = append(*out, body...)
	}
}

// setDictEntry records d["key"] = v on a dict literal kept in a local as
// an entry of it (setObjectEntry); an entry set in a branch whose
// condition the spec cannot state holds under an unknown condition, never
// always (an inlined helper's branch included). false when d is no such
// dict or v no name read (entryKeyAttr).
func (rc *ruleCtx) setDictEntry(d *value, t, v *facts.Expr, sc *scope) bool {
	k := entryKeyAttr(d, t, v)
	if k == nil {
		return false
	}
	first, n := d.parts[0].sc, len(d.parts)
	if !rc.setObjectEntry(d, k, v, sc) {
		return false
	}
	if len(d.parts) > n && sc != first && sc.under != alwaysTrue {
		if p := &d.parts[len(d.parts)-1]; p.when == nil {
			p.unknown = true
		}
	}
	return true
}

// entryKeyAttr is d["key"] written as d.key, the form an entry set on a
// dict literal kept in a local takes (setObjectEntry); nil when d is no
// such dict, the key no string, or the value v more than a name read
// (a call is evaluated where it stands: its effects must not wait for a
// reader of the entry that may never come).
func entryKeyAttr(d *value, t, v *facts.Expr) *facts.Expr {
	if d.kind != vUnknown || d.dumped || len(d.parts) == 0 || t.Y == nil || t.Y.Kind != facts.ExprString || !isSnake(t.Y.Value()) ||
		v.Kind != facts.ExprName && v.Kind != facts.ExprAttr {
		return nil
	}
	return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, X: t.X, Name: t.Y.Value(), Line: t.Line()})
}

// setFieldTest is the test that key is in d, a dump of only the fields
// the request set: exists of the body's field of that name when the
// schema defaults it or declares it optional (setInput); nil when d has
// no such entry or the request must give the field.
func (rc *ruleCtx) setFieldTest(d *value, key string, out *[]allium.Stmt) allium.Expr {
	if len(d.parts) == 0 || d.popped[key] {
		return nil
	}
	p := d.parts[0]
	for _, en := range p.e.Entries() {
		if en.Key != nil && en.Key.Kind == facts.ExprString && en.Key.Value() == key {
			val := en.Value
			return rc.setInput(&val, p.sc, out)
		}
	}
	return nil
}

// setKeyTest reads "password" in user_data, user_data a dump of only the
// fields the request set (model_dump(exclude_unset=True)), as the test
// that the request gave its optional field: exists password. ok is false
// when e is no such test; x nil when it is one the spec cannot state.
func (rc *ruleCtx) setKeyTest(e *facts.Expr, sc *scope, out *[]allium.Stmt) (x allium.Expr, ok bool) {
	if e.Op() != "in" && e.Op() != "not in" || e.X == nil || e.Y == nil || e.X.Kind != facts.ExprString || e.Y.Kind != facts.ExprName {
		return nil, false
	}
	var scratch []allium.Stmt
	d := rc.eval(e.Y, sc, &scratch, false)
	if !d.setOnly {
		return nil, false
	}
	x = rc.setFieldTest(d, e.X.Value(), out)
	if x != nil && e.Op() == "not in" {
		x = negate(x)
	}
	return x, true
}

// literalKeyIn decides `"password" in data` when data holds a dict the
// code wrote out whose keys include that one: a shape made with the
// value and dumped (UserUpdate(password=new_password).model_dump(
// exclude_unset=True), fastapi-full-stack's reset_password into
// crud.update_user, crud.py:20-27 and login.py:91-96). Only a key
// written there is decided, as given; a dump may hold others (defaults),
// so the absence of one is left to the usual reading, as is any dict
// with an entry set under a condition or keys taken out.
func (rc *ruleCtx) literalKeyIn(e *facts.Expr, sc *scope) (truth, ok bool) {
	if e.Op() != "in" && e.Op() != "not in" || e.X.Kind != facts.ExprString || e.Y.Kind != facts.ExprName {
		return false, false
	}
	if writtenOut(sc.vars[e.Y.Name()], e.X) {
		return e.Op() == "in", true
	}
	return false, false
}

// writtenOut reports d a dict whose parts are all dicts the code wrote
// out, none set under a condition, one of which has the key key (a
// string) that was not taken out since.
func writtenOut(d *value, key *facts.Expr) bool {
	if d == nil || key == nil || key.Kind != facts.ExprString || d.kind == vReqDict || d.setOnly || d.popped[key.Value()] || len(d.parts) == 0 {
		return false
	}
	found := false
	for _, p := range d.parts {
		if p.e == nil || p.e.Kind != facts.ExprDict || p.unknown || p.when != nil {
			return false
		}
		for _, en := range p.e.Entries() {
			found = found || en.Key != nil && en.Key.Kind == facts.ExprString && en.Key.Value() == key.Value()
		}
	}
	return found
}
