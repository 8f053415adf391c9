package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A request schema dumped into a dict that the handler then edits before
// building another schema from it (fastapi-boilerplate's write_user):
//
//	d = user.model_dump()
//	d["hashed_password"] = get_password_hash(password=d["password"])
//	del d["password"]
//	crud_users.create(db=db, object=UserCreateInternal(**d))
//
// The dict value remembers its entries (payloads.go): the dump gives one
// per field of the schema, a subscript assignment adds one, del removes
// it, and a schema built from the dict spread holds them.

// shapeDump is the dict of a request schema's fields read from the
// schema (user.model_dump(exclude={"password"})); nil when recv is no
// request schema the walk knows or the call is no dump.
func (rc *ruleCtx) shapeDump(e *facts.Expr, method string, recv *value, sc *scope) *value {
	if recv == nil || recv.kind != vShape || recv.shape == nil || recv.parts != nil || !shapeDumpMethods[method] || e.X == nil || e.X.X == nil {
		return nil
	}
	skip := map[string]bool{}
	if ex := e.Keyword("exclude"); ex != nil {
		for _, n := range literalNames(ex) {
			skip[n] = true
		}
	}
	d := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprDict, Line: e.Line()})
	var entries []facts.DictEntry
	for _, f := range rc.b.shapeFieldsWithBases(recv.shape) {
		if skip[f.Name] {
			continue
		}
		entries = append(entries, facts.DictEntry{
			Key:   facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprString, Value: f.Name, Line: e.Line()}),
			Value: facts.NewExpr(facts.ExprSpec{Kind: facts.ExprAttr, X: e.X.X, Name: f.Name, Line: e.Line()})})
	}
	if len(entries) == 0 {
		return nil
	}
	d.SetEntries(entries)
	return &value{kind: vUnknown, parts: []dictPart{{e: d, sc: sc}}, dumped: true}
}

// setDictKey records d["key"] = v on a schema's dumped dict; false when
// obj is no such dict or the key no string.
func setDictKey(obj *value, t, v *facts.Expr, sc *scope) bool {
	if !obj.dumped || len(obj.parts) == 0 || t.Y == nil || t.Y.Kind != facts.ExprString {
		return false
	}
	d := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprDict, Line: t.Line()})
	d.SetEntries([]facts.DictEntry{{Key: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprString, Value: t.Y.Value(), Line: t.Line()}), Value: *v}})
	obj.parts = append(obj.parts, dictPart{e: d, sc: sc})
	return true
}

// delDictKeys reads del d["key"], ... on dict values: the keys go from
// what the dict hands on (spreadParts); what was read of them before
// stays read.
func (rc *ruleCtx) delDictKeys(s *facts.Stmt, sc *scope) {
	for i := range s.Targets {
		t := &s.Targets[i]
		if t.Kind != facts.ExprSubscript || t.Y == nil || t.Y.Kind != facts.ExprString || t.X == nil {
			continue
		}
		var scratch []allium.Stmt
		if obj := rc.eval(t.X, sc, &scratch, false); obj.dumped {
			if obj.popped == nil {
				obj.popped = map[string]bool{}
			}
			obj.popped[t.Y.Value()] = true
		}
	}
}

// spreadParts are the entries of a dict value spread into a call
// (Schema(**d)) but for the keys deleted from it; nil when it spreads
// none.
func (rc *ruleCtx) spreadParts(e *facts.Expr, sc *scope, out *[]allium.Stmt) []dictPart {
	spread := e.Keyword("**")
	if spread == nil {
		return nil
	}
	v := rc.eval(spread, sc, out, false)
	parts := slices.Clone(v.parts)
	for j, p := range parts {
		kept := slices.DeleteFunc(slices.Clone(p.e.Entries()), func(en facts.DictEntry) bool {
			return en.Key != nil && en.Key.Kind == facts.ExprString && v.popped[en.Key.Value()]
		})
		if len(kept) < len(p.e.Entries()) {
			d := *p.e
			d.SetEntries(kept)
			parts[j] = dictPart{e: &d, sc: p.sc}
		}
	}
	return parts
}
