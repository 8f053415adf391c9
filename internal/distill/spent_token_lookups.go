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
// need not state a column only the lookup reads. Unless the token itself
// survives as a parameter beside the row (a check of its length, a guard
// on it): Verify(verification_token, user) would let any token act on any
// user, so the row is then found by the token as well.
//
// The lookup may filter on the row's state besides the token (kutt's
// update({reset_password_token, reset_password_expires: [">", now]})):
// the let names the row by the token alone, and each other filter stays
// the requires secretLookupFiltered made of it.

// tokenColumnLookup is one row found by a declared token column, bound as
// the parameter name.
type tokenColumnLookup struct {
	name   string
	column string
	input  string // the token sent, an input once the row is a let
	join   allium.Expr
	meta   allium.Meta
	bound  bool // spentTokenLookups made it a let
}

// noteTokenColumnLookup records a secret lookup by the token column ent
// declares in its condition secret, for spentTokenLookups to bind with let
// when the rule spends the token or keeps it as a parameter. q's other
// conditions are the caller's to state (secretLookupFiltered's requires).
func (rc *ruleCtx) noteTokenColumnLookup(name string, ent *entityInfo, q *query, secret qcond, sc *scope, line int) {
	if secret.op != allium.OpEq || !ent.declaresTokenColumn(secret.field) {
		return
	}
	input, ok := secret.val.(*allium.Ident)
	if !ok {
		return // only the token as the caller sent it becomes an input
	}
	byToken := *q
	byToken.conds = []qcond{secret}
	j := rc.b.join(&byToken)
	if j == nil {
		return
	}
	rc.tokenColumnLookups = append(rc.tokenColumnLookups, tokenColumnLookup{
		name: name, column: secret.field, input: input.Name, join: j, meta: rc.b.meta(sc.file, line)})
}

// spentTokenLookups turns each recorded token-column parameter whose
// column the rule's outcomes write, or whose token is a parameter too,
// into a let of its lookup, placed before the first clause that reads it.
func (rc *ruleCtx) spentTokenLookups() {
	for i := range rc.tokenColumnLookups {
		tl := &rc.tokenColumnLookups[i]
		spent := writesMember(rc.ensures, tl.name, tl.column)
		// A column named token alone may be the row's key (saleor's
		// Checkout.token, a UUID the request names the cart by): only a
		// rule that spends it finds the row by it.
		if !rc.paramSet[tl.name] || rc.lets[tl.name] || !spent && (tl.column == "token" || !rc.paramSet[tl.input]) {
			continue
		}
		delete(rc.paramSet, tl.name)
		rc.params = slices.DeleteFunc(rc.params, func(p string) bool { return p == tl.name })
		rc.lets[tl.name] = true
		tl.bound = true
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

// tokenRowsExist adds to a rule's body, after the let of each row that
// spentTokenLookups bound, that the row exists, where no clause says so:
// as a parameter the row was one that exists, and a get() whose
// DoesNotExist is answered with an error states nothing else (taiga's
// recovery, users/api.py:186-189).
func (rc *ruleCtx) tokenRowsExist(body []allium.Stmt) []allium.Stmt {
	for _, tl := range rc.tokenColumnLookups {
		if !tl.bound || requiresExists(body, tl.name) {
			continue
		}
		at := slices.IndexFunc(body, func(s allium.Stmt) bool {
			l, ok := s.(*allium.Let)
			return ok && l.Name == tl.name
		})
		if at < 0 {
			continue
		}
		exists := &allium.Requires{Meta: tl.meta, Cond: &allium.Unary{Op: allium.OpExists, X: &allium.Ident{Name: tl.name}}}
		body = slices.Insert(body, at+1, allium.Stmt(exists))
	}
	return body
}

// requiresExists reports a requires that the row name exists.
func requiresExists(body []allium.Stmt, name string) bool {
	return slices.ContainsFunc(body, func(s allium.Stmt) bool {
		id, ok := existsOperand(s).(*allium.Ident)
		return ok && id.Name == name
	})
}

// foundByToken reports a let that spentTokenLookups bound: the row the
// secret the request presents names, as a parameter row is the one the
// request names.
func (rc *ruleCtx) foundByToken(name string) bool {
	return slices.ContainsFunc(rc.tokenColumnLookups, func(tl tokenColumnLookup) bool { return tl.bound && tl.name == name })
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
