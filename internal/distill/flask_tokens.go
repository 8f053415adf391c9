package distill

import (
	"slices"

	"strings"

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
// misstate it. A foreign key to the user (Membership.user_id ==
// user.id, the user the token names) is matched against that user.
func (rc *ruleCtx) misusedTokenUser(q *query) bool {
	ent := rc.b.entByName[q.ent]
	for _, c := range q.conds {
		if c.field == "id" || c.val == nil || !rc.tokenUser(c.val) {
			continue
		}
		if ent != nil {
			if f := ent.field(c.field); f != nil && f.fkEntity != "" && f.fkEntity == rc.b.userEntity() {
				continue
			}
		}
		return true
	}
	return false
}

// tokenCarriedFields is q with each condition that matches a token's
// user against a field other than the id (misusedTokenUser) matching
// that field against what the token carries under the field's name:
// User{email: token.user} becomes User{email: token.email}.
func (rc *ruleCtx) tokenCarriedFields(q *query) *query {
	c := *q
	c.conds = slices.Clone(q.conds)
	for i, cond := range c.conds {
		m, ok := cond.val.(*allium.Member)
		if cond.field == "id" || !ok || !rc.tokenUser(m) {
			continue
		}
		c.conds[i].val = &allium.Member{X: m.X, Name: cond.field}
	}
	return &c
}

// flowVerbs start the name of a function that begins a flow
// (initiate_password_reset, send_account_activation).
var flowVerbs = []string{"initiate_", "start_", "begin_", "request_", "send_", "issue_", "create_", "generate_", "make_"}

// flowEnds end the name of a function that completes a flow with the
// token it was sent (change_email_verify, password_reset_confirm).
var flowEnds = []string{"_verify", "_confirm", "_complete"}

// flowKind names a token after the flow that issues it when no function
// on the way mentions a token: the innermost function whose name is a
// flow verb and what it starts (initiate_password_reset ->
// password_reset), or what it completes and an end (change_email_verify
// -> change_email), or "".
func flowKind(stack []string) string {
	for i := len(stack) - 1; i >= 0; i-- {
		fn := stack[i]
		if j := strings.LastIndexByte(fn, '.'); j >= 0 {
			fn = fn[j+1:]
		}
		for _, v := range flowVerbs {
			if k := strings.TrimPrefix(fn, v); k != fn && strings.Contains(k, "_") && isSnake(k) {
				return k
			}
		}
		for _, v := range flowEnds {
			if k := strings.TrimSuffix(fn, v); k != fn && strings.Contains(k, "_") && isSnake(k) {
				return k
			}
		}
	}
	return ""
}
