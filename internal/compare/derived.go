package compare

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/summary"
)

// expandDerived returns a copy of the clause s in which each read of a
// derived value (token.is_valid) is the expression that derives it
// (token.expires_at > now), so that a variant testing the value and one
// testing what it is derived from match: flask-base's requires:
// token.is_valid is fastify-f's requires: token.expires_at > now. Only the
// keys clauses are matched on use it; the clauses themselves, the shared
// spec and the report keep what each variant wrote. s itself when derived
// is empty.
func expandDerived(s allium.Stmt, derived map[string]derivation) allium.Stmt {
	if len(derived) == 0 {
		return s
	}
	expand := func(e allium.Expr) allium.Expr {
		return allium.Rewrite(e, func(x allium.Expr) (allium.Expr, bool) {
			mem, ok := x.(*allium.Member)
			if !ok {
				return nil, false
			}
			d, ok := derived[mem.Name]
			if !ok || isConfigRef(mem.X) {
				return nil, false
			}
			return onReceiver(d.value, d.fields, mem.X), true
		})
	}
	cp := deepCopy(s)
	allium.WalkStmts([]allium.Stmt{cp}, func(st allium.Stmt) bool {
		allium.SetStmtExprs(st, expand)
		return true
	})
	return cp
}

type derivation struct {
	value  allium.Expr
	fields map[string]bool // the entity's fields the value reads
}

// uniformDerived maps each derived name that every entity deriving it
// derives alike, from its own fields, now and config only, to that
// derivation. The entity a read's receiver has is not always known (a
// trigger's parameter has no type), so a name is left out when entities
// derive it differently or any entity has a member of that name that is
// not derived (a field user beside a derived user elsewhere).
func uniformDerived(m *allium.Module) map[string]derivation {
	out := map[string]derivation{}
	mixed := map[string]bool{}
	for _, e := range m.Entities {
		for _, mem := range e.Members {
			if name, kind := memberKey(mem); kind != summary.KindDerived && name != "" {
				mixed[name] = true
			}
		}
	}
	for _, e := range m.Entities {
		fields := map[string]bool{}
		for _, mem := range e.Members {
			if f, ok := mem.(*allium.Field); ok {
				fields[f.Name] = true
			}
		}
		for _, mem := range e.Members {
			d, ok := mem.(*allium.Derived)
			if !ok || len(d.Params) > 0 || d.Value == nil || mixed[d.Name] {
				continue
			}
			if !readsOnly(d.Value, fields) {
				mixed[d.Name] = true
				continue
			}
			if prev, seen := out[d.Name]; seen && exprKey(prev.value) != exprKey(d.Value) {
				mixed[d.Name] = true
				continue
			}
			out[d.Name] = derivation{value: d.Value, fields: fields}
		}
	}
	for name := range mixed {
		delete(out, name)
	}
	return out
}

// readsOnly reports an expression whose bare names are all fields, now
// or config.
func readsOnly(e allium.Expr, fields map[string]bool) bool {
	ok := true
	allium.Inspect(e, func(x allium.Expr) bool {
		if id, isIdent := x.(*allium.Ident); isIdent && !fields[id.Name] && id.Name != "now" && id.Name != "config" {
			ok = false
		}
		if _, isLambda := x.(*allium.Lambda); isLambda {
			ok = false // its parameters are names of its own
		}
		return ok
	})
	return ok
}

// onReceiver is a copy of value with each of the entity's fields it reads
// read on recv instead (expires_at > now on token: token.expires_at > now).
func onReceiver(value allium.Expr, fields map[string]bool, recv allium.Expr) allium.Expr {
	return allium.Rewrite(deepCopy(value), func(x allium.Expr) (allium.Expr, bool) {
		if id, ok := x.(*allium.Ident); ok && fields[id.Name] {
			return &allium.Member{X: deepCopy(recv), Name: id.Name}, true
		}
		return nil, false
	})
}

// isConfigRef reports the config receiver (config.x is no entity's).
func isConfigRef(e allium.Expr) bool {
	id, ok := e.(*allium.Ident)
	return ok && id.Name == "config"
}
