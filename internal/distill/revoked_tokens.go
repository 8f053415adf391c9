package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
)

// A service that keeps a list of revoked tokens checks it wherever it
// verifies one (fastapi-boilerplate's verify_token:
// `if await crud_token_blacklist.exists(db, token=token): return None`
// before jwt.decode). Stated clause by clause, every authenticated rule
// says twice what one word says:
//
//	requires: token.is_valid
//	requires: not exists TokenBlacklist{token}
//
// When the service issues one kind of signed token and some rule checks
// both of its token parameter, the revocation list is part of what a valid
// token is: the token entity gets the relationship to the entries naming
// it (token_blacklists: TokenBlacklist with token = this, the entry's
// token field typed by it) and is_valid reads it; the pairs become
// `token.is_valid`, and a token only decoded, not checked against the
// list (logout reading the expiry of the tokens it revokes), is required
// unexpired: `token.expires_at > now`, which is what its decoding checked.

// revocation is the entity listing revoked tokens and its field naming
// the token.
type revocation struct {
	entity, field string
}

// foldRevocations rewrites the rules and the token entity of m as above;
// it changes nothing when no rule checks a token parameter against a
// list of entries or the service has other than one kind of signed token
// with a lifetime.
func (b *builder) foldRevocations(m *allium.Module) {
	tok := b.soleExpiringToken(m)
	if tok == nil {
		return
	}
	var found *revocation
	for _, r := range b.rules {
		for _, st := range r.rule.Body {
			req, ok := st.(*allium.Requires)
			if !ok {
				continue
			}
			if rv, x := revocationCheck(m, req.Cond); rv != nil && validityChecked(r.rule, x) && triggerParam(r.rule, x) {
				if found != nil && *found != *rv {
					return // two lists: not one notion of validity
				}
				found = rv
			}
		}
	}
	if found == nil {
		return
	}
	for _, r := range b.rules {
		checked := map[string]bool{}
		r.rule.Body = slices.DeleteFunc(r.rule.Body, func(st allium.Stmt) bool {
			req, ok := st.(*allium.Requires)
			if !ok {
				return false
			}
			rv, x := revocationCheck(m, req.Cond)
			if rv == nil || *rv != *found || !validityChecked(r.rule, x) || !triggerParam(r.rule, x) {
				return false
			}
			checked[x] = true
			return true
		})
		for _, st := range r.rule.Body {
			req, ok := st.(*allium.Requires)
			if !ok {
				continue
			}
			if x := validityOf(req.Cond); x != "" && !checked[x] && triggerParam(r.rule, x) {
				req.Cond = &allium.Binary{Op: allium.OpGt,
					X: &allium.Member{X: &allium.Ident{Name: x}, Name: "expires_at"}, Y: &allium.Ident{Name: "now"}}
			}
		}
	}
	rel := plural(snake(found.entity))
	for _, e := range m.Entities {
		switch e.Name {
		case found.entity:
			for _, mem := range e.Members {
				if f, ok := mem.(*allium.Field); ok && f.Name == found.field {
					f.Type = &allium.Type{Name: tok.Name}
				}
			}
		case tok.Name:
			at := slices.IndexFunc(e.Members, func(mem allium.EntityMember) bool { return memberName(mem) == "is_valid" })
			e.Members[at] = &allium.Derived{Name: "is_valid", Value: &allium.Binary{Op: allium.OpAnd,
				X: &allium.Binary{Op: allium.OpEq, X: &allium.Member{X: &allium.Ident{Name: rel}, Name: "count"}, Y: &allium.Lit{Kind: allium.LitNumber, Text: "0"}},
				Y: &allium.Binary{Op: allium.OpGt, X: &allium.Ident{Name: "expires_at"}, Y: &allium.Ident{Name: "now"}}}}
			e.Members = slices.Insert(e.Members, at, allium.EntityMember(&allium.Relationship{Name: rel, Entity: found.entity,
				With: &allium.Binary{Op: allium.OpEq, X: &allium.Ident{Name: found.field}, Y: &allium.Ident{Name: "this"}}}))
		}
	}
}

// soleExpiringToken is the entity of the service's one kind of signed
// token, when it has exactly one and that one has a lifetime (is_valid).
func (b *builder) soleExpiringToken(m *allium.Module) *allium.Entity {
	if len(b.signedTokens) != 1 {
		return nil
	}
	for name, tok := range b.signedTokens {
		if !tok.expiry {
			return nil
		}
		for _, e := range m.Entities {
			if e.Name == name && slices.ContainsFunc(e.Members, func(mem allium.EntityMember) bool { return memberName(mem) == "is_valid" }) &&
				!slices.ContainsFunc(e.Members, func(mem allium.EntityMember) bool { _, ok := mem.(*allium.Relationship); return ok }) {
				return e
			}
		}
	}
	return nil
}

// revocationCheck reads `not exists E{f: x}` (or E{x} when x is named as
// the field), E an entity of m with the field f: the list E and the
// token x it must not hold.
func revocationCheck(m *allium.Module, cond allium.Expr) (*revocation, string) {
	n, ok := cond.(*allium.Unary)
	if !ok || n.Op != allium.OpNot {
		return nil, ""
	}
	ex, ok := n.X.(*allium.Unary)
	if !ok || ex.Op != allium.OpExists {
		return nil, ""
	}
	j, ok := ex.X.(*allium.Join)
	if !ok || len(j.Fields) != 1 {
		return nil, ""
	}
	f := j.Fields[0]
	x := f.Name
	if f.Value != nil {
		id, ok := f.Value.(*allium.Ident)
		if !ok {
			return nil, ""
		}
		x = id.Name
	}
	for _, e := range m.Entities {
		if e.Name == j.Entity && slices.ContainsFunc(e.Members, func(mem allium.EntityMember) bool {
			fd, ok := mem.(*allium.Field)
			return ok && fd.Name == f.Name && fd.Type != nil && fd.Type.Name == "String"
		}) {
			return &revocation{entity: j.Entity, field: f.Name}, x
		}
	}
	return nil, ""
}

// validityChecked reports whether r requires x.is_valid.
func validityChecked(r *allium.Rule, x string) bool {
	return slices.ContainsFunc(r.Body, func(st allium.Stmt) bool {
		req, ok := st.(*allium.Requires)
		return ok && validityOf(req.Cond) == x
	})
}

// validityOf is x for `x.is_valid`, x a name; "" otherwise.
func validityOf(cond allium.Expr) string {
	mem, ok := cond.(*allium.Member)
	if !ok || mem.Name != "is_valid" {
		return ""
	}
	if id, ok := mem.X.(*allium.Ident); ok {
		return id.Name
	}
	return ""
}

// triggerParam reports whether x is a parameter of r's trigger.
func triggerParam(r *allium.Rule, x string) bool {
	return r.Trigger != nil && slices.ContainsFunc(r.Trigger.Params, func(p allium.TriggerParam) bool { return p.Name == x })
}
