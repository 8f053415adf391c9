package distill

import (
	"maps"
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Class stores (the catalog's repositories.class_stores; Parse Server):
// a schemaless store whose calls name the class of the rows by a string,
//
//	config.database.find('_User', { email }, {}, auth)
//	config.database.update('_User', { username }, { _failed_login_count: 0 })
//	rest.del(config, auth, '_Session', objectId)
//
// The framework defines the classes it keeps for itself (_User, _Session)
// and their columns, which the catalog's class_columns give: a class the
// service's store calls name is an entity after it (less the leading
// "_"), with those columns, each kept where a rule uses it. Each call is
// the catalog's query method of that entity's model class, given the
// arguments after the class name: the rows a filter finds, an update of
// those rows, a deletion.

// classStoreEntities declares the entities of the framework's classes that
// the service's class stores name.
func (b *builder) classStoreEntities() {
	reps := b.lang.Repositories
	if reps == nil || len(reps.ClassStores) == 0 || len(reps.ClassColumns) == 0 {
		return
	}
	named := map[string]*facts.File{}
	lines := map[string]int{}
	// The names the code gives the columns of the rows of each class: the
	// keys of a store call's filters and changes, and the attributes read
	// or written in a file that stores the class.
	mentioned := map[string]map[string]bool{}
	for _, f := range b.ix.files {
		if b.testFile(f.Path) {
			continue
		}
		var stored []string
		attrs := map[string]bool{}
		visitFile(f, func(e *facts.Expr) {
			if e.Kind == facts.ExprAttr {
				attrs[e.Name()] = true
			}
			class, ok := b.storedClass(e)
			if cc, made := b.classCreate(e); made {
				// A row the framework adds: the columns its data fills.
				class, ok = cc.Class, true
				for _, col := range cc.Columns {
					attrs[col] = true
				}
				for _, col := range cc.Random {
					attrs[col] = true
				}
			}
			if !ok || reps.ClassColumns[class] == nil {
				return
			}
			if named[class] == nil {
				named[class], lines[class] = f, e.Line()
				mentioned[class] = map[string]bool{}
			}
			stored = append(stored, class)
			for _, kw := range e.Keywords() {
				mentioned[class][kw.Name] = true
			}
			for i := range e.Args() {
				for _, en := range e.Args()[i].Entries() {
					if en.Key != nil && en.Key.Kind == facts.ExprString {
						mentioned[class][en.Key.Value()] = true
					}
				}
			}
		}, nil)
		for _, class := range stored {
			maps.Copy(mentioned[class], attrs)
		}
	}
	// Referenced classes first, so that a reference resolves.
	classes := slices.Sorted(maps.Keys(named))
	for _, class := range classes {
		f := named[class]
		m := &schemaModel{file: f, name: classEntityName(class), line: lines[class]}
		if b.entByName[m.name] != nil {
			continue // the service declares it itself
		}
		// Not indexSchemaModel: the file that first names the class
		// exports its own value (AccountLockout.js its class), which an
		// import of it must still reach.
		b.schemaEntity(f, m)
	}
	for _, class := range classes {
		e := b.entByName[classEntityName(class)]
		if e == nil || e.ref.file != named[class] {
			continue
		}
		cols := reps.ClassColumns[class]
		// In the order of the names the spec gives them.
		order := slices.SortedFunc(maps.Keys(cols), func(x, y string) int { return strings.Compare(bindingName(x), bindingName(y)) })
		for _, col := range order {
			typ := strings.TrimSuffix(cols[col], "?")
			fi := &fieldInfo{name: bindingName(col), attr: col, line: e.ref.class.Line}
			if !isSnake(fi.name) {
				continue
			}
			if target := reps.ClassColumns[typ]; target != nil {
				ent := classEntityName(typ)
				if b.entByName[ent] == nil {
					continue // a class the service never stores
				}
				typ, fi.fkTable, fi.fkEntity = ent, typ, ent
			}
			fi.typ = &allium.Type{Name: typ}
			e.addDataField(fi, strings.HasSuffix(cols[col], "?"))
			// One the code never names is kept only where a rule uses it,
			// as a framework base's fields are.
			fi.inherited = true
			fi.plumbing = fi.plumbing || !mentioned[class][col]
		}
		e.absentUndefined = reps.ClassAbsentUndefined
		for _, col := range reps.ClassUnique[class] {
			if e.uniqueAttrs == nil {
				e.uniqueAttrs = map[string]bool{}
			}
			e.uniqueAttrs[col] = true
		}
		for _, col := range reps.ClassHashed[class] {
			// Written hashed, as a save hook's field is.
			if e.hashedOnSave == nil {
				e.hashedOnSave = map[string]bool{}
			}
			e.hashedOnSave[col] = true
		}
	}
}

// classEntityName names the entity of a framework class: _User is User.
func classEntityName(class string) string {
	return pascal(strings.TrimLeft(class, "_"))
}

// storedClass is the class a class store call names, if e is one.
func (b *builder) storedClass(e *facts.Expr) (string, bool) {
	store, ok := b.classStore(e)
	if !ok {
		return "", false
	}
	if store.ClassKey != "" {
		// RestQuery({className: '_User', ...}).
		if opts := optionsArg(e); opts != nil {
			if c := entryValue(opts, store.ClassKey); c != nil && c.Kind == facts.ExprString {
				return c.Value(), true
			}
		}
		return "", false
	}
	if len(e.Args()) <= store.ClassArg || e.Args()[store.ClassArg].Kind != facts.ExprString {
		return "", false
	}
	return e.Args()[store.ClassArg].Value(), true
}

// optionsArg is the one object literal a call is given, as an argument
// or read as keywords (keyword_objects.go); nil for any other call.
func optionsArg(e *facts.Expr) *facts.Expr {
	if kws := e.Keywords(); len(kws) > 0 && len(e.Args()) == 0 {
		d := keywordDict(kws, e.Line())
		return &d
	}
	if len(e.Args()) == 1 && e.Args()[0].Kind == facts.ExprDict {
		return &e.Args()[0]
	}
	return nil
}

// classStore is the catalog's entry for the class store e calls.
func (b *builder) classStore(e *facts.Expr) (catalog.ClassStore, bool) {
	if b.lang.Repositories == nil {
		return catalog.ClassStore{}, false
	}
	return calledEntry(b.lang.Repositories.ClassStores, e)
}

// calledEntry is the entry of m named by the callee e calls: of the names
// that match, the first in order. It is asked of every call of a service
// (classStoreEntities visits them all), so it neither sorts nor allocates.
func calledEntry[T any](m map[string]T, e *facts.Expr) (T, bool) {
	var zero T
	if e == nil || e.Kind != facts.ExprCall {
		return zero, false
	}
	first, found := "", false
	for name := range m {
		if (!found || name < first) && catalog.MatchAny([]string{name}, e.Resolved(), e.Raw()) {
			first, found = name, true
		}
	}
	if !found {
		return zero, false
	}
	return m[first], true
}

// classStoreCall reads a class store call as the catalog's query method of
// the model class of the entity it names; nil for any other call, or a
// class no entity stands for.
func (rc *ruleCtx) classStoreCall(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	b := rc.b
	class, ok := b.storedClass(e)
	if !ok {
		return nil
	}
	store, _ := b.classStore(e)
	ent := b.entByName[classEntityName(class)]
	if ent == nil || b.lang.Repositories.ClassColumns[class] == nil {
		return nil
	}
	var given []facts.Expr
	switch {
	case store.ClassKey != "":
		// RestQuery({className, restWhere: where}): the filter under its key.
		if f := entryValue(optionsArg(e), store.FilterKey); f != nil {
			given = []facts.Expr{*f}
		}
	default:
		given = e.Args()[store.ClassArg+1:]
	}
	if kws := e.Keywords(); len(kws) > 0 && store.ClassKey == "" {
		// The last argument, an object literal read as keywords
		// (keyword_objects.go): an argument again.
		given = append(slices.Clip(given), keywordDict(kws, e.Line()))
	}
	call := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Raw: store.As, Line: e.Line()})
	at := sc
	switch {
	case catalog.Match(b.lang.UpdateMethods, store.As):
		if len(given) < 2 {
			return nil
		}
		if row := rc.eval(&given[1], sc, out, false); row.kind == vEntity && row.ent == ent.name {
			// update('_User', {username: user.username}, user): the row
			// written back whole, its changes stated where they were made.
			return &value{kind: vPlumbing}
		}
		filter, fsc := rc.objectArg(&given[0], sc, out)
		changes, csc := rc.objectArg(&given[1], sc, out)
		if filter == nil || changes == nil || fsc != csc {
			b.stats.EffectsSeen++
			rc.untranslated(sc, e.Line(), LeftOutBulk, "a call to "+e.Raw())
			return &value{kind: vPlumbing}
		}
		call.SetArgs([]facts.Expr{*filter})
		kws, _ := objectKeywords(changes)
		call.SetKeywords(kws)
		at = fsc
	case catalog.Match(b.lang.DeleteCalls, store.As):
		if len(given) < 1 {
			return nil
		}
		if row := rc.eval(&given[0], sc, out, false); (row.kind == vEntity || row.kind == vLookup) && row.ent == ent.name {
			// del(config, auth, '_Session', rows[0].objectId): the row
			// found, by its id.
			if x := rc.valueExpr(row); x != nil {
				b.stats.EffectsSeen++
				*out = append(*out, &allium.ExprStmt{Meta: b.meta(sc.file, e.Line()),
					X: &allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: x}}})
				return unknownValue
			}
		}
		// The row of that id.
		call.SetKeywords([]facts.Keyword{{Name: "id", Value: given[0]}})
	default:
		if len(given) > 0 {
			filter, fsc := rc.objectArg(&given[0], sc, out)
			if filter == nil {
				filter, fsc = rc.filledFilter(&given[0], sc, out)
			}
			if filter == nil {
				return &value{kind: vQuery, ent: ent.name, q: &query{ent: ent.name, bad: 1}}
			}
			kws, _ := objectKeywords(filter)
			call.SetKeywords(kws)
			at = fsc
		}
	}
	found := rc.queryCall(call, store.As, &value{kind: vModelClass, ent: ent.name}, at, out)
	if store.RowsKey != "" && found != nil && found.kind == vQuery {
		// rest.find(...).results: the rows, under their key.
		found = &value{kind: vObject, attrs: map[string]*value{store.RowsKey: found}}
	}
	if store.Runner != "" && found != nil {
		// RestQuery(...) builds the query; query.execute() answers it.
		return &value{kind: vObject, runs: map[string]*value{store.Runner: found}}
	}
	return found
}

// objectArg is the object literal an argument is, or the one the local it
// names holds, with the scope it was written in; nil when it is neither.
func (rc *ruleCtx) objectArg(x *facts.Expr, sc *scope, out *[]allium.Stmt) (*facts.Expr, *scope) {
	if x.Kind == facts.ExprDict {
		return x, sc
	}
	if x.Kind != facts.ExprName {
		return nil, nil
	}
	if v := rc.eval(x, sc, out, false); len(v.parts) == 1 && v.parts[0].e.Kind == facts.ExprDict {
		return v.parts[0].e, v.parts[0].sc
	}
	return nil, nil
}

// classCreateCall reads a framework call that adds a row of one of its
// classes (the catalog's class_creates: Parse Server's
// RestWrite.createSession(config, {userId, createdWith: {action: 'login'}}))
// as that row's creation, with the columns its data fills and a fresh
// token in those the framework draws; nil for any other call.
func (rc *ruleCtx) classCreateCall(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	cc, found := rc.b.classCreate(e)
	if !found {
		return nil
	}
	ent := rc.b.entByName[classEntityName(cc.Class)]
	if ent == nil {
		return nil
	}
	var data *facts.Expr
	switch {
	case cc.DataArg < len(e.Args()):
		data = &e.Args()[cc.DataArg]
	case cc.DataArg == len(e.Args()) && len(e.Keywords()) > 0:
		// The data object read as keywords (keyword_objects.go).
		d := keywordDict(e.Keywords(), e.Line())
		data = &d
	}
	if data == nil || data.Kind != facts.ExprDict {
		return nil
	}
	row := &value{kind: vNew, ent: ent.name, file: sc.file, line: e.Line()}
	for _, path := range slices.Sorted(maps.Keys(cc.Columns)) {
		col := cc.Columns[path]
		f := ent.field(bindingName(col))
		given := data
		for key := range strings.SplitSeq(path, ".") {
			given = entryValue(given, key)
		}
		if f == nil || given == nil {
			continue
		}
		x := rc.tr(given, sc, out)
		if f.fkEntity != "" {
			// userId: the row that id names.
			x = rc.idRow(given, x, f.fkEntity, sc, out)
		}
		if x == nil {
			// A row whose values the spec cannot all state: which row
			// is made is not known.
			rc.b.stats.EffectsSeen++
			rc.untranslated(sc, e.Line(), LeftOutValue, "a call to "+e.Raw())
			return &value{kind: vPlumbing}
		}
		row.args = setArg(row.args, f.name, x)
	}
	for _, col := range cc.Random {
		if f := ent.field(bindingName(col)); f != nil {
			row.args = setArg(row.args, f.name, randomKey().expr)
		}
	}
	rc.created(row, out, e.Line())
	return &value{kind: vPlumbing}
}

// idRow is the row an id given for a reference column names: the row
// itself when the id is one of a row found (user.objectId), else the row
// the trigger's id parameter names; x is the id as translated.
func (rc *ruleCtx) idRow(given *facts.Expr, x allium.Expr, ent string, sc *scope, out *[]allium.Stmt) allium.Expr {
	v := rc.eval(given, sc, out, false)
	if (v.kind == vEntity || v.kind == vLookup) && v.ent == ent {
		return rc.valueExpr(v)
	}
	if x == nil {
		return nil
	}
	return rc.rowByIDParam(x, ent)
}

// classCreate is the catalog's entry for the class create e calls.
func (b *builder) classCreate(e *facts.Expr) (catalog.ClassCreate, bool) {
	if b.lang.Repositories == nil {
		return catalog.ClassCreate{}, false
	}
	return calledEntry(b.lang.Repositories.ClassCreates, e)
}

// filledFilter is the filter a local holds that the code filled entry by
// entry, each entry set either at the function's top level or in an if of
// its own that tests the very value it sets (Parse Server's
// getUserIfNeeded, UserController.js:131-138: var where = {}; if
// (user.username) where.username = user.username;): the literal with
// those entries, an entry given when its value is. One whose value the
// object a caller handed in does not hold (user.email of {username}) is
// never set. nil when the local was filled any other way (under another
// condition, in a loop, in an else), which says which rows it finds only
// under conditions the spec cannot state.
func (rc *ruleCtx) filledFilter(x *facts.Expr, sc *scope, out *[]allium.Stmt) (*facts.Expr, *scope) {
	if x.Kind != facts.ExprName {
		return nil, nil
	}
	v := rc.eval(x, sc, out, false)
	if !hasEntryParts(v) || v.parts[0].e == nil || v.parts[0].e.Kind != facts.ExprDict {
		return nil, nil
	}
	base := v.parts[0]
	if base.sc == nil || base.sc.helper == nil {
		return nil, nil
	}
	entries := slices.Clone(base.e.Entries())
	set := 0 // the entries written, as the walk recorded them
	for _, st := range base.sc.helper.Body() {
		if st.Kind == facts.StmtIf && len(st.Else()) == 0 && len(st.Body) == 1 && st.Cond != nil {
			// if (v) where.k = v: set when given.
			if key, val := entrySet(&st.Body[0], x.Name()); key != "" && val.Raw() == st.Cond.Raw() {
				set++
				if !handedLacks(val, base.sc) {
					entries = append(entries, facts.DictEntry{Key: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprString, Value: key, Line: st.Line()}), Value: *val})
				}
				continue
			}
		}
		if key, val := entrySet(&st, x.Name()); key != "" {
			set++
			entries = append(entries, facts.DictEntry{Key: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprString, Value: key, Line: st.Line()}), Value: *val})
		}
	}
	if set != len(v.parts)-1 {
		return nil, nil // an entry set some other way
	}
	d := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprDict, Line: base.e.Line()})
	d.SetEntries(entries)
	return d, base.sc
}

// entrySet is the key and value of an assignment local.key = value.
func entrySet(st *facts.Stmt, local string) (string, *facts.Expr) {
	if st.Kind != facts.StmtAssign || len(st.Targets) != 1 || st.Value == nil {
		return "", nil
	}
	t := &st.Targets[0]
	if t.Kind != facts.ExprAttr || t.X == nil || t.X.Kind != facts.ExprName || t.X.Name() != local || t.Name() == "" {
		return "", nil
	}
	return t.Name(), st.Value
}

// handedLacks reports obj.key on an object literal a caller handed in
// whole (getUserIfNeeded({username})) that has no such key: undefined
// in JavaScript, so what the code sets from it is never set.
func handedLacks(e *facts.Expr, sc *scope) bool {
	if e.Kind != facts.ExprAttr || e.X == nil || e.X.Kind != facts.ExprName {
		return false
	}
	obj := sc.vars[e.X.Name()]
	if obj == nil || !obj.handed || len(obj.parts) != 1 || obj.parts[0].e == nil || obj.parts[0].e.Kind != facts.ExprDict {
		return false
	}
	return entryValue(obj.parts[0].e, e.Name()) == nil
}
