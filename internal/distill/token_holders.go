package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
)

// A link token stored hashed on a row and checked against the row a lookup
// finds by another input of the link (healthchecks' ProfileBackend: the
// profile of the username in the link, then check_password(token,
// profile.token)) names its user: the username only says which row to
// compare the token with, and the token is what the rule trusts. So the
// rule is stated over the token (token.user.is_active), the lookup and
// the comparison that ties it to the token go, and so does an input that
// served only the lookup. Spending the stored secret (profile.token = "",
// stated as not exists token.user.<tokens>) spends that very token, since
// one column holds one token at a time (storedSecretKind): not exists
// token.

// identifyTokenHolders states, in every rule, a row checked against a
// verified link token as the token's own user.
func (b *builder) identifyTokenHolders() {
	if len(b.storedSecrets) == 0 {
		return
	}
	user := b.userEntity()
	for _, r := range b.rules {
		identifyTokenHolder(r.rule, b.storedSecrets, user)
	}
}

// identifyTokenHolder rewrites r when it requires verify(token, row.f),
// token a trigger parameter verified as a signed token, row a let bound
// to a lookup of the entity whose field f stores that kind of token
// hashed (secrets: "Entity.field" -> token entity), and every other use
// of row is its user (row itself when the row is the user entity, user).
// Anything else is left as it is.
func identifyTokenHolder(r *allium.Rule, secrets map[string]string, user string) {
	toks := verifiedTokenParams(r)
	for i, st := range r.Body {
		req, ok := st.(*allium.Requires)
		if !ok {
			continue
		}
		tok, row, field := verifiedAgainstRow(req.Cond, toks)
		if tok == "" {
			continue
		}
		j := slices.IndexFunc(r.Body, func(s allium.Stmt) bool {
			l, ok := s.(*allium.Let)
			return ok && l.Name == row
		})
		if j < 0 {
			continue
		}
		lookup, ok := r.Body[j].(*allium.Let).Value.(*allium.Join)
		if !ok || secrets[lookup.Entity+"."+field] == "" {
			continue
		}
		rest := slices.Clone(r.Body)
		rest = slices.DeleteFunc(rest, func(s allium.Stmt) bool { return s == r.Body[i] || s == r.Body[j] })
		isRow := func(x allium.Expr) bool {
			id, ok := x.(*allium.Ident)
			return ok && id.Name == row
		}
		isHolder := func(x allium.Expr) bool {
			if lookup.Entity == user {
				return isRow(x)
			}
			if u, ok := x.(*allium.Unary); ok && u.Op == allium.OpExists && isRow(u.X) {
				// The row found is there when the user the token
				// names is: exists token.user.
				return true
			}
			m, ok := x.(*allium.Member)
			if !ok || m.Name != "user" {
				return false
			}
			return isRow(m.X)
		}
		if !onlyThroughHolder(rest, row, isHolder) {
			continue
		}
		spent := plural(snake(secrets[lookup.Entity+"."+field]))
		rewriteStmts(rest, func(x allium.Expr) (allium.Expr, bool) {
			holder := &allium.Member{X: &allium.Ident{Name: tok}, Name: "user"}
			if u, ok := x.(*allium.Unary); ok && u.Op == allium.OpExists && isHolder(x) {
				return &allium.Unary{Op: allium.OpExists, X: holder}, true
			}
			if isHolder(x) {
				return holder, true
			}
			if m, ok := x.(*allium.Member); ok && m.Name == spent && isHolder(m.X) {
				return &allium.Ident{Name: tok}, true
			}
			return x, false
		})
		r.Body = rest
		dropUnusedParams(r, namesIn(lookup))
		return
	}
}

// verifiedAgainstRow reads verify(token, row.field), token one of toks
// and row a name; "" for anything else.
func verifiedAgainstRow(cond allium.Expr, toks map[string]bool) (tok, row, field string) {
	call, ok := cond.(*allium.Call)
	if !ok || len(call.Args) != 2 {
		return "", "", ""
	}
	if fun, ok := call.Fun.(*allium.Ident); !ok || fun.Name != "verify" {
		return "", "", ""
	}
	t, ok := call.Args[0].Value.(*allium.Ident)
	if !ok || !toks[t.Name] {
		return "", "", ""
	}
	m, ok := call.Args[1].Value.(*allium.Member)
	if !ok {
		return "", "", ""
	}
	id, ok := m.X.(*allium.Ident)
	if !ok {
		return "", "", ""
	}
	return t.Name, id.Name, m.Name
}

// onlyThroughHolder reports whether every use of name in body is a holder
// expression (isHolder), so that rewriting those leaves no use of it.
func onlyThroughHolder(body []allium.Stmt, name string, isHolder func(allium.Expr) bool) bool {
	only := true
	check := func(x allium.Expr) (allium.Expr, bool) {
		if isHolder(x) {
			return x, true // not descended into: the use is the holder
		}
		if id, ok := x.(*allium.Ident); ok && id.Name == name {
			only = false
		}
		if j, ok := x.(*allium.Join); ok && slices.ContainsFunc(j.Fields, func(f allium.JoinField) bool { return f.Value == nil && f.Name == name }) {
			only = false
		}
		return x, false
	}
	rewriteStmts(body, check)
	return only
}

// rewriteStmts rewrites every expression of body, at any depth, with f
// (allium.Rewrite's contract).
func rewriteStmts(body []allium.Stmt, f func(allium.Expr) (allium.Expr, bool)) {
	allium.WalkStmts(body, func(s allium.Stmt) bool {
		allium.SetStmtExprs(s, func(x allium.Expr) allium.Expr { return allium.Rewrite(x, f) })
		return true
	})
}

// namesIn lists the names an expression reads, shorthand join fields
// (User{username}) included.
func namesIn(e allium.Expr) map[string]bool {
	names := map[string]bool{}
	allium.Inspect(e, func(x allium.Expr) bool {
		switch x := x.(type) {
		case *allium.Ident:
			names[x.Name] = true
		case *allium.Join:
			for _, f := range x.Fields {
				if f.Value == nil {
					names[f.Name] = true
				}
			}
		}
		return true
	})
	return names
}

// dropUnusedParams removes from r's trigger the parameters among
// candidates that no clause of r reads any more.
func dropUnusedParams(r *allium.Rule, candidates map[string]bool) {
	if r.Trigger == nil {
		return
	}
	used := map[string]bool{}
	allium.WalkStmts(r.Body, func(s allium.Stmt) bool {
		for _, x := range allium.StmtExprs(s) {
			for n := range namesIn(x) {
				used[n] = true
			}
		}
		return true
	})
	r.Trigger.Params = slices.DeleteFunc(r.Trigger.Params, func(p allium.TriggerParam) bool {
		return candidates[p.Name] && !used[p.Name]
	})
}
