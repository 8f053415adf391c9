package distill

// Django query idioms beyond field lookups: a lookup that follows a
// relationship (user__last_login__gt=x), a Count annotation filtered on
// (annotate(n=Count("memberships")).filter(n=0)), an F() expression
// naming another field of the same row, and exclude's reading of null
// (a row whose field is null is not excluded).

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// rowRef marks, inside a query condition's value, a field of the row
// itself (F("deletion_notice_date")); condExpr writes it on the row.
const rowRef = "__row"

// rowField writes the row fields of v on root (bare inside a where).
func rowField(root allium.Expr, v allium.Expr) allium.Expr {
	m, ok := v.(*allium.Member)
	if !ok {
		return v
	}
	if id, ok := m.X.(*allium.Ident); ok && id.Name == rowRef {
		if root == nil {
			return &allium.Ident{Name: m.Name}
		}
		return &allium.Member{X: root, Name: m.Name}
	}
	return v
}

func isRowField(v allium.Expr) bool {
	m, ok := v.(*allium.Member)
	if !ok {
		return false
	}
	id, ok := m.X.(*allium.Ident)
	return ok && id.Name == rowRef
}

// annotateCounts records annotate(alias=Count("rel")) on q; it reports
// whether every annotation was such a count of a relationship of the
// query's entity.
func (rc *ruleCtx) annotateCounts(q *query, e *facts.Expr) bool {
	b := rc.b
	ent := b.entByName[q.ent]
	if ent == nil || len(e.Args()) > 0 {
		return false
	}
	for _, kw := range e.Keywords() {
		v := &kw.Value
		if v.Kind != facts.ExprCall || !catalog.MatchAny(b.lang.CountCalls, v.Resolved(), v.Raw()) || len(v.Args()) != 1 || v.Args()[0].Kind != facts.ExprString {
			return false
		}
		rel := v.Args()[0].Value()
		if rc.relationshipNamed(ent, rel) == "" {
			return false
		}
		if q.counts == nil {
			q.counts = map[string]string{}
		}
		q.counts[kw.Name] = rc.relationshipNamed(ent, rel)
	}
	return true
}

// relationshipNamed is the spec name of ent's relationship (or
// collection) called name in code; "" when ent has none.
func (rc *ruleCtx) relationshipNamed(ent *entityInfo, name string) string {
	for _, r := range ent.rels {
		if r.Name == snake(name) {
			return r.Name
		}
	}
	if r := rc.b.implicitRels[ent.name+"."+snake(name)]; r != nil {
		ent.rels = append(ent.rels, r)
		delete(rc.b.implicitRels, ent.name+"."+snake(name))
		return r.Name
	}
	return ""
}

// relatedFilter reads one keyword of a filter that follows a relationship
// or names an annotation: user__last_login__gt=x, n_teams=0. It reports
// false, changing nothing, when kw is a plain field lookup (or none it
// can read: the caller then counts it as untranslated).
func (rc *ruleCtx) relatedFilter(q *query, kw facts.Keyword, sc *scope, out *[]allium.Stmt) (qcond, bool) {
	b := rc.b
	ent := b.entByName[q.ent]
	if ent == nil {
		return qcond{}, false
	}
	parts := strings.Split(kw.Name, "__")
	op := allium.OpEq
	if len(parts) > 1 {
		if o, ok := b.lang.FilterOperators[parts[len(parts)-1]]; ok && o != allium.OpIn {
			op = o
			parts = parts[:len(parts)-1]
		}
	}
	if rel, ok := q.counts[parts[0]]; ok && len(parts) == 1 {
		val := rc.filterValue(&kw.Value, sc, out)
		if val == nil {
			return qcond{}, false
		}
		return qcond{field: rel, path: []string{"count"}, op: op, val: val}, true
	}
	if len(parts) != 2 {
		return qcond{}, false
	}
	// A foreign key of the entity, then a field of its target.
	f := ent.attrs[parts[0]]
	if f == nil {
		return rc.reverseFilter(ent, parts, op, kw, sc, out)
	}
	if f.drop || f.fkEntity == "" {
		return qcond{}, false
	}
	tgt := b.entByName[f.fkEntity]
	if tgt == nil {
		return qcond{}, false
	}
	tf := tgt.attrs[parts[1]]
	if tf == nil || tf.drop || tf.fkEntity != "" {
		return qcond{}, false
	}
	val := rc.filterValue(&kw.Value, sc, out)
	if val == nil {
		return qcond{}, false
	}
	tf.used = true
	return qcond{field: f.name, path: []string{tf.name}, op: op, val: b.enumValue(tf, val)}, true
}

// reverseFilter reads a filter through the reverse side of another
// model's foreign key to ent (emailaddress__verified=True: the user has an
// e-mail address that is verified), named as Django names it in a query:
// the foreign key's related_name, else the other model's name in lower
// case. The condition holds when any of the related rows passes.
func (rc *ruleCtx) reverseFilter(ent *entityInfo, parts []string, op string, kw facts.Keyword, sc *scope, out *[]allium.Stmt) (qcond, bool) {
	b := rc.b
	for _, rev := range b.pendingReverse {
		if rev.field.drop || rev.field.fkEntity != ent.name || rev.single {
			continue
		}
		query := rev.name
		if rev.implicit {
			query = strings.ToLower(rev.from.ref.class.Name)
		}
		if query != parts[0] {
			continue
		}
		tf := rev.from.attrs[parts[1]]
		if tf == nil || tf.drop || tf.fkEntity != "" && op != allium.OpEq {
			return qcond{}, false
		}
		r, adopt := b.relationshipFor(ent.name, rev.from.name, rev.field.name)
		if r == nil {
			return qcond{}, false
		}
		val := rc.filterValue(&kw.Value, sc, out)
		if val == nil || isRowField(val) {
			return qcond{}, false
		}
		if b.implicitRels[ent.name+"."+r.Name] == r && tf.fkEntity == "" {
			// Named in the spec for what it holds (email_addresses),
			// not as Django names it (emailaddress_set).
			if n := snake(plural(rev.from.name)); ent.attrs[n] == nil && !slices.ContainsFunc(ent.rels, func(x *allium.Relationship) bool { return x.Name == n }) {
				r.Name = n
			}
		}
		adopt()
		tf.used = true
		c := qcond{field: r.Name, path: []string{tf.name}, op: op, val: b.enumValue(tf, val), many: true}
		if tf.fkEntity != "" {
			// member__user=user: a related row names that row.
			c.member = &memberSide{ent: rev.from.name, key: rev.field.name}
		}
		return c, true
	}
	return qcond{}, false
}

// filterValue translates a filter's value; F("field") is the row's own
// field.
func (rc *ruleCtx) filterValue(v *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	if v.Kind == facts.ExprCall && catalog.MatchAny(rc.b.lang.FieldRefCalls, v.Resolved(), v.Raw()) && len(v.Args()) == 1 && v.Args()[0].Kind == facts.ExprString {
		return &allium.Member{X: &allium.Ident{Name: rowRef}, Name: v.Args()[0].Value()}
	}
	return rc.tr(v, sc, out)
}

// nullableCond reports whether the field c tests may be null: exclude
// keeps such rows.
func (b *builder) nullableCond(q *query, c qcond) bool {
	ent := b.entByName[q.ent]
	if ent == nil || c.val == nil {
		return false
	}
	f := ent.field(c.field)
	if f == nil {
		return false
	}
	if len(c.path) == 0 {
		return f.typ != nil && f.typ.Optional
	}
	if c.path[0] == "count" {
		return false
	}
	tgt := b.entByName[f.fkEntity]
	if tgt == nil {
		return f.typ != nil && f.typ.Optional
	}
	tf := tgt.field(c.path[0])
	return f.typ != nil && f.typ.Optional || tf != nil && tf.typ != nil && tf.typ.Optional
}

// relatedMayBeAbsent reports whether c follows a foreign key that may be
// null to the field it tests: a negated (exclude) condition also holds for
// a row with no related row.
func (b *builder) relatedMayBeAbsent(q *query, c qcond) bool {
	ent := b.entByName[q.ent]
	if ent == nil || len(c.path) == 0 || c.path[0] == "count" {
		return false
	}
	f := ent.field(c.field)
	return f != nil && f.fkEntity != "" && f.typ != nil && f.typ.Optional
}

// excludeKeepsNull reports whether a negated exclude condition also holds
// for a null field: a comparison with a value, on a field that may be
// null.
func (b *builder) excludeKeepsNull(q *query, c qcond) bool {
	if lit, ok := c.val.(*allium.Lit); ok && lit.Kind == allium.LitNull {
		return false
	}
	switch c.op {
	case allium.OpLt, allium.OpLe, allium.OpGt, allium.OpGe:
	default:
		return false
	}
	return b.nullableCond(q, c)
}

// markCondFields keeps the fields a temporal rule's conditions test,
// inherited ones included (date_joined of the framework's user).
func (b *builder) markCondFields(q *query) {
	ent := b.entByName[q.ent]
	if ent == nil {
		return
	}
	for _, c := range q.conds {
		f := ent.field(c.field)
		if f == nil {
			continue
		}
		f.used = true
		if tgt := b.entByName[f.fkEntity]; tgt != nil && len(c.path) > 0 {
			if tf := tgt.field(c.path[0]); tf != nil {
				tf.used = true
			}
		}
	}
}

// tryNotFound reads `try: x = <lookup> ... except Model.DoesNotExist:`
// (the catalog's not_found_errors, or the service's own error a helper
// raises in its place, isNotFoundError): a handler that ends the request
// makes the found row a precondition (requires: exists x); one that goes
// on with outcomes of its own states them for when no row matched (if not
// exists x: ...). done is false, walking nothing, for any other try.
func (rc *ruleCtx) tryNotFound(s *facts.Stmt, sc *scope, out *[]allium.Stmt) (done, ends bool) {
	var h *facts.Handler
	for i := range s.Handlers() {
		if rc.b.isNotFoundError(sc.file, s.Handlers()[i].Type) {
			h = &s.Handlers()[i]
		}
	}
	if h == nil || len(s.Handlers()) != 1 || len(s.Body) == 0 {
		return false, false
	}
	// The lookup: one of the assignments to a name that open the body
	// (redash's forgot_password reads the organisation before the user).
	var names []string
	for i := range s.Body {
		a := &s.Body[i]
		if a.Kind != facts.StmtAssign || len(a.Targets) != 1 || a.Targets[0].Kind != facts.ExprName {
			break
		}
		names = append(names, a.Targets[0].Name())
	}
	if len(names) == 0 {
		return false, false
	}
	before := len(*out)
	literals := literalValues(sc)
	ends = rc.stmts(s.Body, sc, out)
	found := sc.vars[names[0]]
	for _, n := range names {
		if v := sc.vars[n]; v != nil && v.kind == vEntity && v.expr != nil {
			found = v
			break
		}
	}
	// A row the caller names (found by its id: a trigger parameter) that
	// the handler replaces with one it makes (except DoesNotExist:
	// workspace = create_workspace(...), baserow's fill_workspace,
	// contrib/database/management/commands/fill_workspace.py:112-117):
	// the condition below reads the parameter, so the trigger takes it
	// before the handler is walked, and the row made is named apart from
	// it (new_workspace) rather than rebinding the name the condition
	// tests, which the checker rejects.
	pretouched := ""
	if found != nil && found.kind == vEntity && found.param != "" && !rc.paramSet[found.param] && rebindsAny(h.Body, names) {
		pretouched = found.param
		rc.touch(found)
	}
	hsc := *sc
	hsc.vars = cloneVars(sc.vars)
	if pretouched != "" && (sc.top || sc.under != nil) {
		// What the handler checks, it checks only for a row not found.
		hsc.top = false
		hsc.under = andUnder(sc.under, &allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: found.expr}})
	}
	var hout []allium.Stmt
	hends := rc.stmts(h.Body, &hsc, &hout)
	rc.notFoundFlags(s, h, literals, found, sc, &hsc)
	// A let naming a row the handler made (let new_issue =
	// Issue.created(...), a creation a later line reads) is an outcome,
	// not a binding: a handler that creates the row and then ends is no
	// refusal (plane's PUT creates the work item its lookup did not find,
	// api/views/issue.py:658-695).
	handlerLets := onlyLets(hout) && !slices.ContainsFunc(hout, func(st allium.Stmt) bool { return creationOf(st) != nil })
	if pretouched != "" && !(!hends && !handlerLets) {
		// Not the conditional outcome: the parameter was read for nothing.
		rc.forgetParam(pretouched)
	}
	switch {
	case found == nil || found.kind != vEntity || found.expr == nil:
		// Not a lookup the spec states: the handler is left as before.
	case hends && handlerLets:
		rc.b.stats.GuardsSeen++
		if sc.top && found.param == "" {
			// (A row the caller names by its secret is a parameter: it
			// exists, as with get_object_or_404.)
			rc.requires(&allium.Unary{Op: allium.OpExists, X: found.expr}, sc, h.Line)
		}
		markMustExist(found, sc)
	case !hends && !handlerLets:
		ifs := &allium.If{Meta: rc.b.meta(sc.file, h.Line), Branches: []allium.IfBranch{{
			Cond: &allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: found.expr}}, Body: hout}}}
		*out = append(*out, ifs)
		rc.noteRebound(names, found, sc, &hsc, ifs)
	case !hends && sc.top && !sc.inlined && found.param == "" && out == &rc.ensures && !onlyLets((*out)[before:]):
		// except NoResultFound: log — the body's outcomes need the row,
		// and without it the request goes on past the try; if nothing
		// after the try has outcomes either, the row is required
		// (foundOnlyRequires, once the handler is walked).
		rc.foundOnly = append(rc.foundOnly, foundOnlyRow{row: found.expr, after: len(*out), file: sc.file, line: h.Line})
	case !hends:
		// except DoesNotExist: x = None — nothing happens without the row.
	case ends && found.param == "" && len(hout) > 0:
		// Both paths end, each with outcomes of its own: the body's for
		// the row found, the handler's for none (plane's PUT updates the
		// work item its external id finds, or creates one, api/views/
		// issue.py:604-710). One branch each, as the code has them.
		body := slices.Clone((*out)[before:])
		*out = append((*out)[:before], &allium.If{Meta: rc.b.meta(sc.file, h.Line),
			Branches: []allium.IfBranch{{Cond: &allium.Unary{Op: allium.OpExists, X: found.expr}, Body: body}},
			Else:     hout})
	default:
		rc.untranslated(sc, h.Line, LeftOutCondition, "the outcomes when no row is found")
	}
	if !ends {
		ends = rc.stmts(s.Else(), sc, out)
	}
	rc.stmts(s.Finally(), sc, out)
	return true, ends
}

// pathJoinField writes an equality through a foreign key (user__username=
// name) as a join field whose value is a join of the target
// (user: User{username: name}); nil for any other condition.
func (b *builder) pathJoinField(q *query, c qcond) *allium.JoinField {
	if c.op != allium.OpEq || c.val == nil || c.orNull || isRowField(c.val) || len(c.path) != 1 || c.path[0] == "count" {
		return nil
	}
	ent := b.entByName[q.ent]
	if ent == nil {
		return nil
	}
	f := ent.field(c.field)
	if f == nil || f.fkEntity == "" {
		return nil
	}
	inner := &allium.Join{Entity: f.fkEntity, Fields: []allium.JoinField{{Name: c.path[0], Value: c.val}}}
	if id, ok := c.val.(*allium.Ident); ok && id.Name == c.path[0] {
		inner.Fields[0].Value = nil
	}
	return &allium.JoinField{Name: c.field, Value: inner}
}

// foundOnlyRow is a row a try's body looked up and needed for all its
// outcomes, whose not-found handler went on without any (tryNotFound);
// after is how many outcomes the rule had once the try was walked.
type foundOnlyRow struct {
	row   allium.Expr
	after int
	file  *facts.File
	line  int
}

// foundOnlyRequires makes each foundOnly row a precondition when nothing
// after its try added an outcome: without the row the request changes
// nothing, which is what a rule that requires it says.
func (rc *ruleCtx) foundOnlyRequires() {
	for _, f := range rc.foundOnly {
		if f.after <= len(rc.ensures) && onlyLets(rc.ensures[f.after:]) {
			rc.b.stats.GuardsSeen++
			rc.requires(&allium.Unary{Op: allium.OpExists, X: f.row}, &scope{file: f.file}, f.line)
		}
	}
	rc.foundOnly = nil
}

// rebindsAny reports whether a block assigns one of names at its top
// level.
func rebindsAny(body []facts.Stmt, names []string) bool {
	for i := range body {
		a := &body[i]
		if a.Kind == facts.StmtAssign && len(a.Targets) == 1 && a.Targets[0].Kind == facts.ExprName && slices.Contains(names, a.Targets[0].Name()) {
			return true
		}
	}
	return false
}
