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
				if n := allium.MemberName(mem); n != "" {
					members[n] = true
				}
			}
			for _, mem := range e.Members {
				name, value := definedValue(mem)
				if name == "" {
					if n := allium.MemberName(mem); n != "" {
						stored[n] = true
					}
					continue
				}
				if value == nil {
					continue
				}
				text := allium.ExprString(value)
				if prev, dup := seen[name]; dup {
					if prev != text {
						defs[name] = nil
					}
					continue
				}
				seen[name] = text
				defs[name] = &derivedDef{value: value, members: members}
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

// definedValue is the name and definition of a member that is a named
// expression: a parameterless derived value, or a filtering projection
// (`verified_addresses: addresses where verified` is the expression
// `addresses where verified`). The name is "" for a stored member; the
// definition is nil for a computed member the expansion cannot write out
// (a parameterised derived value, a projection that maps to a field).
func definedValue(m allium.EntityMember) (string, allium.Expr) {
	switch x := m.(type) {
	case *allium.Derived:
		if len(x.Params) > 0 {
			return x.Name, nil
		}
		return x.Name, x.Value
	case *allium.Projection:
		if x.Map != "" || x.Source == nil || x.Where == nil {
			return x.Name, nil
		}
		return x.Name, &allium.Where{ExprPos: allium.ExprPos{P: x.Source.Position()}, X: x.Source, Cond: x.Where}
	}
	return "", nil
}

// memberNames is the set of names m's entities declare as members.
func memberNames(m *allium.Module) map[string]bool {
	out := map[string]bool{}
	for _, list := range [][]*allium.Entity{m.Externals, m.Entities} {
		for _, e := range list {
			for _, mem := range e.Members {
				if n := allium.MemberName(mem); n != "" {
					out[n] = true
				}
			}
		}
	}
	return out
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
		case *allium.Where:
			// The condition's bare names are the filtered elements'
			// fields, not the definition's entity's.
			x.X = onSubject(x.X, subject, members, bound)
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

// anyAsFilteredCount writes each s.any(v => body) in e as
// (s where body').count > 0, body' reading v's fields bare: a spec that
// tests for some matching element and one that counts the elements of a
// filtering projection (verified_addresses.count > 0, written out above)
// state the same, and the filtered form names no lambda parameter, whose
// name each author picks. A body that reads any name but v's fields and
// the language's own words stays a lambda: a bare name there would read
// as an element's field.
func anyAsFilteredCount(e allium.Expr) allium.Expr {
	return allium.Rewrite(e, func(x allium.Expr) (allium.Expr, bool) {
		call, ok := x.(*allium.Call)
		if !ok || len(call.Args) != 1 || call.Args[0].Name != "" {
			return x, false
		}
		fun, ok := call.Fun.(*allium.Member)
		if !ok || fun.Name != "any" {
			return x, false
		}
		lambda, ok := call.Args[0].Value.(*allium.Lambda)
		if !ok {
			return x, false
		}
		cond, ok := elementFieldsBare(cloneExpr(lambda.Body), lambda.Param)
		if !ok {
			return x, false
		}
		pos := call.ExprPos
		filtered := &allium.Where{ExprPos: pos, X: anyAsFilteredCount(fun.X), Cond: cond}
		return &allium.Binary{ExprPos: pos, Op: allium.OpGt,
			X: &allium.Member{ExprPos: pos, X: filtered, Name: "count"},
			Y: &allium.Lit{ExprPos: pos, Kind: allium.LitNumber, Text: "0"}}, true
	})
}

// filterWords are the bare names a filter condition may read that are no
// element's field.
var filterWords = map[string]bool{"now": true, "config": true, "true": true, "false": true, "null": true}

// elementFieldsBare rewrites param.f in body as f; false when body reads
// param otherwise, any other bare name, or binds a lambda of its own.
func elementFieldsBare(body allium.Expr, param string) (allium.Expr, bool) {
	ok := true
	out := allium.Rewrite(body, func(x allium.Expr) (allium.Expr, bool) {
		switch x := x.(type) {
		case *allium.Member:
			if id, isIdent := x.X.(*allium.Ident); isIdent && id.Name == param {
				return &allium.Ident{ExprPos: x.ExprPos, Name: x.Name}, true
			}
		case *allium.Ident:
			if !filterWords[x.Name] {
				ok = false
			}
			return x, true
		case *allium.Lambda:
			ok = false
			return x, true
		}
		return x, false
	})
	return out, ok
}
