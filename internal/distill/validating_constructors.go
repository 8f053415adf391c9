package distill

import (
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// validatingConstruction rewrites a class built from another object by a
// validating constructor of the catalog (SQLModel's
// User.model_validate(user_create, update={"hashed_password": h})) as the
// constructor call it amounts to, User(**user_create, hashed_password=h),
// so that a row or a request shape built either way is read by the same
// code. nil when e is no such call on a class of the service.
func (rc *ruleCtx) validatingConstruction(e *facts.Expr, method string, sc *scope) *facts.Expr {
	l := rc.b.lang
	if method == "" || !catalog.Match(l.ValidatingConstructors, method) || len(e.Args()) != 1 {
		return nil
	}
	class := e.X.X
	if rc.b.ix.class(sc.file, class) == nil {
		return nil
	}
	kws := []facts.Keyword{{Name: "**", Value: e.Args()[0]}}
	for _, kw := range e.Keywords() {
		if kw.Name != l.UpdateKeyword || l.UpdateKeyword == "" {
			continue // strict=, from_attributes=, context=: how, not what
		}
		if kw.Value.Kind != facts.ExprDict {
			return nil // an update the walk cannot list: leave the call as it is
		}
		for _, en := range kw.Value.Entries() {
			if en.Key == nil || en.Key.Kind != facts.ExprString {
				return nil
			}
			kws = append(kws, facts.Keyword{Name: en.Key.Value(), Value: en.Value})
		}
	}
	call := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprCall, X: class, Raw: class.Raw(), Line: e.Line()}).WithResolved(class.Resolved())
	call.SetKeywords(kws)
	return &call
}

// shapeEntries writes a request body spread into another shape
// (UserCreate(**user_in), or UserCreate.model_validate(user_in)) as the
// dict of its fields, each read off the body: what the new shape is given.
// nil when v is no request body of the walk's or was itself built from
// entries (its parts say what it holds).
func (rc *ruleCtx) shapeEntries(spread *facts.Expr, v *value, sc *scope) *dictPart {
	if v.kind != vShape || v.shape == nil || v.parts != nil || v.variants != nil {
		return nil
	}
	var entries []facts.DictEntry
	for _, f := range rc.b.shapeFieldsWithBases(v.shape) {
		if v.popped[f.Name] {
			continue
		}
		key := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprString, Value: f.Name, Raw: `"` + f.Name + `"`, Line: spread.Line()})
		val := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprAttr, X: spread, Name: f.Name, Raw: recvRaw(spread, f.Name), Line: spread.Line()}).WithResolved(recvRaw(spread, f.Name))
		entries = append(entries, facts.DictEntry{Key: &key, Value: val})
	}
	d := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprDict, Line: spread.Line()})
	d.SetEntries(entries)
	return &dictPart{e: &d, sc: sc}
}
