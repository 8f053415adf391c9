package distill

import (
	"maps"
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
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
	setOnly := keywordTrue(e, "exclude_unset")
	fields := rc.b.shapeFieldsWithBases(recv.shape)
	if recv.variants != nil {
		// A union body (union_shapes.go): its dump is known only when
		// every entry it may hold is one every variant holds alike
		// (dumpEntries reads the rest as the row's defaults); a dump of
		// the set fields, only when each such field is the base's, whose
		// default says whether the request must give it, or required by
		// every variant.
		var required map[string]bool
		var only map[string]string
		fields, required, only = rc.b.unionFields(recv)
		for name := range only {
			if !skip[name] {
				return nil
			}
		}
		if setOnly {
			for _, f := range fields {
				if !skip[f.Name] && !required[f.Name] && !shapeFieldOf(rc.b, recv.shape, f.Name) {
					return nil
				}
			}
		}
	}
	d := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprDict, Line: e.Line()})
	var entries []facts.DictEntry
	for _, f := range fields {
		if skip[f.Name] || !dumpedField(&f) {
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
	return &value{kind: vUnknown, parts: []dictPart{{e: d, sc: sc}}, dumped: true, setOnly: setOnly}
}

// dumpedField reports a class-level assignment of a schema that its dump
// holds: not its configuration (Pydantic's model_config, a ClassVar:
// dispatch's DispatchBase, dispatch/models.py:115), nor a private name.
func dumpedField(f *facts.Assignment) bool {
	if f.Name == "model_config" || strings.HasPrefix(f.Name, "_") {
		return false
	}
	a := f.Annotation
	return a == nil || a.Kind != facts.ExprSubscript || a.X == nil || facts.LastSegment(a.X.Raw()) != "ClassVar"
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

// keyOmission reads a catalogued key omission of the request's input or
// a request schema (lodash's _.omit(validated, ["password"])) as that
// input with the named keys taken out, as a pop takes them: a spread of
// it no longer hands them on. The keys are lists of names or names, as
// many as given (lodash's omit(req.body, 'role') of express-rest-
// boilerplate's register, auth.controller.js:33). nil for any other call,
// or a key that is neither.
func (rc *ruleCtx) keyOmission(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	if len(e.Args()) < 2 || !catalog.MatchAny(rc.b.lang.KeyOmissions, e.Resolved(), e.Raw()) {
		return nil
	}
	var keys []string
	for i := range e.Args()[1:] {
		k := &e.Args()[1+i]
		if k.Kind == facts.ExprString {
			keys = append(keys, k.Value())
			continue
		}
		names := literalNames(k)
		if len(names) == 0 {
			return nil
		}
		keys = append(keys, names...)
	}
	in := rc.eval(&e.Args()[0], sc, out, false)
	if in.kind != vReqDict && in.kind != vShape {
		return nil
	}
	return withoutKeys(in, keys)
}

// withoutKeys is a copy of the input or schema value in with keys taken
// out, as a pop takes them; in itself keeps them.
func withoutKeys(in *value, keys []string) *value {
	left := *in
	left.popped = maps.Clone(in.popped)
	if left.popped == nil {
		left.popped = map[string]bool{}
	}
	for _, k := range keys {
		left.popped[k] = true
	}
	return &left
}

// keywordGroup is a run of an object's entries read in one scope.
type keywordGroup struct {
	kws []facts.Keyword
	sc  *scope
}

// objectKeywordGroups are the entries of a dict value as keywords, in the
// order they were given, each run with the scope it is read in: a spread
// of another dict value the walk knows ({...user} of a literal the caller
// handed) is written out as that value's entries; one it does not know
// stays a ** keyword. A key given twice counts where it was given last.
func (rc *ruleCtx) objectKeywordGroups(v *value, depth int) []keywordGroup {
	type entry struct {
		kw facts.Keyword
		sc *scope
	}
	var entries []entry
	for _, p := range v.parts {
		if p.when != nil || p.unknown {
			// Set under a condition (cond_entries.go): the object may
			// lack it, so it is left out, saying less.
			continue
		}
		for _, en := range p.e.Entries() {
			switch {
			case en.Key != nil && en.Key.Kind == facts.ExprString:
				if !v.popped[en.Key.Value()] {
					entries = append(entries, entry{facts.Keyword{Name: en.Key.Value(), Value: en.Value}, p.sc})
				}
			case en.Key == nil && en.Value.Kind != facts.ExprDict:
				var scratch []allium.Stmt
				if sv := rc.eval(&en.Value, p.sc, &scratch, false); sv != v && sv.kind == vUnknown && len(sv.parts) > 0 && depth < maxSpreadDepth {
					for _, g := range rc.objectKeywordGroups(sv, depth+1) {
						for _, kw := range g.kws {
							entries = append(entries, entry{kw, g.sc})
						}
					}
					continue
				}
				entries = append(entries, entry{facts.Keyword{Name: "**", Value: en.Value}, p.sc})
			}
		}
	}
	last := map[string]int{}
	for i, en := range entries {
		last[en.kw.Name] = i
	}
	var groups []keywordGroup
	for i, en := range entries {
		if en.kw.Name != "**" && last[en.kw.Name] != i {
			continue // given again later
		}
		if n := len(groups); n > 0 && groups[n-1].sc == en.sc {
			groups[n-1].kws = append(groups[n-1].kws, en.kw)
			continue
		}
		groups = append(groups, keywordGroup{kws: []facts.Keyword{en.kw}, sc: en.sc})
	}
	return groups
}

// constructObject builds an instance of ent from a dict value (TypeORM's
// repo.create(createData) with createData = {...user} and entries set
// after): each run of entries is read in its own scope, and a later run
// decides the fields it names, even one it sets to a value the spec
// cannot state.
func (rc *ruleCtx) constructObject(ent *entityInfo, obj *value, sc *scope, line int, out *[]allium.Stmt) *value {
	var made *value
	for _, g := range rc.objectKeywordGroups(obj, 0) {
		at := line // what cannot be read is noted where it was written
		if g.sc.file != sc.file {
			at = g.kws[0].Value.Line()
		}
		call := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Line: at})
		call.SetKeywords(g.kws)
		part := rc.construct(ent, call, g.sc, out)
		if made == nil {
			made = part
			made.file, made.line = sc.file, line // built here
			continue
		}
		for _, kw := range g.kws {
			if f := ent.attrField(kw.Name); f != nil {
				made.args = slices.DeleteFunc(made.args, func(a allium.Arg) bool { return a.Name == f.name })
			}
		}
		for _, a := range part.args {
			made.args = setArg(made.args, a.Name, a.Value)
		}
		made.partial = made.partial || part.partial
		for k, a := range part.attrs {
			if made.attrs == nil {
				made.attrs = map[string]*value{}
			}
			made.attrs[k] = a
		}
	}
	return made
}
