package distill

import (
	"strings"

	"github.com/distill/distill/internal/facts"
)

// A row can reach a handler read through a schema of the service rather
// than as the model itself: mealie's acting user is a PrivateUser
// (routes/_base/base_controllers.py:137, core/dependencies/
// dependencies.py:92), a pydantic schema built from the User row
// (schema/user/user.py:198). Where the schema declares a field the
// model has as a relation with a plain type (group: str,
// schema/user/user.py:111), self.user.group is no Group row: it is what
// the schema's before-validator makes of the row's group, its name
// (convert_group_to_name returns v.name, schema/user/user.py:133-141).
// Reading it as the relation compared a Group with the group's name.

// schemaView records the schema class a row is read through when the
// annotation ann (in file f) names a class of the service that is not the
// entity's own model: a field that class declares shadows the model's.
func (rc *ruleCtx) schemaView(v *value, f *facts.File, ann *facts.Expr) {
	b := rc.b
	if v == nil || v.kind != vEntity || v.view != nil || f == nil || ann == nil {
		return
	}
	cr := b.ix.class(f, ann)
	ent := b.entByName[v.ent]
	if cr == nil || ent == nil || b.entByQual[cr.qual()] != nil || ent.ref != nil && ent.ref.class == cr.class {
		return
	}
	v.view = cr
}

// viewAttr reads attr of a row through the schema it was read through
// (schemaView). ok is false when the schema leaves the model's field as
// it is; otherwise the value is the field of the related row the
// schema's validator keeps (token.user.group.name), or unknown when the
// schema keeps something the spec cannot state.
func (rc *ruleCtx) viewAttr(x *value, attr string) (v *value, ok bool) {
	b := rc.b
	ent := b.entByName[x.ent]
	if x.view == nil || ent == nil || !ent.relationAttr(b, attr) {
		return nil, false
	}
	a, file := b.classAssignment(x.view, attr, func(f *facts.Assignment) bool { return f.Annotation != nil })
	if a == nil {
		return nil, false
	}
	t, _, many := b.annotationType(file, a.Annotation)
	if t == nil || many || t.Name == "?" {
		// Not a plain value: the related row, or a schema of it.
		return nil, false
	}
	kept := ""
	for _, c := range b.ix.lineage(x.view) {
		if fr := b.fieldValidator(c, attr); fr != nil {
			kept = keptAttribute(fr.fn)
			break
		}
	}
	if kept == "" {
		return unknownValue, true
	}
	row := *x
	row.view = nil
	rel := rc.entityAttr(&row, attr)
	if rel.kind != vEntity {
		return unknownValue, true
	}
	return rc.entityAttr(rel, kept), true
}

// relationAttr says whether the code attribute attr of the entity is a
// relation to another row (not its key: group_id).
func (e *entityInfo) relationAttr(b *builder, attr string) bool {
	if f := e.attrs[attr]; f != nil {
		return !f.drop && f.fkEntity != "" && !strings.HasSuffix(attr, "_id")
	}
	for _, r := range e.rels {
		if r.Name == snake(attr) {
			return true
		}
	}
	return b.implicitRels[e.name+"."+snake(attr)] != nil
}

// keptAttribute is the attribute of its value a field validator returns
// (return v.name), when every return gives either that attribute or the
// value unchanged (already the plain value: if isinstance(v, str):
// return v); "" otherwise.
func keptAttribute(fn *facts.Function) string {
	ps := fn.Params
	if len(ps) > 0 && (ps[0].Name == "cls" || ps[0].Name == "self") {
		ps = ps[1:]
	}
	if len(ps) == 0 {
		return ""
	}
	val := ps[0].Name
	kept, bad := "", false
	facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
		if s.Kind != facts.StmtReturn {
			return !bad
		}
		r := s.Value
		switch {
		case r != nil && r.Kind == facts.ExprName && r.Name() == val:
		case r != nil && r.Kind == facts.ExprAttr && r.X != nil && r.X.Kind == facts.ExprName && r.X.Name() == val && (kept == "" || kept == r.Name()):
			kept = r.Name()
		default:
			bad = true
		}
		return !bad
	})
	if bad {
		return ""
	}
	return kept
}
