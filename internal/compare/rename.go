package compare

import "github.com/distill/distill/internal/allium"

// renamer rewrites one variant's (copied) module in place so that aligned
// names read as their canonical forms. Maps hold only names that change.
type renamer struct {
	types   map[string]string            // entity, value, enum names
	fields  map[string]map[string]string // local owner type -> local field -> canonical
	global  map[string]string            // local field -> canonical, when unambiguous in the variant
	config  map[string]string
	trigger map[string]string // external trigger names
	rules   map[string]string
	params  map[*allium.Rule]map[string]string // trigger parameters by position
}

func (r *renamer) typeName(n string) string {
	if c, ok := r.types[n]; ok {
		return c
	}
	return n
}

func (r *renamer) fieldOf(owner, n string) string {
	if c, ok := r.fields[owner][n]; ok {
		return c
	}
	return n
}

func (r *renamer) typ(t *allium.Type) {
	if t == nil {
		return
	}
	t.Name = r.typeName(t.Name)
	for _, a := range t.Args {
		r.typ(a)
	}
}

// scope says how bare identifiers are read: inside an entity body they are
// the entity's fields (owner), inside a rule the rule's trigger parameters
// may be renamed.
type scope struct {
	owner  string // local entity name whose fields bare names may be
	global bool   // bare names may be fields of an unknown entity (where conditions)
	params map[string]string
}

func (r *renamer) module(m *allium.Module) {
	for _, g := range m.Given {
		r.typ(g.Type)
	}
	ents := append(append([]*allium.Entity{}, m.Externals...), m.Entities...)
	for _, e := range ents {
		r.members(e.Name, e.Members)
		e.Name = r.typeName(e.Name)
	}
	for _, v := range m.Values {
		r.members(v.Name, v.Members)
		v.Name = r.typeName(v.Name)
	}
	for _, v := range m.Variants {
		r.members(v.Name, v.Members)
		v.Base = r.typeName(v.Base)
	}
	for _, e := range m.Enums {
		e.Name = r.typeName(e.Name)
	}
	for _, c := range m.Config {
		c.Name = r.configName(c.Name)
		r.typ(c.Type)
		r.expr(c.Default, scope{})
	}
	for _, d := range m.Defaults {
		if o, ok := d.Value.(*allium.ObjectLit); ok {
			for i := range o.Fields {
				o.Fields[i].Name = r.fieldOf(d.Type, o.Fields[i].Name)
			}
		}
		r.expr(d.Value, scope{})
		d.Type = r.typeName(d.Type)
	}
	for _, rule := range m.Rules {
		r.rule(rule)
	}
	for _, inv := range m.Invariants {
		r.stmts(inv.Body, scope{})
	}
	for _, a := range m.Actors {
		r.expr(a.IdentifiedBy, scope{global: true})
		a.Within = r.typeName(a.Within)
	}
	for _, s := range m.Surfaces {
		r.surface(s)
	}
}

func (r *renamer) configName(n string) string {
	if c, ok := r.config[n]; ok {
		return c
	}
	return n
}

func (r *renamer) members(owner string, list []allium.EntityMember) {
	sc := scope{owner: owner}
	for _, mem := range list {
		switch x := mem.(type) {
		case *allium.Field:
			x.Name = r.fieldOf(owner, x.Name)
			r.typ(x.Type)
			if x.When != nil {
				x.When.Field = r.fieldOf(owner, x.When.Field)
			}
		case *allium.Relationship:
			r.expr(x.With, scope{owner: x.Entity})
			x.Name = r.fieldOf(owner, x.Name)
			x.Entity = r.typeName(x.Entity)
		case *allium.Projection:
			r.expr(x.Source, sc)
			r.expr(x.Where, scope{global: true})
			if x.Map != "" {
				x.Map = r.globalField(x.Map)
			}
			x.Name = r.fieldOf(owner, x.Name)
		case *allium.Derived:
			r.expr(x.Value, sc)
			if x.When != nil {
				x.When.Field = r.fieldOf(owner, x.When.Field)
			}
			x.Name = r.fieldOf(owner, x.Name)
		case *allium.Transitions:
			x.Field = r.fieldOf(owner, x.Field)
		case *allium.Invariant:
			r.stmts(x.Body, sc)
		}
	}
}

func (r *renamer) globalField(n string) string {
	if c, ok := r.global[n]; ok {
		return c
	}
	return n
}

func (r *renamer) rule(rule *allium.Rule) {
	sc := scope{params: r.params[rule]}
	if t := rule.Trigger; t != nil {
		if t.Kind == allium.TriggerExternal {
			if c, ok := r.trigger[t.Name]; ok {
				t.Name = c
			}
			for i := range t.Params {
				if c, ok := sc.params[t.Params[i].Name]; ok {
					t.Params[i].Name = c
				}
			}
		} else {
			if c, ok := sc.params[t.Binding]; ok {
				t.Binding = c
			}
			r.expr(t.Cond, sc)
		}
	}
	if c, ok := r.rules[rule.Name]; ok {
		rule.Name = c
	}
	r.stmts(rule.Body, sc)
}

func (r *renamer) stmts(list []allium.Stmt, sc scope) {
	allium.WalkStmts(list, func(s allium.Stmt) bool {
		for _, e := range allium.StmtExprs(s) {
			r.expr(e, sc)
		}
		switch x := s.(type) {
		case *allium.Let:
			if c, ok := sc.params[x.Name]; ok {
				x.Name = c
			}
		case *allium.For:
			if c, ok := sc.params[x.Var]; ok {
				x.Var = c
			}
		}
		return true
	})
}

func (r *renamer) surface(s *allium.Surface) {
	for _, b := range []*allium.SurfaceBinding{s.Facing, s.Context} {
		if b != nil {
			b.Type = r.typeName(b.Type)
			r.expr(b.Where, scope{global: true})
		}
	}
	for _, l := range s.Lets {
		r.expr(l.Value, scope{})
	}
	for _, block := range [][]allium.SurfaceEntry{s.Exposes, s.Provides, s.Related} {
		r.surfaceEntries(block)
	}
	for _, e := range s.Timeout {
		if it, ok := e.(*allium.SurfaceItem); ok {
			if id, ok := it.X.(*allium.Ident); ok {
				if c, ok := r.rules[id.Name]; ok {
					id.Name = c
				}
			}
			r.expr(it.When, scope{})
		}
	}
}

func (r *renamer) surfaceEntries(list []allium.SurfaceEntry) {
	for _, e := range list {
		switch x := e.(type) {
		case *allium.SurfaceItem:
			r.expr(x.X, scope{})
			r.expr(x.When, scope{})
		case *allium.SurfaceFor:
			r.expr(x.Coll, scope{})
			r.surfaceEntries(x.Body)
		}
	}
}

// expr renames inside one expression. Bare identifiers are renamed as types,
// then as trigger parameters, then as fields of the scope's entity.
func (r *renamer) expr(e allium.Expr, sc scope) {
	switch x := e.(type) {
	case nil:
	case *allium.Ident:
		switch {
		case r.types[x.Name] != "":
			x.Name = r.types[x.Name]
		case sc.params[x.Name] != "":
			x.Name = sc.params[x.Name]
		case sc.owner != "" && r.fields[sc.owner][x.Name] != "":
			x.Name = r.fields[sc.owner][x.Name]
		case sc.global && r.global[x.Name] != "":
			x.Name = r.global[x.Name]
		}
	case *allium.Member:
		if id, ok := x.X.(*allium.Ident); ok {
			switch {
			case id.Name == "config":
				x.Name = r.configName(x.Name)
				return
			case startsUpper(id.Name):
				x.Name = r.fieldOf(id.Name, x.Name)
				r.expr(x.X, sc)
				return
			}
		}
		x.Name = r.globalField(x.Name)
		r.expr(x.X, sc)
	case *allium.Call:
		if m, ok := x.Fun.(*allium.Member); ok && m.Name == "created" {
			if id, ok := m.X.(*allium.Ident); ok {
				for i := range x.Args {
					if x.Args[i].Name != "" {
						x.Args[i].Name = r.fieldOf(id.Name, x.Args[i].Name)
					}
				}
				id.Name = r.typeName(id.Name)
			}
		} else if id, ok := x.Fun.(*allium.Ident); ok && r.trigger[id.Name] != "" {
			id.Name = r.trigger[id.Name]
		} else {
			r.expr(x.Fun, sc)
		}
		for _, a := range x.Args {
			r.expr(a.Value, sc)
		}
	case *allium.Lambda:
		if c, ok := sc.params[x.Param]; ok {
			x.Param = c
		}
		r.expr(x.Body, sc)
	case *allium.Join:
		for i := range x.Fields {
			f := &x.Fields[i]
			c := r.fieldOf(x.Entity, f.Name)
			if f.Value == nil && (c != f.Name || sc.params[f.Name] != "") {
				// The shorthand names the variable too: when either is
				// renamed, the lookup spells both out.
				f.Value = &allium.Ident{ExprPos: x.ExprPos, Name: f.Name}
			}
			f.Name = c
			r.expr(f.Value, sc)
		}
		x.Entity = r.typeName(x.Entity)
	case *allium.Binary:
		r.expr(x.X, sc)
		r.expr(x.Y, sc)
	case *allium.Unary:
		r.expr(x.X, sc)
	case *allium.Where:
		r.expr(x.X, sc)
		inner := sc
		inner.global = true
		r.expr(x.Cond, inner)
	case *allium.SetLit:
		for _, el := range x.Elems {
			r.expr(el, sc)
		}
	case *allium.ListLit:
		for _, el := range x.Elems {
			r.expr(el, sc)
		}
	case *allium.ObjectLit:
		for _, f := range x.Fields {
			r.expr(f.Value, sc)
		}
	case *allium.IfExpr:
		for _, b := range x.Branches {
			r.expr(b.Cond, sc)
			r.expr(b.Then, sc)
		}
		r.expr(x.Else, sc)
	}
}

func startsUpper(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' }
