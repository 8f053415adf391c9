package distill

import (
	"maps"
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// repository recognises a generic repository made at module level: a call
// of a catalogued repository base, of an alias of one
// (CRUDUser = FastCRUD[User, ...]), or of a service class built on one,
// with a model class as its first argument.
func (rc *ruleCtx) repository(f *facts.File, call *facts.Expr) *value {
	b := rc.b
	reps := b.lang.Repositories
	if reps != nil && call != nil && call.Kind == facts.ExprCall && catalog.MatchAny(reps.Clients, call.Resolved(), call.Raw()) {
		return &value{kind: vRepo} // a client: its attributes are the repositories
	}
	if reps == nil || call == nil || call.Kind != facts.ExprCall || len(call.Args()) == 0 {
		return nil
	}
	isBase := func(x *facts.Expr) bool {
		if x != nil && x.Kind == facts.ExprSubscript {
			x = x.X
		}
		return x != nil && catalog.MatchAny(reps.Bases, x.Resolved(), x.Raw())
	}
	baseName := func(x *facts.Expr) string {
		if x != nil && x.Kind == facts.ExprSubscript {
			x = x.X
		}
		return facts.LastSegment(x.Raw())
	}
	var cls *classRef
	base := ""
	switch {
	case isBase(call.X):
		base = baseName(call.X)
	case catalog.MatchAny(reps.Bases, call.Resolved(), call.Raw()):
		base = facts.LastSegment(call.Raw())
	default:
		if cr := b.ix.class(f, call); cr != nil && b.matchBases(cr, reps.Bases) {
			cls = cr
		} else if c := b.ix.constant(f, call); c != nil && isBase(c.as.Value) {
			// CRUDUser = FastCRUD[User, ...]; crud_users = CRUDUser(User)
			base = baseName(c.as.Value)
		} else {
			return nil
		}
	}
	var scratch []allium.Stmt
	mc := rc.eval(&call.Args()[0], &scope{file: f, vars: map[string]*value{}}, &scratch, false)
	if mc.kind != vModelClass {
		return nil
	}
	return &value{kind: vRepo, ent: mc.ent, repo: cls, repoBase: base}
}

// plumbingEntriesDropped is parts without the entries set one by one
// after the literal (cond_entries.go) under a key among plumbing, even
// under a condition: options.relations = relations on a query's options
// (a generic repository's findOneWithRelation, nestjs-microservice-
// boilerplate's repository.ts:318-320) says which related rows load with
// the row, not which row is found.
func plumbingEntriesDropped(parts []dictPart, plumbing []string) []dictPart {
	if len(parts) < 2 {
		return parts
	}
	kept := parts[:1:1]
	for _, p := range parts[1:] {
		if p.e != nil && p.e.Kind == facts.ExprDict && len(p.e.Entries()) == 1 {
			if k := p.e.Entries()[0].Key; k != nil && k.Kind == facts.ExprString && slices.Contains(plumbing, k.Value()) {
				continue
			}
		}
		kept = append(kept, p)
	}
	return kept
}

// repositoryCall reads a method call on a repository: the service's own
// method when its class defines one (self is the repository, self.model
// its model), else the library's lookups, existence tests, creates,
// updates and deletes, with keyword arguments as filters.
func (rc *ruleCtx) repositoryCall(e *facts.Expr, method string, recv *value, sc *scope, out *[]allium.Stmt) *value {
	b := rc.b
	if recv.repo != nil {
		if fr := b.ix.method(recv.repo, method); fr != nil {
			return rc.inline(fr, recv, e, sc, out)
		}
	}
	reps := b.lang.Repositories
	ent := b.entByName[recv.ent]
	if reps == nil || ent == nil {
		return nil
	}
	if len(e.Keywords()) == 0 && len(e.Args()) == 1 && e.Args()[0].Kind == facts.ExprName {
		// findOne(query) with query = buildQuery({email}) or an object
		// literal with a filter kept in a local: the call given that
		// object.
		if v := rc.eval(&e.Args()[0], sc, out, false); len(plumbingEntriesDropped(v.parts, reps.PlumbingArgs)) == 1 {
			if kws, ok := objectKeywords(v.parts[0].e); ok && slices.ContainsFunc(kws, func(kw facts.Keyword) bool { return slices.Contains(reps.FilterArgs, kw.Name) }) {
				given := *e
				given.SetArgs(nil)
				given.SetKeywords(kws)
				return rc.repositoryCall(&given, method, recv, v.parts[0].sc, out)
			}
		}
	}
	// Filters: keywords that are neither plumbing nor the values written.
	var filters, values []facts.Keyword
	var spread *dictPart // update({where, ...opts}) with opts = {data: {...}} of the caller
	var spreadFilters []filterGroup
	unreadSpreads := 0
	var keyRow *value // the row the filter names by its own key
	for _, kw := range e.Keywords() {
		switch {
		case kw.Name == "**":
			if v := rc.eval(&kw.Value, sc, out, false); len(v.parts) == 1 {
				for _, en := range v.parts[0].e.Entries() {
					if en.Key != nil && en.Key.Kind == facts.ExprString && slices.Contains(reps.ValueArgs, en.Key.Value()) && en.Value.Kind == facts.ExprDict {
						spread = &dictPart{e: &en.Value, sc: v.parts[0].sc}
					}
				}
			}
		case slices.Contains(reps.PlumbingArgs, kw.Name):
		case slices.Contains(reps.ValueArgs, kw.Name):
			values = append(values, kw)
		case slices.Contains(reps.FilterArgs, kw.Name):
			if group := rc.passedFilter(&kw.Value, sc, out); group != nil {
				// findOne({where: filter}) in a generic repository's
				// method, filter the object its caller gave.
				spreadFilters = append(spreadFilters, *group)
				continue
			}
			if row := rc.keyOfRow(ent, &kw.Value, sc, out); row != nil {
				keyRow = row
			}
			filters = append(filters, b.relationIDs(b.compoundKeys(ent, dictKeywords(&kw.Value)))...)
			groups, unread := rc.spreadFilterGroups(&kw.Value, sc, out)
			spreadFilters = append(spreadFilters, groups...)
			unreadSpreads += unread
		default:
			filters = append(filters, kw)
		}
	}
	if v, ok := rc.repositoryShapes(e, method, recv, &filters, &values, sc, out); ok {
		return v
	}
	q := &query{ent: recv.ent}
	rc.filterKw(q, filters, sc, out)
	for _, g := range spreadFilters {
		rc.filterKw(q, b.relationIDs(g.kws), g.sc, out)
	}
	q.bad += unreadSpreads
	switch {
	case catalog.Match(reps.Lookups, method):
		return &value{kind: vLookup, ent: q.ent, q: q}
	case (method == "count" || catalog.Match(b.lang.CountMethods, method)) && len(values) == 0:
		// count({where: {email}}): the number of rows the filters
		// match, as a query's count() gives it.
		return &value{kind: vCount, ent: q.ent, q: q}
	case len(values) == 0 && catalog.Match(b.lang.QueryMethods, method):
		// findMany({filters}): the rows the filters match.
		return &value{kind: vQuery, ent: q.ent, q: q}
	case catalog.Match(reps.Exists, method):
		if j := b.join(q); j != nil && q.bad == 0 {
			return exprValue(&allium.Unary{Op: allium.OpExists, X: j})
		}
		return unknownValue
	case catalog.Match(reps.Creates, method):
		args, opaque := rc.repoCreateArgs(values, ent, sc, out)
		// The row is stated created here; a later read of it (a token
		// issued for it) names it, turning its creation into a let
		// (newRef). Defaults hold for the fields the values leave out;
		// values read only in part (opaque) may set any of them.
		row := &value{kind: vNew, ent: recv.ent, args: args, partial: opaque, file: sc.file, line: e.Line()}
		rc.created(row, out, e.Line())
		return row
	case catalog.Match(reps.Updates, method):
		if len(values) == 0 && spread != nil {
			row := rc.bulkUpdate(q, facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Args: []facts.Expr{*spread.e}, Line: spread.e.Line()}), spread.sc, out)
			return updatedRow(row, q.ent)
		}
		for _, kw := range values {
			if kw.Value.Kind == facts.ExprDict {
				d := kw.Value
				from := len(*out)
				rc.stamp(&d, ent, reps.Stamps[recv.repoBase].Updates, e.Line())
				row := rc.bulkUpdate(q, facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Args: []facts.Expr{d}, Line: e.Line()}), sc, out)
				// data: {title: body.title}: a field the request may
				// leave out is written only when given.
				rc.givenOnly(&d, sc, (*out)[from:])
				return updatedRow(row, q.ent)
			}
			if v := rc.eval(&kw.Value, sc, out, false); hasEntryParts(v) {
				// data filled entry by entry, some under conditions
				// (cond_entries.go).
				if row, ok := rc.updateByEntries(q, v, out); ok {
					return updatedRow(row, q.ent)
				}
			} else if len(v.parts) == 1 {
				// update({where, data}) with data a dict built elsewhere
				// (a helper's parameter): its entries, read where written.
				p := v.parts[0]
				row := rc.bulkUpdate(q, facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Args: []facts.Expr{*p.e}, Line: p.e.Line()}), p.sc, out)
				return updatedRow(row, q.ent)
			}
			if d := rc.shapeAsDict(&kw.Value, ent, filters, sc, out); d != nil {
				// update(object=values) with a request body: each of its
				// fields the entity has is set from the request, those
				// it may leave out only when given.
				from := len(*out)
				rc.stamp(d, ent, reps.Stamps[recv.repoBase].Updates, e.Line())
				row := rc.bulkUpdate(q, facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Args: []facts.Expr{*d}, Line: e.Line()}), sc, out)
				rc.givenOnly(d, sc, (*out)[from:])
				return updatedRow(row, q.ent)
			}
		}
		b.stats.EffectsSeen++
		rc.untranslated(sc, e.Line(), LeftOutValue, "the values of a repository update")
		return &value{kind: vPlumbing}
	case catalog.Match(reps.HardDeletes, method), catalog.Match(reps.Deletes, method):
		if catalog.Match(reps.Deletes, method) && !catalog.Match(reps.HardDeletes, method) {
			for _, name := range reps.SoftDeleteFields {
				if f := ent.attrs[name]; f != nil && !f.drop {
					// A soft delete: the row stays, marked (a flag set, or
					// a deletion time stamped).
					mark := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprBool, Value: "true"})
					if f.typ != nil && f.typ.Name == "Timestamp" {
						clock := rc.clockCall(e.Line())
						if clock == nil {
							continue
						}
						mark = *clock
					}
					set := facts.Expr{Kind: facts.ExprDict}
					set.SetEntries([]facts.DictEntry{{Key: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprString, Value: name}), Value: mark}})
					rc.stamp(&set, ent, reps.Stamps[recv.repoBase].SoftDeletes, e.Line())
					rc.bulkUpdate(q, facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Args: []facts.Expr{set}, Line: e.Line()}), sc, out)
					return &value{kind: vPlumbing}
				}
			}
		}
		b.stats.EffectsSeen++
		if keyRow != nil {
			if row := rc.valueExpr(keyRow); row != nil {
				// delete({where: {key: {...of row t}}}): row t is gone.
				*out = append(*out, &allium.ExprStmt{Meta: b.meta(sc.file, e.Line()), X: &allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: row}}})
				return &value{kind: vPlumbing}
			}
		}
		rc.bulk(q, sc, out, e.Line(), func(x allium.Expr) []allium.Stmt {
			meta := b.meta(sc.file, e.Line())
			gone := []allium.Stmt{&allium.ExprStmt{Meta: meta, X: &allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: x}}}}
			return append(gone, b.cascadedDeletes(q.ent, x, meta)...)
		})
		return &value{kind: vPlumbing}
	}
	return nil
}

// shapeAsDict writes a request body passed whole (a pydantic model, a
// serializer) as the dict of its fields that the entity also has, but for
// the keys the row is found by: {"name": values.name, ...}, in the shape's
// field order.
func (rc *ruleCtx) shapeAsDict(x *facts.Expr, ent *entityInfo, keys []facts.Keyword, sc *scope, out *[]allium.Stmt) *facts.Expr {
	v := rc.eval(x, sc, out, false)
	if v.kind != vShape || v.shape == nil || v.variants != nil {
		return nil // a union body's fields are its variant's (union_shapes.go)
	}
	d := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprDict, Line: x.Line()})
	for _, f := range v.shape.class.Fields {
		if a := ent.attrs[f.Name]; a == nil || a.drop || slices.ContainsFunc(keys, func(k facts.Keyword) bool { return k.Name == f.Name && rc.sameInput(&k.Value, x, f.Name, sc) }) {
			continue // not the entity's, or the key that finds the row
		}
		d.SetEntries(append(d.Entries(), facts.DictEntry{
			Key:   facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprString, Value: f.Name, Line: x.Line()}),
			Value: facts.NewExpr(facts.ExprSpec{Kind: facts.ExprAttr, X: x, Name: f.Name, Line: x.Line()})}))
	}
	if len(d.Entries()) == 0 {
		return nil
	}
	return d
}

// clockCall is a call of the catalog's first clock (now()), nil when the
// catalog names none.
func (rc *ruleCtx) clockCall(line int) *facts.Expr {
	if len(rc.b.lang.ClockCalls) == 0 {
		return nil
	}
	clock := rc.b.lang.ClockCalls[0]
	return new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprCall, X: new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: clock, Raw: clock}).WithResolved(clock)), Raw: clock, Line: line}).WithResolved(clock))
}

// stamp adds to the values d of a repository's change the time fields
// its library sets to the clock by itself (catalog stamps), those of
// fields the entity has and d does not set.
func (rc *ruleCtx) stamp(d *facts.Expr, ent *entityInfo, fields []string, line int) {
	entries := slices.Clone(d.Entries())
	for _, name := range fields {
		f := ent.attrs[name]
		if f == nil || f.drop || f.typ == nil || f.typ.Name != "Timestamp" || slices.ContainsFunc(entries, func(en facts.DictEntry) bool {
			return en.Key != nil && en.Key.Kind == facts.ExprString && en.Key.Value() == name
		}) {
			continue
		}
		clock := rc.clockCall(line)
		if clock == nil {
			return
		}
		entries = append(entries, facts.DictEntry{Key: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprString, Value: name, Line: line}), Value: *clock})
	}
	d.SetEntries(entries)
}

// givenOnly puts each change in list made from an optional field of a
// request body (values.name with `name: str | None = None`, or a field an
// object schema that parsed the body declares optional: zod's
// title: z.string().optional()) under `if exists name:`: the update
// writes the fields the request set.
func (rc *ruleCtx) givenOnly(d *facts.Expr, sc *scope, list []allium.Stmt) {
	given := map[string]allium.Expr{}
	var scratch []allium.Stmt
	for _, en := range d.Entries() {
		if c := rc.optionalInput(&en.Value, sc, &scratch); c != nil {
			if u, ok := c.(*allium.Unary); ok {
				given[exprKey(u.X)] = c
			}
		}
	}
	// The schema's optional fields are the rule's parameters of those
	// names (the parsed body's fields).
	for _, s := range list {
		if a, ok := s.(*allium.Assign); ok {
			if id, ok := a.Value.(*allium.Ident); ok && rc.schemaOptional[id.Name] {
				given[exprKey(id)] = &allium.Unary{Op: allium.OpExists, X: id}
			}
		}
	}
	if len(given) == 0 {
		return
	}
	var wrap func(list []allium.Stmt)
	wrap = func(list []allium.Stmt) {
		for i, s := range list {
			switch y := s.(type) {
			case *allium.For:
				wrap(y.Body)
			case *allium.Assign:
				if c := given[exprKey(y.Value)]; c != nil {
					list[i] = &allium.If{Meta: y.Meta, Branches: []allium.IfBranch{{Cond: c, Body: []allium.Stmt{y}}}}
				}
			}
		}
	}
	wrap(list)
}

// sameInput reports a filter value that is the body's field itself
// (values.username, or an input of that name): the row is found by the
// value the body gives, which then changes nothing. A path segment of
// the same name (PATCH /user/{username} with a body holding a username)
// is another input: the body's field is the new value.
func (rc *ruleCtx) sameInput(k, body *facts.Expr, field string, sc *scope) bool {
	if k.Kind == facts.ExprAttr && k.X != nil && k.X.Raw() == body.Raw() && k.Name() == field {
		return true
	}
	var scratch []allium.Stmt
	v := rc.eval(k, sc, &scratch, false)
	return v.kind != vParam || v.param == bindingName(field)
}

// repositoryShapes reads the repositories that build an instance from
// named values without saving it (catalog builds: TypeORM's
// create({email, role})) and save it when given it (save(invitation)),
// that take the values a create writes as its named arguments
// (insert({email})),
// and name the rows an update or a delete changes first, by id or by a
// filter object (catalog criteria_first: update(id, {status}), delete(id)).
// It rewrites the filters and values, or answers the call (ok).
func (rc *ruleCtx) repositoryShapes(e *facts.Expr, method string, recv *value, filters, values *[]facts.Keyword, sc *scope, out *[]allium.Stmt) (*value, bool) {
	reps := rc.b.lang.Repositories
	if v, ok := rc.objectBuild(e, method, recv, *filters, *values, sc, out); ok {
		return v, true
	}
	if ent := rc.b.entByName[recv.ent]; ent != nil && catalog.Match(reps.Builds, method) && len(e.Args()) == 0 && len(*values) == 0 {
		// create({email, role}): an instance not saved yet; a spread
		// among its entries ({...userData, password}) gives it fields too.
		call := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Line: e.Line()})
		kws := slices.Clone(*filters)
		for _, kw := range e.Keywords() {
			if kw.Name == "**" {
				kws = append(kws, kw)
			}
		}
		call.SetKeywords(kws)
		return rc.construct(ent, call, sc, out), true
	}
	isCreate := catalog.Match(reps.Creates, method)
	if ent := rc.b.entByName[recv.ent]; ent != nil && isCreate && len(e.Args()) == 0 && len(*values) == 1 && (*values)[0].Value.Kind == facts.ExprDict {
		// create({data: {token, userId}}): the row made and stored at once,
		// as built and then saved; what is read of it later is what it
		// was given.
		call := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Line: e.Line()})
		kws := dictKeywords(&(*values)[0].Value)
		for _, en := range (*values)[0].Value.Entries() {
			if en.Key == nil && (en.Value.Kind == facts.ExprName || en.Value.Kind == facts.ExprAttr) {
				kws = append(kws, facts.Keyword{Name: "**", Value: en.Value}) // {...payload}
				break
			}
		}
		call.SetKeywords(kws)
		v := rc.construct(ent, call, sc, out)
		rc.created(v, out, e.Line())
		return v, true
	}
	if isCreate && len(e.Args()) == 1 && len(*filters) == 0 && len(*values) == 0 {
		switch v := rc.eval(&e.Args()[0], sc, out, false); {
		case v.kind == vNew && v.ent == recv.ent:
			rc.created(v, out, e.Line()) // save(invitation): the instance built
			return v, true
		case v.kind == vEntity && v.ent == recv.ent:
			return v, true // saved again: a change already stated
		case v.kind == vUnknown && (e.Args()[0].Kind == facts.ExprName || e.Args()[0].Kind == facts.ExprAttr):
			// save(user) of a row the walk could not read (found by a
			// helper it does not follow, or whose lookup was left out):
			// stored, but not made here. It changes state all the same,
			// so the handler's note says so (medusa's setPassword_,
			// services/user.ts:392), not that it has no effects.
			rc.b.stats.EffectsSeen++
			rc.untranslated(sc, e.Line(), LeftOutValue, "the row "+e.Args()[0].Raw()+" saved")
			return &value{kind: vPlumbing}, true
		}
	}
	if isCreate && len(*values) == 0 && len(*filters) > 0 && reps.CriteriaFirst {
		*values = []facts.Keyword{{Name: "data", Value: keywordDict(*filters, e.Line())}}
		*filters = nil
		return nil, false
	}
	isUpdate, isDelete := catalog.Match(reps.Updates, method), catalog.Match(reps.Deletes, method)
	// findOne(id) (Strapi's entityService.findOne(uid, id)): the row of
	// that id, as update(id, ...) and delete(id) name it.
	isLookup := catalog.Match(reps.Lookups, method) && len(*filters) == 0 && len(*values) == 0
	if !reps.CriteriaFirst || len(e.Args()) != 1 || !isUpdate && !isDelete && !isLookup || len(rc.b.lang.IDAttrs) == 0 {
		return nil, false
	}
	if isUpdate && len(*values) == 0 {
		*values = []facts.Keyword{{Name: "data", Value: keywordDict(*filters, e.Line())}}
		*filters = nil
	}
	if crit := &e.Args()[0]; crit.Kind == facts.ExprDict {
		*filters = append(*filters, dictKeywords(crit)...)
	} else {
		if cv := rc.eval(crit, sc, out, false); cv.kind == vParam && crit.Kind == facts.ExprName {
			// delete(id) with an input id: the row it names is the
			// parameter, as a lookup by it would make it.
			q := &query{ent: recv.ent, conds: []qcond{{field: "id", op: allium.OpEq, val: rc.tr(crit, sc, out)}}}
			if row := rc.bindLookup(snake(recv.ent), &value{kind: vLookup, ent: recv.ent, q: q}, sc, out, e.Line()); row.kind == vEntity {
				sc.vars[crit.Name()] = row
			}
		}
		*filters = append(*filters, facts.Keyword{Name: rc.b.lang.IDAttrs[len(rc.b.lang.IDAttrs)-1], Value: *crit})
	}
	return nil, false
}

// objectBuild reads a build or a create given an object kept in a local
// (TypeORM's userRepo.create(createData), createData built from a spread
// and entries set one by one): the instance of its entries, stored at
// once by a create that is no build.
func (rc *ruleCtx) objectBuild(e *facts.Expr, method string, recv *value, filters, values []facts.Keyword, sc *scope, out *[]allium.Stmt) (*value, bool) {
	reps := rc.b.lang.Repositories
	ent := rc.b.entByName[recv.ent]
	builds := catalog.Match(reps.Builds, method)
	if ent == nil || !builds && !catalog.Match(reps.Creates, method) || len(e.Args()) != 1 || len(filters) > 0 || len(values) > 0 {
		return nil, false
	}
	arg := &e.Args()[0]
	if mapped := rc.rowMapperArg(arg, sc); mapped != nil {
		arg = mapped // create(UserMapper.toPersistence(data)): data (row_mappers.go)
	}
	if arg.Kind != facts.ExprName && arg.Kind != facts.ExprAttr {
		return nil, false
	}
	obj := rc.eval(arg, sc, out, false)
	if v, ok := rc.domainObjectStored(ent, obj, builds, sc, e.Line(), out); ok {
		return v, true
	}
	if obj.kind != vUnknown || len(obj.parts) == 0 {
		return nil, false
	}
	v := rc.constructObject(ent, obj, sc, e.Line(), out)
	if v == nil {
		return nil, false
	}
	if !builds {
		rc.created(v, out, e.Line())
	}
	return v, true
}

// dictKeywords reads an object literal with plain keys as keywords.
func dictKeywords(d *facts.Expr) []facts.Keyword {
	var kws []facts.Keyword
	if d == nil || d.Kind != facts.ExprDict {
		return nil
	}
	for _, en := range d.Entries() {
		if en.Key != nil && en.Key.Kind == facts.ExprString {
			kws = append(kws, facts.Keyword{Name: en.Key.Value(), Value: en.Value})
		}
	}
	return kws
}

// relationIDs reads a filter on a relation's id ({user: {id: user.id}})
// as a filter on the relation: the row is that one.
func (b *builder) relationIDs(kws []facts.Keyword) []facts.Keyword {
	for i := range kws {
		if ids := dictKeywords(&kws[i].Value); len(ids) == 1 && slices.Contains(b.lang.IDAttrs, ids[0].Name) {
			kws[i].Value = ids[0].Value
		}
	}
	return kws
}

// compoundKeys reads a filter on a unique key over several fields, named
// by a key of its own ({teamID_userUid: {teamID, userUid}}, catalog
// repositories.compound_key_filters), as the filters on those fields. A
// key that is a field or a relation of the entity stays as it is, and so
// does one whose object names anything but the entity's fields.
func (b *builder) compoundKeys(ent *entityInfo, kws []facts.Keyword) []facts.Keyword {
	reps := b.lang.Repositories
	if reps == nil || !reps.CompoundKeyFilters {
		return kws
	}
	var out []facts.Keyword
	for _, kw := range kws {
		parts := dictKeywords(&kw.Value)
		ownKey := ent.attrs[kw.Name] != nil || slices.ContainsFunc(ent.rels, func(r *allium.Relationship) bool { return r.Name == snake(kw.Name) })
		if ownKey || len(parts) < 2 || slices.ContainsFunc(parts, func(p facts.Keyword) bool { return ent.attrs[p.Name] == nil }) {
			out = append(out, kw)
			continue
		}
		out = append(out, parts...)
	}
	return out
}

// keyOfRow is the row a filter names by its own unique key over several
// fields ({passwordless_deviceIdentifier_tokens: {deviceIdentifier:
// t.deviceIdentifier, token: t.token}} is row t), or nil for any other
// filter.
func (rc *ruleCtx) keyOfRow(ent *entityInfo, filter *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	kws := dictKeywords(filter)
	if len(kws) != 1 || len(rc.b.compoundKeys(ent, kws)) < 2 {
		return nil
	}
	row := sameRowKey(dictKeywords(&kws[0].Value))
	if row == nil {
		return nil
	}
	if v := rc.eval(row, sc, out, false); v.kind == vEntity && v.ent == ent.name {
		return v
	}
	return nil
}

// sameRowKey is the row every part of a key reads its own field of
// ({deviceIdentifier: t.deviceIdentifier, token: t.token} is t's key), or
// nil when the parts read anything else.
func sameRowKey(parts []facts.Keyword) *facts.Expr {
	var row *facts.Expr
	for i := range parts {
		v := &parts[i].Value
		if v.Kind != facts.ExprAttr || v.Name() != parts[i].Name || v.X == nil || v.X.Kind != facts.ExprName {
			return nil
		}
		if row != nil && row.Name() != v.X.Name() {
			return nil
		}
		row = v.X
	}
	return row
}

// filterGroup is a set of filter keywords read in the scope they were
// written in, which need not be the scope of the query that runs them.
// passedFilter is the filter object a local or parameter named x holds
// (an object literal given by the caller of a generic repository's
// method), read in the caller's scope; nil when x is no name or holds no
// single object literal.
func (rc *ruleCtx) passedFilter(x *facts.Expr, sc *scope, out *[]allium.Stmt) *filterGroup {
	if x.Kind != facts.ExprName {
		return nil
	}
	v := rc.eval(x, sc, out, false)
	if len(v.parts) != 1 || v.parts[0].e == nil || v.parts[0].e.Kind != facts.ExprDict {
		return nil
	}
	return &filterGroup{kws: rc.b.relationIDs(dictKeywords(v.parts[0].e)), sc: v.parts[0].sc}
}

type filterGroup struct {
	kws []facts.Keyword
	sc  *scope
}

// spreadFilterGroups reads the spreads of a filter object
// ({...criteria.where, ...(showDeleted ? {} : {deletedAt: null})}, umami's
// findUser): each is the object it evaluates to, its entries read where
// that object was written (the caller's {where: {username}}), its own
// spreads followed in turn. A conditional spread counts only when its
// condition is decided by what the rule's values fix (a destructured
// default the caller did not override). unread counts the spreads whose
// object could not be told: the filter is then not known whole.
func (rc *ruleCtx) spreadFilterGroups(d *facts.Expr, sc *scope, out *[]allium.Stmt) (groups []filterGroup, unread int) {
	if d == nil || d.Kind != facts.ExprDict {
		return nil, 0
	}
	for i := range d.Entries() {
		en := &d.Entries()[i]
		if en.Key != nil {
			continue
		}
		v := rc.eval(&en.Value, sc, out, false)
		if len(v.parts) != 1 || v.parts[0].e.Kind != facts.ExprDict {
			unread++
			continue
		}
		part := v.parts[0]
		if kws := dictKeywords(part.e); len(kws) > 0 {
			groups = append(groups, filterGroup{kws: kws, sc: part.sc})
		}
		inner, innerUnread := rc.spreadFilterGroups(part.e, part.sc, out)
		groups = append(groups, inner...)
		unread += innerUnread
	}
	return groups, unread
}

// keywordDict is the object literal of keywords.
func keywordDict(kws []facts.Keyword, line int) facts.Expr {
	d := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprDict, Line: line})
	entries := make([]facts.DictEntry, 0, len(kws))
	for _, kw := range kws {
		if kw.Name == "**" {
			// {...body}: a spread, an entry without a key as in the
			// literal itself, which a read of the dict looks through
			// (partValue).
			entries = append(entries, facts.DictEntry{Value: kw.Value})
			continue
		}
		entries = append(entries, facts.DictEntry{Key: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprString, Value: kw.Name, Line: line}), Value: kw.Value})
	}
	d.SetEntries(entries)
	return d
}

// clientModelRepository is the repository of the model an attribute names
// when the model is one a client reaches from any object (catalog
// client_models: prisma.client.user, this.user for Prisma's User) and the
// method called on it is a repository's; nil otherwise.
func (b *builder) clientModelRepository(x *facts.Expr, method string) *value {
	reps := b.lang.Repositories
	if reps == nil || len(reps.ClientModels) == 0 || x == nil || x.Kind != facts.ExprAttr {
		return nil
	}
	// count is read by repositoryCall itself (the number of rows the
	// filters match), so it is a repository's method too.
	known := method == "count"
	for _, ms := range [][]string{reps.Lookups, reps.Exists, reps.Creates, reps.Updates, reps.Deletes, b.lang.QueryMethods} {
		known = known || slices.Contains(ms, method)
	}
	if !known {
		return nil
	}
	r := b.clientRepository(x.Name())
	if r == nil || !decoratedBy(b.entByName[r.ent].ref.class.Decorators, reps.ClientModels) {
		return nil
	}
	return r
}

// clientRepository is the repository a database client's attribute names
// (prisma.user: the model User's), or nil.
func (b *builder) clientRepository(attr string) *value {
	for _, e := range b.entList {
		if n := e.ref.class.Name; n != "" && strings.ToLower(n[:1])+n[1:] == attr {
			return &value{kind: vRepo, ent: e.name}
		}
	}
	return nil
}

// builtQuery is the options object a query builder makes
// (catalog repositories.query_builders): buildQuery(selector, config) is
// {where: selector}, read where it is written. nil when e is no such
// call.
func (rc *ruleCtx) builtQuery(e *facts.Expr, names []string, sc *scope) *value {
	reps := rc.b.lang.Repositories
	if reps == nil || len(e.Args()) == 0 {
		return nil
	}
	for _, name := range slices.Sorted(maps.Keys(reps.QueryBuilders)) {
		if catalog.MatchAny([]string{name}, names...) {
			d := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprDict, Line: e.Line(), Raw: e.Raw()})
			d.SetEntries([]facts.DictEntry{{Key: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprString, Value: reps.QueryBuilders[name], Line: e.Line()}), Value: e.Args()[0]}})
			return dictValue(d, sc)
		}
	}
	return nil
}

// updatedRow is what a repository's update answers: the row it changed
// when it changed one row by its id (prisma's update({where: {id}, data})
// gives back that row, so updatedSession.userId is session.user), else
// nothing the spec reads. Only a row the spec names (a variable or a
// member of one) stands for it.
func updatedRow(row allium.Expr, ent string) *value {
	switch row.(type) {
	case *allium.Ident, *allium.Member:
		return &value{kind: vEntity, ent: ent, expr: row}
	}
	return &value{kind: vPlumbing}
}

// activeRecord reports an entity whose model class derives from a
// catalogued active-record base (TypeORM's BaseEntity): the class is its
// own repository.
func (b *builder) activeRecord(ent string) bool {
	reps := b.lang.Repositories
	e := b.entByName[ent]
	return reps != nil && len(reps.ActiveRecordBases) > 0 && e != nil && e.ref != nil && b.matchBases(e.ref, reps.ActiveRecordBases)
}
