package distill

import "github.com/distill/distill/internal/allium"

// A setting the deployment gives at run time has no declared type: its
// name types it (runtimeSetting: *_enabled is Boolean, *_limit Integer,
// String otherwise). A setting the spec reads only as a condition is a
// truth value, whatever its name: netbox's login view sets last_login
// unless `get_config().MAINTENANCE_MODE` (account/views.py:113-117),
// read as `if not config.maintenance_mode:`; declared String, it said
// an operator sets a text where the code tests a flag.

// truthOnlyConfig names the config parameters the rules read, and every
// time only as a condition: the whole test of a requires or an if (an
// inline one too), or an operand of not, and, or there.
func truthOnlyConfig(rules []*allium.Rule) map[string]bool {
	truth := map[*allium.Member]bool{}
	var mark func(x allium.Expr)
	mark = func(x allium.Expr) {
		switch x := x.(type) {
		case *allium.Member:
			if configRef(x) {
				truth[x] = true
			}
		case *allium.Unary:
			if x.Op == allium.OpNot {
				mark(x.X)
			}
		case *allium.Binary:
			if x.Op == allium.OpAnd || x.Op == allium.OpOr {
				mark(x.X)
				mark(x.Y)
			}
		}
	}
	inlineConds := func(x allium.Expr) bool {
		if ie, ok := x.(*allium.IfExpr); ok {
			for _, br := range ie.Branches {
				mark(br.Cond)
			}
		}
		return true
	}
	for _, r := range rules {
		if r.Trigger != nil && r.Trigger.Cond != nil {
			mark(r.Trigger.Cond)
		}
		allium.WalkStmts(r.Body, func(s allium.Stmt) bool {
			switch s := s.(type) {
			case *allium.Requires:
				mark(s.Cond)
			case *allium.If:
				for _, br := range s.Branches {
					mark(br.Cond)
				}
			}
			return true
		})
	}
	inspectRules(rules, inlineConds)
	out, other := map[string]bool{}, map[string]bool{}
	inspectRules(rules, func(x allium.Expr) bool {
		if m, ok := x.(*allium.Member); ok && configRef(m) {
			if truth[m] {
				out[m.Name] = true
			} else {
				other[m.Name] = true
			}
		}
		return true
	})
	for n := range other {
		delete(out, n)
	}
	return out
}

// configRef reports config.<name>.
func configRef(m *allium.Member) bool {
	id, ok := m.X.(*allium.Ident)
	return ok && id.Name == "config"
}

// refsOutsideRules reports config.<name> read by an entity's derived
// value, where the rules' conditions say nothing of its type.
func refsOutsideRules(m *allium.Module, name string) bool {
	found := false
	for _, e := range m.Entities {
		for _, mem := range e.Members {
			if d, ok := mem.(*allium.Derived); ok {
				allium.Inspect(d.Value, func(x allium.Expr) bool {
					if mm, ok := x.(*allium.Member); ok && configRef(mm) && mm.Name == name {
						found = true
					}
					return !found
				})
			}
		}
	}
	return found
}
