package distill

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// queryCall handles query building and execution; nil when e is not a
// query call.
func (rc *ruleCtx) queryCall(e *facts.Expr, method string, recv *value, sc *scope, out *[]allium.Stmt) *value {
	b := rc.b
	l := b.lang
	last := facts.LastSegment(e.Raw())
	if method == "" && len(e.Args()) == 0 && len(e.Keywords()) == 0 && catalog.Match(l.ExistsBuilders, e.Resolved()) {
		// exists(): a test that a row exists, of the model its
		// conditions (.where) will name.
		return &value{kind: vQuery, q: &query{action: "exists"}}
	}
	// select(Model), db.session.query(Model), get_object_or_404(Model, ...)
	if (last == "select" || last == "delete" || method == "query" || last == "get_object_or_404" || last == "get_or_404") && len(e.Args()) > 0 &&
		(method == "" || method == "query" || (method == "select" && (recv.kind == vPlumbing || recv.kind == vUnknown))) {
		if c := &e.Args()[0]; last == "select" && c.Kind == facts.ExprCall && len(c.Args()) == 1 && catalog.MatchAny(l.RowCountCalls, c.Resolved(), c.Raw()) {
			// select(func.count(User.id)): the number of rows, once run.
			if ent := rc.countedModel(&c.Args()[0], sc, out); ent != "" {
				return &value{kind: vQuery, ent: ent, q: &query{ent: ent, action: "count"}}
			}
			return nil
		}
		mc := rc.eval(&e.Args()[0], sc, out, false)
		if mc.kind == vQuery && mc.q != nil && mc.q.action == "exists" && method == "query" && len(e.Args()) == 1 {
			// session.query(exists().where(...)): the test, which
			// .scalar() answers.
			return mc
		}
		column := ""
		if col := &e.Args()[0]; mc.kind != vModelClass && len(e.Args()) == 1 && last != "delete" && col.Kind == facts.ExprAttr && col.X != nil {
			// session.query(User.id), select(User.id): the rows of User
			// with one column, which a row then reads by its name
			// (row.id), as the whole row would give it.
			if owner := rc.eval(col.X, sc, out, false); owner.kind == vModelClass {
				mc, column = owner, col.Name()
			}
		}
		if mc.kind == vQuery && mc.q != nil && mc.q.ent != "" && mc.q.action == "" && len(mc.q.alts) == 0 && mc.q.bad == 0 && mc.q.scoped == 0 &&
			mc.q.via == nil && mc.q.rel == nil && len(mc.q.conds) == 0 && (last == "get_object_or_404" || last == "get_or_404") {
			// get_object_or_404(q, code=code) of a queryset the code
			// built first with no filter (q = Check.objects.select_related(
			// "project"), healthchecks hc/front/views.py:124-128): the row
			// of the model. Not the rows of a relationship
			// (get_object_or_404(request.user.notifications, pk=pk),
			// netbox extras/views.py:649), whose owner the row found as a
			// trigger's parameter would lose.
			q := *mc.q
			q.conds = slices.Clone(q.conds)
			q.orAbort = true
			rc.filterKw(&q, e.Keywords(), sc, out)
			if len(e.Args()) > 1 {
				q.conds = append(q.conds, qcond{field: "id", op: allium.OpEq, val: rc.tr(&e.Args()[1], sc, out)})
			}
			return &value{kind: vLookup, ent: q.ent, q: &q}
		}
		if mc.kind == vModelClass {
			q := &query{ent: mc.ent, column: column}
			if last == "delete" {
				q.action = "delete"
			}
			if last == "get_object_or_404" || last == "get_or_404" {
				q.orAbort = true
				rc.filterKw(q, e.Keywords(), sc, out)
				if len(e.Args()) > 1 {
					q.conds = append(q.conds, qcond{field: "id", op: allium.OpEq, val: rc.tr(&e.Args()[1], sc, out)})
				}
				return &value{kind: vLookup, ent: q.ent, q: q}
			}
			return &value{kind: vQuery, ent: q.ent, q: q}
		}
	}
	if method == "" || recv == nil {
		return nil
	}
	if v := rc.pathComparison(e, method, recv, sc, out); v != nil {
		return v
	}
	if recv.kind == vModelClass && l.ModelClassQuery {
		q := &query{ent: recv.ent, one: catalog.Match(l.OneRowUpdates, method)}
		switch {
		case catalog.Match(l.DeleteCalls, method):
			// Token.deleteMany({user, purpose}): the object is the filter.
			rc.filterKw(q, e.Keywords(), sc, out)
		case catalog.Match(l.UpdateMethods, method):
			// Token.updateMany({user}, {usedAt: new Date()}) or
			// ({user}, {$set: {...}}): the first object filters, the
			// keywords are the changes.
			filter, filterAt, ok := []facts.Keyword(nil), sc, len(e.Args()) == 1
			if ok {
				filter, filterAt, ok = rc.givenObject(&e.Args()[0], sc)
			}
			changes, changesAt, line := e.Keywords(), sc, e.Line()
			byID := catalog.Match(l.IDUpdateMethods, method)
			switch {
			case !byID:
			case len(e.Args()) >= 2:
				// findByIdAndUpdate(req.user._id, {$set: {...}}, {new: true}):
				// the id names the row, the options come last.
				filter = []facts.Keyword{{Name: "id", Value: e.Args()[0]}}
				changes, ok = objectKeywords(&e.Args()[1])
			case len(e.Args()) == 1 && len(e.Keywords()) > 0:
				// findByIdAndUpdate(id, {...}): the changes, the last
				// object, came as keywords.
				filter, ok = []facts.Keyword{{Name: "id", Value: e.Args()[0]}}, true
			}
			if !ok && len(e.Args()) == 2 && !byID {
				// updateMany(query, updateBody, {multi: true}) in a base
				// repository: the filter and the changes are the objects
				// its callers handed in, the options object comes last.
				var changesLit *facts.Expr
				filter, filterAt, _, ok = rc.handedObject(&e.Args()[0], sc)
				if ok {
					changes, changesAt, changesLit, ok = rc.handedObject(&e.Args()[1], sc)
				}
				if ok && changesAt.file != sc.file {
					line = changesLit.Line() // stated where the changes are written
				}
			}
			if !ok {
				b.stats.EffectsSeen++
				rc.untranslated(sc, e.Line(), LeftOutBulk, "a call to "+e.Raw())
				return &value{kind: vPlumbing}
			}
			update := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Line: line})
			read, whole := b.updateChanges(q.ent, changes, line)
			update.SetKeywords(read)
			if !b.changesFields(q.ent, update.Keywords()) {
				// Only keys the entity does not declare ('servicesHashes.intercom'):
				// the filter is not read either, lest it name a row for nothing.
				b.stats.EffectsSeen++
				rc.untranslated(changesAt, line, LeftOutBulk, "a bulk update")
				return &value{kind: vPlumbing}
			}
			if !whole {
				rc.untranslated(changesAt, line, LeftOutValue, "a part of an update whose keys are not field names")
			}
			rc.filterKw(q, filter, filterAt, out)
			rc.bulkUpdate(q, update, changesAt, out)
			return &value{kind: vPlumbing}
		}
		recv = &value{kind: vQuery, ent: recv.ent, q: q}
	}
	// session.get(Model, id), session.scalar(select(...)), session.execute(...)
	if (recv.kind == vPlumbing || recv.kind == vUnknown) && len(e.Args()) > 0 {
		if method == "execute" {
			if qv := rc.eval(&e.Args()[0], sc, out, false); qv.kind == vQuery && qv.q != nil && qv.q.action == "delete" {
				b.stats.EffectsSeen++
				rc.bulk(qv.q, sc, out, e.Line(), func(x allium.Expr) []allium.Stmt {
					meta := b.meta(sc.file, e.Line())
					gone := []allium.Stmt{&allium.ExprStmt{Meta: meta, X: &allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: x}}}}
					// The rows whose keys cascade go with it (cascades.go).
					return append(gone, b.cascadedDeletes(qv.q.ent, x, meta)...)
				})
				return &value{kind: vPlumbing}
			}
		}
		switch {
		case (method == "get" || method == "get_or_404") && len(e.Args()) >= 2:
			if mc := rc.eval(&e.Args()[0], sc, out, false); mc.kind == vModelClass {
				return &value{kind: vLookup, ent: mc.ent, q: &query{ent: mc.ent, conds: []qcond{{field: "id", op: allium.OpEq, val: rc.tr(&e.Args()[1], sc, out)}}}}
			}
		case catalog.Match(l.LookupMethods, method) || method == "execute" || method == "exec" || method == "scalars":
			if qv := rc.eval(&e.Args()[0], sc, out, false); qv.kind == vQuery {
				if method == "execute" || method == "exec" || method == "scalars" {
					return qv
				}
				if qv.q != nil && qv.q.action == "exists" {
					return b.existsAnswer(qv.q) // session.scalar(exists().where(...))
				}
				return lookupOf(qv.q)
			}
		}
	}
	if recv.kind == vLookup && recv.q != nil && slices.Contains(l.QueryPassThrough, method) {
		// User.findOne({email}).read("primary"), .lean(): still that one
		// row's query.
		return recv
	}
	if recv.kind != vQuery || recv.q == nil {
		return nil
	}
	q := &query{ent: recv.q.ent, conds: slices.Clone(recv.q.conds), bad: recv.q.bad, scoped: recv.q.scoped, via: recv.q.via, rel: recv.q.rel, action: recv.q.action, counts: recv.q.counts,
		anyOf: recv.q.anyOf, anyVal: recv.q.anyVal, alts: slices.Clone(recv.q.alts), column: recv.q.column, flat: recv.q.flat}
	if q.flat && catalog.Match(l.LookupMethods, method) {
		return unknownValue // a value of the column, not a row
	}
	if col := rc.flatProjection(method, e); col != "" {
		q.column, q.flat = col, true
		return &value{kind: vQuery, ent: q.ent, q: q}
	}
	if q.action == "exists" && q.ent == "" {
		// exists().where(Model.col == x): the model the condition names.
		if method != "where" && method != "filter" || len(e.Args()) != 1 {
			return unknownValue
		}
		q.ent = rc.conditionModel(&e.Args()[0], sc, out)
		if q.ent == "" {
			return unknownValue
		}
	}
	switch {
	case catalog.Match(l.CountMethods, method):
		// Account.countDocuments({}): the number of rows its filter, an
		// object literal (given as keywords), matches; any other filter
		// is unread.
		rc.filterKw(q, e.Keywords(), sc, out)
		for _, a := range e.Args() {
			if a.Kind != facts.ExprDict || len(a.Entries()) > 0 {
				q.bad++
			}
		}
		return &value{kind: vCount, ent: q.ent, q: q}
	case method == "filter_by" || method == "filter" || method == "where" || method == "exclude" || b.columnFilter(method, e) || b.enteredFilter(method, e, sc):
		if c, at, ok := rc.enteredFilterCall(e, sc); ok && b.columnFilter(method, c) {
			// andWhere(key, value) in a loop over a caller's entries.
			rc.filterKw(q, b.columnFilterKeywords(c), at, out)
			return &value{kind: vQuery, ent: q.ent, q: q}
		}
		before, altsBefore := len(q.conds), len(q.alts)
		rc.filterKw(q, e.Keywords(), sc, out)
		if b.columnFilter(method, e) {
			rc.filterKw(q, b.columnFilterKeywords(e), sc, out)
			return &value{kind: vQuery, ent: q.ent, q: q}
		}
		for i := range e.Args() {
			rc.filterArg(q, &e.Args()[i], sc, out)
		}
		if method == "exclude" {
			if len(q.alts) > altsBefore {
				// exclude(Q(a) | Q(b)): the rows of neither, which the
				// alternatives do not state (bad counts them already).
				q.alts = q.alts[:altsBefore]
			}
			for i := before; i < len(q.conds); i++ {
				if c := q.conds[i]; c.many {
					// exclude(emailaddress__verified=True) drops the rows
					// with any such related row: not the negated test.
					q.bad++
				} else if c.val != nil {
					q.conds[i].op = negate(&allium.Binary{Op: c.op}).(*allium.Binary).Op
					q.conds[i].orNull = b.excludeKeepsNull(q, q.conds[i])
					q.conds[i].noRelated = b.relatedMayBeAbsent(q, q.conds[i])
				} else {
					q.bad++
				}
			}
		}
		return &value{kind: vQuery, ent: q.ent, q: q}
	case catalog.Match(l.UpdateMethods, method):
		rc.bulkUpdate(q, e, sc, out)
		return &value{kind: vPlumbing}
	case catalog.Match(l.DeleteCalls, method):
		b.stats.EffectsSeen++
		rc.bulk(q, sc, out, e.Line(), func(x allium.Expr) []allium.Stmt {
			return []allium.Stmt{&allium.ExprStmt{Meta: b.meta(sc.file, e.Line()), X: &allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: x}}}}
		})
		return &value{kind: vPlumbing}
	case catalog.Match(l.CreateMethods, method):
		ent := b.entByName[q.ent]
		if ent == nil {
			return unknownValue
		}
		row, at := rc.insertedRowNamed(e, sc)
		v := rc.construct(ent, row, at, out)
		if q.via != nil {
			// user.tokens.create(...): the owner is implied.
			rc.untranslated(sc, e.Line(), LeftOutValue, "the owner of a related create")
		}
		rc.created(v, out, e.Line())
		return v
	case method == "exists":
		if x := b.rowsExist(q); x != nil {
			return exprValue(x)
		}
		return unknownValue
	case method == "count" && len(e.Args()) == 0 && len(e.Keywords()) == 0:
		return &value{kind: vCount, ent: q.ent, q: q}
	case method == "count":
		return unknownValue
	case catalog.Match(l.LookupMethods, method):
		if q.action == "count" {
			// select(func.count(...)).scalar_one(): the number itself.
			return lookupOf(q)
		}
		if q.action == "exists" {
			return b.existsAnswer(q)
		}
		// project.member_set.filter(user__email=email).get(): the row
		// the owner's relationship and the filter name, looked up as
		// Member.objects.filter(project=project, user__email=email) is,
		// Member{project, user: User{email}} (healthchecks'
		// transfer_project, hc/accounts/views.py:481); the filter above
		// carries the relationship (rel) for this.
		rc.relatedOwner(q)
		rc.filterKw(q, e.Keywords(), sc, out)
		switch {
		case catalog.Match(l.IDLookupMethods, method) && len(e.Args()) > 0:
			// findById(id), or findById(id, select): the id first, what
			// to read of the row after it.
			id := rc.eval(&e.Args()[0], sc, out, false)
			if id.kind == vNew && id.ent == q.ent && q.via == nil && len(q.conds) == 0 {
				// findById(user._id) of the user this rule created: that
				// row, which exists.
				return id
			}
			if u := rc.claimedUser(id, q); u != nil {
				return u
			}
			q.conds = append(q.conds, qcond{field: "id", op: allium.OpEq, val: rc.valueExpr(id)})
		case len(e.Keywords()) == 0 && len(e.Args()) > 0:
			// A base repository's findOne(query, select, options):
			// the filter a caller handed in.
			if filter, at, _, ok := rc.handedObject(&e.Args()[0], sc); ok && at != sc {
				rc.filterKw(q, filter, at, out)
			} else if filter, at, ok := rc.localObject(&e.Args()[0], sc); ok {
				// var query = {email: req.body.email}; findOne(query).
				rc.filterKw(q, filter, at, out)
			}
		}
		if v := rc.singletonRow(q, method, e); v != nil {
			return v
		}
		q.required = catalog.Match(l.RequiredLookups, method)
		return &value{kind: vLookup, ent: q.ent, q: q}
	case slices.Contains(rc.b.lang.QueryPassThrough, method):
		return &value{kind: vQuery, ent: q.ent, q: q}
	case catalog.Match(l.BulkCreateMethods, method):
		// The rows handed in, which the spec does not name: read as the
		// query, a loop over them ran over every row of the model.
		rc.untranslated(sc, e.Line(), LeftOutBulk, "the rows a bulk creation stores")
		return unknownValue
	}
	return &value{kind: vQuery, ent: q.ent, q: q}
}

// pathComparison reads a query builder's comparison of a named field
// (catalog path_comparisons), on the query or the one-row lookup it is
// chained on: User.findOne({token}).where("expires").gt(Date.now()) is the
// lookup of the user with that token whose expires is after now; exec()
// runs it. nil for any other call.
func (rc *ruleCtx) pathComparison(e *facts.Expr, method string, recv *value, sc *scope, out *[]allium.Stmt) *value {
	cmp := rc.b.lang.PathComparisons
	if len(cmp) == 0 || recv.q == nil || (recv.kind != vQuery && recv.kind != vLookup) {
		return nil
	}
	q := *recv.q
	q.conds = slices.Clone(recv.q.conds)
	switch {
	case method == "where" && len(e.Args()) == 1 && e.Args()[0].Kind == facts.ExprString && len(e.Keywords()) == 0:
		q.path = e.Args()[0].Value()
	case q.path != "" && cmp[method] != "" && len(e.Args()) == 1:
		f := rc.b.entByName[q.ent].attrs[q.path]
		x := rc.tr(&e.Args()[0], sc, out)
		if f == nil || f.drop || x == nil {
			q.bad++
		} else {
			q.conds = append(q.conds, qcond{field: f.name, op: cmp[method], val: x})
		}
		q.path = ""
	case method == "exec" && recv.kind == vLookup && len(e.Args()) == 0:
		return recv
	default:
		return nil
	}
	return &value{kind: recv.kind, ent: recv.ent, q: &q}
}

// filterKw reads filter_by(field=value) and Django's field__lte=value.

// filterOperator reads a filter value that carries its comparison (the
// catalog's filter_operators): {$lt: v} and {lt: v} as objects of one
// entry, LessThan(v) as a call. It returns the operator and v, or a nil v.
func (b *builder) filterOperator(e *facts.Expr) (string, *facts.Expr) {
	switch {
	case e.Kind == facts.ExprDict && len(e.Entries()) == 1:
		if en := &e.Entries()[0]; en.Key != nil && en.Key.Kind == facts.ExprString {
			if op, ok := b.lang.FilterOperators[en.Key.Value()]; ok {
				return op, &en.Value
			}
		}
	case e.Kind == facts.ExprCall && len(e.Args()) == 1 && e.X != nil && e.X.Kind == facts.ExprName:
		if op, ok := b.lang.FilterOperators[e.X.Name()]; ok {
			return op, &e.Args()[0]
		}
	}
	return "", nil
}

// nullTest reads a Django lookup that tests whether the field holds a
// value: field__isnull=True (= null) or False (!= null), and
// field__startswith=<a catalog unset_prefixes name> (= null: Django's
// UNUSABLE_PASSWORD_PREFIX starts the password of a user who has none).
func (b *builder) nullTest(lookup string, v *facts.Expr) (string, bool) {
	switch {
	case lookup == "isnull" && v.Kind == facts.ExprBool && v.Value() == "false":
		return allium.OpNe, true
	case lookup == "isnull":
		return allium.OpEq, true
	case lookup == "startswith" && (v.Kind == facts.ExprName || v.Kind == facts.ExprAttr):
		return allium.OpEq, catalog.Match(b.lang.UnsetPrefixes, v.Raw())
	}
	return "", false
}

// presenceTest reads a filter value testing whether a field holds a value
// (the catalog's presence_operators): {$exists: true} is != null,
// {$exists: false} = null. ok is false for any other value; a presence
// test of anything but a literal Boolean answers ok with op "", unread.
func (b *builder) presenceTest(e *facts.Expr) (op string, ok bool) {
	if e.Kind != facts.ExprDict || len(e.Entries()) != 1 {
		return "", false
	}
	en := &e.Entries()[0]
	if en.Key == nil || en.Key.Kind != facts.ExprString || !slices.Contains(b.lang.PresenceOperators, en.Key.Value()) {
		return "", false
	}
	if en.Value.Kind != facts.ExprBool {
		return "", true
	}
	if en.Value.Value() == "false" {
		return allium.OpEq, true
	}
	return allium.OpNe, true
}

// presenceCond is the condition that the named field of ent is set (op
// !=) or unset (op =): false when the field is not one the spec keeps,
// the entity is unknown or the test was unread, since dropping it would
// match more rows than the code does.
func (rc *ruleCtx) presenceCond(ent *entityInfo, name, op string) (qcond, bool) {
	if ent == nil || op == "" {
		return qcond{}, false
	}
	f := ent.attrs[name]
	if f == nil || f.drop {
		return qcond{}, false
	}
	return qcond{field: f.name, op: op, val: &allium.Lit{Kind: allium.LitNull, Text: "null"}}, true
}

func (rc *ruleCtx) filterKw(q *query, kws []facts.Keyword, sc *scope, out *[]allium.Stmt) {
	ent := rc.b.entByName[q.ent]
	if i := slices.IndexFunc(kws, func(k facts.Keyword) bool { return k.Name == "**" }); i >= 0 {
		if given, ok := rc.filterBuilderSpread(&kws[i].Value, sc, out); ok {
			// filter_by(**self._filter_builder(**{key: value}))
			// (keyed_lookups.go)
			kws = slices.Concat(kws[:i], given, kws[i+1:])
		}
	}
	if i := slices.IndexFunc(kws, func(k facts.Keyword) bool { return k.Name == "**" }); i >= 0 {
		// Taken only when the spread gave a criterion: a shape of no
		// declared field would leave the lookup with none, any row.
		if spread := rc.spreadKeywordList(kws, kws[i].Value.Line(), sc, out); len(spread) >= len(kws) {
			kws = spread
		}
	}
	for _, kw := range kws {
		if catalog.Match(rc.b.lang.OrFilterKeys, kw.Name) {
			rc.orKeyFilter(q, &kw.Value, sc, out)
			continue
		}
		if c, ok := rc.relatedFilter(q, kw, sc, out); ok {
			q.conds = append(q.conds, c)
			continue
		}
		name, op := kw.Name, allium.OpEq
		fold := false
		if i := strings.Index(name, "__"); i >= 0 {
			lk := name[i+2:]
			fold = catalog.Match(rc.b.lang.CaseInsensitiveOperators, lk)
			name = name[:i]
			if op, ok := rc.b.nullTest(lk, &kw.Value); ok {
				f := ent.attrs[name]
				if f == nil || f.drop {
					q.bad++
					continue
				}
				q.conds = append(q.conds, qcond{field: f.name, op: op, val: &allium.Lit{Kind: allium.LitNull, Text: "null"}})
				continue
			}
			o, ok := rc.b.lang.FilterOperators[lk]
			if !ok {
				q.bad++
				continue
			}
			op = o
		}
		value := &kw.Value
		if op, ok := rc.b.presenceTest(value); ok {
			// {_failed_login_count: {$exists: true}}: the field is set.
			if c, ok := rc.presenceCond(ent, name, op); ok {
				q.conds = append(q.conds, c)
			} else {
				q.bad++
			}
			continue
		}
		if o, v := rc.b.filterOperator(value); v != nil {
			op, value = o, v
		}
		if ent == nil {
			q.bad++
			continue
		}
		if slices.Contains(rc.b.lang.IDAttrs, name) || name == ent.pk {
			if rc.unreadRowKey(value, sc) {
				q.bad++
				continue
			}
			// where: {uid} of a model keyed by uid is where: {id}.
			val := rc.tr(value, sc, out)
			if value.Kind == facts.ExprName {
				val = rc.payloadRow(sc.vars[value.Name()], q.ent, val)
			}
			q.conds = append(q.conds, qcond{field: "id", op: op, val: val})
			continue
		}
		f := ent.attrs[name]
		if f == nil || f.drop {
			if secretField(name) {
				// A lookup by a secret the spec does not model.
				q.conds = append(q.conds, qcond{field: snake(name), op: op, val: rc.tr(value, sc, out)})
				continue
			}
			q.bad++
			continue
		}
		x := rc.tr(value, sc, out)
		if t := rc.cachedTokenValue(value, sc, out); t != nil {
			x = &allium.Member{X: t, Name: f.name} // filter_by(email=<the cached value>)
		}
		if x == nil {
			q.bad++
			continue
		}
		val := rc.b.enumValue(f, x)
		if f.lowercased && val == x && (op == allium.OpEq || op == allium.OpNe) {
			// Mongoose runs a field's setters on a query's filter as on a
			// write: User.findOne({email}) of an email kept lower-cased
			// compares lowercase(email) with the stored value.
			val = filterLowercased(val)
		}
		q.conds = append(q.conds, qcond{field: f.name, op: op, val: val, fold: fold && op == allium.OpEq})
	}
}

// filterLowercased is the value a filter compares with a field the store
// keeps lower-cased: lowercase(x), a text literal in lower case, and a
// null, Boolean or number as given (the setter leaves what is not text).
func filterLowercased(x allium.Expr) allium.Expr {
	if l, ok := x.(*allium.Lit); ok {
		if l.Kind != allium.LitString {
			return x
		}
		cp := *l
		cp.Text = strings.ToLower(l.Text)
		return &cp
	}
	return lowercased(x)
}

// filterArg reads filter(Model.f == v), Model.f.is_(False), ~Model.f,
// and_(...).
func (rc *ruleCtx) filterArg(q *query, a *facts.Expr, sc *scope, out *[]allium.Stmt) {
	if rc.filterObjectArg(q, a, sc, out) {
		return // filter(query) of Q objects (filter_objects.go)
	}
	b := rc.b
	ent := b.entByName[q.ent]
	fieldOf := func(x *facts.Expr) *fieldInfo {
		if x != nil && x.Kind == facts.ExprCall && len(x.Args()) == 1 && slices.Contains(b.lang.LowercaseCalls, facts.LastSegment(x.Raw())) {
			// func.lower(User.username) == name: the row is found by
			// its username, compared without regard to case.
			x = &x.Args()[0]
		}
		if x != nil && x.Kind == facts.ExprName && ent != nil {
			// search_attr = getattr(self.model, key): the column the
			// local was bound to (columnLocal).
			if f := rc.columnLocal(x, q.ent, sc); f != "" {
				if fi := ent.attrField(f); fi != nil && !fi.drop {
					return fi
				}
			}
			return nil
		}
		if x == nil || x.Kind != facts.ExprAttr || ent == nil {
			return nil
		}
		if mc := rc.eval(x.X, sc, out, false); mc.kind != vModelClass || mc.ent != q.ent {
			return nil
		}
		f := ent.attrField(x.Name())
		if f == nil || f.drop {
			return nil
		}
		return f
	}
	switch a.Kind {
	case facts.ExprCompare:
		op, ok := compareOps[a.Op()]
		if a.Op() == "is" {
			op, ok = allium.OpEq, true
		} else if a.Op() == "is not" {
			op, ok = allium.OpNe, true
		}
		f := fieldOf(a.X)
		if f == nil && ent != nil {
			if name := rc.calledColumn(a.X, q.ent, sc); name != "" {
				if fi := ent.attrField(name); fi != nil && !fi.drop {
					f = fi
				} else if ok && op == allium.OpEq && (name == "id" || name == "pk" || name == ent.pk) {
					// By primary key, as filter_by(id=...) reads.
					q.conds = append(q.conds, qcond{field: "id", op: op, val: rc.tr(a.Y, sc, out)})
					return
				}
			}
		}
		if ok && f == nil && op == allium.OpEq && a.X != nil && a.X.Kind == facts.ExprAttr && (a.X.Name() == "id" || a.X.Name() == "pk" || ent != nil && a.X.Name() == ent.pk) {
			if mc := rc.eval(a.X.X, sc, out, false); mc.kind == vModelClass && mc.ent == q.ent {
				// By primary key, as filter_by(id=...) reads.
				q.conds = append(q.conds, qcond{field: "id", op: op, val: rc.tr(a.Y, sc, out)})
				return
			}
		}
		if !ok || f == nil {
			q.bad++
			return
		}
		yx, fold := a.Y, false
		if op == allium.OpEq && rc.lowercaseCall(a.X) != nil {
			if inner := rc.lowercaseCall(a.Y); inner != nil {
				// func.lower(col) == str(value).lower(): the row whose
				// column equals value but for case.
				yx, fold = textOf(inner), true
			}
		}
		y := rc.tr(yx, sc, out)
		if fold && y != nil {
			q.conds = append(q.conds, qcond{field: f.name, op: op, val: b.enumValue(f, y), fold: true})
			return
		}
		if y == nil && op == allium.OpEq && secretField(f.name) {
			// Found by a secret the spec does not model (a token hash):
			// the caller names the instance.
			q.conds = append(q.conds, qcond{field: f.name, op: op})
			return
		}
		if y == nil && op == allium.OpEq && (f.fkEntity != "" || (f.typ != nil && b.entByName[f.typ.Name] != nil)) {
			q.scoped++
			return
		}
		if y == nil {
			q.bad++
			return
		}
		if fx := fieldOf(a.Y); fx != nil {
			q.bad++
			return
		}
		q.conds = append(q.conds, qcond{field: f.name, op: op, val: b.enumValue(f, y)})
	case facts.ExprCall:
		m := a.Method()
		switch {
		case m == "is_" || m == "is_not" || m == "isnot":
			f := fieldOf(a.X.X)
			if f == nil || len(a.Args()) != 1 {
				q.bad++
				return
			}
			y := rc.tr(&a.Args()[0], sc, out)
			if y == nil {
				q.bad++
				return
			}
			op := allium.OpEq
			if m != "is_" {
				op = allium.OpNe
			}
			q.conds = append(q.conds, qcond{field: f.name, op: op, val: y})
		case m == "in_":
			f := fieldOf(a.X.X)
			if f == nil || len(a.Args()) != 1 {
				q.bad++
				return
			}
			y := rc.tr(&a.Args()[0], sc, out)
			if y == nil {
				q.bad++
				return
			}
			if _, isSet := y.(*allium.SetLit); !isSet {
				y = &allium.SetLit{Elems: []allium.Expr{y}}
			}
			if set, ok := y.(*allium.SetLit); ok {
				for i, el := range set.Elems {
					set.Elems[i] = b.enumValue(f, el)
				}
			}
			q.conds = append(q.conds, qcond{field: f.name, op: allium.OpIn, val: y})
		case facts.LastSegment(a.Raw()) == "and_":
			for i := range a.Args() {
				rc.filterArg(q, &a.Args()[i], sc, out)
			}
		case catalog.Match(b.lang.OrFilters, facts.LastSegment(a.Raw())):
			rc.orFilter(q, a, sc, out)
		default:
			q.bad++
		}
	case facts.ExprAttr:
		if f := fieldOf(a); f != nil {
			q.conds = append(q.conds, qcond{field: f.name, op: allium.OpEq, val: &allium.Lit{Kind: allium.LitBool, Text: "true"}})
			return
		}
		q.bad++
	case facts.ExprUnary:
		if f := fieldOf(a.X); f != nil && (a.Op() == "~" || a.Op() == "not") {
			q.conds = append(q.conds, qcond{field: f.name, op: allium.OpEq, val: &allium.Lit{Kind: allium.LitBool, Text: "false"}})
			return
		}
		q.bad++
	default:
		q.bad++
	}
}

// givenObject is the entries of the object literal e is, or of the one
// the local e names (localObject), with the scope its values are read in.
func (rc *ruleCtx) givenObject(e *facts.Expr, sc *scope) ([]facts.Keyword, *scope, bool) {
	if kws, ok := objectKeywords(e); ok {
		return kws, sc, true
	}
	return rc.localObject(e, sc)
}

// localObject is the entries of the object literal the local name e is
// bound to (var query = {email: req.body.email}; User.findOne(query)),
// with the scope its values are read in; ok is false for any other e, for
// an empty literal (filled in later, entry by entry) and for a dict that
// was edited after it was built (more than one part).
func (rc *ruleCtx) localObject(e *facts.Expr, sc *scope) ([]facts.Keyword, *scope, bool) {
	if e.Kind != facts.ExprName {
		return nil, nil, false
	}
	v := sc.vars[e.Name()]
	if v == nil || v.handed || v.kind != vUnknown || len(v.parts) != 1 || v.parts[0].e == nil || v.parts[0].sc == nil ||
		v.parts[0].e.Kind != facts.ExprDict || len(v.parts[0].e.Entries()) == 0 {
		return nil, nil, false
	}
	kws, ok := objectKeywords(v.parts[0].e)
	return kws, v.parts[0].sc, ok
}

// handedObject is the entries of the object literal e is, or of the one a
// caller handed in that the name e is bound to (a base repository's
// findOne(query) reached from findByEmail's this.findOne({email})), with
// the scope its values are read in and the literal itself; ok is false for
// any other e, or for a literal whose keys are not plain names.
func (rc *ruleCtx) handedObject(e *facts.Expr, sc *scope) (kws []facts.Keyword, at *scope, lit *facts.Expr, ok bool) {
	if kws, ok := objectKeywords(e); ok {
		return kws, sc, e, true
	}
	if e.Kind != facts.ExprName {
		return nil, nil, nil, false
	}
	v := sc.vars[e.Name()]
	if v == nil || !v.handed || len(v.parts) != 1 || v.parts[0].e == nil || v.parts[0].sc == nil {
		return nil, nil, nil, false
	}
	kws, ok = objectKeywords(v.parts[0].e)
	return kws, v.parts[0].sc, v.parts[0].e, ok
}

// updateChanges are the field changes of an update document: the entries
// of its catalogued operators ({$set: {password}} sets password, {$unset:
// {resetToken: 1}} clears resetToken), or the document's own entries when
// it names fields directly ({usedAt: new Date()}). A key may be a dotted
// path into the document ({$set: {'failedLogin.times': 0}}), and an object
// given for a nested path of ent ({$set: {failedLogin: {times, ...}}})
// sets each of its fields (documentPaths). whole is false when an
// operator's object has keys that are neither names nor paths ent
// declares ('profile.nickname'), left out.
func (b *builder) updateChanges(ent string, doc []facts.Keyword, line int) (changes []facts.Keyword, whole bool) {
	whole = true
	defer func() { changes = b.documentPaths(ent, changes) }()
	for _, kw := range doc {
		set := slices.Contains(b.lang.UpdateSetKeys, kw.Name)
		unset := slices.Contains(b.lang.UpdateUnsetKeys, kw.Name)
		if !set && !unset {
			if b.clearsField(&kw.Value) {
				kw.Value = facts.NewExpr(facts.ExprSpec{Kind: facts.ExprNone, Line: line})
			}
			changes = append(changes, kw)
			continue
		}
		entries, ok := pathKeywords(&kw.Value)
		if !ok {
			whole = false
			continue
		}
		if !b.declaresPaths(ent, entries) {
			whole = false
		}
		for _, en := range entries {
			if unset {
				en.Value = facts.NewExpr(facts.ExprSpec{Kind: facts.ExprNone, Line: line})
			}
			changes = append(changes, en)
		}
	}
	return changes, whole
}

// clearsField reports a change's value that is a catalogued operator
// clearing the field (update_field_ops: Parse Server's {__op: 'Delete'}).
func (b *builder) clearsField(v *facts.Expr) bool {
	ops := b.lang.UpdateFieldOps
	if ops.Key == "" || v.Kind != facts.ExprDict {
		return false
	}
	op := entryValue(v, ops.Key)
	return op != nil && op.Kind == facts.ExprString && slices.Contains(ops.Clears, op.Value())
}

// pathKeywords reads an update operator's object as keywords, as
// objectKeywords does, but also takes a key that is a dotted path of
// names ('failedLogin.times': MongoDB's way of setting one field of a
// nested object).
func pathKeywords(e *facts.Expr) ([]facts.Keyword, bool) {
	if e.Kind != facts.ExprDict || len(e.Entries()) == 0 {
		return nil, false
	}
	kws := make([]facts.Keyword, 0, len(e.Entries()))
	for _, en := range e.Entries() {
		if en.Key == nil || en.Key.Kind != facts.ExprString || !isDottedPath(en.Key.Value()) {
			return objectKeywords(e)
		}
		kws = append(kws, facts.Keyword{Name: en.Key.Value(), Value: en.Value})
	}
	return kws, true
}

// isDottedPath reports whether s is names joined by dots (a, a.b.c).
func isDottedPath(s string) bool {
	for part := range strings.SplitSeq(s, ".") {
		if !isIdentifier(part) {
			return false
		}
	}
	return true
}

// declaresPaths reports whether every dotted key of entries names a field
// ent declares (or a nested path of it).
func (b *builder) declaresPaths(ent string, entries []facts.Keyword) bool {
	e := b.entByName[ent]
	for _, en := range entries {
		if !strings.Contains(en.Name, ".") {
			continue
		}
		if e == nil || e.attrs[en.Name] == nil && !e.hasPathUnder(en.Name) {
			return false
		}
	}
	return true
}

// documentPaths expands a change whose value is an object literal given
// for a nested path of ent (failedLogin: {times, lastFailedAttempt: now},
// where the entity declares failedLogin.times and
// failedLogin.lastFailedAttempt) into one change per entry, keyed by its
// path; any other change is kept as it is.
func (b *builder) documentPaths(ent string, changes []facts.Keyword) []facts.Keyword {
	e := b.entByName[ent]
	if e == nil {
		return changes
	}
	var out []facts.Keyword
	for _, kw := range changes {
		if e.attrs[kw.Name] != nil || !e.hasPathUnder(kw.Name) {
			out = append(out, kw)
			continue
		}
		if kw.Value.Kind == facts.ExprNone {
			// {$unset: {resetTokenCount: ''}}: the nested object goes,
			// and with it every field declared inside it.
			out = append(out, e.clearedPathsUnder(kw.Name, &kw.Value)...)
			continue
		}
		entries, ok := objectKeywords(&kw.Value)
		if !ok {
			out = append(out, kw)
			continue
		}
		for i := range entries {
			entries[i].Name = kw.Name + "." + entries[i].Name
		}
		out = append(out, b.documentPaths(ent, entries)...)
	}
	return out
}

// clearedPathsUnder clears each field the entity declares inside the
// nested path prefix, in declaration order, with none as the value.
func (e *entityInfo) clearedPathsUnder(prefix string, none *facts.Expr) []facts.Keyword {
	var out []facts.Keyword
	for _, f := range e.fields {
		if strings.HasPrefix(f.attr, prefix+".") {
			out = append(out, facts.Keyword{Name: f.attr, Value: *none})
		}
	}
	return out
}

// hasPathUnder reports whether the entity declares a field inside the
// nested path prefix (failedLogin.times under failedLogin).
func (e *entityInfo) hasPathUnder(prefix string) bool {
	for attr := range e.attrs {
		if strings.HasPrefix(attr, prefix+".") {
			return true
		}
	}
	return false
}

// changesFields reports whether any of an update's changes may name a
// field of ent: a key it declares, or a spread whose keys are read later.
func (b *builder) changesFields(ent string, changes []facts.Keyword) bool {
	e := b.entByName[ent]
	if e == nil {
		return false
	}
	for _, kw := range changes {
		if f := e.attrs[kw.Name]; kw.Name == "**" || f != nil && !f.drop {
			return true
		}
	}
	return false
}

// bulkUpdate handles query.update({"f": v}) and Django's update(f=v).
func (rc *ruleCtx) bulkUpdate(q *query, e *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	ent := rc.b.entByName[q.ent]
	if ent == nil {
		return nil
	}
	type set struct {
		f *fieldInfo
		v *facts.Expr
		// at: where v is read, when a caller wrote it (nil: here).
		at *scope
	}
	var sets []set
	for _, kw := range e.Keywords() {
		if kw.Name == "synchronize_session" {
			continue
		}
		if kw.Name == "**" {
			// update({...update, updated_at}): the entries of the object
			// literal a caller handed in, read where it wrote them.
			entries := rc.handedEntries(&kw.Value, sc, out)
			if entries == nil {
				// A spread whose keys the walk cannot list ({...data}
				// of a local built with conditional spreads): what it
				// sets is left out, and said so.
				rc.untranslated(sc, e.Line(), LeftOutValue, "a value of a bulk update")
			}
			for _, en := range entries {
				if f := ent.attrs[en.Name]; f != nil && !f.drop {
					sets = append(sets, set{f, &en.Value, en.at})
				}
			}
			continue
		}
		if f := ent.attrs[kw.Name]; f != nil && !f.drop {
			v := kw.Value
			sets = append(sets, set{f, &v, nil})
		}
	}
	if len(e.Args()) == 1 && e.Args()[0].Kind == facts.ExprDict {
		for _, en := range e.Args()[0].Entries() {
			if en.Key == nil {
				continue
			}
			var f *fieldInfo
			switch en.Key.Kind {
			case facts.ExprString:
				f = ent.attrs[en.Key.Value()]
			case facts.ExprAttr:
				f = ent.attrs[en.Key.Name()]
			}
			if f != nil && !f.drop {
				v := en.Value
				sets = append(sets, set{f, &v, nil})
			}
		}
	}
	if len(sets) == 0 {
		rc.b.stats.EffectsSeen++
		rc.untranslated(sc, e.Line(), LeftOutBulk, "a bulk update")
		return nil
	}
	rc.b.stats.EffectsSeen += len(sets)
	return rc.bulk(q, sc, out, e.Line(), func(row allium.Expr) []allium.Stmt {
		// F("calls") + 1 reads the row's own field.
		rowSc := *sc
		rowSc.vars = cloneVars(sc.vars)
		rowSc.vars[rowVar] = &value{kind: vEntity, ent: q.ent, expr: row}
		var body []allium.Stmt
		for _, st := range sets {
			at := &rowSc
			if st.at != nil {
				at = st.at
			}
			x := rc.tr(rowFields(st.v), at, out)
			if x == nil {
				rc.untranslated(sc, e.Line(), LeftOutValue, "a value of a bulk update")
				continue
			}
			st.f.used = true
			if ent.hashedOnSave[st.f.attr] {
				// The framework stores it hashed (object_models.hashed_types).
				x = &allium.Call{Fun: &allium.Ident{Name: "hash"}, Args: []allium.Arg{{Value: x}}}
			}
			body = append(body, &allium.Assign{Meta: rc.b.meta(sc.file, e.Line()), Target: &allium.Member{X: row, Name: st.f.name}, Value: rc.b.enumValue(st.f, x)})
		}
		return body
	})
}

// foundRowOf is the row the rule already found by the same filter (let
// user = User{email}) when q changes only the first row it matches
// (query.one); nil otherwise.
func (rc *ruleCtx) foundRowOf(q *query) allium.Expr {
	if !q.one || q.bad > 0 || len(q.conds) == 0 {
		return nil
	}
	j := rc.b.join(q)
	if j == nil {
		return nil
	}
	key := exprKey(j)
	for _, s := range rc.body {
		if l, ok := s.(*allium.Let); ok && exprKey(l.Value) == key {
			return &allium.Ident{Name: l.Name}
		}
	}
	return nil
}

// rowByUniqueKey is the row a query's one condition names by a column the
// framework or the schema keeps unique (repositories.class_unique,
// unique=True, Prisma's @unique): username = user.username finds user
// itself, stripe_subscription_id = subscription_id the one row
// User{stripe_subscription_id: subscription_id}. nil for any other query.
func (b *builder) rowByUniqueKey(q *query) allium.Expr {
	ent := b.entByName[q.ent]
	if ent == nil || len(q.conds) != 1 || q.via != nil || len(q.alts) > 0 || len(q.anyOf) > 0 || q.bad > 0 || len(q.conds[0].path) > 0 {
		return nil
	}
	c := q.conds[0]
	f := ent.field(c.field)
	if c.op != allium.OpEq || f == nil || !ent.uniqueAttrs[f.attr] && !b.uniqueField(ent, f.attr) {
		return nil
	}
	switch v := c.val.(type) {
	case *allium.Member:
		if v.Name != f.name {
			return nil
		}
		switch v.X.(type) {
		case *allium.Ident, *allium.Join:
			return v.X
		}
	case *allium.Ident:
		// update({where: {stripeSubscriptionId: subscription.id}}) of a
		// column the schema declares unique: the one row whose key is
		// that value, not a loop over rows.
		if b.uniqueField(ent, f.attr) {
			return b.join(q)
		}
	}
	return nil
}

// rowByIDParam is the row an update or a delete by id changes: when the id
// is the trigger's parameter (delete({where: {id: userId}})), the row
// itself is (user), as a lookup by it makes the found entity the
// parameter; any other id expression stays as it is.
func (rc *ruleCtx) rowByIDParam(x allium.Expr, ent string) allium.Expr {
	id, ok := x.(*allium.Ident)
	n := snake(lastWord(ent))
	if !ok || !rc.paramSet[id.Name] || id.Name != n+"_id" || rc.paramSet[n] && rc.idParams[id.Name].row != n {
		return x
	}
	// The id stands for the row in every clause, those already written
	// (user_id != current_user) too: finish merges it (mergeIDParam).
	rc.noteIDParam(id.Name, n, ent)
	rc.useParam(n)
	return &allium.Ident{Name: n}
}

// actingUserNamed reports whether the rule's acting user goes by name:
// bound already, or to come in a signed-in rule (a session read later
// names it after the user entity).
func (rc *ruleCtx) actingUserNamed(name string) bool {
	u := rc.userVal
	if u == nil {
		return rc.auth != authNone && name == snake(lastWord(rc.b.userEntity())) && !rc.routeNamesUser()
	}
	id, ok := u.expr.(*allium.Ident)
	return u.kind == vEntity && ok && id.Name == name
}

// rowVar names the row a bulk update changes, for F("field").
const rowVar = "\x00row"

// rowFields rewrites Django's F("field") into an attribute of the row.
func rowFields(e *facts.Expr) *facts.Expr {
	if e == nil {
		return nil
	}
	if e.Kind == facts.ExprCall && facts.LastSegment(e.Raw()) == "F" && len(e.Args()) == 1 && e.Args()[0].Kind == facts.ExprString {
		return facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprAttr, X: facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprName, Name: rowVar, Line: e.Line()}), Name: e.Args()[0].Value(), Line: e.Line()})
	}
	c := *e
	c.X, c.Y = rowFields(e.X), rowFields(e.Y)
	if len(e.Args()) > 0 {
		c.SetArgs(make([]facts.Expr, len(e.Args())))
		for i := range e.Args() {
			c.Args()[i] = *rowFields(&e.Args()[i])
		}
	}
	return &c
}

// bulk applies body to every instance a query selects: a temporal rule
// in a job, else a for block.
//
// It answers the row changed when q names one row by its id (nil
// otherwise): what an ORM's update of that row gives back.
func (rc *ruleCtx) bulk(q *query, sc *scope, out *[]allium.Stmt, line int, body func(x allium.Expr) []allium.Stmt) allium.Expr {
	v := lastWord(q.ent)
	if len(q.conds) == 1 && q.conds[0].field == "id" && q.conds[0].op == allium.OpEq && q.via == nil {
		// filter(pk=x.pk).update(...): a change to x itself.
		if x := q.conds[0].val; x != nil {
			if id, ok := x.(*allium.Ident); ok && rc.paramSet[id.Name] && id.Name == snake(lastWord(q.ent))+"_id" && rc.actingUserNamed(snake(lastWord(q.ent))) {
				// delete({where: {id: userId}}) where user is the acting
				// user (umami's DELETE /api/users/[userId]): the row the
				// id names cannot take its name, and is not the id.
				rc.untranslated(sc, line, LeftOutBulk, "a change to the row an id names")
				return nil
			}
			row := rc.rowByIDParam(x, q.ent)
			*out = append(*out, body(row)...)
			return row
		}
	}
	if row := rc.b.rowByUniqueKey(q); row != nil {
		// update('_User', {username: user.username}, ...): the rows
		// sharing a known row's unique key are that row.
		*out = append(*out, body(row)...)
		return row
	}
	if row := rc.b.rowByUniqueKeys(q); row != nil {
		// filter(user=u, project=p).delete() of a model unique on
		// (user, project): the one row the key names (unique_keys.go).
		*out = append(*out, body(row)...)
		return row
	}
	if row := rc.foundRowOf(q); row != nil {
		// findOneAndUpdate({email}, ...) after findOne({email}): the
		// first row the filter matches is the one the rule found.
		*out = append(*out, body(row)...)
		return row
	}
	if rc.h.job && rc.trigger == nil {
		if rc.temporalRule(q, v, sc, line, func(x *ruleCtx, inner *scope) { x.ensures = append(x.ensures, body(&allium.Ident{Name: v})...) }) {
			return nil
		}
	}
	coll := rc.b.collection(q, v)
	if coll == nil {
		rc.untranslated(sc, line, LeftOutBulk, "a bulk change over a query")
		return nil
	}
	if rc.paramSet[v] || rc.lets[v] {
		v = "each_" + v // the rule's own user is not the loop's
	}
	stmts := body(&allium.Ident{Name: v})
	if len(stmts) == 0 {
		return nil
	}
	if slices.ContainsFunc(q.conds, func(c qcond) bool { return c.field == "id" && c.val == nil }) {
		// delete({where: {id: <what the spec cannot name>}}): which row
		// is not known; "where id" would test the id for truth.
		rc.untranslated(sc, line, LeftOutBulk, "a change to a row found by an id the spec cannot name")
		return nil
	}
	*out = append(*out, &allium.For{Meta: rc.b.meta(sc.file, line), Var: v, Coll: coll, Body: stmts})
	return nil
}

// temporalLoop makes `for x in <query with a time condition>:` in a job a
// temporal rule.
func (rc *ruleCtx) temporalLoop(q *query, varName string, body []facts.Stmt, sc *scope, line int) bool {
	return rc.temporalRule(q, varName, sc, line, func(x *ruleCtx, inner *scope) {
		x.stmts(body, inner, &x.ensures)
	})
}

func (rc *ruleCtx) temporalRule(q *query, varName string, sc *scope, line int, fill func(x *ruleCtx, inner *scope)) bool {
	if len(q.alts) > 0 && q.via == nil {
		return rc.splitAlternatives(q, varName, sc, line, fill) // filter_objects.go
	}
	return rc.temporalRuleNamed(q, varName, "", sc, line, fill)
}

// temporalRuleNamed is temporalRule with the rule's name given, or ""
// for the job's own (with the entity's when the job has it already).
func (rc *ruleCtx) temporalRuleNamed(q *query, varName, name string, sc *scope, line int, fill func(x *ruleCtx, inner *scope)) bool {
	timeIdx, cond := dueCond(q)
	if timeIdx < 0 {
		return false
	}
	rc.b.markCondFields(q)
	if name == "" {
		name = rc.name
		if rc.b.ruleName[name] > 0 || len(rc.extra) > 0 {
			name = rc.name + q.ent
		}
	}
	x := rc.b.newRuleCtx(rc.h, name)
	x.trigger = &allium.Trigger{Meta: rc.b.meta(sc.file, line), Kind: allium.TriggerTemporal, Binding: varName, Cond: cond}
	for _, r := range rc.body {
		// The job's own guards (if not settings.X: return) hold for
		// every row it visits after them.
		if r, ok := r.(*allium.Requires); ok {
			own := *r // the rule's own statement: later passes edit a rule's body
			x.body = append(x.body, &own)
		}
	}
	if sc.under != nil && sc.under != alwaysTrue {
		// The job visits the rows only past its early return
		// (if reminder_days <= 0: return 0): a precondition of each.
		x.body = append(x.body, &allium.Requires{Meta: rc.b.meta(sc.file, line), Cond: sc.under})
	}
	for i, c := range q.conds {
		if i == timeIdx {
			continue
		}
		x.body = append(x.body, &allium.Requires{Meta: rc.b.meta(sc.file, line), Cond: condExpr(&allium.Ident{Name: varName}, c)})
	}
	inner := &scope{file: sc.file, vars: cloneVars(sc.vars), depth: sc.depth, stack: sc.stack, top: false, cls: sc.cls, inlined: sc.inlined}
	inner.vars[varName] = &value{kind: vEntity, ent: q.ent, expr: &allium.Ident{Name: varName}}
	fill(x, inner)
	if len(x.ensures) == 0 {
		return true
	}
	// The rule stands at the query when the job holds it, else at the
	// job: a line of the helper's file is no line of the job's.
	at := line
	if sc.file != rc.h.file {
		at = rc.h.fn.Line
	}
	rc.extra = append(rc.extra, x.finish(at))
	return true
}

// dueCond finds the condition of q that makes a row due, as a temporal
// trigger (temporalCond), and its index; -1 when q has none, or has a
// filter the spec cannot state, or is a relationship's rows.
func dueCond(q *query) (int, allium.Expr) {
	if q.bad > 0 || q.via != nil {
		return -1, nil
	}
	for i, c := range q.conds {
		if c.val == nil || !mentionsNow(c.val) || len(c.path) > 0 || c.orNull {
			continue
		}
		if tc := temporalCond(&allium.Member{X: &allium.Ident{Name: q.ent}, Name: c.field}, c.op, c.val); tc != nil {
			return i, tc
		}
	}
	return -1, nil
}

func mentionsNow(e allium.Expr) bool {
	found := false
	allium.Inspect(e, func(x allium.Expr) bool {
		if id, ok := x.(*allium.Ident); ok && id.Name == "now" {
			found = true
		}
		return !found
	})
	return found
}

// temporalCond normalises field op value (value mentions now) into the
// trigger form `Entity.field [+ d] <= now`; nil when the condition says
// "not yet" rather than "due". A lifetime added to or taken from now
// moves to the field's side (field = now + 7.days - config.expiry is
// field + config.expiry - 7.days = now). A date equal to today (a daily
// job's `expiration_date = today + 7 days`; the spec's Timestamp stands
// for dates too, so now().date() is now) is the day the rule is due: the
// trigger fires once when it comes.
func temporalCond(field allium.Expr, op string, val allium.Expr) allium.Expr {
	now := &allium.Ident{Name: "now"}
	if v, ok := val.(*allium.Binary); ok && (v.Op == allium.OpAdd || v.Op == allium.OpSub) && mentionsNow(v.X) && !mentionsNow(v.Y) {
		moved := allium.OpSub
		if v.Op == allium.OpSub {
			moved = allium.OpAdd
		}
		return temporalCond(&allium.Binary{Op: moved, X: field, Y: v.Y}, op, v.X)
	}
	isNow := false
	if id, ok := val.(*allium.Ident); ok && id.Name == "now" {
		isNow = true
	}
	today := false
	if c, ok := val.(*allium.Call); ok && isToday(c) {
		today = true
	}
	switch {
	case op == allium.OpEq && (isNow || today):
		return &allium.Binary{Op: allium.OpLe, X: field, Y: now}
	case op == allium.OpLt && today:
		// A date before today: a day after it has begun.
		return &allium.Binary{Op: allium.OpLe, X: &allium.Binary{Op: allium.OpAdd, X: field, Y: oneDay()}, Y: now}
	case (op == allium.OpLt || op == allium.OpLe) && (isNow || today):
		return &allium.Binary{Op: allium.OpLe, X: field, Y: now}
	}
	return nil
}

// orFilter reads or_(User.username == x, User.email == x): the row found
// by one value in any of several fields. The spec names that lookup by
// what it matches, user_by_username_or_email(x) (join). Any other or_ is
// left out.
func (rc *ruleCtx) orFilter(q *query, a *facts.Expr, sc *scope, out *[]allium.Stmt) {
	var alt query
	alt.ent = q.ent
	for i := range a.Args() {
		if a.Args()[i].Kind != facts.ExprCompare || a.Args()[i].Op() != "==" {
			q.bad++
			return
		}
		rc.filterArg(&alt, &a.Args()[i], sc, out)
	}
	if alt.bad > 0 || len(alt.conds) != len(a.Args()) || len(a.Args()) < 2 || q.anyOf != nil {
		q.bad++
		return
	}
	for _, c := range alt.conds {
		if c.op != allium.OpEq || c.val == nil || len(c.path) > 0 || exprKey(c.val) != exprKey(alt.conds[0].val) {
			q.bad++
			return
		}
		q.anyOf = append(q.anyOf, c.field)
	}
	q.anyVal = alt.conds[0].val
}

// oneValueAlternatives reads a lookup of one row whose only unread filter
// lists alternatives, each one field equal to one same value (Strapi's
// callback: findOne({where: {provider, $or: [{email:
// identifier.toLowerCase()}, {username: identifier}]}})), as orFilter
// reads or_(User.username == x, User.email == x): the row found by that
// value in any of those fields, user_by_email_or_username(identifier,
// provider: "local"). A value lower-cased for one field is the same value
// (how that field is compared, not another input). nil when q is no such
// lookup; q itself is left as it is.
func oneValueAlternatives(q *query) *query {
	if len(q.alts) < 2 || q.bad != 1 || q.scoped > 0 || q.via != nil || q.anyOf != nil || q.action != "" {
		return nil
	}
	var fields []string
	var val allium.Expr
	for _, alt := range q.alts {
		if alt.under != nil || len(alt.conds) != 1 {
			return nil
		}
		c := alt.conds[0]
		if c.op != allium.OpEq || c.val == nil || len(c.path) > 0 || c.orNull || c.many || slices.Contains(fields, c.field) {
			return nil
		}
		v := withoutLowercase(c.val)
		if val != nil && exprKey(v) != exprKey(val) {
			return nil
		}
		val = v
		fields = append(fields, c.field)
	}
	one := *q
	one.alts, one.bad, one.anyOf, one.anyVal = nil, 0, fields, val
	return &one
}

// withoutLowercase is the value a lowercase(x) call is given, or e itself.
func withoutLowercase(e allium.Expr) allium.Expr {
	if c, ok := e.(*allium.Call); ok && len(c.Args) == 1 && c.Args[0].Name == "" && calls(c, "lowercase") {
		return c.Args[0].Value
	}
	return e
}

// lookupOf is what running q for one result gives: the row it matches, or,
// for a count of its rows (select(func.count(User.id))), that number.
func lookupOf(q *query) *value {
	if q.action == "count" {
		return &value{kind: vCount, ent: q.ent, q: q}
	}
	return &value{kind: vLookup, ent: q.ent, q: q}
}

// countedModel is the model whose rows a row count counts: its argument
// names the model (func.count(User)) or one of its columns
// (func.count(User.id), the model injected as self.users.id too); "" for
// anything else.
func (rc *ruleCtx) countedModel(e *facts.Expr, sc *scope, out *[]allium.Stmt) string {
	if v := rc.eval(e, sc, out, false); v.kind == vModelClass {
		return v.ent
	}
	if e.Kind == facts.ExprAttr && e.X != nil {
		if v := rc.eval(e.X, sc, out, false); v.kind == vModelClass {
			return v.ent
		}
	}
	return ""
}

// rowsExist says that a row q matches exists, or nil when the spec
// cannot say it: a filter it cannot state narrows the rows, and the stated
// ones alone would claim more rows match than do.
func (b *builder) rowsExist(q *query) allium.Expr {
	if x := b.anyAlternativeExists(q); x != nil {
		return x
	}
	if q.bad > 0 {
		return nil
	}
	if x := b.foldedRowsExist(q); x != nil {
		// Before the join, which matches exactly (and stands for the
		// row such a lookup binds, for want of a better form).
		return x
	}
	if j := b.join(q); j != nil {
		return &allium.Unary{Op: allium.OpExists, X: j}
	}
	if q.via != nil && len(q.conds) == 0 {
		// user.credentials.exists(): the relationship holds a row.
		return &allium.Binary{Op: allium.OpGt, X: &allium.Member{X: q.via, Name: "count"}, Y: &allium.Lit{Kind: allium.LitNumber, Text: "0"}}
	}
	if q.via == nil && len(q.conds) == 0 && len(q.alts) == 0 && q.anyOf == nil && q.scoped == 0 && b.entByName[q.ent] != nil {
		// Account.countDocuments({}) of no filter: some row of the
		// entity at all (express-signup-verification's first account,
		// account.service.js:90).
		return &allium.Binary{Op: allium.OpGt, X: &allium.Member{X: &allium.Ident{Name: plural(q.ent)}, Name: "count"}, Y: &allium.Lit{Kind: allium.LitNumber, Text: "0"}}
	}
	return nil
}

// anyAlternativeExists is that rows of a query whose rows are any of
// several unconditional alternatives exist (Strapi's register: count({where:
// {provider, $or: [{email}, {username}]}})): a row of one of them does,
// exists A or exists B, each with the query's own conditions; nil when
// the query has no such alternatives or another condition is unread.
func (b *builder) anyAlternativeExists(q *query) allium.Expr {
	var some allium.Expr
	for _, j := range b.alternativeJoins(q) {
		x := allium.Expr(&allium.Unary{Op: allium.OpExists, X: j})
		if some != nil {
			x = &allium.Binary{Op: allium.OpOr, X: some, Y: x}
		}
		some = x
	}
	return some
}

// firstAlternativeRow reads a lookup of one row whose rows are any of
// several alternatives, each with its own values (the user of apihub's
// login: User.findOne({$or: [{username}, {email}]})), as the row the first
// finds, else the next's: User{username} ?? User{email}. nil when q is no
// such lookup.
func (b *builder) firstAlternativeRow(q *query) allium.Expr {
	if q.scoped > 0 || q.anyOf != nil || q.action != "" {
		return nil
	}
	return joinTerms(allium.OpCoalesce, b.alternativeJoins(q))
}

// alternativeJoins are the rows each alternative of q finds with the
// query's own conditions, in the code's order; nil when q has no such
// alternatives, another condition is unread, or one cannot be written.
func (b *builder) alternativeJoins(q *query) []allium.Expr {
	if len(q.alts) < 2 || q.bad != 1 || q.via != nil {
		return nil
	}
	joins := make([]allium.Expr, 0, len(q.alts))
	for _, alt := range q.alts {
		if alt.under != nil {
			return nil
		}
		each := *q
		each.conds = slices.Concat(q.conds, alt.conds)
		each.alts, each.bad = nil, 0
		j := b.join(&each)
		if j == nil {
			return nil
		}
		joins = append(joins, j)
	}
	return joins
}

// rowsByIDParamExist reads a test that rows were found by the trigger's
// id (medusa's retrieve: find({id: userId}), then if (!users.length)
// throw), or by the id of a row the rule found already, as the test a
// lookup by it makes: the row is the parameter (or that row), and it
// exists (exists user). With further equalities beside the id
// (taxonomy's count({where: {id: postId, authorId: user.id}}) > 0) the
// test is that the row has those values (post.author = user). nil for
// any other query.
func (rc *ruleCtx) rowsByIDParamExist(q *query) allium.Expr {
	if q == nil || q.bad > 0 || q.via != nil || len(q.alts) > 0 {
		return nil
	}
	idAt := slices.IndexFunc(q.conds, func(c qcond) bool { return c.field == "id" && c.op == allium.OpEq && len(c.path) == 0 })
	if idAt < 0 {
		return nil
	}
	rest := slices.Delete(slices.Clone(q.conds), idAt, idAt+1)
	for _, c := range rest {
		if len(c.path) > 0 || c.op != allium.OpEq || c.val == nil || c.orNull || c.many || isRowField(c.val) {
			return nil
		}
	}
	row := rc.rowByID(&query{ent: q.ent, conds: q.conds[idAt : idAt+1]})
	if row == nil {
		return nil
	}
	if len(rest) == 0 {
		return &allium.Unary{Op: allium.OpExists, X: row}
	}
	var all allium.Expr
	for _, c := range rest {
		eq := allium.Expr(&allium.Binary{Op: allium.OpEq, X: &allium.Member{X: row, Name: c.field}, Y: c.val})
		if all != nil {
			eq = &allium.Binary{Op: allium.OpAnd, X: all, Y: eq}
		}
		all = eq
	}
	return all
}

// rowByID is the row a lookup by one id names: a row the rule found
// already (find({id: user.id})), or the trigger's parameter the id
// stands for (rowByIDParam); nil when the id is neither.
func (rc *ruleCtx) rowByID(q *query) allium.Expr {
	if found := rc.foundRowByOwnID(q); found != nil {
		return found
	}
	id, ok := q.conds[0].val.(*allium.Ident)
	if !ok {
		return nil
	}
	row := rc.rowByIDParam(id, q.ent)
	if row == allium.Expr(id) {
		return nil
	}
	return row
}

// rowCountTest reads a comparison of a number of rows with zero
// (count != 0, count > 0, count >= 1, and their negations) as whether such
// a row exists; nil for any other comparison. Only a local or a call that
// may give the number is evaluated, so nothing else is read twice.
func (rc *ruleCtx) rowCountTest(e *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	if e.X == nil || e.Y == nil || e.Y.Kind != facts.ExprInt {
		return nil
	}
	var some bool
	switch op := e.Op(); {
	case e.Y.Value() == "0" && (op == "!=" || op == ">"):
		some = true
	case e.Y.Value() == "0" && (op == "==" || op == "<="):
	case e.Y.Value() == "1" && op == ">=":
		some = true
	case e.Y.Value() == "1" && op == "<":
	case e.Y.Value() == "1" && (op == "==" || op == "!=") && rc.rowsLength(e.X) && e.X.Kind == facts.ExprAttr:
		// rows.length != 1 after a lookup by what names one row (Parse
		// Server's checkResetTokenValidity: find('_User', {username,
		// _perishable_token: token}, {limit: 1})): no row found.
		some = op == "=="
	default:
		return nil
	}
	if m := e.X.Method(); e.X.Kind != facts.ExprName && !rc.rowsLength(e.X) && (m != "count" && !catalog.Match(rc.b.lang.CountMethods, m) && !catalog.Match(rc.b.lang.LookupMethods, m)) {
		return nil
	}
	v := rc.eval(e.X, sc, out, false)
	if v.kind != vCount {
		return nil
	}
	x := rc.rowsByIDParamExist(v.q)
	if x == nil {
		x = rc.b.rowsExist(v.q)
	}
	if x == nil || some {
		return x
	}
	return negate(x)
}

// rowsLength reports whether e is rows.length (the catalog's
// length_attrs) or len(rows) (its length_calls) of a name, or len of an
// attribute of a local (len(item.users), the rows a relationship of a
// row holds: mealie's admin group delete, routes/admin/
// admin_management_groups.py:77), which reads nothing twice when
// evaluated.
//
// Not yet of the receiver's (len(self.webauthn) in a model's property,
// warehouse accounts/models.py:241): that would make the property a
// derived value, which warehouse's verify_email then tests in a redirect
// after the rule's effects (if request.user.has_two_factor: return
// HTTPSeeOther(...), accounts/views.py:1115), a choice of the answer that
// the walk would state as a precondition of effects already made.
func (rc *ruleCtx) rowsLength(e *facts.Expr) bool {
	if e.Kind == facts.ExprCall && e.Method() == "" && slices.Contains(rc.b.lang.LengthCalls, e.Raw()) && len(e.Args()) == 1 {
		a := &e.Args()[0]
		return a.Kind == facts.ExprName || a.Kind == facts.ExprAttr && a.X != nil && a.X.Kind == facts.ExprName && !rc.b.isReceiverExpr(a.X)
	}
	return e.Kind == facts.ExprAttr && e.X != nil && e.X.Kind == facts.ExprName && slices.Contains(rc.b.lang.LengthAttrs, e.Name())
}

// rowCountBound reads a number of rows compared with a value the
// deployment or the request gives (CTFd's registration limit:
// Users.query.filter_by(banned=False, hidden=False).count() >=
// num_users_limit) as the count of the collection those rows make,
// (Users where banned = false and hidden = false).count >= config.num_users;
// nil for any other comparison. A count compared with a number literal
// stays unsaid: the literal would become a setting named after the count,
// which the code does not name. As in rowCountTest, only a local or a
// call that may give the number is evaluated.
func (rc *ruleCtx) rowCountBound(e *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	op, ok := compareOps[e.Op()]
	if !ok || op == allium.OpIn || op == allium.OpNotIn || e.X == nil || e.Y == nil {
		return nil
	}
	countSide := func(x *facts.Expr) *value {
		if m := x.Method(); x.Kind != facts.ExprName && (x.Kind != facts.ExprCall || m != "count" && !catalog.Match(rc.b.lang.LookupMethods, m)) {
			return nil
		}
		if v := rc.eval(x, sc, out, false); v.kind == vCount {
			return v
		}
		return nil
	}
	counted, other, flipped := countSide(e.X), e.Y, false
	if counted == nil {
		counted, other, flipped = countSide(e.Y), e.X, true
	}
	if counted == nil || other.IsLiteral() {
		return nil
	}
	coll := rc.b.collection(counted.q, "")
	bound := rc.tr(other, sc, out)
	if coll == nil || bound == nil {
		return nil
	}
	if lit, isLit := bound.(*allium.Lit); isLit && lit.Kind == allium.LitNumber {
		return nil // a local bound to a number literal
	}
	count := &allium.Member{X: coll, Name: "count"}
	if flipped {
		return &allium.Binary{Op: op, X: bound, Y: count}
	}
	return &allium.Binary{Op: op, X: count, Y: bound}
}

// insertedRow is a create call with its row as keywords when the row is
// its first argument rather than its last (knex's insert({...}, "*"), the
// second what it returns); e itself otherwise.
// insertedRowNamed is insertedRow, also when the row's object is a name
// bound to the one object literal a caller handed in (a base repository's
// create(data) calling this.model.create(data)): then the fields are read
// where the literal was written, the scope it gives back.
func (rc *ruleCtx) insertedRowNamed(e *facts.Expr, sc *scope) (*facts.Expr, *scope) {
	if len(e.Keywords()) > 0 || len(e.Args()) != 1 || e.Args()[0].Kind != facts.ExprName {
		return insertedRow(e), sc
	}
	v := sc.vars[e.Args()[0].Name()]
	if v == nil || len(v.parts) != 1 || v.parts[0].e == nil || v.parts[0].sc == nil {
		return e, sc
	}
	kws, ok := objectKeywords(v.parts[0].e)
	if !ok {
		return e, sc
	}
	c := withKeywords(e, kws)
	at := v.parts[0].sc
	if at.file != sc.file {
		c.SetLine(v.parts[0].e.Line()) // stated where the literal is, in its file
	}
	return c, at
}

func insertedRow(e *facts.Expr) *facts.Expr {
	if len(e.Keywords()) > 0 || len(e.Args()) == 0 {
		return e
	}
	kws, ok := objectKeywords(&e.Args()[0])
	if !ok {
		return e
	}
	return withKeywords(e, kws)
}

// withKeywords is the call e given kws as its keywords in place of its
// positional arguments.
func withKeywords(e *facts.Expr, kws []facts.Keyword) *facts.Expr {
	c := *e
	c.SetArgs(nil)
	c.SetKeywords(kws)
	return &c
}

// orKeyFilter reads a filter key whose value lists alternative filters
// (catalog or_filter_keys: Strapi's and Mongo's {$or: [{email}, {username}]}):
// the rows match any of them. Like a filter given Q objects or'ed, the
// alternatives are kept apart (q.alts) and counted unread, since the
// other conditions alone would say more rows match; an alternative the
// walk cannot read whole drops them all.
func (rc *ruleCtx) orKeyFilter(q *query, list *facts.Expr, sc *scope, out *[]allium.Stmt) {
	q.bad++
	if len(q.alts) > 0 || list.Kind != facts.ExprList {
		q.alts = nil // two sets of alternatives, or a list the walk cannot read
		return
	}
	for i := range list.Args() {
		x := &query{ent: q.ent}
		rc.filterKw(x, dictKeywords(&list.Args()[i]), sc, out)
		if list.Args()[i].Kind != facts.ExprDict || x.bad > 0 || x.scoped > 0 || len(x.conds) == 0 {
			q.alts = nil
			return
		}
		q.alts = append(q.alts, qalt{conds: x.conds})
	}
}

// foldedRowsExist says that a row exists whose fields meet q's conditions
// when one of them compares without regard to case, which no join states
// (filter(email__iexact=email).exists(): Users.any(u => lower(u.email) =
// lower(email))); nil for any other query.
func (b *builder) foldedRowsExist(q *query) allium.Expr {
	if q.via != nil || q.anyOf != nil || len(q.conds) == 0 || !slices.ContainsFunc(q.conds, func(c qcond) bool { return c.fold }) {
		return nil
	}
	const v = "u"
	var cond allium.Expr
	for _, c := range q.conds {
		if c.field == "id" || c.val != nil && mentionsIdent(c.val, v) {
			return nil
		}
		x := condExpr(&allium.Ident{Name: v}, c)
		if cond == nil {
			cond = x
		} else {
			cond = &allium.Binary{Op: allium.OpAnd, X: cond, Y: x}
		}
	}
	return &allium.Call{Fun: &allium.Member{X: &allium.Ident{Name: plural(q.ent)}, Name: "any"},
		Args: []allium.Arg{{Value: &allium.Lambda{Param: v, Body: cond}}}}
}

// conditionModel is the model whose column a query condition compares
// (ProhibitedUserName.name == n: ProhibitedUserName); "" when it names none.
func (rc *ruleCtx) conditionModel(c *facts.Expr, sc *scope, out *[]allium.Stmt) string {
	if c.Kind != facts.ExprCompare || c.X == nil || c.X.Kind != facts.ExprAttr || c.X.X == nil {
		return ""
	}
	if mc := rc.eval(c.X.X, sc, out, false); mc.kind == vModelClass {
		return mc.ent
	}
	return ""
}

// existsAnswer is the answer of a test that a row exists
// (query(exists().where(...)).scalar()): exists Model{...}, or unknown
// when a condition is unread or the model is not known.
func (b *builder) existsAnswer(q *query) *value {
	if q.ent == "" {
		return unknownValue
	}
	if x := b.rowsExist(q); x != nil {
		return exprValue(x)
	}
	return unknownValue
}

// flatProjection is the column a call of the catalog's flat_projections
// narrows a query's rows to, given by its one name and the keyword that
// makes it flat (values_list("project_id", flat=True)); "" for any other
// call, which leaves the query as it was.
func (rc *ruleCtx) flatProjection(method string, e *facts.Expr) string {
	kw, ok := rc.b.lang.FlatProjections[method]
	if !ok || len(e.Args()) != 1 || e.Args()[0].Kind != facts.ExprString {
		return ""
	}
	for _, k := range e.Keywords() {
		if k.Name == kw && k.Value.Kind == facts.ExprBool && k.Value.Value() == "true" {
			return e.Args()[0].Value()
		}
	}
	return ""
}
