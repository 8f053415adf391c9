package distill

import (
	"maps"
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A row updated field by field from a dump of the request's schema
// (fastapi-react's crud.edit_user, backend/app/db/crud.py:52-64):
//
//	update_data = user.dict(exclude_unset=True)
//	if "password" in update_data:
//	    update_data["hashed_password"] = get_password_hash(user.password)
//	    del update_data["password"]
//	for key, value in update_data.items():
//	    setattr(db_user, key, value)
//
// The dump remembers its entries (dict_edits.go), so the loop is walked
// once per entry: key the entry's name, value its value. A dump of only
// the fields the request set gives a field the schema declares optional
// only when the request gives it (if exists first_name), and an entry
// set in a branch holds under that branch's condition (if exists
// password: user.hashed_password = hash(password)).

// unrollDumpedItems walks `for k, v in d.items():` over such a dump. It
// reports false, walking nothing, when d is no dump or an entry was set
// under a condition the spec cannot state.
func (rc *ruleCtx) unrollDumpedItems(s *facts.Stmt, sc *scope, out *[]allium.Stmt) bool {
	mapping, k, v := itemsLoop(s)
	if mapping == nil || mapping.Kind != facts.ExprName || jumps(s.Body) {
		return false
	}
	// Only a local is read: evaluating anything else (a property of the
	// row, openwisp's organizations_dict) would walk it for a loop that
	// may be no dump's.
	d := sc.vars[mapping.Name()]
	entries, ok := rc.dumpEntries(d, out, maxShapeFields)
	if !ok {
		return false
	}
	for _, en := range entries {
		each := *sc
		each.vars = cloneVars(sc.vars)
		each.vars[k.Name()] = exprValue(&allium.Lit{Kind: allium.LitString, Text: en.key})
		params := len(rc.params)
		each.vars[v.Name()] = rc.eval(en.val, en.sc, out, false)
		when := en.when
		made := madeArgs(rc.made)
		var body []allium.Stmt
		rc.stmts(s.Body, &each, &body)
		if when != nil && !rc.givenOrKept(made, when) {
			// The body set a field of a row made before, a value its
			// creation states, to one the spec cannot put as "the
			// input when given, else what it was": set only when the
			// entry is there, it is no value the creation always has.
			rc.untranslated(sc, s.Line(), LeftOutCondition, "the value of "+en.key+" set only when the request gives it")
			if len(body) == 0 {
				rc.dropParamsFrom(params) // the input is read by nothing stated
			}
		}
		if len(body) == 0 {
			continue
		}
		if when != nil {
			body = []allium.Stmt{&allium.If{Meta: *body[0].Info(), Branches: []allium.IfBranch{{Cond: when, Body: body}}}}
		}
		*out = append(*out, body...)
	}
	return true
}

// dumpEntry is one entry of a dump of the request's schema: its key, its
// value and the scope it is read in, and the condition it is in the dump
// under (nil: always).
type dumpEntry struct {
	key  string
	val  *facts.Expr
	sc   *scope
	when allium.Expr
}

// dumpEntries lists the entries of d, a dump of the request's schema
// (dict_edits.go), each with the condition it is there under: a field the
// schema defaults or declares optional, in a dump of only the fields the
// request set (exclude_unset), only when the request gave it; an entry
// set in a branch under that branch's condition; a key taken out (del,
// pop) not at all. Every reader of such a dump (a setattr loop, a row's
// sqlmodel_update) reads it here. ok is false when d is no dump or an
// entry was set under a condition the spec cannot state, and when the dump
// has more than most entries (a reader that walks code once per entry
// bounds them; 0, none).
func (rc *ruleCtx) dumpEntries(d *value, out *[]allium.Stmt, most int) (entries []dumpEntry, ok bool) {
	if d == nil || !d.dumped && !literalDict(d) || len(d.parts) == 0 || d.parts[0].sc == nil {
		return nil, false
	}
	first := d.parts[0].sc
	conds := make([]allium.Expr, len(d.parts))
	// unstated: the keys some part sets in a branch whose condition the
	// spec does not state, by the part that sets them.
	var unstated map[string]*dictPart
	n := 0
	for i, p := range d.parts {
		if p.e == nil || p.e.Kind != facts.ExprDict || p.sc == nil || p.unknown {
			return nil, false
		}
		n += len(p.e.Entries())
		switch {
		case p.when != nil:
			conds[i] = p.when
		case p.sc == first:
		case p.sc.unstated && !first.unstated:
			// Set in a branch whose condition the spec does not state:
			// polar's UserService.update dumps the schema, then sets
			// accepted_terms_of_service_at only when the request accepts
			// the terms for the first time (user/service.py:124-131).
			// The key is left out, whatever else gives it a value; the
			// dump's other entries are written either way.
			if unstated == nil {
				unstated = map[string]*dictPart{}
			}
			for _, en := range p.e.Entries() {
				if en.Key != nil && en.Key.Kind == facts.ExprString {
					unstated[en.Key.Value()] = &d.parts[i]
				}
			}
		case sameUnder(p.sc.under, first.under):
		case first.under == nil && p.sc.under != nil && p.sc.under != alwaysTrue:
			// Set in a branch of the function that dumped the schema.
			conds[i] = p.sc.under
		default:
			return nil, false
		}
	}
	if n == 0 || most > 0 && n > most {
		return nil, false
	}
	for _, key := range slices.Sorted(maps.Keys(unstated)) {
		if !d.popped[key] {
			p := unstated[key]
			rc.untranslated(p.sc, p.e.Line(), LeftOutCondition, "the value of "+key+" set only under a condition the spec cannot state")
		}
	}
	for i, p := range d.parts {
		for _, en := range p.e.Entries() {
			if en.Key == nil || en.Key.Kind != facts.ExprString || d.popped[en.Key.Value()] || unstated[en.Key.Value()] != nil {
				continue
			}
			val := en.Value
			when := conds[i]
			if i == 0 && d.setOnly {
				// Only the fields the request set are in the dump.
				when = rc.setInput(&val, p.sc, out)
			}
			entries = append(entries, dumpEntry{key: en.Key.Value(), val: &val, sc: p.sc, when: when})
		}
	}
	return entries, true
}

// setInput is the test that the request set the schema field e reads,
// for a dump of only the fields it set: exists of the input when the
// schema gives the field a default (`is_active: bool = True`: a request
// that leaves it out leaves it out of the dump too, whatever the
// default), or declares it optional; nil for a field the request must
// give.
func (rc *ruleCtx) setInput(e *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	return rc.shapeFieldGiven(e, sc, out, func(file *facts.File, f *facts.Assignment) bool {
		return f.Value != nil || rc.b.declaredOptional(file, f.Annotation, f.Value)
	})
}

// sameUnder reports two branch conditions that are the same (both none).
func sameUnder(a, b allium.Expr) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a == b || exprKey(a) == exprKey(b)
}

// madeArgs is a copy of the creation arguments of each row made so far.
func madeArgs(made []*value) [][]allium.Arg {
	saved := make([][]allium.Arg, len(made))
	for i, v := range made {
		saved[i] = slices.Clone(v.args)
	}
	return saved
}

// givenOrKept restates the creations of the rows made before (saved
// their arguments then) that the walk since set a field of under when,
// the test that the request gave an input X: the field is X when given,
// else the value the creation gave it (dispatch's settings, made when
// missing with the schema's default auto_add_to_incident_bridges: true,
// then given the request's value if it set one, auth/service.py:303-329):
// `X ?? old`. It reports false, restoring those rows' creations as they
// were, when a change is of another form (a value other than X, a field
// the creation did not give, or when no such test).
func (rc *ruleCtx) givenOrKept(saved [][]allium.Arg, when allium.Expr) bool {
	given, _ := when.(*allium.Unary)
	if given != nil && given.Op != allium.OpExists {
		given = nil
	}
	ok := true
	for i, v := range rc.made[:min(len(rc.made), len(saved))] {
		if sameArgs(v.args, saved[i]) {
			continue
		}
		args := slices.Clone(saved[i])
		fits := given != nil && len(v.args) == len(saved[i])
		for _, a := range v.args {
			j := slices.IndexFunc(args, func(b allium.Arg) bool { return b.Name == a.Name })
			switch {
			case !fits:
			case j < 0:
				fits = false
			case sameArgs([]allium.Arg{a}, []allium.Arg{args[j]}):
			case a.Value != nil && args[j].Value != nil && exprKey(a.Value) == exprKey(given.X):
				args[j].Value = &allium.Binary{Op: allium.OpCoalesce, X: a.Value, Y: args[j].Value}
			default:
				fits = false
			}
		}
		if !fits {
			args, ok = saved[i], false
		}
		setArgs(v, args)
	}
	return ok
}

// literalDict reports a dict the code wrote out, key by key, and kept in
// a local or handed to a parameter: polar's repositories update a row with
// `update(object, update_dict={"deleted_at": utc_now()})`, which sets
// each entry on the row in a loop over its items (kit/repository/
// base.py:138-141, :192-200). Its entries are read as a dump's are; one
// whose key the walk cannot read (a ** spread) makes it no such dict.
func literalDict(d *value) bool {
	if d.kind != vUnknown || d.keywords || len(d.parts) == 0 || d.parts[0].e == nil || d.parts[0].e.Kind != facts.ExprDict {
		return false
	}
	for _, p := range d.parts {
		if p.e == nil || p.e.Kind != facts.ExprDict {
			return false
		}
		for _, en := range p.e.Entries() {
			if en.Key == nil || en.Key.Kind != facts.ExprString {
				return false
			}
		}
	}
	return true
}
