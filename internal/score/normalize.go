package score

import (
	"sort"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/compare"
)

// normalize returns a copy of m whose rules are in the normal form the
// package documentation describes: lets inlined, a parameter read only
// through one field read as that field (carriers.go), trigger parameters
// in name order, one requires per conjunct, one ensures per outcome, and
// expressions written one way where the language allows several; and
// external entities declared as entities. Apart from that only rules are
// rewritten: they are the only place clause text is compared.
//
// A derived value the other spec does not declare (others: the member
// names of its entities) is written out where a rule reads it
// (derived.go); one both declare is the same name on both sides, and
// their definitions meet as members of the aligned entities.
func normalize(m *allium.Module, others, otherParams map[string]bool) *allium.Module {
	c := compare.CloneModule(m)
	refs := entityRefs(c)
	// Whether a type's lifecycle is governed elsewhere is a judgement the
	// code rarely shows; external or not, it is the same entity.
	for _, e := range c.Externals {
		e.External = false
	}
	c.Entities = append(c.Externals, c.Entities...)
	c.Externals = nil
	defs := derivedDefs(c)
	for name := range defs {
		if others[name] {
			delete(defs, name)
		}
	}
	for _, r := range c.Rules {
		r.Body = inlineLets(r.Body, nil)
		carrierParams(r, refs, otherParams)
		secretRows(r, otherParams)
		idRows(r, otherParams)
		if t := r.Trigger; t != nil && t.Kind == allium.TriggerExternal {
			// Compare renames trigger parameters by position; in name
			// order, two triggers with the same parameters meet whatever
			// order each wrote them in.
			sort.SliceStable(t.Params, func(i, j int) bool { return t.Params[i].Name < t.Params[j].Name })
		}
		allium.WalkStmts(r.Body, func(s allium.Stmt) bool {
			allium.SetStmtExprs(s, func(e allium.Expr) allium.Expr {
				return randomValueCalls(anyAsFilteredCount(expandDerived(e, defs, 0)))
			})
			return true
		})
		r.Body = normStmts(r.Body)
	}
	return c
}

// inlineLets replaces every use of a let's name by (a copy of) its value
// and drops the let: `let user = User{email}  requires: exists user` reads
// `requires: exists User{email}` whatever the binding is called, and a spec
// that wrote the lookup in the clause reads the same. A for variable or a
// lambda parameter hides a let of the same name.
func inlineLets(list []allium.Stmt, env map[string]allium.Expr) []allium.Stmt {
	return inlineIn(list, env, false)
}

// inlineIn does inlineLets' work; inEnsures says the list is (inside) an
// ensures block, where `let user = User.created(...)` is an outcome: it
// stays as the creation, and its name, which stands for the new entity,
// reads new_user wherever it is used (flag_branches.go).
func inlineIn(list []allium.Stmt, env map[string]allium.Expr, inEnsures bool) []allium.Stmt {
	var out []allium.Stmt
	for _, s := range list {
		switch x := s.(type) {
		case *allium.Let:
			v := substExpr(x.Value, env)
			if inEnsures && allium.IsCreation(v) {
				env = with(env, x.Name, &allium.Ident{Name: createdName(v.(*allium.Call))})
				out = append(out, &allium.ExprStmt{Meta: x.Meta, X: v})
				continue
			}
			env = with(env, x.Name, v)
			continue
		case *allium.Requires:
			x.Cond = substExpr(x.Cond, env)
		case *allium.Ensures:
			x.Body = inlineIn(x.Body, env, true)
		case *allium.For:
			x.Coll = substExpr(x.Coll, env)
			x.Body = inlineIn(x.Body, with(env, x.Var, nil), inEnsures)
		case *allium.If:
			for i := range x.Branches {
				x.Branches[i].Cond = substExpr(x.Branches[i].Cond, env)
				x.Branches[i].Body = inlineIn(x.Branches[i].Body, env, inEnsures)
			}
			x.Else = inlineIn(x.Else, env, inEnsures)
		case *allium.Assign:
			x.Target, x.Value = substExpr(x.Target, env), substExpr(x.Value, env)
		case *allium.ExprStmt:
			x.X = substExpr(x.X, env)
		}
		out = append(out, s)
	}
	return out
}

// with returns env extended by name; a nil value hides an outer binding.
// The caller's map is left as it was, so a scope's bindings end with it.
func with(env map[string]allium.Expr, name string, v allium.Expr) map[string]allium.Expr {
	out := make(map[string]allium.Expr, len(env)+1)
	for k, e := range env {
		out[k] = e
	}
	out[name] = v
	return out
}

// substExpr replaces identifiers bound in env by copies of their values (a
// copy each time: later rewriting works in place). A join field written in
// shorthand (User{email}) names the variable too.
func substExpr(e allium.Expr, env map[string]allium.Expr) allium.Expr {
	if len(env) == 0 {
		return e
	}
	switch x := e.(type) {
	case *allium.Ident:
		if v := env[x.Name]; v != nil {
			return cloneExpr(v)
		}
	case *allium.Member:
		x.X = substExpr(x.X, env)
	case *allium.Call:
		x.Fun = substExpr(x.Fun, env)
		for i := range x.Args {
			x.Args[i].Value = substExpr(x.Args[i].Value, env)
		}
	case *allium.Lambda:
		x.Body = substExpr(x.Body, with(env, x.Param, nil))
	case *allium.Join:
		for i := range x.Fields {
			f := &x.Fields[i]
			if f.Value == nil {
				if v := env[f.Name]; v != nil {
					f.Value = cloneExpr(v)
				}
				continue
			}
			f.Value = substExpr(f.Value, env)
		}
	case *allium.Binary:
		x.X, x.Y = substExpr(x.X, env), substExpr(x.Y, env)
	case *allium.Unary:
		x.X = substExpr(x.X, env)
	case *allium.Where:
		x.X, x.Cond = substExpr(x.X, env), substExpr(x.Cond, env)
	case *allium.SetLit:
		for i := range x.Elems {
			x.Elems[i] = substExpr(x.Elems[i], env)
		}
	case *allium.ListLit:
		for i := range x.Elems {
			x.Elems[i] = substExpr(x.Elems[i], env)
		}
	case *allium.ObjectLit:
		for i := range x.Fields {
			x.Fields[i].Value = substExpr(x.Fields[i].Value, env)
		}
	case *allium.IfExpr:
		for i := range x.Branches {
			x.Branches[i].Cond = substExpr(x.Branches[i].Cond, env)
			x.Branches[i].Then = substExpr(x.Branches[i].Then, env)
		}
		x.Else = substExpr(x.Else, env)
	}
	return e
}

// cloneExpr copies an expression through compare's deep copy, which works
// on modules: the expression rides in a throwaway one.
func cloneExpr(e allium.Expr) allium.Expr {
	m := compare.CloneModule(&allium.Module{Rules: []*allium.Rule{{Body: []allium.Stmt{&allium.ExprStmt{X: e}}}}})
	return m.Rules[0].Body[0].(*allium.ExprStmt).X
}

// normStmts puts a rule body (lets already inlined) in the normal form:
// comments dropped, one requires per conjunct, one ensures per statement,
// expressions normalised.
func normStmts(list []allium.Stmt) []allium.Stmt {
	var out []allium.Stmt
	for _, s := range list {
		// Comments explain; they state nothing. Compare prints them with
		// the clause, so they go before it does.
		meta := s.Info()
		meta.Doc, meta.Comment = nil, ""
		switch x := s.(type) {
		case *allium.Requires:
			// requires: a and b states two preconditions; a spec that
			// writes them as two clauses says the same.
			for _, c := range preconditions(x.Cond) {
				out = append(out, &allium.Requires{Meta: x.Meta, Cond: c})
			}
			continue
		case *allium.Ensures:
			x.Body = normStmts(x.Body)
			if len(x.Body) > 1 {
				for _, st := range x.Body {
					out = append(out, &allium.Ensures{Meta: x.Meta, Body: []allium.Stmt{st}})
				}
				continue
			}
		case *allium.For:
			x.Coll = normExpr(x.Coll)
			x.Body = normStmts(x.Body)
		case *allium.If:
			for i := range x.Branches {
				x.Branches[i].Cond = normExpr(x.Branches[i].Cond)
				x.Branches[i].Body = normStmts(x.Branches[i].Body)
			}
			x.Else = normStmts(x.Else)
			if hoisted, ok := hoistFlagCreation(x); ok {
				out = append(out, normStmts(hoisted)...)
				continue
			}
		case *allium.Assign:
			x.Target = normExpr(x.Target)
			x.Value = normExpr(x.Value)
		case *allium.ExprStmt:
			x.X = normExpr(x.X)
		}
		out = append(out, s)
	}
	return out
}

// normExpr is compare's normal form of an expression, so that score and
// compare read a clause the same way.
func normExpr(e allium.Expr) allium.Expr { return compare.NormalForm(e) }

func conjuncts(e allium.Expr) []allium.Expr { return compare.Conjuncts(e) }

// preconditions are the conjuncts of a requires' condition, with each
// negated disjunction read as the conjunction it is (not (a or b) is not a
// and not b): `requires: not (not config.x or user.activated)` states the
// two preconditions `config.x` and `not user.activated`.
func preconditions(cond allium.Expr) []allium.Expr {
	var out []allium.Expr
	for _, c := range conjuncts(normExpr(cond)) {
		if u, ok := c.(*allium.Unary); ok && u.Op == allium.OpNot {
			if or, ok := u.X.(*allium.Binary); ok && or.Op == allium.OpOr {
				for _, d := range compare.Disjuncts(or) {
					out = append(out, preconditions(&allium.Unary{ExprPos: u.ExprPos, Op: allium.OpNot, X: d})...)
				}
				continue
			}
		}
		out = append(out, c)
	}
	return out
}

// randomValueCalls writes every call of a fresh random value, given no
// arguments, as random_key(): random_token(), random_nonce() and
// random_key() name the same unspecified draw (kutt's expected apikey =
// random_token() for nanoid(40), fastify-f's nonce = random_nonce() for
// cryptoRandomString(...), distill's random_key()). random_chars(n), n
// random characters (umami's expected username = random_chars(32) for
// getRandomChars(32)), is such a draw too, its length a detail distill
// does not state.
func randomValueCalls(e allium.Expr) allium.Expr {
	return allium.Rewrite(e, func(x allium.Expr) (allium.Expr, bool) {
		c, ok := x.(*allium.Call)
		if !ok {
			return nil, false
		}
		if id, ok := c.Fun.(*allium.Ident); ok && id.Name == "random_chars" && len(c.Args) == 1 {
			return &allium.Call{Fun: &allium.Ident{Name: "random_key"}}, true
		}
		if len(c.Args) > 0 {
			return nil, false
		}
		if id, ok := c.Fun.(*allium.Ident); ok && (id.Name == "random_token" || id.Name == "random_nonce") {
			return &allium.Call{Fun: &allium.Ident{Name: "random_key"}}, true
		}
		return nil, false
	})
}
