package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A row updated by copying an object's keys onto it (catalog
// assign_calls):
//
//	if (params.password) { params.passwordHash = hash(params.password); }
//	Object.assign(account, params);   // account.service.js:197
//	await account.save();
//
// Each key of the copied object that is a field of the row sets that
// field. The keys are known when the object is the request's body a route
// middleware validated by an object schema (schemaKeys: the schema strips
// any other) or an object literal ({ password: newPassword }); a key the
// schema leaves optional sets its field only when the request gives it.
// Anything else stays a note.

// schemaFieldRequired reports whether a field's chain makes the request
// give it: a Required method marks it so, an Optional one not, else the
// builder's default (Joi: optional unless marked).
func (b *builder) schemaFieldRequired(chain *facts.Expr, byDefault bool) bool {
	schemas := b.lang.ObjectSchemas
	if schemas == nil {
		return byDefault
	}
	for x := chain; x != nil && x.Kind == facts.ExprCall && x.X != nil && x.X.Kind == facts.ExprAttr; x = x.X.X {
		switch m := x.Method(); {
		case slices.Contains(schemas.Required, m):
			return true
		case slices.Contains(schemas.Optional, m):
			return false
		}
	}
	return byDefault
}

// objectAssign states Object.assign(row, src...) as the updates of row's
// fields src's keys name; false when e is no such call on a row, left to
// the walk's other readings (a note of the call).
func (rc *ruleCtx) objectAssign(e *facts.Expr, sc *scope, out *[]allium.Stmt) bool {
	b := rc.b
	if len(b.lang.AssignCalls) == 0 || len(e.Args()) == 0 || !catalog.MatchAny(b.lang.AssignCalls, e.Resolved(), e.Raw()) {
		return false
	}
	sources := slices.Clone(e.Args()[1:])
	if kws := e.Keywords(); len(kws) > 0 {
		// Object.assign(user, { verified: true }): the walker gives a
		// trailing object literal as keywords; it is the literal again.
		d := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprDict, Line: e.Line()})
		var entries []facts.DictEntry
		for _, kw := range kws {
			if kw.Name == "**" {
				entries = append(entries, facts.DictEntry{Value: kw.Value})
				continue
			}
			entries = append(entries, facts.DictEntry{Key: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprString, Value: kw.Name, Line: e.Line()}), Value: kw.Value})
		}
		d.SetEntries(entries)
		sources = append(sources, *d)
	}
	if len(sources) == 0 {
		return false
	}
	row := &e.Args()[0]
	target := rc.eval(row, sc, out, false)
	ent := b.entByName[target.ent]
	if target.kind != vEntity || ent == nil {
		return false
	}
	rc.touch(target)
	for i := range sources {
		src := &sources[i]
		var scratch []allium.Stmt
		v := rc.eval(src, sc, &scratch, false)
		switch {
		case len(rc.h.schemaKeys) > 0 && v.kind == vReqDict && v.shape == nil && (src.Kind == facts.ExprName || src.Kind == facts.ExprAttr):
			rc.assignSchemaBody(e, row, src, v, ent, sc, out)
		case len(v.parts) > 0 && !v.dumped:
			rc.assignLiteral(e, row, v, ent, sc, out)
		default:
			b.stats.EffectsSeen++
			rc.untranslated(sc, e.Line(), LeftOutValue, "the values of "+e.Raw())
		}
	}
	return true
}

// assignLiteral states the copy of an object literal v onto row
// ({ password: newPassword }, maybe built by a caller and handed to the
// helper that copies it: updateUserById(user.id, { isEmailVerified: true })
// of node-express-boilerplate's auth.service.js): each entry naming a
// field of the row sets it, read where the literal was written; an entry
// set on the literal after it was built holds under the condition it was
// set under, and one whose condition the spec cannot state is a note.
func (rc *ruleCtx) assignLiteral(e, row *facts.Expr, v *value, ent *entityInfo, sc *scope, out *[]allium.Stmt) {
	b := rc.b
	for i, p := range v.parts {
		if p.e == nil || p.e.Kind != facts.ExprDict {
			b.stats.EffectsSeen++
			rc.untranslated(sc, e.Line(), LeftOutValue, "the values of "+e.Raw())
			continue
		}
		if p.unknown {
			b.stats.EffectsSeen++
			rc.untranslated(sc, e.Line(), LeftOutCondition, "an entry set under a condition in "+e.Raw())
			continue
		}
		var body []allium.Stmt
		for _, en := range p.e.Entries() {
			if en.Key == nil {
				b.stats.EffectsSeen++
				rc.untranslated(sc, e.Line(), LeftOutValue, "a spread in "+e.Raw())
				continue
			}
			if en.Key.Kind != facts.ExprString || v.popped[en.Key.Value()] {
				continue
			}
			if f := ent.attrField(en.Key.Value()); f == nil || f.drop {
				continue // a key the row has no field of
			}
			b.stats.EffectsSeen++
			rc.assign(rc.rowAttr(row, en.Key.Value(), e.Line()), &en.Value, p.sc, &body, e.Line())
		}
		if i > 0 && p.when != nil && len(body) > 0 {
			body = []allium.Stmt{&allium.If{Meta: *body[0].Info(), Branches: []allium.IfBranch{{Cond: p.when, Body: body}}}}
		}
		*out = append(*out, body...)
	}
}

// assignSchemaBody states the copy of the validated body src onto row:
// row.key = src.key for each schema key the model has (less the ids and
// the keys the code took out), under `exists` of the input when the
// schema lets the request leave it out. A key the code set on the body
// itself (params.passwordHash = hash(params.password) under if
// (params.password)) sets its field too, under the condition it was set
// under; a note when the spec cannot state that condition.
func (rc *ruleCtx) assignSchemaBody(e, row, src *facts.Expr, v *value, ent *entityInfo, sc *scope, out *[]allium.Stmt) {
	b := rc.b
	// optional: the rule's parameters of the schema's keys the request may
	// leave out, by name.
	optional := map[string]*allium.Ident{}
	for _, key := range rc.h.schemaKeys {
		if n := bindingName(key); n != "" && !rc.h.schemaRequired[key] {
			optional[n] = &allium.Ident{Name: n}
		}
	}
	for _, key := range rc.h.schemaKeys {
		if a := ent.attrField(key); a == nil || a.drop || v.popped[key] || slices.Contains(b.lang.IDAttrs, key) {
			continue
		}
		b.stats.EffectsSeen++
		from := len(*out)
		rc.assign(rc.rowAttr(row, key, e.Line()), rc.srcAttr(src, key, e.Line()), sc, out, e.Line())
		if rc.h.schemaRequired[key] || len(*out) != from+1 {
			continue
		}
		set, ok := (*out)[from].(*allium.Assign)
		if !ok {
			continue
		}
		if rc.inputSets[key] != nil {
			continue
		}
		// user.email = lowercase(email), user.password = hash(password)
		// of keys the request may leave out (node-express-boilerplate's
		// updateUserById, services/user.service.js:63, copying a body whose
		// every key is optional): set only when given.
		if when := givenInputs(set.Value, optional); when != nil {
			(*out)[from] = &allium.If{Meta: set.Meta, Branches: []allium.IfBranch{{Cond: when, Body: []allium.Stmt{set}}}}
		}
	}
	for _, key := range sortedKeys(rc.inputSets) {
		if slices.Contains(rc.h.schemaKeys, key) {
			continue
		}
		if a := ent.attrField(key); a == nil || a.drop || v.popped[key] || slices.Contains(b.lang.IDAttrs, key) {
			continue
		}
		b.stats.EffectsSeen++
		at := rc.inputSetIn[key]
		var when allium.Expr
		switch {
		case at == nil || at == sc:
		case at.under != nil && at.under != alwaysTrue:
			when = at.under
		default:
			rc.untranslated(sc, e.Line(), LeftOutCondition, "the body's "+key+", set by the code under a condition, copied by "+e.Raw())
			continue
		}
		var body []allium.Stmt
		rc.assign(rc.rowAttr(row, key, e.Line()), rc.srcAttr(src, key, e.Line()), sc, &body, e.Line())
		if len(body) == 1 {
			// hash(password) of an input the request may leave out: a
			// value stated only when the input is given (the code sets
			// it under `if (params.password)`, a test of the input the
			// walk reads as validation and does not keep).
			if set, ok := body[0].(*allium.Assign); ok {
				when = andAll(when, givenInputs(set.Value, optional))
			}
		}
		if when != nil && len(body) > 0 {
			body = []allium.Stmt{&allium.If{Meta: *body[0].Info(), Branches: []allium.IfBranch{{Cond: when, Body: body}}}}
		}
		*out = append(*out, body...)
	}
}

// rowAttr is row.key, a field of the row set.
func (rc *ruleCtx) rowAttr(row *facts.Expr, key string, line int) *facts.Expr {
	return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, X: row, Name: key, Line: line})
}

// srcAttr is src.key, the copied object's key read.
func (rc *ruleCtx) srcAttr(src *facts.Expr, key string, line int) *facts.Expr {
	val := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprAttr, X: src, Name: key, Raw: recvRaw(src, key), Line: line})
	if r := recvRaw(src, key); r != "" {
		val = val.WithResolved(r)
	}
	return &val
}

// givenInputs is `exists p` for each parameter of optional that x reads,
// joined by and, in the order x reads them; nil for none.
func givenInputs(x allium.Expr, optional map[string]*allium.Ident) allium.Expr {
	var cond allium.Expr
	seen := map[string]bool{}
	allium.Inspect(x, func(y allium.Expr) bool {
		if id, ok := y.(*allium.Ident); ok && optional[id.Name] != nil && !seen[id.Name] {
			seen[id.Name] = true
			cond = andAll(cond, &allium.Unary{Op: allium.OpExists, X: optional[id.Name]})
		}
		return true
	})
	return cond
}

// andAll is a and b, either alone when the other is nil.
func andAll(a, b allium.Expr) allium.Expr {
	switch {
	case a == nil:
		return b
	case b == nil:
		return a
	}
	return &allium.Binary{Op: allium.OpAnd, X: a, Y: b}
}
