package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Columns the ORM stamps with the time of a row's last change
// (`onupdate=func.now()`, Django's `auto_now=True`, catalog update_stamps):
// the code never assigns them, yet a rule that changes a stored row and
// writes it sets them to now, as surely as the change itself. The stamp is
// stated where the write is seen, in the block that changed the row: a
// change made in a branch and written after it is left without one, since
// the stamp would then hold only on that branch.

// changedRow is a stored row a rule has assigned to and not yet written.
type changedRow struct {
	row *value
	ent *entityInfo
	// block is the list of effects the change went to: a write in
	// another block does not stamp it.
	block *[]allium.Stmt
}

// isUpdateStamp reports whether a column is a stamp of the row's last
// change: one of its decorators is a stamp marker (TypeORM's
// @UpdateDateColumn(), Prisma's @updatedAt), or one of its call's options is
// set to the clock (onupdate=func.now(), onupdate=datetime.utcnow) or to
// true (auto_now). call is the column call, nil when the field has none.
func (b *builder) isUpdateStamp(a *facts.Assignment, call *facts.Expr) bool {
	if b.stampMarked(a) {
		return true
	}
	if call == nil {
		return false
	}
	for _, opt := range b.lang.UpdateStamps.Options {
		kw := call.Keyword(opt)
		if kw == nil {
			continue
		}
		if kw.Kind == facts.ExprBool && kw.Value() == "true" || b.isClockRef(kw) {
			return true
		}
	}
	return false
}

// stampMarked reports a field the schema declares as the stamp of the
// row's last change by its kind (TypeORM's @UpdateDateColumn(), Prisma's
// @updatedAt): read from its decorators, whether or not one of them was
// taken for its column call (an abstract base's are not).
func (b *builder) stampMarked(a *facts.Assignment) bool {
	return decoratedBy(a.Decorators, b.lang.UpdateStamps.Markers)
}

// rowChanged records that the rule assigned to a stored row in block, for
// the write that stamps it.
func (rc *ruleCtx) rowChanged(row *value, ent *entityInfo, block *[]allium.Stmt) {
	if !slices.ContainsFunc(ent.fields, func(f *fieldInfo) bool { return f.updateStamp && !f.drop }) {
		return
	}
	key := exprKey(row.expr)
	if rc.changedRows == nil {
		rc.changedRows = map[string]changedRow{}
	}
	rc.changedRows[key] = changedRow{row: row, ent: ent, block: block}
}

// changedIn moves the rows changed in block from to block to: a change
// stated under a condition of its own (a partial update's field, set if
// given) whose row is written whatever the condition, so the write stamps
// it.
func (rc *ruleCtx) changedIn(from, to *[]allium.Stmt) {
	for key, ch := range rc.changedRows {
		if ch.block == from {
			ch.block = to
			rc.changedRows[key] = ch
		}
	}
}

// rowsWritten states the stamps a write sets: call is the write
// (session.commit(), user.save(update_fields=[...])), recv what it is
// called on. A write called on a row writes that row; any other (the
// session's) writes every row changed in this block.
func (rc *ruleCtx) rowsWritten(call *facts.Expr, method string, recv *value, sc *scope, out *[]allium.Stmt) {
	if len(rc.changedRows) == 0 || !catalog.Match(rc.b.lang.UpdateStamps.Writes, method) {
		return
	}
	keys := make([]string, 0, len(rc.changedRows))
	for key, ch := range rc.changedRows {
		if ch.block != out {
			continue
		}
		if recv.kind == vEntity && recv.expr != nil && exprKey(recv.expr) != key {
			continue
		}
		keys = append(keys, key)
	}
	// In the order the rows print, so the same code states the same spec.
	slices.Sort(keys)
	for _, key := range keys {
		ch := rc.changedRows[key]
		delete(rc.changedRows, key)
		for _, f := range ch.ent.fields {
			if !f.updateStamp || f.drop || !rc.writesColumn(call, f) {
				continue
			}
			target := &allium.Member{X: ch.row.expr, Name: f.name}
			if _, set := rc.assigned[exprKey(target)]; set {
				continue // the code set it itself, or an earlier write did
			}
			now := &allium.Ident{Name: "now"}
			f.used = true
			*out = append(*out, &allium.Assign{Meta: rc.b.meta(sc.file, call.Line()), Target: target, Value: now})
			rc.assigned[exprKey(target)] = now
		}
	}
}

// writesColumn reports whether a write writes the column of f: every
// column, unless the write lists the only ones it writes
// (update_fields=["jwt_key"]) and f's is not among them. A list that is
// not written out in the call is taken to leave the stamp out: saying
// less is safer than a stamp the write may skip.
func (rc *ruleCtx) writesColumn(call *facts.Expr, f *fieldInfo) bool {
	for _, name := range rc.b.lang.UpdateStamps.FieldLists {
		kw := call.Keyword(name)
		if kw == nil {
			continue
		}
		if kw.Kind != facts.ExprList && kw.Kind != facts.ExprTuple {
			return false
		}
		return slices.ContainsFunc(kw.Args(), func(a facts.Expr) bool {
			return a.Kind == facts.ExprString && (a.Value() == f.name || a.Value() == f.attr)
		})
	}
	return true
}
