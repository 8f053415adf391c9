package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// entryLoop walks a loop over the entries of an object a caller handed in
// (catalog entry_loops), once per entry, when the object is a literal at
// the call:
//
//	find({email})  into  Object.entries(match).forEach(([key, value]) => {
//	                         query.andWhere(key, ...(Array.isArray(value) ? value : [value]));
//	                     });
//
// runs the body with key "email" and value the caller's email, as the code
// does. The body shares the names of the scope it is written in, so that
// what it does to a local (a query filtered in place) holds after the
// loop; the key and value names are bound for the body alone. It reports
// whether it walked the loop.
func (rc *ruleCtx) entryLoop(e *facts.Expr, sc *scope, out *[]allium.Stmt) bool {
	loops := rc.b.lang.EntryLoops
	if loops == nil || e.Kind != facts.ExprCall || e.X == nil || e.X.Kind != facts.ExprAttr || !catalog.Match(loops.Each, e.X.Name()) ||
		len(e.Args()) != 1 || e.Args()[0].Kind != facts.ExprFunction || e.Args()[0].Func() == nil {
		return false
	}
	entries := e.X.X
	if entries == nil || entries.Kind != facts.ExprCall || len(entries.Args()) != 1 || !catalog.MatchAny(loops.Entries, entries.Resolved(), entries.Raw()) {
		return false
	}
	fn := e.Args()[0].Func()
	keyName, valueName, ok := entryParams(fn)
	if !ok || jumps(fn.Body()) {
		return false
	}
	obj := rc.eval(&entries.Args()[0], sc, out, false)
	if !obj.handed || len(obj.parts) != 1 || obj.parts[0].e == nil || obj.parts[0].sc == nil {
		return false
	}
	part := obj.parts[0]
	list := part.e.Entries()
	if len(list) == 0 || len(list) > maxUnroll {
		return false
	}
	for _, en := range list {
		if en.Key == nil || en.Key.Kind != facts.ExprString {
			return false // a spread entry: which keys it brings is not known
		}
	}
	saved := map[string]*value{keyName: sc.vars[keyName], valueName: sc.vars[valueName]}
	for i := range list {
		en := &list[i]
		sc.vars[keyName] = &value{kind: vExpr, expr: &allium.Lit{Kind: allium.LitString, Text: en.Key.Value()}, from: &dictPart{e: en.Key, sc: part.sc}}
		if valueName != "" {
			v := *rc.eval(&en.Value, part.sc, out, false)
			v.from = &dictPart{e: &en.Value, sc: part.sc}
			sc.vars[valueName] = &v
		}
		// A scope of its own per entry, so that the body's calls are
		// worked out again for each (the cache is per scope); the names
		// stay shared.
		each := *sc
		rc.stmts(fn.Body(), &each, out)
	}
	for name, v := range saved {
		if name == "" {
			continue
		}
		if v == nil {
			delete(sc.vars, name)
		} else {
			sc.vars[name] = v
		}
	}
	return true
}

// entryParams are the names an entry loop's function binds the key and
// the value to (([key, value]) => ...); value is "" when the pattern
// binds the key alone.
func entryParams(fn *facts.Function) (key, value string, ok bool) {
	if len(fn.Params) != 1 || fn.Params[0].Pattern == nil || fn.Params[0].Pattern.Kind != facts.ExprList {
		return "", "", false
	}
	names := fn.Params[0].Pattern.Args()
	if len(names) == 0 || len(names) > 2 || names[0].Kind != facts.ExprName {
		return "", "", false
	}
	if len(names) == 2 {
		if names[1].Kind != facts.ExprName {
			return "", "", false
		}
		value = names[1].Name()
	}
	return names[0].Name(), value, true
}

// enteredFilterCall is a column filter written with the names an entry
// loop bound (query.andWhere(key, ...(Array.isArray(value) ? value :
// [value]))) rewritten as the caller wrote the entry, with the scope to
// read it in: andWhere("email", email) for {email}, andWhere(
// "reset_password_expires", ">", now) for {reset_password_expires: [">",
// now]}. ok is false when an argument is neither a literal nor one such
// name, or the names come from different callers.
func (rc *ruleCtx) enteredFilterCall(e *facts.Expr, sc *scope) (*facts.Expr, *scope, bool) {
	var at *scope
	args := make([]facts.Expr, 0, len(e.Args())+1)
	from := func(x *facts.Expr) *dictPart {
		if x.Kind != facts.ExprName || sc.vars[x.Name()] == nil {
			return nil
		}
		return sc.vars[x.Name()].from
	}
	sameCaller := func(p *dictPart) bool {
		if at == nil {
			at = p.sc
		}
		return at == p.sc
	}
	for i := range e.Args() {
		a := &e.Args()[i]
		switch {
		case a.Kind == facts.ExprString:
			args = append(args, *a)
		case from(a) != nil:
			p := from(a)
			if p.e.Kind != facts.ExprString && !sameCaller(p) {
				return nil, nil, false
			}
			args = append(args, *p.e)
		case a.Kind == facts.ExprStarred && a.X != nil:
			p := rc.spreadEntry(a.X, from)
			if p == nil || !sameCaller(p) {
				return nil, nil, false
			}
			if p.e.Kind == facts.ExprList {
				args = append(args, p.e.Args()...)
			} else {
				args = append(args, *p.e)
			}
		default:
			return nil, nil, false
		}
	}
	if at == nil {
		return nil, nil, false
	}
	c := *e
	c.SetArgs(args)
	return &c, at, true
}

// spreadEntry is the entry a spread argument passes: ...value, or the
// conditional spread ...(Array.isArray(value) ? value : [value]), which
// passes a list's elements and any other value as one argument, as
// ...value passes a list literal's; nil for another spread.
func (rc *ruleCtx) spreadEntry(x *facts.Expr, from func(*facts.Expr) *dictPart) *dictPart {
	if p := from(x); p != nil {
		if p.e.Kind == facts.ExprList {
			return p
		}
		return nil
	}
	loops := rc.b.lang.EntryLoops
	test := x.Test()
	if x.Kind != facts.ExprCond || loops == nil || test == nil || test.Kind != facts.ExprCall || len(test.Args()) != 1 ||
		!catalog.MatchAny(loops.ListTests, test.Resolved(), test.Raw()) || x.X == nil || x.Y == nil {
		return nil
	}
	p := from(&test.Args()[0])
	if p == nil || from(x.X) != p || x.Y.Kind != facts.ExprList || len(x.Y.Args()) != 1 || from(&x.Y.Args()[0]) != p {
		return nil
	}
	return p
}

// enteredFilter reports a call of a column filter method given the names
// an entry loop bound rather than a column's name (andWhere(key, ...)).
func (b *builder) enteredFilter(method string, e *facts.Expr, sc *scope) bool {
	ts := b.lang.TableSchemas
	if ts == nil || !slices.Contains(ts.ColumnFilters, method) || len(e.Args()) == 0 || e.Args()[0].Kind != facts.ExprName {
		return false
	}
	v := sc.vars[e.Args()[0].Name()]
	return v != nil && v.from != nil
}

// filteredInPlace rebinds a local query a statement filtered in place
// (query.andWhere("email", email) on its own line): knex's builder
// changes and returns itself, so the local is the filtered query after.
func (rc *ruleCtx) filteredInPlace(e *facts.Expr, v *value, sc *scope) {
	ts := rc.b.lang.TableSchemas
	if ts == nil || v == nil || v.kind != vQuery || e.Kind != facts.ExprCall || e.X == nil || e.X.Kind != facts.ExprAttr ||
		!slices.Contains(ts.ColumnFilters, e.X.Name()) || e.X.X == nil || e.X.X.Kind != facts.ExprName {
		return
	}
	// knex("users") is the table's rows, as the model class is.
	if local := sc.vars[e.X.X.Name()]; local != nil && (local.kind == vQuery || local.kind == vModelClass) && local.ent == v.ent {
		sc.vars[e.X.X.Name()] = v
	}
}

// handedEntry is an entry of an object literal a caller handed in, with
// the scope its value is read in.
type handedEntry struct {
	facts.Keyword
	at *scope
}

// handedEntries are the entries of the object literal x names when a
// caller handed it in (update(match, {password}) into ...update); none
// for any other value, or when the literal spreads another object.
func (rc *ruleCtx) handedEntries(x *facts.Expr, sc *scope, out *[]allium.Stmt) []handedEntry {
	v := rc.eval(x, sc, out, false)
	if !v.handed || len(v.parts) != 1 || v.parts[0].e == nil || v.parts[0].sc == nil {
		return nil
	}
	kws, ok := objectKeywords(v.parts[0].e)
	if !ok {
		return nil
	}
	entries := make([]handedEntry, 0, len(kws))
	for _, kw := range kws {
		if kw.Name == "**" {
			return nil
		}
		entries = append(entries, handedEntry{kw, v.parts[0].sc})
	}
	return entries
}

// unrollShapeEntries walks a loop over the entries of a request schema
// (Medusa's update: for (const [key, value] of Object.entries(rest))
// user[key] = value, services/user.ts:321-323) once per field the schema
// declares and the code has not taken out: key is the field's name,
// value its input. What the body states for a field the schema declares
// optional holds when the request gives it (if exists first_name). It
// reports whether it walked the loop.
func (rc *ruleCtx) unrollShapeEntries(s *facts.Stmt, sc *scope, out *[]allium.Stmt) bool {
	loops, it := rc.b.lang.EntryLoops, s.Iter()
	if loops == nil || it == nil || it.Kind != facts.ExprCall || len(it.Args()) != 1 || !catalog.MatchAny(loops.Entries, it.Resolved(), it.Raw()) ||
		len(s.Targets) != 1 || len(s.Targets[0].Args()) != 2 || len(s.Else()) > 0 || jumps(s.Body) {
		return false
	}
	if k := s.Targets[0].Kind; k != facts.ExprList && k != facts.ExprTuple {
		return false
	}
	key, val := &s.Targets[0].Args()[0], &s.Targets[0].Args()[1]
	obj := &it.Args()[0]
	shape := rc.eval(obj, sc, out, false)
	if key.Kind != facts.ExprName || val.Kind != facts.ExprName || shape.kind != vShape || shape.shape == nil || shape.parts != nil || shape.variants != nil {
		return false
	}
	fields := rc.b.shapeFieldsWithBases(shape.shape)
	if len(fields) == 0 || len(fields) > maxShapeFields {
		return false
	}
	for _, f := range fields {
		if shape.popped[f.Name] {
			continue
		}
		input := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, X: obj, Name: f.Name, Raw: recvRaw(obj, f.Name), Line: s.Line()})
		each := *sc
		each.vars = cloneVars(sc.vars)
		each.vars[key.Name()] = exprValue(&allium.Lit{Kind: allium.LitString, Text: f.Name})
		each.vars[val.Name()] = rc.eval(input, sc, out, false)
		var body []allium.Stmt
		rc.stmts(s.Body, &each, &body)
		if given := rc.optionalInput(input, sc, out); given != nil && len(body) > 0 {
			body = []allium.Stmt{&allium.If{Meta: *body[0].Info(), Branches: []allium.IfBranch{{Cond: given, Body: body}}}}
		}
		*out = append(*out, body...)
	}
	return true
}

// maxShapeFields bounds the fields of a schema a loop over its entries is
// walked for, once each.
const maxShapeFields = 16

// knownKeyAttr reads obj[key] with obj a row and key a name the walk
// knows as a string (a loop's key over a schema's fields) as the
// attribute obj.key; nil otherwise.
func (rc *ruleCtx) knownKeyAttr(obj *value, t *facts.Expr, sc *scope) *facts.Expr {
	if obj.kind != vEntity || t.Y == nil || t.Y.Kind != facts.ExprName {
		return nil
	}
	k := sc.vars[t.Y.Name()]
	if k == nil || k.kind != vExpr {
		return nil
	}
	lit, ok := k.expr.(*allium.Lit)
	if !ok || lit.Kind != allium.LitString || !isIdentifier(lit.Text) {
		return nil
	}
	return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, X: t.X, Name: lit.Text, Raw: recvRaw(t.X, lit.Text), Line: t.Line()})
}
