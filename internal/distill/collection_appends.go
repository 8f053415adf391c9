package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// pendingChild is a new row put in a collection of an owner that is not
// stored yet: it is created, pointing back at the owner, once the owner is.
type pendingChild struct {
	row  *value
	back string // the row's field that refers to the owner
}

// collectionAppend reads owner.coll.append(Row(...)), where coll is the
// owner's relationship collection `coll: Row with back = this`, as the
// creation of the row with back set to the owner: the ORM stores the row
// with its owner (dispatch's user.organizations.append(
// DispatchUserOrganization(organization=org, role=role)) before the user
// is added). An owner created in this rule gets the row once its own
// creation is stated; an owner already stored gets it now. It reports
// false for any other call, which is then walked as before.
func (rc *ruleCtx) collectionAppend(e *facts.Expr, method string, sc *scope, out *[]allium.Stmt) (*value, bool) {
	if method == "" || len(e.Args()) != 1 || len(e.Keywords()) > 0 || !catalog.Match(rc.b.lang.CollectionAppends, method) {
		return nil, false
	}
	coll := e.X.X
	if coll == nil || coll.Kind != facts.ExprAttr || !namePath(coll.X) {
		// Only a plain owner (user, self.user): evaluating the owner
		// here and again if the call is not one must not repeat effects.
		return nil, false
	}
	owner := rc.eval(coll.X, sc, out, false)
	if owner.kind != vNew && owner.kind != vEntity {
		return nil, false
	}
	back := rc.b.backField(owner.ent, bindingName(coll.Name()))
	if back == "" {
		return nil, false
	}
	row := rc.eval(&e.Args()[0], sc, out, false)
	if row.kind != vNew || row.done || row.ent != rc.b.relTarget(owner.ent, bindingName(coll.Name())) {
		return nil, false
	}
	switch {
	case owner.kind == vNew && !owner.done:
		owner.pending = append(owner.pending, pendingChild{row: row, back: back})
	case owner.kind == vNew:
		ref := rc.newRef(owner)
		if ref == nil {
			return nil, false
		}
		row.args = append(row.args, allium.Arg{Name: back, Value: ref})
		rc.created(row, out, e.Line())
	default:
		row.args = append(row.args, allium.Arg{Name: back, Value: owner.expr})
		rc.created(row, out, e.Line())
	}
	return &value{kind: vPlumbing}, true
}

// createPending states the rows put in the collections of an owner just
// created, each pointing back at it by the let its creation becomes.
func (rc *ruleCtx) createPending(owner *value, out *[]allium.Stmt, line int) {
	pending := owner.pending
	owner.pending = nil
	for _, p := range pending {
		ref := rc.newRef(owner)
		if ref == nil {
			return // the owner has no name to point at; the rows go unstated
		}
		p.row.args = append(p.row.args, allium.Arg{Name: p.back, Value: ref})
		rc.created(p.row, out, line)
	}
}

// backField names the field of the rows in ent's relationship collection
// rel that refers back to their owner (organizations: DispatchUserOrganization
// with dispatch_user = this gives dispatch_user); "" when rel is no such
// collection.
func (b *builder) backField(ent, rel string) string {
	r := b.relationship(ent, rel)
	if r == nil {
		return ""
	}
	w, ok := r.With.(*allium.Binary)
	if !ok || w.Op != allium.OpEq || b.singleRels[ent+"."+rel] {
		return ""
	}
	x, ok := w.X.(*allium.Ident)
	if !ok || !isIdent(w.Y, "this") {
		return ""
	}
	return x.Name
}

// relTarget is the entity of the rows in ent's relationship rel.
func (b *builder) relTarget(ent, rel string) string {
	if r := b.relationship(ent, rel); r != nil {
		return r.Entity
	}
	return ""
}

func (b *builder) relationship(ent, rel string) *allium.Relationship {
	e := b.entByName[ent]
	if e == nil {
		return nil
	}
	for _, r := range e.rels {
		if r.Name == rel {
			return r
		}
	}
	return nil
}

// namePath reports a name or a chain of attributes on one (self.user).
func namePath(e *facts.Expr) bool {
	for e != nil && e.Kind == facts.ExprAttr {
		e = e.X
	}
	return e != nil && e.Kind == facts.ExprName
}

// setMembership reads owner.coll.append(row) and owner.coll.remove(row),
// where coll is a many-to-many set of the owner (a relationship through an
// association table: follows: Set<UserProfile>), as the set's built-in
// change: ensures owner.follows.add(row) / .remove(row). The row stays; only
// its link to the owner is made or undone. It reports false for any other
// call (a row of a one-to-many collection is collectionAppend's).
func (rc *ruleCtx) setMembership(e *facts.Expr, method string, sc *scope, out *[]allium.Stmt) (*value, bool) {
	l := rc.b.lang
	op := ""
	switch {
	case method == "" || len(e.Args()) != 1 || len(e.Keywords()) > 0:
		return nil, false
	case catalog.Match(l.CollectionAppends, method):
		op = "add"
	case catalog.Match(l.CollectionRemoves, method):
		op = "remove"
	default:
		return nil, false
	}
	coll := e.X.X
	if coll == nil || coll.Kind != facts.ExprAttr || !namePath(coll.X) {
		return nil, false
	}
	owner := rc.eval(coll.X, sc, out, false)
	ent := rc.b.entByName[owner.ent]
	if owner.kind != vEntity || ent == nil {
		return nil, false
	}
	f := ent.attrs[coll.Name()]
	if f == nil || f.typ == nil || f.typ.Name != "Set" || len(f.typ.Args) != 1 {
		return nil, false
	}
	row := rc.eval(&e.Args()[0], sc, out, false)
	if row.kind != vEntity || row.ent != f.typ.Args[0].Name {
		return nil, false
	}
	x := rc.valueExpr(row)
	if x == nil {
		return nil, false
	}
	rc.touch(owner)
	f.used = true
	rc.b.stats.EffectsSeen++
	*out = append(*out, &allium.ExprStmt{Meta: rc.b.meta(sc.file, e.Line()),
		X: &allium.Call{Fun: &allium.Member{X: &allium.Member{X: owner.expr, Name: f.name}, Name: op}, Args: []allium.Arg{{Value: x}}}})
	return &value{kind: vPlumbing}, true
}
