package distill

// Django's update_or_create (catalog: update_or_create_methods) writes its
// defaults to the row its lookup keywords match, or, when none does,
// creates one with the lookup's fields and the defaults (create_defaults
// instead, when given: Django 5). baserow's invitation of a user by e-mail
// (core/handler.py:1142-1150):
//
//	invitation, created = WorkspaceInvitation.objects.update_or_create(
//	    workspace=workspace, email=email,
//	    defaults={"message": message, "permissions": permissions, "invited_by": user})
//
// is stated as the branch the code takes on the row the lookup names:
//
//	let workspace_invitation = WorkspaceInvitation{workspace, email: email}
//	ensures:
//	    if exists workspace_invitation:
//	        workspace_invitation.message = message
//	        ...
//	    else:
//	        WorkspaceInvitation.created(workspace: workspace, email: email, message: message, ...)
//
// The call's second value, created, is whether no row matched. A lookup
// the spec cannot state, or defaults it cannot list (a dict built
// elsewhere, saleor's defaults=input), leave the call out, said so: half
// of it would misstate the row the code writes.

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// updateOrCreate reads Model.objects.update_or_create(k=v, defaults={...},
// create_defaults={...}), or through a related manager
// (owner.translations.update_or_create(...)), whose owner is then one of
// the lookup's keys.
func (rc *ruleCtx) updateOrCreate(e *facts.Expr, recv *value, sc *scope, out *[]allium.Stmt) *value {
	b := rc.b
	ent := b.entByName[recv.ent]
	if ent == nil || recv.q == nil {
		return nil
	}
	lookup, dicts, bad := splitFindOrCreate(e, "defaults", "create_defaults")
	var defaults, createDefaults []facts.Keyword
	given := false // create_defaults given: the creation takes those alone
	for name, d := range dicts {
		entries, ok := plainDictEntries(d)
		switch {
		case !ok:
			bad++
		case name == "defaults":
			defaults = entries
		default:
			createDefaults, given = entries, true
		}
	}
	q, owner, j := rc.findOrCreateLookup(e, recv, lookup, bad, "the update of the "+ent.name+" a lookup matches, or its creation when none does", sc, out)
	if j == nil {
		return &value{kind: vPlumbing}
	}
	// Python reads each default once, before the call: a value that
	// creates a row (saleor's "address": create_address(), core/utils/
	// random_data.py:1651) creates one, named alike in both branches.
	defaults = rc.readOnce(defaults, "default", sc, out)
	if given {
		createDefaults = rc.readOnce(createDefaults, "create default", sc, out)
	} else {
		createDefaults = defaults
	}
	defer func() {
		for _, kw := range append(slices.Clone(defaults), createDefaults...) {
			delete(sc.vars, kw.Value.Name())
		}
	}()
	call := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Line: e.Line()})
	call.SetKeywords(append(slices.Clone(lookup), createDefaults...))
	var made []allium.Stmt
	v := rc.construct(ent, call, sc, &made)
	if owner != nil {
		v.args = setArg(v.args, owner.Name, owner.Value)
	}
	if rc.keyedByCreated(q) {
		// Keyed by the row whose creation triggers the rule: no row
		// matches one just made, so it creates.
		rc.created(v, out, e.Line())
		return &value{kind: vPlumbing}
	}
	rc.created(v, &made, e.Line())
	v.createdAt = nil // created inside the if below: no let can name it
	bn := bindingName(q.ent)
	if rc.lets[bn] || rc.paramSet[bn] {
		bn = bn + "_" + itoa(len(rc.lets)+1)
	}
	row := &allium.Ident{Name: bn}
	sets := rc.defaultSets(ent, row, defaults, sc, out, e.Line())
	if len(sets) == 0 {
		// No defaults: the row found is left as it is (get_or_create).
		*out = append(*out, &allium.If{Meta: b.meta(sc.file, e.Line()), Branches: []allium.IfBranch{{
			Cond: &allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: j}}, Body: made}}})
		return unpackedOrCreated(&value{kind: vPlumbing}, j)
	}
	rc.lets[bn] = true
	*out = append(*out, &allium.Let{Meta: b.meta(sc.file, e.Line()), Name: bn, Value: j},
		&allium.If{Meta: b.meta(sc.file, e.Line()), Branches: []allium.IfBranch{{
			Cond: &allium.Unary{Op: allium.OpExists, X: row}, Body: sets}}, Else: made})
	return unpackedOrCreated(&value{kind: vPlumbing}, j)
}

// splitFindOrCreate splits the keywords of a call that finds a row or
// creates one: the lookup's, and the dict literals given under the names
// in dicts (defaults=...). bad counts the keywords the spec cannot state:
// a spread, a lookup through a relation (user__email=...), one of dicts
// given something other than a dict literal.
func splitFindOrCreate(e *facts.Expr, dicts ...string) (lookup []facts.Keyword, given map[string]*facts.Expr, bad int) {
	kws := e.Keywords()
	for i := range kws {
		kw := &kws[i]
		switch {
		case slices.Contains(dicts, kw.Name):
			if kw.Value.Kind != facts.ExprDict {
				bad++
				continue
			}
			if given == nil {
				given = map[string]*facts.Expr{}
			}
			given[kw.Name] = &kw.Value
		case kw.Name == "**" || strings.Contains(kw.Name, "__"):
			bad++
		default:
			lookup = append(lookup, *kw)
		}
	}
	return lookup, given, bad
}

// findOrCreateLookup reads the lookup of a call that finds a row of recv's
// model or creates one (get_or_create, update_or_create): the query its
// lookup keywords name (bad counts keywords the spec cannot state),
// through a related manager (owner.notes.get_or_create(...)) the owner a
// key of it and given to the row made, and the join that names the row.
// A join the spec cannot state is nil, the call left out, said so as
// what: an unconditional creation would misstate the code.
func (rc *ruleCtx) findOrCreateLookup(e *facts.Expr, recv *value, lookup []facts.Keyword, bad int, what string, sc *scope, out *[]allium.Stmt) (*query, *allium.JoinField, allium.Expr) {
	q := &query{ent: recv.q.ent, conds: slices.Clone(recv.q.conds), bad: recv.q.bad + bad, scoped: recv.q.scoped, via: recv.q.via, rel: recv.q.rel}
	rc.filterKw(q, lookup, sc, out)
	owner := rc.relatedOwner(q)
	j := rc.b.join(q)
	if j == nil || q.bad > 0 || len(e.Args()) > 0 {
		rc.b.stats.EffectsSeen++
		rc.untranslated(sc, e.Line(), LeftOutValue, what)
		return q, nil, nil
	}
	return q, owner, j
}

// readOnce reads the value of each of kws where the call is, keeping it
// in sc under a name no code can write; the keywords it answers name
// those, so that a value read twice (written to the row found, and given
// the row made) is the one value. The caller deletes the names.
func (rc *ruleCtx) readOnce(kws []facts.Keyword, what string, sc *scope, out *[]allium.Stmt) []facts.Keyword {
	read := make([]facts.Keyword, 0, len(kws))
	for i := range kws {
		local := "update_or_create " + what + " " + kws[i].Name
		sc.vars[local] = rc.eval(&kws[i].Value, sc, out, false)
		ref := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: local, Raw: local, Line: kws[i].Value.Line()})
		read = append(read, facts.Keyword{Name: kws[i].Name, Value: ref})
	}
	return read
}

// plainDictEntries are the entries of a dict literal keyed by plain strings;
// ok is false for any other value (a dict built elsewhere, a spread).
func plainDictEntries(e *facts.Expr) ([]facts.Keyword, bool) {
	if e.Kind != facts.ExprDict {
		return nil, false
	}
	kws := make([]facts.Keyword, 0, len(e.Entries()))
	for _, en := range e.Entries() {
		if en.Key == nil || en.Key.Kind != facts.ExprString || !isIdentifier(en.Key.Value()) {
			return nil, false
		}
		kws = append(kws, facts.Keyword{Name: en.Key.Value(), Value: en.Value})
	}
	return kws, true
}

// relatedOwner turns a query through an owner's relationship
// (product.translations, ProductTranslation with product = this) into
// the owner's key among its conditions, and answers that key as the
// field a row made through it is given; nil when q is no such query, and
// q is left as it was when its relationship is not one of a key.
func (rc *ruleCtx) relatedOwner(q *query) *allium.JoinField {
	if q.via == nil {
		return nil
	}
	rj := relationshipJoin(q)
	if rj == nil || len(rj.Fields) != 1 || rj.Fields[0].Value == nil {
		return nil
	}
	key := rj.Fields[0]
	if id, ok := key.Value.(*allium.Ident); ok {
		if p, isID := rc.idParams[id.Name]; isID && p.row != id.Name {
			// The owner's name is also read as an input id standing for
			// another row, which finish merges it into (saleor's
			// VariantMediaAssign: media, then variant.product.media.
			// filter(pk=media.pk), graphql/product/mutations/
			// product_variant/variant_media_assign.py:47-51): the key
			// would name nothing the rule binds.
			return nil
		}
	}
	q.conds = append([]qcond{{field: key.Name, op: allium.OpEq, val: key.Value}}, q.conds...)
	q.via, q.rel = nil, nil
	return &key
}

// defaultSets are the writes of update_or_create's defaults to the row it
// found: row.field = value for each field of ent the defaults name.
func (rc *ruleCtx) defaultSets(ent *entityInfo, row allium.Expr, defaults []facts.Keyword, sc *scope, out *[]allium.Stmt, line int) []allium.Stmt {
	var sets []allium.Stmt
	for i := range defaults {
		kw := &defaults[i]
		f := ent.attrField(kw.Name)
		if f == nil || f.drop {
			continue
		}
		x := rc.tr(&kw.Value, sc, out)
		if x == nil {
			rc.untranslated(sc, line, LeftOutValue, "the value of "+ent.name+"."+kw.Name)
			continue
		}
		f.used = true
		if ent.hashedOnSave[f.attr] {
			// The framework stores it hashed (object_models.hashed_types).
			x = &allium.Call{Fun: &allium.Ident{Name: "hash"}, Args: []allium.Arg{{Value: x}}}
		}
		rc.b.stats.EffectsSeen++
		sets = append(sets, &allium.Assign{Meta: rc.b.meta(sc.file, line), Target: &allium.Member{X: row, Name: f.name}, Value: rc.b.enumValue(f, x)})
	}
	return sets
}

// unpackedOrCreated is v, the value of a call that finds the row the
// join j names or creates one, carrying the pair the call answers: the
// row, found or made, which no one name of the spec states (what the code
// reads of it is left out), and created, whether no row matched. created
// names the join itself, not a let, so that it reads the same in a
// requires as in an ensures.
func unpackedOrCreated(v *value, j allium.Expr) *value {
	c := *v
	c.elems = []*value{unknownValue, exprValue(&allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: j}})}
	return &c
}
