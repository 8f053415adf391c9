package distill

import "github.com/distill/distill/internal/allium"

// A condition the walk read partly as a value the rule itself settled
// (a field it set a line before, user.profile.email_verified = true, read
// back by `and not user.profile.email_verified`) carries a boolean
// literal: `a and false`, `b or true`. Printed as it is, the clause says
// nothing a reader can use (`requires: x != enforced or true or y`) and an
// outcome under `if x and false:` never happens. foldConstConds settles
// the literals: a requires that always holds goes, a branch that never
// runs goes, a branch that always runs stands in for the if, and what is
// left of each condition is written without the literal.
func foldConstConds(body []allium.Stmt) []allium.Stmt {
	var out []allium.Stmt
	for _, s := range body {
		switch x := s.(type) {
		case *allium.Requires:
			c := foldBool(x.Cond)
			if t, ok := boolLit(c); ok && t {
				continue // always holds
			}
			if c != x.Cond {
				r := *x
				r.Cond = c
				s = &r
			}
			out = append(out, s)
		case *allium.Ensures:
			e := *x
			e.Body = foldConstConds(x.Body)
			if len(e.Body) == 0 {
				continue
			}
			out = append(out, &e)
		case *allium.For:
			f := *x
			f.Body = foldConstConds(x.Body)
			if len(f.Body) == 0 {
				continue
			}
			out = append(out, &f)
		case *allium.If:
			out = append(out, foldIf(x)...)
		default:
			out = append(out, s)
		}
	}
	return out
}

// foldIf settles an if's literal conditions: the statements that stand
// for it (none when no branch can run).
func foldIf(x *allium.If) []allium.Stmt {
	var branches []allium.IfBranch
	for _, br := range x.Branches {
		c := foldBool(br.Cond)
		if t, ok := boolLit(c); ok {
			if !t {
				continue // never runs
			}
			// Always runs: it is the else of what came before, or the
			// whole statement.
			body := foldConstConds(br.Body)
			if len(branches) == 0 {
				return body
			}
			return rebuiltIf(x, branches, body)
		}
		branches = append(branches, allium.IfBranch{Cond: c, Body: foldConstConds(br.Body)})
	}
	var elseBody []allium.Stmt
	if x.Else != nil {
		elseBody = foldConstConds(x.Else)
	}
	if len(branches) == 0 {
		return elseBody
	}
	return rebuiltIf(x, branches, elseBody)
}

// rebuiltIf is x with the branches and else given, or none when no
// branch has a statement left and there is no else.
func rebuiltIf(x *allium.If, branches []allium.IfBranch, elseBody []allium.Stmt) []allium.Stmt {
	empty := len(elseBody) == 0
	for _, br := range branches {
		empty = empty && len(br.Body) == 0
	}
	if empty {
		return nil
	}
	c := *x
	c.Branches = branches
	c.Else = nil
	if len(elseBody) > 0 {
		c.Else = elseBody
	}
	return []allium.Stmt{&c}
}

// foldBool settles the boolean literals of a condition: not true is
// false, a and false is false, a and true is a, a or true is true, a or
// false is a. An expression without a literal comes back unchanged (the
// same value).
func foldBool(e allium.Expr) allium.Expr {
	switch x := e.(type) {
	case *allium.Unary:
		if x.Op != allium.OpNot {
			return e
		}
		inner := foldBool(x.X)
		if t, ok := boolLit(inner); ok {
			return boolExpr(!t)
		}
		if inner == x.X {
			return e
		}
		c := *x
		c.X = inner
		return &c
	case *allium.Binary:
		if x.Op != allium.OpAnd && x.Op != allium.OpOr {
			return e
		}
		l, r := foldBool(x.X), foldBool(x.Y)
		absorbing := x.Op == allium.OpOr // or true is true; and false is false
		for _, side := range []allium.Expr{l, r} {
			if t, ok := boolLit(side); ok && t == absorbing {
				return boolExpr(absorbing)
			}
		}
		if _, ok := boolLit(l); ok {
			return r // the neutral literal: true and r, false or r
		}
		if _, ok := boolLit(r); ok {
			return l
		}
		if l == x.X && r == x.Y {
			return e
		}
		c := *x
		c.X, c.Y = l, r
		return &c
	}
	return e
}

func boolExpr(t bool) allium.Expr {
	text := "false"
	if t {
		text = "true"
	}
	return &allium.Lit{Kind: allium.LitBool, Text: text}
}
