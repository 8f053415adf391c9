package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A foreign key declared to cascade (Prisma's @relation(fields: [userId],
// references: [id], onDelete: Cascade); catalog cascade_deletes) makes
// the database delete the rows that refer to a deleted row: deleting a
// user deletes its sessions (fastify-f's prisma/schema.prisma:26). The
// spec states it where the row is deleted, through the relationship the
// referred entity declares for those rows:
//
//	not exists user
//	for s in user.sessions: not exists s

// cascades reports a foreign key call given a catalogued cascade option.
func (b *builder) cascades(call *facts.Expr) bool {
	for key, values := range b.lang.CascadeDeletes {
		kw := call.Keyword(key)
		if kw == nil {
			continue
		}
		v := facts.LastSegment(kw.Raw())
		if kw.Kind == facts.ExprString {
			v = kw.Value() // SQLAlchemy's ondelete="CASCADE": the text
		}
		if catalog.Match(values, v) {
			return true
		}
	}
	return false
}

// cascadedDeletes states the deletion of the rows whose cascading key
// refers to row, an ent deleted: one loop per relationship of ent that
// holds such rows, in the order ent declares them.
func (b *builder) cascadedDeletes(ent string, row allium.Expr, meta allium.Meta) []allium.Stmt {
	target := b.entByName[ent]
	if target == nil {
		return nil
	}
	var out []allium.Stmt
	for _, rel := range target.rels {
		from := b.entByName[rel.Entity]
		if from == nil || !slices.ContainsFunc(from.fields, func(f *fieldInfo) bool {
			return f.cascade && f.fkEntity == ent && !f.drop && relationBacks(rel, f.name)
		}) {
			continue
		}
		v := "s"
		if id, ok := row.(*allium.Ident); ok && id.Name == v {
			v = "t" // a row deleted in a loop over s
		}
		out = append(out, &allium.For{Meta: meta, Var: v, Coll: &allium.Member{X: row, Name: rel.Name},
			Body: []allium.Stmt{&allium.ExprStmt{Meta: meta, X: &allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: &allium.Ident{Name: v}}}}}})
	}
	return out
}

// relationBacks reports a relationship declared `with <field> = this`.
func relationBacks(rel *allium.Relationship, field string) bool {
	bin, ok := rel.With.(*allium.Binary)
	if !ok || bin.Op != allium.OpEq {
		return false
	}
	id, ok := bin.X.(*allium.Ident)
	return ok && id.Name == field
}
