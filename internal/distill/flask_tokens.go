package distill

import (
	"github.com/distill/distill/internal/allium"
)

// tokenUser reports the value verifyToken gives for what a signed token
// carries, token.user, where token is a parameter the rule requires to
// be valid.
func (rc *ruleCtx) tokenUser(x allium.Expr) bool {
	m, ok := x.(*allium.Member)
	if !ok || m.Name != "user" {
		return false
	}
	id, ok := m.X.(*allium.Ident)
	if !ok {
		return false
	}
	for _, s := range rc.body {
		if r, ok := s.(*allium.Requires); ok {
			if v, ok := r.Cond.(*allium.Member); ok && v.Name == "is_valid" {
				if p, ok := v.X.(*allium.Ident); ok && p.Name == id.Name {
					return true
				}
			}
		}
	}
	return false
}

// misusedTokenUser reports a lookup that matches what a signed token
// carries against a field other than the id: the token then carries that
// field's value (a username), not the user's id, and token.user would
// misstate it.
func (rc *ruleCtx) misusedTokenUser(q *query) bool {
	for _, c := range q.conds {
		if c.field != "id" && c.val != nil && rc.tokenUser(c.val) {
			return true
		}
	}
	return false
}
