package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
)

// A lookup by a secret reads as the entity the caller names: the link in
// an email carries the token, and the trigger takes the row it stands for
// (Verify(user)). A row that keeps the token of one purpose in a column of
// its own (User.reset_password_token, User.confirmation_token) and whose
// rule then clears or replaces that column is different: the token is the
// row's state, which the spec states and the rule spends, so the rule
// finds the row by it, as a person writes it:
//
//	let user = User{reset_password_token: code}
//	requires: exists user
//	ensures: user.reset_password_token = null
//
// A rule that leaves the column alone (a verification that sets a state
// and keeps the token) still takes the row as its parameter: the spec then
// need not state a column only the lookup reads.

// tokenColumnLookup is one row found by a declared token column, bound as
// the parameter name.
type tokenColumnLookup struct {
	name   string
	column string
	input  string // the token sent, an input once the row is a let
	join   allium.Expr
	meta   allium.Meta
}

// noteTokenColumnLookup records a secret lookup whose one condition is a
// token column ent declares, for spentTokenLookups to bind with let when
// the rule spends the token.
func (rc *ruleCtx) noteTokenColumnLookup(name string, ent *entityInfo, q *query, sc *scope, line int) {
	if len(q.conds) != 1 || !ent.declaresTokenColumn(q.conds[0].field) {
		return
	}
	input, ok := q.conds[0].val.(*allium.Ident)
	if !ok {
		return // only the token as the caller sent it becomes an input
	}
	j := rc.b.join(q)
	if j == nil {
		return
	}
	rc.tokenColumnLookups = append(rc.tokenColumnLookups, tokenColumnLookup{
		name: name, column: q.conds[0].field, input: input.Name, join: j, meta: rc.b.meta(sc.file, line)})
}

// spentTokenLookups turns each recorded token-column parameter whose
// column the rule's outcomes write into a let of its lookup, placed
// before the first clause that reads it.
func (rc *ruleCtx) spentTokenLookups() {
	for _, tl := range rc.tokenColumnLookups {
		if !rc.paramSet[tl.name] || rc.lets[tl.name] || !writesMember(rc.ensures, tl.name, tl.column) {
			continue
		}
		delete(rc.paramSet, tl.name)
		rc.params = slices.DeleteFunc(rc.params, func(p string) bool { return p == tl.name })
		rc.lets[tl.name] = true
		if !rc.lets[tl.input] {
			rc.useParam(tl.input)
		}
		at := slices.IndexFunc(rc.body, func(s allium.Stmt) bool { return stmtMentions(s, tl.name) })
		if at < 0 {
			at = len(rc.body)
		}
		rc.body = slices.Insert(rc.body, at, allium.Stmt(&allium.Let{Meta: tl.meta, Name: tl.name, Value: tl.join}))
	}
}

// writesMember reports an assignment to name.field among the outcomes, at
// any depth of their conditions.
func writesMember(list []allium.Stmt, name, field string) bool {
	found := false
	allium.WalkStmts(list, func(s allium.Stmt) bool {
		if a, ok := s.(*allium.Assign); ok {
			if m, ok := a.Target.(*allium.Member); ok && m.Name == field {
				if id, ok := m.X.(*allium.Ident); ok && id.Name == name {
					found = true
				}
			}
		}
		return !found
	})
	return found
}

// stmtMentions reports a clause (or a clause nested in it) that reads
// the identifier name.
func stmtMentions(s allium.Stmt, name string) bool {
	found := false
	allium.WalkStmts([]allium.Stmt{s}, func(st allium.Stmt) bool {
		for _, x := range allium.StmtExprs(st) {
			allium.Inspect(x, func(e allium.Expr) bool {
				if id, ok := e.(*allium.Ident); ok && id.Name == name {
					found = true
				}
				return !found
			})
		}
		return !found
	})
	return found
}
