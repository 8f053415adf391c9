package distill

import (
	"maps"
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
)

// Bound names that follow the requires. A number in a comparison is named
// min_ or max_ where the comparison is read (policyName), on the
// assumption that the comparison is the failing test (`if len(pw) < 8:
// abort(400)`: below the minimum fails). A comparison computed as a flag
// the handler tests later is the passing test instead (CTFd's register,
// CTFd/auth.py:316-317, 359: `valid_affiliation = len(affiliation) < 128`,
// then `if valid_affiliation is False: errors.append(...)`), and the
// bound it names is the other end: the rule requires
// length(affiliation) < config.min_affiliation_length, a minimum the
// length must stay under. Once every rule is built, a parameter named for
// one end that every requires reading it bounds from the other is renamed
// for that end. One read anywhere else (an ensures, a let, a derived
// value) leaves the name as it is: the direction is then not the
// requires' alone.

// settleBoundNames renames the literal bounds every requires reads as the
// opposite end of the one their name says.
func (b *builder) settleBoundNames() {
	type use struct {
		upper, lower, other int
		nodes               []*allium.Member
	}
	uses := map[string]*use{}
	at := func(name string) *use {
		if uses[name] == nil {
			uses[name] = &use{}
		}
		return uses[name]
	}
	// collect walks e, read with polarity pos (false under a not), from a
	// requires when req is set.
	var collect func(e allium.Expr, pos, req bool)
	collect = func(e allium.Expr, pos, req bool) {
		switch x := e.(type) {
		case nil:
			return
		case *allium.Unary:
			if x.Op == allium.OpNot {
				collect(x.X, !pos, req)
				return
			}
		case *allium.Binary:
			if name, upper, ok := boundSide(x); ok && req {
				u := at(name)
				if upper == pos {
					u.upper++
				} else {
					u.lower++
				}
				collect(x.X, pos, req)
				collect(x.Y, pos, req)
				return
			}
			if x.Op == allium.OpAnd || x.Op == allium.OpOr {
				collect(x.X, pos, req)
				collect(x.Y, pos, req)
				return
			}
		case *allium.Member:
			if id, ok := x.X.(*allium.Ident); ok && id.Name == "config" {
				u := at(x.Name)
				u.nodes = append(u.nodes, x)
				if !req {
					u.other++
				}
				return
			}
		}
		// Any other expression: its config reads count, but no
		// direction of a requires.
		allium.Inspect(e, func(n allium.Expr) bool {
			if n == e {
				return true
			}
			collect(n, pos, false)
			return false
		})
	}
	for _, r := range b.rules {
		if t := r.rule.Trigger; t != nil && t.Cond != nil {
			collect(t.Cond, true, false)
		}
		allium.WalkStmts(r.rule.Body, func(s allium.Stmt) bool {
			if rq, ok := s.(*allium.Requires); ok {
				collect(rq.Cond, true, true)
				return true
			}
			for _, e := range allium.StmtExprs(s) {
				collect(e, true, false)
			}
			return true
		})
	}
	for _, e := range b.entList {
		for _, d := range e.derive {
			collect(d.Value, true, false)
		}
	}
	taken := map[string]bool{}
	for _, ci := range b.configByKey {
		taken[ci.name] = true
	}
	// In key order: two bounds that would take one name rename alike on
	// every run (the first keeps it).
	for _, key := range slices.Sorted(maps.Keys(b.configByKey)) {
		ci := b.configByKey[key]
		if !strings.HasPrefix(key, "literal:") {
			continue
		}
		u := uses[ci.name]
		if u == nil || u.other > 0 || u.upper+u.lower == 0 {
			continue
		}
		var to string
		switch {
		case strings.HasPrefix(ci.name, "min_") && u.lower == 0:
			to = "max_" + strings.TrimPrefix(ci.name, "min_")
		case strings.HasPrefix(ci.name, "max_") && u.upper == 0:
			to = "min_" + strings.TrimPrefix(ci.name, "max_")
		}
		if to == "" || taken[to] {
			continue
		}
		taken[to] = true
		for _, m := range u.nodes {
			m.Name = to
		}
		ci.name = to
	}
}

// boundSide reports a comparison of something with a config parameter
// (length(x) < config.n, config.n >= x): the parameter's name, and
// whether the comparison holds the other side under it (upper) rather
// than over it.
func boundSide(x *allium.Binary) (name string, upper, ok bool) {
	cfg := func(e allium.Expr) string {
		m, isM := e.(*allium.Member)
		if !isM {
			return ""
		}
		if id, isID := m.X.(*allium.Ident); isID && id.Name == "config" {
			return m.Name
		}
		return ""
	}
	var below bool // the left side is below the right
	switch x.Op {
	case allium.OpLt, allium.OpLe:
		below = true
	case allium.OpGt, allium.OpGe:
	default:
		return "", false, false
	}
	if n := cfg(x.Y); n != "" {
		return n, below, true
	}
	if n := cfg(x.X); n != "" {
		return n, !below, true
	}
	return "", false, false
}
