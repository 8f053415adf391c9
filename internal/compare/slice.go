package compare

import (
	"sort"

	"github.com/distill/distill/internal/allium"
)

// Slice returns a copy of m that holds only the named rules and what they
// need: the entities, value types and enums they name; of those, the
// members whose names the rules read or write (and what those members read
// in turn, with the types of the fields, transitively); the config
// parameters any kept construct reads. A member that names a type the
// slice does not keep is left out. Surfaces,
// actors, invariants, defaults and the like are left out: a slice is the
// part of a spec one flow is written in, to be compared with the same flow
// elsewhere. Names that m does not declare are ignored; the second result
// lists them.
func Slice(m *allium.Module, rules []string) (*allium.Module, []string) {
	want := map[string]bool{}
	for _, r := range rules {
		want[r] = true
	}
	out := &allium.Module{Version: m.Version, Header: m.Header}
	types := map[string]bool{}
	configs := map[string]bool{}
	found := map[string]bool{}
	used := map[string]bool{} // member names read or written
	readExpr := func(e allium.Expr) {
		allium.Inspect(e, func(x allium.Expr) bool {
			switch y := x.(type) {
			case *allium.Ident:
				if startsUpper(y.Name) {
					types[y.Name] = true
				} else {
					// A bare name in a where condition or an entity
					// body is a field.
					used[y.Name] = true
				}
			case *allium.Join:
				types[y.Entity] = true
				for _, f := range y.Fields {
					used[f.Name] = true
				}
			case *allium.Member:
				if id, ok := y.X.(*allium.Ident); ok && id.Name == "config" {
					configs[y.Name] = true
				} else {
					used[y.Name] = true
				}
			case *allium.Call:
				if m, ok := y.Fun.(*allium.Member); ok && m.Name == "created" {
					for _, a := range y.Args {
						used[a.Name] = true
					}
				}
			}
			return true
		})
	}
	for _, r := range m.Rules {
		if !want[r.Name] {
			continue
		}
		found[r.Name] = true
		out.Rules = append(out.Rules, deepCopy(r))
		if t := r.Trigger; t != nil {
			readExpr(t.Cond)
		}
		allium.WalkStmts(r.Body, func(s allium.Stmt) bool {
			for _, e := range allium.StmtExprs(s) {
				readExpr(e)
			}
			return true
		})
	}
	// The members of the kept types the rules use come along, with what
	// they read and the types of the fields, transitively.
	decl := map[string][]allium.EntityMember{}
	for _, e := range append(append([]*allium.Entity{}, m.Externals...), m.Entities...) {
		decl[e.Name] = e.Members
	}
	for _, v := range m.Values {
		decl[v.Name] = v.Members
	}
	for changed := true; changed; {
		changed = false
		for name := range types {
			for _, mem := range decl[name] {
				mname, _ := memberKey(mem)
				if !used[mname] {
					continue
				}
				before := len(types) + len(used) + len(configs)
				switch x := mem.(type) {
				case *allium.Field:
					for _, t := range typeNames(x.Type) {
						types[t] = true
					}
				case *allium.Relationship:
					types[x.Entity] = true
				case *allium.Derived:
					readExpr(x.Value)
				case *allium.Projection:
					readExpr(x.Source)
					readExpr(x.Where)
				}
				if len(types)+len(used)+len(configs) != before {
					changed = true
				}
			}
		}
	}
	for t := range types {
		if builtinTypes[t] {
			delete(types, t)
		}
	}
	keepMember := func(mem allium.EntityMember) bool {
		ok := true
		check := func(t string) {
			if startsUpper(t) && !builtinTypes[t] && !types[t] {
				ok = false
			}
		}
		if name, _ := memberKey(mem); !used[name] {
			return false
		}
		switch x := mem.(type) {
		case *allium.Field:
			for _, t := range typeNames(x.Type) {
				check(t)
			}
		case *allium.Relationship:
			check(x.Entity)
		case *allium.Projection:
			readOK(x.Source, check)
			readOK(x.Where, check)
		case *allium.Derived:
			readOK(x.Value, check)
		case *allium.Invariant:
			return false
		}
		return ok
	}
	trim := func(list []allium.EntityMember) []allium.EntityMember {
		var kept []allium.EntityMember
		for _, mem := range list {
			if keepMember(mem) {
				kept = append(kept, deepCopy(mem))
			}
		}
		return kept
	}
	for _, e := range m.Externals {
		if types[e.Name] {
			cp := deepCopy(e)
			cp.Members = trim(e.Members)
			out.Externals = append(out.Externals, cp)
		}
	}
	for _, v := range m.Values {
		if types[v.Name] {
			cp := deepCopy(v)
			cp.Members = trim(v.Members)
			out.Values = append(out.Values, cp)
		}
	}
	for _, e := range m.Enums {
		if types[e.Name] {
			out.Enums = append(out.Enums, deepCopy(e))
		}
	}
	for _, e := range m.Entities {
		if types[e.Name] {
			cp := deepCopy(e)
			cp.Members = trim(e.Members)
			out.Entities = append(out.Entities, cp)
		}
	}
	for _, p := range m.Config {
		if configs[p.Name] {
			out.Config = append(out.Config, deepCopy(p))
		}
	}
	var missing []string
	for _, r := range rules {
		if !found[r] {
			missing = append(missing, r)
		}
	}
	sort.Strings(missing)
	return out, missing
}

// typeNames lists the named types in a type (List<Token>? gives Token).
func typeNames(t *allium.Type) []string {
	if t == nil {
		return nil
	}
	var out []string
	if t.Name != "" {
		out = append(out, t.Name)
	}
	for _, a := range t.Args {
		out = append(out, typeNames(a)...)
	}
	return out
}

// readOK calls check with every capitalised name an expression reads.
func readOK(e allium.Expr, check func(string)) {
	allium.Inspect(e, func(x allium.Expr) bool {
		switch y := x.(type) {
		case *allium.Ident:
			check(y.Name)
		case *allium.Join:
			check(y.Entity)
		}
		return true
	})
}
