package distill

import (
	"maps"
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A request schema dumped and spread into a model's constructor
// (DispatchUser(**user_in.model_dump(exclude={"password"}), password=p), or
// spread whole: create({data: {...payload, password}}))
// gives the row each field of the schema the model also has, less the ones
// excluded and the ones given as keywords: the same as writing
// DispatchUser(email=user_in.email, password=p).

// shapeDumpMethods are a request schema's methods that give its fields as
// a dict (pydantic v2 and v1).
var shapeDumpMethods = map[string]bool{"model_dump": true, "dict": true}

// splatShapeKeywords returns the keywords of a constructor call with a
// spread schema dump written out as one keyword per field; the call's own
// keywords when it spreads nothing the walk can read.
func (rc *ruleCtx) splatShapeKeywords(ent *entityInfo, e *facts.Expr, sc *scope) []facts.Keyword {
	kw := e.Keyword("**")
	if kw == nil && len(e.Keywords()) == 0 && len(e.Args()) == 1 {
		// new db.Account(params), params the request's body a schema
		// validated (account.service.js:87 of express-signup-verification):
		// a document built from an object takes its keys, as a spread
		// of it would.
		spread := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Line: e.Line()})
		spread.SetKeywords([]facts.Keyword{{Name: "**", Value: e.Args()[0]}})
		if kws := rc.schemaBodyKeywords(ent, spread, &e.Args()[0], sc); kws != nil {
			return kws
		}
	}
	if kw == nil {
		return e.Keywords()
	}
	if kw.Kind == facts.ExprName {
		// Model(**validated_data): a model shape's validated data.
		var scratch []allium.Stmt
		if v := rc.eval(kw, sc, &scratch, false); v.kind == vReqDict && v.shape != nil {
			return rc.splatModelShape(ent, e, kw, sc)
		}
	}
	if kws, ok := rc.dumpSpreadKeywords(ent, e, kw, sc); ok {
		return kws
	}
	if kws := rc.schemaBodyKeywords(ent, e, kw, sc); kws != nil {
		return kws
	}
	var recv *facts.Expr
	switch {
	case kw.Kind == facts.ExprName || kw.Kind == facts.ExprAttr:
		recv = kw // {...payload, password}: the request shape spread whole
	case kw.Kind == facts.ExprCall && kw.X != nil && kw.X.Kind == facts.ExprAttr && shapeDumpMethods[kw.X.Name()] && kw.X.X != nil:
		recv = kw.X.X
	default:
		return e.Keywords()
	}
	var scratch []allium.Stmt
	v := rc.eval(recv, sc, &scratch, false)
	if v.kind != vShape || v.shape == nil {
		return e.Keywords()
	}
	skip := map[string]bool{}
	for _, k := range e.Keywords() {
		skip[k.Name] = true
	}
	if ex := kw.Keyword("exclude"); ex != nil {
		for _, n := range literalNames(ex) {
			skip[n] = true
		}
	}
	var include map[string]bool
	if in := kw.Keyword("include"); in != nil {
		include = map[string]bool{}
		for _, n := range literalNames(in) {
			include[n] = true
		}
	}
	// exclude_unset / exclude_none: a field left out of the request is
	// left out of the dict; only the required fields are surely given.
	onlyRequired := false
	for _, k := range []string{"exclude_unset", "exclude_none", "exclude_defaults"} {
		if x := kw.Keyword(k); x != nil && !(x.Kind == facts.ExprBool && x.Value() == "false") {
			onlyRequired = true
		}
	}
	fields := rc.b.shapeFieldsWithBases(v.shape)
	var required map[string]bool
	var only map[string]string
	if v.variants != nil {
		// A union body (union_shapes.go): the fields every variant
		// declares alike; a field required by all is given even by a
		// dump of the set fields only.
		fields, required, only = rc.b.unionFields(v)
	}
	var spread []facts.Keyword
	for _, f := range fields {
		if skip[f.Name] || v.popped[f.Name] || (include != nil && !include[f.Name]) || (onlyRequired && f.Value != nil) || (onlyRequired && required != nil && !required[f.Name]) {
			continue
		}
		if a := ent.attrs[f.Name]; a == nil || a.drop {
			continue
		}
		val := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprAttr, X: recv, Name: f.Name, Raw: recvRaw(recv, f.Name), Line: e.Line()}).WithResolved(recvRaw(recv, f.Name))
		if v.parts != nil {
			// A schema the code built (UserSettingsCreate(dispatch_user_id=
			// user_id)): a field it was not given holds its default.
			if _, given := rc.partValue(v, f.Name, &scratch); !given {
				if f.Value == nil || !literalKind(f.Value.Kind) {
					continue
				}
				val = *f.Value
			}
		}
		skip[f.Name] = true
		spread = append(spread, facts.Keyword{Name: f.Name, Value: val})
	}
	// A field only some variants' dump holds is left out, with a note;
	// the spread stays behind the fields read, so that the row's
	// defaults are not stated for what it may set.
	unread := false
	for _, name := range slices.Sorted(maps.Keys(only)) {
		if skip[name] || v.popped[name] || (include != nil && !include[name]) {
			continue
		}
		if a := ent.attrs[name]; a == nil || a.drop {
			continue
		}
		unread = true
		rc.untranslated(sc, e.Line(), LeftOutValue, "the value of "+ent.name+"."+name+", "+only[name]+",")
	}
	// The spread fields stand where the spread was written.
	var kws []facts.Keyword
	for _, k := range e.Keywords() {
		if k.Name == "**" {
			kws = append(kws, spread...)
			spread = nil
			if unread {
				kws = append(kws, k)
			}
			continue
		}
		kws = append(kws, k)
	}
	return kws
}

// splatModelShape writes out Model(**validated_data), the validated data
// of a model shape (a DRF ModelSerializer) spread into its model: one
// keyword per field its Meta lists that the model has, less the keys the
// code popped and the ones given as keywords.
func (rc *ruleCtx) splatModelShape(ent *entityInfo, e, kw *facts.Expr, sc *scope) []facts.Keyword {
	var scratch []allium.Stmt
	v := rc.eval(kw, sc, &scratch, false)
	if v.kind != vReqDict || v.shape == nil {
		return e.Keywords()
	}
	model, fields := rc.shapeMeta(v.shape)
	if model != ent.name {
		return e.Keywords()
	}
	return rc.spreadAsKeywords(ent, e, kw, fields, v.popped, true)
}

// spreadAsKeywords writes out the spread keyword of the call e, whose
// spread value kw holds the keys names: one keyword kw.<name> per name
// the model has, less the ids, the keys the code popped and the ones
// given as keywords, standing where the spread was written. keyed writes
// each as kw["<name>"] instead: the validated data of a model shape is
// read by key, so what the shape's validator put there (data[
// "description_html"] = sanitized, plane's IssueSerializer.validate,
// api/serializers/issue.py:87, :99) and what its save was given stand in
// for the request's input, as they do in the framework's own create.
func (rc *ruleCtx) spreadAsKeywords(ent *entityInfo, e, kw *facts.Expr, names []string, popped map[string]bool, keyed bool) []facts.Keyword {
	skip := map[string]bool{}
	for _, k := range e.Keywords() {
		skip[k.Name] = true
	}
	var kws []facts.Keyword
	for _, k := range e.Keywords() {
		if k.Name != "**" {
			kws = append(kws, k)
			continue
		}
		for _, name := range names {
			if a := ent.attrs[name]; a == nil || a.drop || skip[name] || popped[name] || slices.Contains(rc.b.lang.IDAttrs, name) {
				continue
			}
			skip[name] = true
			if keyed {
				key := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprString, Value: name, Line: e.Line()})
				kws = append(kws, facts.Keyword{Name: name, Value: facts.NewExpr(facts.ExprSpec{Kind: facts.ExprSubscript, X: kw, Y: &key, Line: e.Line()})})
				continue
			}
			kws = append(kws, facts.Keyword{Name: name, Value: facts.NewExpr(facts.ExprSpec{Kind: facts.ExprAttr, X: kw, Name: name, Raw: recvRaw(kw, name), Line: e.Line()}).WithResolved(recvRaw(kw, name))})
		}
	}
	return kws
}

func recvRaw(recv *facts.Expr, name string) string {
	if recv.Raw() == "" {
		return ""
	}
	return recv.Raw() + "." + name
}

// literalNames are the strings of a literal set, list, tuple or dict's
// keys (exclude={"password"}).
func literalNames(e *facts.Expr) []string {
	var names []string
	switch e.Kind {
	case facts.ExprSet, facts.ExprList, facts.ExprTuple:
		for _, a := range e.Args() {
			if a.Kind == facts.ExprString {
				names = append(names, a.Value())
			}
		}
	case facts.ExprDict:
		for _, en := range e.Entries() {
			if en.Key != nil && en.Key.Kind == facts.ExprString {
				names = append(names, en.Key.Value())
			}
		}
	}
	return names
}

// fieldsGivenByCode reports a shape the code built by giving its fields
// (a keyword or dict entry naming a field its class declares): its other
// fields keep their defaults rather than come from the request. A form
// (catalog shapes.request_bound) reads them from the request all the same.
func (b *builder) fieldsGivenByCode(x *value) bool {
	if x.parts == nil || x.shape == nil || b.lang.Shapes != nil && b.matchBases(x.shape, b.lang.Shapes.RequestBound) {
		return false
	}
	declared := map[string]bool{}
	for _, f := range b.shapeFieldsWithBases(x.shape) {
		declared[f.Name] = true
	}
	for _, p := range x.parts {
		for _, en := range p.e.Entries() {
			if en.Key != nil && en.Key.Kind == facts.ExprString && declared[en.Key.Value()] {
				return true
			}
		}
	}
	return false
}

// shapeFieldsWithBases are a request schema's fields, its own first, then
// its bases' (a field redeclared lower down counts once).
func (b *builder) shapeFieldsWithBases(cr *classRef) []facts.Assignment {
	var fields []facts.Assignment
	seenField := map[string]bool{}
	b.classAndBases(cr, func(c *classRef) bool {
		for _, f := range c.class.Fields {
			if !seenField[f.Name] {
				seenField[f.Name] = true
				fields = append(fields, f)
			}
		}
		return false
	})
	return fields
}

func literalKind(k facts.ExprKind) bool {
	return k == facts.ExprBool || k == facts.ExprInt || k == facts.ExprFloat || k == facts.ExprString
}

// schemaBodyKeywords writes out a spread of the request's body
// (create({...userInputDTO, password}), userInputDTO being req.body) when
// a route middleware validated the body by an object schema (celebrate's
// Joi.object, which refuses keys it does not declare): one keyword per
// schema key the model has, less the ones given as keywords and the ones
// the code took out. nil when the spread is no such body.
func (rc *ruleCtx) schemaBodyKeywords(ent *entityInfo, e, kw *facts.Expr, sc *scope) []facts.Keyword {
	if len(rc.h.schemaKeys) == 0 || (kw.Kind != facts.ExprName && kw.Kind != facts.ExprAttr) {
		return nil
	}
	var scratch []allium.Stmt
	v := rc.eval(kw, sc, &scratch, false)
	if v.kind != vReqDict || v.shape != nil || len(v.attrs) > 0 {
		return nil
	}
	return rc.spreadAsKeywords(ent, e, kw, rc.h.schemaKeys, v.popped, false)
}

// dumpSpreadKeywords writes out Model(**d, ...), d a local holding a dump
// of the request's schema that the code may have edited (dict_edits.go):
// polar's OrganizationService.create dumps the schema (exclude_unset,
// exclude_none), sets feature_settings in it, and builds
// Organization(**create_data, customer_invoice_prefix=...)
// (organization/service.py:384-402). Each entry the dict always holds
// (dumpEntries: a required field of the schema, a key set outside any
// branch) is a keyword, its value read where the code wrote it; an entry
// there only under a condition (a field the request may leave out, a key
// set in a branch) is left out, with a note, the model's default standing
// otherwise. The spread stands where it was written. ok is false when kw
// is no such local, or an entry was written in another function than
// the call (its value could not be read here) or under a condition the
// spec cannot state.
func (rc *ruleCtx) dumpSpreadKeywords(ent *entityInfo, e, kw *facts.Expr, sc *scope) (kws []facts.Keyword, ok bool) {
	if kw == nil || kw.Kind != facts.ExprName {
		return nil, false
	}
	d := sc.vars[kw.Name()]
	if d == nil || !d.dumped {
		return nil, false
	}
	// The tests of which fields the request set are read for the
	// conditions only; the inputs they name are the rule's when a kept
	// entry's value reads them.
	var scratch []allium.Stmt
	params := len(rc.params)
	entries, ok := rc.dumpEntries(d, &scratch, 0) // no code is walked per entry
	rc.dropParamsFrom(params)
	if !ok {
		return nil, false
	}
	given := map[string]bool{}
	for _, k := range e.Keywords() {
		given[k.Name] = true
	}
	last := map[string]dumpEntry{}
	var order []string
	for _, en := range entries {
		if en.sc.file != sc.file || en.sc.helper != sc.helper {
			return nil, false
		}
		if _, seen := last[en.key]; !seen {
			order = append(order, en.key)
		}
		last[en.key] = en
	}
	var spread []facts.Keyword
	for _, key := range order {
		en := last[key]
		if a := ent.attrs[key]; a == nil || a.drop || given[key] {
			continue
		}
		if en.when != nil {
			rc.untranslated(sc, e.Line(), LeftOutCondition, "the value of "+key+", in "+kw.Name()+" only under a condition,")
			continue
		}
		spread = append(spread, facts.Keyword{Name: key, Value: *en.val})
	}
	for _, k := range e.Keywords() {
		if k.Name == "**" {
			kws = append(kws, spread...)
			spread = nil
			continue
		}
		kws = append(kws, k)
	}
	return kws, true
}
