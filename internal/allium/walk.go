package allium

// WalkNodes calls f for every construct of m that carries Meta, in printing
// order: declarations, their members, rule triggers and clauses (including
// nested statements), surface clauses and annotations. It lets callers
// treat metadata uniformly, e.g. to rebase provenance paths.
func WalkNodes(m *Module, f func(Node)) {
	if m == nil {
		return
	}
	stmts := func(list []Stmt) {
		WalkStmts(list, func(s Stmt) bool {
			f(s)
			return true
		})
	}
	members := func(list []EntityMember) {
		for _, mem := range list {
			f(mem)
			if inv, ok := mem.(*Invariant); ok {
				stmts(inv.Body)
			}
		}
	}
	for _, u := range m.Uses {
		f(u)
	}
	for _, g := range m.Given {
		f(g)
	}
	for _, e := range m.Externals {
		f(e)
		members(e.Members)
	}
	for _, v := range m.Values {
		f(v)
		members(v.Members)
	}
	for _, c := range m.Contracts {
		f(c)
		for _, s := range c.Signatures {
			f(s)
		}
		for _, a := range c.Annotations {
			f(a)
		}
	}
	for _, e := range m.Enums {
		f(e)
	}
	for _, e := range m.Entities {
		f(e)
		members(e.Members)
	}
	for _, v := range m.Variants {
		f(v)
		members(v.Members)
	}
	for _, c := range m.Config {
		f(c)
	}
	for _, o := range m.ConfigOverrides {
		f(o)
		for _, s := range o.Settings {
			f(s)
		}
	}
	for _, d := range m.Defaults {
		f(d)
	}
	for _, r := range m.Rules {
		f(r)
		if r.Trigger != nil {
			f(r.Trigger)
		}
		stmts(r.Body)
		if r.Guidance != nil {
			f(r.Guidance)
		}
	}
	for _, inv := range m.Invariants {
		f(inv)
		stmts(inv.Body)
	}
	for _, a := range m.Actors {
		f(a)
	}
	var entries func([]SurfaceEntry)
	entries = func(list []SurfaceEntry) {
		for _, e := range list {
			f(e)
			if sf, ok := e.(*SurfaceFor); ok {
				entries(sf.Body)
			}
		}
	}
	for _, s := range m.Surfaces {
		f(s)
		if s.Facing != nil {
			f(s.Facing)
		}
		if s.Context != nil {
			f(s.Context)
		}
		for _, l := range s.Lets {
			f(l)
		}
		entries(s.Exposes)
		entries(s.Provides)
		for _, c := range s.Contracts {
			f(c)
		}
		entries(s.Related)
		entries(s.Timeout)
		for _, a := range s.Annotations {
			f(a)
		}
	}
	for _, d := range m.Deferred {
		f(d)
	}
	for _, q := range m.OpenQuestions {
		f(q)
	}
}

// IsCreation reports whether e is Entity.created(...), the creation of an
// instance.
func IsCreation(e Expr) bool {
	c, ok := e.(*Call)
	if !ok {
		return false
	}
	m, ok := c.Fun.(*Member)
	return ok && m.Name == "created"
}
