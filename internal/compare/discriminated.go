package compare

import (
	"slices"
	"strings"
	"unicode"

	"github.com/distill/distill/internal/allium"
)

// splitDiscriminated lets one variant's entity whose kinds are told apart
// by a field meet other variants' entities for each kind. fastapi-boilerplate
// keeps its access and refresh tokens in one entity, Token (or, distilled,
// SignedToken) with token_type: access | refresh, where
// fastapi-minimal-refresh and graphql-auth declare AccessToken and
// RefreshToken: alignment pairs Token with one of them at most, and the
// refresh token's creation, Token.created(..., token_type: refresh), never
// meets the others' RefreshToken.created(...).
//
// When every value of an enum field of entity E, written before E's last
// name word (access + Token), names an entity another variant declares and
// this one does not, the working copy gains one entity per value, E's
// members without the field, and each creation of E that gives the field
// one of those values creates that value's entity instead, without the
// argument. E stays declared, as the variant has it, when anything still
// names it (a field of its type, a lookup, a creation with no literal
// kind); otherwise it goes. Only working copies change: the report quotes
// the variants' creations as they write them (Token.created(kind: access,
// ...)), under the entity they align with.
//
// origins, when given, maps the new entities' members to the variant's own
// (copyWithOrigins): the report quotes them as the variant's E declares
// them.
func splitDiscriminated(mods []*allium.Module, origins []map[allium.Node]allium.Node) {
	declared := make([]map[string]bool, len(mods))
	for v, m := range mods {
		declared[v] = map[string]bool{}
		for _, e := range m.Entities {
			declared[v][e.Name] = true
		}
	}
	for v, m := range mods {
		elsewhere := func(name string) bool {
			if declared[v][name] {
				return false
			}
			for w := range mods {
				if w != v && declared[w][name] {
					return true
				}
			}
			return false
		}
		var added []*allium.Entity
		var splits []split
		for _, e := range m.Entities {
			s, ok := discriminator(m, e, elsewhere)
			if !ok {
				continue
			}
			splits = append(splits, s)
			for _, val := range s.values {
				sub := deepCopy(e)
				sub.Name = s.names[val]
				// E's comment says what the whole of it is (a token
				// "access or refresh"), not what one kind is.
				sub.Doc, sub.Comment = nil, ""
				sub.Members = nil
				var orig map[allium.Node]allium.Node
				if origins != nil {
					orig = origins[v]
				}
				for _, mem := range deepCopyKeeping(e, orig).Members {
					if f, ok := mem.(*allium.Field); ok && f.Name == s.field {
						continue
					}
					sub.Members = append(sub.Members, mem)
				}
				added = append(added, sub)
			}
		}
		if len(splits) == 0 {
			continue
		}
		for _, s := range splits {
			for _, r := range m.Rules {
				allium.WalkStmts(r.Body, func(st allium.Stmt) bool {
					for _, x := range allium.StmtExprs(st) {
						allium.Inspect(x, func(x allium.Expr) bool {
							if c, ok := x.(*allium.Call); ok {
								s.retarget(c)
							}
							return true
						})
					}
					return true
				})
			}
		}
		var kept []*allium.Entity
		for _, e := range m.Entities {
			if isSplit(splits, e.Name) && !namesEntity(m, e.Name) {
				continue
			}
			kept = append(kept, e)
		}
		m.Entities = append(kept, added...)
	}
}

// split is one entity told apart by a field: the field, its values in
// order, and the entity each value's instances become.
type split struct {
	entity, field string
	values        []string
	names         map[string]string
}

func isSplit(splits []split, name string) bool {
	for _, s := range splits {
		if s.entity == name {
			return true
		}
	}
	return false
}

// discriminator finds the field of e that splits it: an enum field (inline
// or of a declared enum) of two or more values, each of which, written
// before e's last name word, names an entity that elsewhere reports
// declared by another variant only. A field read by e's own members
// (derived values, projections) does not split it: the copies would read a
// field they lack.
func discriminator(m *allium.Module, e *allium.Entity, elsewhere func(string) bool) (split, bool) {
	head := lastWord(e.Name)
	if head == "" {
		return split{}, false
	}
	for _, mem := range e.Members {
		f, ok := mem.(*allium.Field)
		if !ok || f.Type == nil || f.Type.Optional {
			continue
		}
		vals := kindValues(m, f.Type)
		if len(vals) < 2 || readsName(e, f.Name) {
			continue
		}
		s := split{entity: e.Name, field: f.Name, names: map[string]string{}}
		for _, val := range vals {
			name := pascal(val) + head
			if name == head || !elsewhere(name) {
				s = split{}
				break
			}
			s.values = append(s.values, val)
			s.names[val] = name
		}
		if s.entity != "" {
			return s, true
		}
	}
	return split{}, false
}

// retarget rewrites c when it creates the split entity with a literal
// value of the field: Token.created(user: u, token_type: refresh) becomes
// RefreshToken.created(user: u).
func (s split) retarget(c *allium.Call) {
	m, ok := c.Fun.(*allium.Member)
	if !ok || m.Name != "created" {
		return
	}
	id, ok := m.X.(*allium.Ident)
	if !ok || id.Name != s.entity {
		return
	}
	name, at := "", -1
	for i, a := range c.Args {
		if a.Name != s.field {
			continue
		}
		if lit, ok := a.Value.(*allium.Ident); ok {
			name, at = s.names[lit.Name], i
		}
	}
	if name == "" {
		return
	}
	c.Args = append(c.Args[:at:at], c.Args[at+1:]...)
	m.X = &allium.Ident{ExprPos: id.ExprPos, Name: name}
}

// kindValues are the values of an inline enum type or of the module's enum
// the type names.
func kindValues(m *allium.Module, t *allium.Type) []string {
	var vals []allium.EnumValue
	if len(t.Enum) > 0 {
		vals = t.Enum
	} else {
		for _, en := range m.Enums {
			if en.Name == t.Name {
				vals = en.Values
			}
		}
	}
	var out []string
	for _, v := range vals {
		if v.Quoted {
			return nil
		}
		out = append(out, v.Name)
	}
	return out
}

// readsName reports whether any member of e other than the field itself
// mentions name.
func readsName(e *allium.Entity, name string) bool {
	found := false
	for _, mem := range e.Members {
		if f, ok := mem.(*allium.Field); ok {
			if f.When != nil && f.When.Field == name {
				return true
			}
			continue
		}
		for _, x := range memberExprs(mem) {
			if x == nil {
				continue
			}
			allium.Inspect(x, func(x allium.Expr) bool {
				if id, ok := x.(*allium.Ident); ok && id.Name == name {
					found = true
				}
				return !found
			})
		}
	}
	return found
}

// memberExprs are the expressions an entity member holds.
func memberExprs(mem allium.EntityMember) []allium.Expr {
	switch x := mem.(type) {
	case *allium.Relationship:
		return []allium.Expr{x.With}
	case *allium.Projection:
		return []allium.Expr{x.Source, x.Where}
	case *allium.Derived:
		return []allium.Expr{x.Value}
	case *allium.Invariant:
		var out []allium.Expr
		allium.WalkStmts(x.Body, func(st allium.Stmt) bool {
			out = append(out, allium.StmtExprs(st)...)
			return true
		})
		return out
	}
	return nil
}

// namesEntity reports whether anything in m still names the entity: a
// field or relationship of another entity, a trigger, a lookup or a
// creation left as it was.
func namesEntity(m *allium.Module, name string) bool {
	for _, e := range m.Entities {
		if e.Name == name {
			continue
		}
		for _, mem := range e.Members {
			switch x := mem.(type) {
			case *allium.Field:
				if slices.Contains(typeNames(x.Type), name) {
					return true
				}
			case *allium.Relationship:
				if x.Entity == name {
					return true
				}
			}
		}
	}
	found := false
	for _, r := range m.Rules {
		if r.Trigger != nil && r.Trigger.Entity() == name {
			return true
		}
		allium.WalkStmts(r.Body, func(st allium.Stmt) bool {
			for _, x := range allium.StmtExprs(st) {
				allium.Inspect(x, func(x allium.Expr) bool {
					switch y := x.(type) {
					case *allium.Ident:
						found = found || y.Name == name
					case *allium.Join:
						found = found || y.Entity == name
					}
					return !found
				})
			}
			return !found
		})
	}
	return found
}

// lastWord is the last word of a PascalCase name: Token of SignedToken.
func lastWord(name string) string {
	rs := []rune(name)
	for i := len(rs) - 1; i > 0; i-- {
		if unicode.IsUpper(rs[i]) && unicode.IsLower(rs[i-1]) {
			return string(rs[i:])
		}
	}
	return name
}

// pascal writes a snake_case value in PascalCase: two_factor, TwoFactor.
func pascal(s string) string {
	var b strings.Builder
	for _, w := range strings.Split(s, "_") {
		if w == "" {
			continue
		}
		rs := []rune(w)
		b.WriteString(string(unicode.ToUpper(rs[0])) + string(rs[1:]))
	}
	return b.String()
}
