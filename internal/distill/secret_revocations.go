package distill

import (
	"github.com/distill/distill/internal/allium"
)

// A token whose secret its row keeps hashed (Healthchecks' Profile.token,
// set by prepare_token) holds only while that column holds its hash:
// emptying the column (profile.token = "" on a password change or once a
// login link is used) revokes every such token of the user. The spec
// says so: not exists user.<kind>_tokens, in place of the assignment of
// a column that the spec never reads as the token's secret.

// clearedField is an assignment of an empty value ("" or null) to a field
// of a row of entity ent.
type clearedField struct {
	assign *allium.Assign
	ent    string
}

// emptyValue reports the empty string or null.
func emptyValue(x allium.Expr) bool {
	l, ok := x.(*allium.Lit)
	return ok && (l.Kind == allium.LitNull || l.Kind == allium.LitString && l.Text == "")
}

// recordStoredSecret notes that the assignment st (self.token =
// hash(random_key())) stores the secret of the token entity named token.
func (b *builder) recordStoredSecret(sc *scope, st allium.Stmt, token string) {
	a, ok := st.(*allium.Assign)
	if !ok {
		return
	}
	m, ok := a.Target.(*allium.Member)
	self := sc.self
	if self == nil {
		self = sc.vars["self"]
	}
	if !ok || self == nil || self.ent == "" {
		return
	}
	if b.storedSecrets == nil {
		b.storedSecrets = map[string]string{}
	}
	b.storedSecrets[self.ent+"."+m.Name] = token
}

// revokeClearedSecrets rewrites every recorded clearing of a stored
// secret's column into the revocation of the tokens it held, when the
// token entity lists them on the user (tokenRelationship).
func (b *builder) revokeClearedSecrets() {
	if len(b.storedSecrets) == 0 || len(b.clearedFields) == 0 {
		return
	}
	user := b.userEntity()
	revoked := map[*allium.Assign]allium.Stmt{}
	for _, c := range b.clearedFields {
		m, ok := c.assign.Target.(*allium.Member)
		if !ok {
			continue
		}
		name, ok := b.storedSecrets[c.ent+"."+m.Name]
		tok := b.signedTokens[name]
		if !ok || tok == nil || tok.user == "" || tok.user != user || !tok.signed {
			continue
		}
		var owner allium.Expr
		switch in, isMember := m.X.(*allium.Member); {
		case c.ent == user:
			owner = m.X
		case isMember && b.singleRels[user+"."+in.Name]:
			owner = in.X // user.profile.token: the user's
		default:
			owner = &allium.Member{X: m.X, Name: "user"}
		}
		revoked[c.assign] = &allium.ExprStmt{Meta: c.assign.Meta, X: &allium.Unary{Op: allium.OpNot,
			X: &allium.Unary{Op: allium.OpExists, X: &allium.Member{X: owner, Name: plural(snake(name))}}}}
	}
	if len(revoked) == 0 {
		return
	}
	for _, r := range b.rules {
		r.rule.Body = replaceStmts(r.rule.Body, revoked)
	}
}

// replaceStmts replaces, at any depth of body, each assignment of with by
// the statement given for it.
func replaceStmts(body []allium.Stmt, with map[*allium.Assign]allium.Stmt) []allium.Stmt {
	for i, st := range body {
		switch x := st.(type) {
		case *allium.Assign:
			if n := with[x]; n != nil {
				body[i] = n
			}
		case *allium.Ensures:
			x.Body = replaceStmts(x.Body, with)
		case *allium.For:
			x.Body = replaceStmts(x.Body, with)
		case *allium.If:
			for j := range x.Branches {
				x.Branches[j].Body = replaceStmts(x.Branches[j].Body, with)
			}
			x.Else = replaceStmts(x.Else, with)
		}
	}
	return body
}
