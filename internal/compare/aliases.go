package compare

import (
	"strings"

	"github.com/distill/distill/internal/allium"
)

// inlineAliases writes, in the working copies of a rule group's members, a
// rule-level let that only names a path from a trigger parameter (let user
// = session.user) as the path wherever the rule reads it, and drops the
// let, unless every member binds the same such lets alike (then they say
// the same as written, and the shared rule keeps the let). polar's
// RequestEmailUpdate binds user = session.user and creates the token for
// user (server/polar/email_update/service.py:60) where django-healthchecks
// writes session.user itself, and the two creations are one. A let of
// anything else (a lookup, a call, a creation) is what the rule does and
// stays; so does an alias the rule binds again.
func inlineAliases(g *group) {
	seen := ""
	alike, n := true, 0
	for _, u := range g.members {
		if u == nil {
			continue
		}
		var keys []string
		for _, l := range aliasLets(u.node.(*allium.Rule)) {
			keys = append(keys, l.Name+"="+exprKey(l.Value))
		}
		k := strings.Join(keys, ";")
		if n > 0 && k != seen {
			alike = false
		}
		seen = k
		n++
	}
	if alike {
		return
	}
	for _, u := range g.members {
		if u == nil {
			continue
		}
		r := u.node.(*allium.Rule)
		for _, l := range aliasLets(r) {
			for i, s := range r.Body {
				if s != l {
					continue
				}
				for _, after := range r.Body[i+1:] {
					replaceName(after, l.Name, l.Value)
				}
				r.Body = append(r.Body[:i:i], r.Body[i+1:]...)
				break
			}
		}
	}
}

// aliasLets are a rule's rule-level lets of a path from a trigger
// parameter that the rule binds once, in order.
func aliasLets(r *allium.Rule) []*allium.Let {
	if r.Trigger == nil || r.Trigger.Kind != allium.TriggerExternal {
		return nil
	}
	params := map[string]bool{}
	for _, p := range r.Trigger.Params {
		params[p.Name] = true
	}
	var out []*allium.Let
	for _, s := range r.Body {
		if l, ok := s.(*allium.Let); ok && !params[l.Name] && paramPath(l.Value, params) && !boundTwice(r, l.Name) {
			out = append(out, l)
		}
	}
	return out
}

// paramPath reports whether e is a field path from a trigger parameter:
// session.user, token.user.profile.
func paramPath(e allium.Expr, params map[string]bool) bool {
	m, ok := e.(*allium.Member)
	if !ok || m.Optional {
		return false
	}
	for {
		switch x := m.X.(type) {
		case *allium.Ident:
			return params[x.Name]
		case *allium.Member:
			if x.Optional {
				return false
			}
			m = x
		default:
			return false
		}
	}
}

// boundTwice reports whether a rule binds name more than once (two lets,
// a let and a for variable or a lambda's parameter).
func boundTwice(r *allium.Rule, name string) bool {
	n := 0
	allium.WalkStmts(r.Body, func(s allium.Stmt) bool {
		switch x := s.(type) {
		case *allium.Let:
			if x.Name == name {
				n++
			}
		case *allium.For:
			if x.Var == name {
				n++
			}
		}
		for _, e := range allium.StmtExprs(s) {
			allium.Inspect(e, func(x allium.Expr) bool {
				if l, ok := x.(*allium.Lambda); ok && l.Param == name {
					n++
				}
				return true
			})
		}
		return true
	})
	return n > 1
}

// replaceName writes every read of name in s (and the statements in it)
// as a copy of value.
func replaceName(s allium.Stmt, name string, value allium.Expr) {
	allium.WalkStmts([]allium.Stmt{s}, func(st allium.Stmt) bool {
		allium.SetStmtExprs(st, func(e allium.Expr) allium.Expr {
			return allium.Rewrite(e, func(x allium.Expr) (allium.Expr, bool) {
				switch y := x.(type) {
				case *allium.Ident:
					if y.Name == name {
						return deepCopy(value), true
					}
				case *allium.Join:
					for i := range y.Fields {
						if y.Fields[i].Value == nil && y.Fields[i].Name == name {
							y.Fields[i].Value = deepCopy(value)
						}
					}
				}
				return x, false
			})
		})
		return true
	})
}
