package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A model may declare a key over several columns unique (Django's
// Meta.constraints = [UniqueConstraint(fields=["user", "project"])] or
// unique_together, SQLAlchemy's __table_args__ =
// (UniqueConstraint("challenge_id", "user_id"),), Prisma's @@unique([a,
// b]), TypeORM's @Unique(["a", "b"])). A filter that pins each
// column of such a key to a value selects at most one row: deleting what
// it selects leaves no Member{user: u, project: p}, rather than emptying a
// loop over the rows. Allium's lookup by fields (Member{user, project})
// requires exactly that: it must match at most one entity.

// uniqueKeys lists the keys over two or more columns that ent's class
// declares unique, each as the spec field names of its columns, in the
// order declared. A key naming a column the entity does not keep as a
// field is left out, as is a partial one (condition=), which pins no row
// outside its condition.
func (b *builder) uniqueKeys(ent *entityInfo) [][]string {
	uk := b.lang.UniqueKeys
	if uk == nil || ent == nil || ent.ref == nil {
		return nil
	}
	var cols [][]string
	c := ent.ref.class
	for i := range c.Classes {
		meta := &c.Classes[i]
		if uk.MetaClass == "" || meta.Name != uk.MetaClass {
			continue
		}
		for j := range meta.Fields {
			f := &meta.Fields[j]
			switch {
			case f.Value == nil:
			case slices.Contains(uk.MetaLists, f.Name):
				cols = append(cols, constraintKeys(uk, f.Value)...)
			case slices.Contains(uk.MetaKeySets, f.Name):
				cols = append(cols, keySets(f.Value)...)
			}
		}
	}
	for j := range c.Fields {
		if f := &c.Fields[j]; f.Value != nil && slices.Contains(uk.ClassLists, f.Name) {
			cols = append(cols, constraintKeys(uk, f.Value)...)
		}
	}
	if uk.ClassDecorators {
		for j := range c.Decorators {
			if key := constraintColumns(uk, &c.Decorators[j]); key != nil {
				cols = append(cols, key)
			}
		}
	}
	var keys [][]string
	for _, key := range cols {
		if len(key) < 2 {
			continue // one column: unique=True's business (rowByUniqueKey)
		}
		var names []string
		for _, col := range key {
			f := ent.attrField(col)
			if f == nil || f.drop {
				names = nil
				break
			}
			names = append(names, f.name)
		}
		if names != nil {
			keys = append(keys, names)
		}
	}
	return keys
}

// constraintKeys reads the unique constraint calls a list or tuple holds
// (other entries, such as SQLAlchemy's options dict or an Index, are
// skipped), each as the column names it covers.
func constraintKeys(uk *catalog.UniqueKeys, list *facts.Expr) [][]string {
	if list.Kind != facts.ExprList && list.Kind != facts.ExprTuple {
		return nil
	}
	var keys [][]string
	for i := range list.Args() {
		if cols := constraintColumns(uk, &list.Args()[i]); cols != nil {
			keys = append(keys, cols)
		}
	}
	return keys
}

// constraintColumns is the columns one unique constraint call covers: the
// list its fields keyword gives, else its positional strings
// (UniqueConstraint("a", "b")), else its last positional list (TypeORM's
// @Unique("name", ["a", "b"])). nil for any other call, and for a partial
// constraint.
func constraintColumns(uk *catalog.UniqueKeys, call *facts.Expr) []string {
	if call.Kind != facts.ExprCall || !catalog.MatchAny(uk.Calls, call.Resolved(), facts.LastSegment(call.Raw())) {
		return nil
	}
	if slices.ContainsFunc(uk.PartialKeywords, func(k string) bool { return call.Keyword(k) != nil }) {
		return nil
	}
	if fk := call.Keyword(uk.FieldsKeyword); uk.FieldsKeyword != "" && fk != nil {
		return stringItems(fk)
	}
	args := call.Args()
	if len(args) == 0 {
		return nil
	}
	if last := &args[len(args)-1]; last.Kind == facts.ExprList {
		return stringItems(last)
	}
	return stringItems(facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprTuple, Args: args, Line: call.Line()}))
}

// keySets reads unique_together: one tuple of names, or a list of them.
func keySets(v *facts.Expr) [][]string {
	if v.Kind != facts.ExprList && v.Kind != facts.ExprTuple {
		return nil
	}
	if cols := stringItems(v); cols != nil {
		return [][]string{cols}
	}
	var keys [][]string
	for i := range v.Args() {
		if cols := stringItems(&v.Args()[i]); cols != nil {
			keys = append(keys, cols)
		}
	}
	return keys
}

// stringItems is the strings a list or tuple holds, or nil when it holds
// anything else (an expression key, Lower("email"), is no column).
func stringItems(v *facts.Expr) []string {
	if v.Kind != facts.ExprList && v.Kind != facts.ExprTuple || len(v.Args()) == 0 {
		return nil
	}
	var out []string
	for _, a := range v.Args() {
		if a.Kind != facts.ExprString {
			return nil
		}
		out = append(out, a.Value())
	}
	return out
}

// rowByUniqueKeys is the one row a query selects when its equalities pin
// every column of a key the model declares unique over several columns
// (Member.objects.filter(project=project, user=u): Member{project, user:
// u}); nil when they pin none, or the query has any condition a lookup
// cannot state.
func (b *builder) rowByUniqueKeys(q *query) allium.Expr {
	ent := b.entByName[q.ent]
	if ent == nil || len(q.conds) < 2 || q.via != nil || len(q.alts) > 0 || len(q.anyOf) > 0 || q.bad > 0 {
		return nil
	}
	pinned := map[string]bool{}
	for _, c := range q.conds {
		if c.op != allium.OpEq || c.val == nil || len(c.path) > 0 || c.orNull || c.many || c.fold || c.member != nil {
			return nil
		}
		if l, ok := c.val.(*allium.Lit); ok && l.Kind == allium.LitNull {
			return nil // a null key column may repeat
		}
		pinned[c.field] = true
	}
	for _, key := range b.uniqueKeys(ent) {
		if !slices.ContainsFunc(key, func(f string) bool { return !pinned[f] }) {
			if j, ok := b.join(q).(*allium.Join); ok {
				return j
			}
			return nil
		}
	}
	return nil
}
