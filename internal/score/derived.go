package score

import (
	"github.com/distill/distill/internal/allium"
)

// A derived value is a named expression over its entity's fields:
// `is_valid: expires_at > now` on Token makes `token.is_valid` and
// `token.expires_at > now` the same statement. One spec names the test,
// another writes it out (distill names what a model method computes; a
// person may write the comparison in the rule), so before aligning,
// each spec's own derived values are written out where a rule reads them.

// derivedDef is one derived value, as its entity defines it: members are
// the names its definition may read bare (the entity's fields,
// relationships, projections and derived values).
type derivedDef struct {
	value   allium.Expr
	members map[string]bool
}

// derivedDefs collects the parameterless derived values of m's entities
// by name. A name defined differently by two entities, or also declared
// as a stored member of some entity, is left out: which one a rule reads
// would take the type of its subject, which the spec does not state.
func derivedDefs(m *allium.Module) map[string]*derivedDef {
	defs := map[string]*derivedDef{}
	seen := map[string]string{}
	stored := map[string]bool{}
	for _, list := range [][]*allium.Entity{m.Externals, m.Entities} {
		for _, e := range list {
			members := map[string]bool{}
			for _, mem := range e.Members {
				if n := memberName(mem); n != "" {
					members[n] = true
				}
			}
			for _, mem := range e.Members {
				d, ok := mem.(*allium.Derived)
				if !ok {
					if n := memberName(mem); n != "" {
						stored[n] = true
					}
					continue
				}
				if len(d.Params) > 0 || d.Value == nil {
					continue
				}
				text := allium.ExprString(d.Value)
				if prev, dup := seen[d.Name]; dup {
					if prev != text {
						defs[d.Name] = nil
					}
					continue
				}
				seen[d.Name] = text
				defs[d.Name] = &derivedDef{value: d.Value, members: members}
			}
		}
	}
	for name := range stored {
		delete(defs, name)
	}
	for name, d := range defs {
		if d == nil {
			delete(defs, name)
		}
	}
	return defs
}

// memberNames is the set of names m's entities declare as members.
func memberNames(m *allium.Module) map[string]bool {
	out := map[string]bool{}
	for _, list := range [][]*allium.Entity{m.Externals, m.Entities} {
		for _, e := range list {
			for _, mem := range e.Members {
				if n := memberName(mem); n != "" {
					out[n] = true
				}
			}
		}
	}
	return out
}

// memberName is the name an entity member declares, "" for one that
// declares none.
func memberName(m allium.EntityMember) string {
	switch x := m.(type) {
	case *allium.Field:
		return x.Name
	case *allium.Relationship:
		return x.Name
	case *allium.Projection:
		return x.Name
	case *allium.Derived:
		return x.Name
	}
	return ""
}

// maxDerivedDepth bounds how far a derived value that reads another is
// written out (a definition that reads itself stops there).
const maxDerivedDepth = 4

// expandDerived writes out, in e, every read subject.name of a derived
// value in defs as its definition with subject in place of the entity:
// the definition's bare member names read subject's, and this is subject.
func expandDerived(e allium.Expr, defs map[string]*derivedDef, depth int) allium.Expr {
	if len(defs) == 0 || depth > maxDerivedDepth {
		return e
	}
	return allium.Rewrite(e, func(x allium.Expr) (allium.Expr, bool) {
		m, ok := x.(*allium.Member)
		if !ok {
			return x, false
		}
		d := defs[m.Name]
		if d == nil {
			return x, false
		}
		subject := expandDerived(m.X, defs, depth)
		body := onSubject(cloneExpr(d.value), subject, d.members, nil)
		return expandDerived(body, defs, depth+1), true
	})
}

// onSubject rewrites a definition to read subject's members: a bare
// member name n becomes subject.n and this becomes subject. A lambda's
// parameter hides a member of its name inside the lambda (bound).
func onSubject(e allium.Expr, subject allium.Expr, members, bound map[string]bool) allium.Expr {
	return allium.Rewrite(e, func(x allium.Expr) (allium.Expr, bool) {
		switch x := x.(type) {
		case *allium.Ident:
			switch {
			case bound[x.Name]:
				return x, true
			case x.Name == "this":
				return cloneExpr(subject), true
			case members[x.Name]:
				return &allium.Member{ExprPos: x.ExprPos, X: cloneExpr(subject), Name: x.Name}, true
			}
			return x, true
		case *allium.Lambda:
			inner := map[string]bool{x.Param: true}
			for n := range bound {
				inner[n] = true
			}
			x.Body = onSubject(x.Body, subject, members, inner)
			return x, true
		case *allium.Join:
			// User{email}: the shorthand names a variable of the
			// definition's scope, so it is written out before members
			// are rewritten.
			for i := range x.Fields {
				if f := &x.Fields[i]; f.Value == nil {
					f.Value = &allium.Ident{Name: f.Name}
				}
				x.Fields[i].Value = onSubject(x.Fields[i].Value, subject, members, bound)
			}
			return x, true
		}
		return x, false
	})
}
