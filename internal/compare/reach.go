package compare

import (
	"sort"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/summary"
)

// maxReachForms bounds the paths one target is read as (reachForms): the
// closure of a rule's equalities grows with them, and a handful is all a
// real rule states.
const maxReachForms = 32

// reachForms lists the ways a rule reaches the row an expression names, by
// normal form: the expression with the lets it starts from read through
// (user where let user = token.user is token.user), and every path a
// requires of the rule equates with it or with a prefix of it. polar's
// email change requires token.user = session.user and sets
// session.user.email, which is token.user.email; flask-base's requires
// token.user = user of its trigger's user. Each form is the expression
// that stands for it.
func reachForms(rule *allium.Rule, e allium.Expr) map[string]allium.Expr {
	expand := func(x allium.Expr) allium.Expr { return throughLets(rule, x) }
	type eq struct {
		a, b allium.Expr
		ka   string
		kb   string
	}
	var eqs []eq
	for _, st := range rule.Body {
		r, ok := st.(*allium.Requires)
		if !ok {
			continue
		}
		for _, c := range conjuncts(r.Cond) {
			b, ok := c.(*allium.Binary)
			if !ok || b.Op != allium.OpEq || !isPath(b.X) || !isPath(b.Y) {
				continue
			}
			x, y := expand(b.X), expand(b.Y)
			eqs = append(eqs, eq{x, y, exprKey(x), exprKey(y)})
		}
	}
	start := expand(e)
	out := map[string]allium.Expr{exprKey(start): start}
	queue := []allium.Expr{start}
	for len(queue) > 0 && len(out) < maxReachForms {
		x := queue[0]
		queue = queue[1:]
		for _, q := range eqs {
			for _, side := range [2][2]allium.Expr{{q.a, q.b}, {q.b, q.a}} {
				if y := replacePrefix(x, side[0], side[1]); y != nil {
					if k := exprKey(y); out[k] == nil && len(out) < maxReachForms {
						out[k] = y
						queue = append(queue, y)
					}
				}
			}
		}
	}
	return out
}

// throughLets reads a path through the rule-level lets it starts from:
// user.email, where let user = token.user, is token.user.email.
func throughLets(rule *allium.Rule, e allium.Expr) allium.Expr {
	lets := map[string]allium.Expr{}
	for _, st := range rule.Body {
		if l, ok := st.(*allium.Let); ok {
			if _, seen := lets[l.Name]; !seen {
				lets[l.Name] = l.Value
			}
		}
	}
	x := deepCopy(e)
	// A let read through a let: bounded, as lets may name one another.
	for range 4 {
		v, ok := lets[allium.RootIdent(x)]
		if !ok || !isPath(x) {
			break
		}
		x = substRoot(x, deepCopy(v))
	}
	return x
}

// isPath reports whether e names a row by navigation: a name, a lookup
// (User{email}) or a field of one (token.user).
func isPath(e allium.Expr) bool {
	switch x := e.(type) {
	case *allium.Ident:
		return true
	case *allium.Join:
		return true
	case *allium.Member:
		return isPath(x.X)
	}
	return false
}

// replacePrefix returns x with the prefix from replaced by to (a.user.email
// with a.user = b gives b.email), or nil when from does not begin x.
func replacePrefix(x, from, to allium.Expr) allium.Expr {
	if exprKey(x) == exprKey(from) {
		return deepCopy(to)
	}
	m, ok := x.(*allium.Member)
	if !ok {
		return nil
	}
	inner := replacePrefix(m.X, from, to)
	if inner == nil {
		return nil
	}
	return &allium.Member{X: inner, Name: m.Name}
}

// presenceGuarded returns the assignment of `if exists P: T = V` (P != null
// alike; one branch, no else, one statement) and the field P reads, so
// django-healthchecks' `if token.new_email != null: token.user.email =
// token.new_email` is read with the field it tests.
func presenceGuarded(st allium.Stmt) (*allium.Assign, string) {
	x, ok := st.(*allium.If)
	if !ok || len(x.Branches) != 1 || x.Else != nil || len(x.Branches[0].Body) != 1 {
		return nil, ""
	}
	a, ok := x.Branches[0].Body[0].(*allium.Assign)
	if !ok {
		return nil, ""
	}
	u, ok := normExpr(deepCopy(x.Branches[0].Cond)).(*allium.Unary)
	if !ok || u.Op != allium.OpExists {
		return nil, ""
	}
	m, ok := u.X.(*allium.Member)
	if !ok || !isPath(m) {
		return nil, ""
	}
	return a, m.Name
}

// requiredField reports whether the shared spec declares a field of that
// name, and every such field it declares is required (not T?): a test of
// its presence holds of every row the shared spec speaks of.
func (c *comparison) requiredField(name string) bool {
	found := false
	for _, g := range c.entities {
		if !g.shared {
			continue
		}
		for _, ch := range g.children {
			if !ch.shared || ch.kind != summary.KindField || ch.name != name {
				continue
			}
			f, ok := c.sharedField(ch).(*allium.Field)
			if !ok || f.Type == nil || f.Type.Optional {
				return false
			}
			found = true
		}
	}
	return found
}

// sharedAssign returns the assignment an ensures unit's clause makes: its
// sole outcome when that is one, or the one under a test that the value
// it reads is present when the shared spec declares that field required
// (the test then holds wherever the shared spec applies, and the variants
// that assign outright say the same); wrapped says which.
func (c *comparison) sharedAssign(u *unit) (a *allium.Assign, wrapped bool) {
	st := soleOutcome(u)
	if a, ok := st.(*allium.Assign); ok {
		return a, false
	}
	if a, field := presenceGuarded(st); a != nil && c.requiredField(field) {
		return a, true
	}
	return nil, false
}

// bestReach picks, among the ways the members reach the row they set a
// field of, the one most members reach it by (lets read through and each
// rule's equalities applied), ties to the one the representative writes,
// then to the first in normal form. It returns the form's expression and
// how many members reach the row so.
func bestReach(forms []map[string]allium.Expr, repForm string) (allium.Expr, string, int) {
	count := map[string]int{}
	expr := map[string]allium.Expr{}
	for _, fs := range forms {
		for k, e := range fs {
			count[k]++
			expr[k] = e
		}
	}
	keys := make([]string, 0, len(count))
	for k := range count {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	best := ""
	for _, k := range keys {
		switch {
		case best == "" || count[k] > count[best]:
			best = k
		case count[k] == count[best] && k == repForm:
			best = k
		}
	}
	if best == "" {
		return nil, "", 0
	}
	return expr[best], best, count[best]
}

// readsBound reports whether every name e reads (lookup shorthand
// included: User{email} reads email) is one of names; type names are
// always bound.
func readsBound(e allium.Expr, names map[string]bool) bool {
	ok := true
	allium.Inspect(e, func(x allium.Expr) bool {
		switch y := x.(type) {
		case *allium.Ident:
			if !startsUpper(y.Name) && !names[y.Name] {
				ok = false
			}
		case *allium.Join:
			for _, f := range y.Fields {
				if f.Value == nil && !names[f.Name] {
					ok = false
				}
			}
		}
		return ok
	})
	return ok
}
