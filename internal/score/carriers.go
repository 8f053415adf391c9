package score

import (
	"slices"
	"strings"
	"unicode"

	"github.com/distill/distill/internal/allium"
)

// carrierParams rewrites each trigger parameter a rule reads only through
// one field of it as that field's value, named after the field: with its
// lets inlined,
//
//	when: ChangePassword(token, new_password)   requires: exists token.user
//
// reads as ChangePassword(user, new_password) requiring exists user, the
// way a spec that names the signed-in user itself writes the rule. The
// parameter only carries the value the rule is about (kutt's expected
// spec calls the unstored JWT token and reads token.user; distill names
// the user the JWT stands for). Only a field that refers to an entity
// (Token.user: User) is read so, and only for a parameter name no rule of
// the other spec has: where both name it, the rules meet as they are
// written (session.user on both sides). A parameter read bare anywhere,
// or through several fields, or whose field's name the rule already uses,
// stays.
func carrierParams(r *allium.Rule, refs, otherParams map[string]bool) {
	t := r.Trigger
	if t == nil || t.Kind != allium.TriggerExternal {
		return
	}
	used := map[string]bool{} // every name the rule writes: no capture
	for _, p := range t.Params {
		used[p.Name] = true
	}
	allium.WalkStmts(r.Body, func(s allium.Stmt) bool {
		if f, ok := s.(*allium.For); ok {
			used[f.Var] = true
		}
		for _, e := range allium.StmtExprs(s) {
			allium.Inspect(e, func(x allium.Expr) bool {
				if id, ok := x.(*allium.Ident); ok {
					used[id.Name] = true
				}
				return true
			})
		}
		return true
	})
	for i := range t.Params {
		p := t.Params[i].Name
		field, ok := carriedField(r.Body, p)
		if !ok || used[field] || !refs[field] || otherParams[p] {
			continue
		}
		used[field] = true
		t.Params[i].Name = field
		allium.WalkStmts(r.Body, func(s allium.Stmt) bool {
			allium.SetStmtExprs(s, func(e allium.Expr) allium.Expr {
				return allium.Rewrite(e, func(x allium.Expr) (allium.Expr, bool) {
					if m, ok := x.(*allium.Member); ok && !m.Optional {
						if id, ok := m.X.(*allium.Ident); ok && id.Name == p {
							return &allium.Ident{Name: field}, true
						}
					}
					return nil, false
				})
			})
			return true
		})
	}
}

// carriedField is the one field through which body reads p (user for
// token.user), when every read of p is p.<that field>; ok is false when p
// is read bare, through several fields or not at all.
func carriedField(body []allium.Stmt, p string) (string, bool) {
	field, reads, through := "", 0, 0
	mixed := false
	allium.WalkStmts(body, func(s allium.Stmt) bool {
		for _, e := range allium.StmtExprs(s) {
			allium.Inspect(e, func(x allium.Expr) bool {
				switch y := x.(type) {
				case *allium.Ident:
					if y.Name == p {
						reads++
					}
				case *allium.Member:
					if id, ok := y.X.(*allium.Ident); ok && id.Name == p {
						through++
						if y.Optional || field != "" && field != y.Name {
							mixed = true
						}
						field = y.Name
					}
				case *allium.Join:
					for _, f := range y.Fields {
						if f.Value == nil && f.Name == p {
							reads++ // User{token}: p read bare
						}
					}
				}
				return true
			})
		}
		return true
	})
	return field, !mixed && through > 0 && through == reads
}

// entityRefs are the names of m's entity fields whose type is one of its
// entities (user for Token.user: User).
func entityRefs(m *allium.Module) map[string]bool {
	ents := map[string]bool{}
	for _, list := range [][]*allium.Entity{m.Externals, m.Entities} {
		for _, e := range list {
			ents[e.Name] = true
		}
	}
	out := map[string]bool{}
	for _, list := range [][]*allium.Entity{m.Externals, m.Entities} {
		for _, e := range list {
			for _, mem := range e.Members {
				if f, ok := mem.(*allium.Field); ok && f.Type != nil && ents[f.Type.Name] {
					out[f.Name] = true
				}
			}
		}
	}
	return out
}

// triggerParams is the set of names m's external triggers give their
// parameters.
func triggerParams(m *allium.Module) map[string]bool {
	out := map[string]bool{}
	for _, r := range m.Rules {
		if t := r.Trigger; t != nil && t.Kind == allium.TriggerExternal {
			for _, p := range t.Params {
				out[p.Name] = true
			}
		}
	}
	return out
}

// secretRows rewrites a lookup by one secret input (User{reset_password_token},
// the trigger's parameter) as a parameter named after the entity (user),
// when the other spec names parameters so and this rule does not: distill
// writes a row found by a secret the caller holds as the row the caller
// names (NewPassword(reset_password_token, ..., user) requiring exists
// user), a hand-written spec often as the lookup. The input stays a
// parameter; only the lookup is renamed. Secrets are named as distill's
// are: token, code or key, or ending in _token.
func secretRows(r *allium.Rule, otherParams map[string]bool) {
	rowParams(r, otherParams, func(f allium.JoinField) string {
		if !secretName(f.Name) {
			return ""
		}
		if v, ok := f.Value.(*allium.Ident); ok {
			return v.Name
		}
		if f.Value != nil {
			return ""
		}
		return f.Name
	})
}

// rowParams rewrites each lookup by one field whose value is the trigger
// parameter by returns ("" for none) as a parameter named after the
// entity, when the other spec has one of that name and the rule does not
// (secretRows, idRows); it answers the parameters looked up by.
func rowParams(r *allium.Rule, otherParams map[string]bool, by func(allium.JoinField) string) map[string]bool {
	t := r.Trigger
	if t == nil || t.Kind != allium.TriggerExternal {
		return nil
	}
	params := map[string]bool{}
	for _, p := range t.Params {
		params[p.Name] = true
	}
	replaced := map[string]bool{}
	added := map[string]bool{}
	allium.WalkStmts(r.Body, func(s allium.Stmt) bool {
		allium.SetStmtExprs(s, func(e allium.Expr) allium.Expr {
			return allium.Rewrite(e, func(x allium.Expr) (allium.Expr, bool) {
				j, ok := x.(*allium.Join)
				if !ok || len(j.Fields) != 1 {
					return nil, false
				}
				p := by(j.Fields[0])
				name := snakeEntity(j.Entity)
				if p == "" || !params[p] || !otherParams[name] || params[name] && !added[name] {
					return nil, false
				}
				if !added[name] {
					added[name] = true
					t.Params = append(t.Params, allium.TriggerParam{Name: name})
				}
				replaced[p] = true
				return &allium.Ident{Name: name}, true
			})
		})
		return true
	})
	return replaced
}

func secretName(n string) bool {
	switch n {
	case "token", "code", "key":
		return true
	}
	return strings.HasSuffix(n, "_token")
}

// snakeEntity is the name a variable of an entity type usually has:
// PasswordReset -> password_reset.
func snakeEntity(s string) string {
	var b strings.Builder
	for i, r := range s {
		if unicode.IsUpper(r) {
			if i > 0 {
				b.WriteByte('_')
			}
			r = unicode.ToLower(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// idRows rewrites a lookup by the trigger's id parameter (User{id:
// user_id}) as a parameter named after the entity (user), when the other
// spec names parameters so and this rule does not: distill writes the row
// a request's id names as the row the caller names (LogInAs(user)
// requiring exists user), a hand-written spec often as the lookup by the
// id. The id parameter goes when nothing else reads it.
func idRows(r *allium.Rule, otherParams map[string]bool) {
	replaced := rowParams(r, otherParams, func(f allium.JoinField) string {
		if v, ok := f.Value.(*allium.Ident); ok && f.Name == "id" {
			return v.Name
		}
		return ""
	})
	if len(replaced) == 0 {
		return
	}
	read := map[string]bool{}
	// A name is read bare or as a join's shorthand field (Session{user_id}).
	allium.WalkStmts(r.Body, func(s allium.Stmt) bool {
		for _, e := range allium.StmtExprs(s) {
			allium.Inspect(e, func(x allium.Expr) bool {
				switch y := x.(type) {
				case *allium.Ident:
					read[y.Name] = true
				case *allium.Join:
					for _, f := range y.Fields {
						if f.Value == nil {
							read[f.Name] = true
						}
					}
				}
				return true
			})
		}
		return true
	})
	r.Trigger.Params = slices.DeleteFunc(r.Trigger.Params, func(p allium.TriggerParam) bool { return replaced[p.Name] && !read[p.Name] })
}
