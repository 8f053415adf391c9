package distill

import (
	"github.com/distill/distill/internal/allium"
)

// settleDisjunctions simplifies a rule's `requires: a or b` against the
// rule's other requires: when another states b, the disjunction holds
// whenever the rule applies and goes; when another states not b, only a
// is left of it. A handler checks `if not can_send_mail() and token is
// None: refuse` before it splits on the token: the path with the token
// requires nothing of the mail, the path without it requires the mail.
// Requires are conjoined, so either rewrite states the same rule.
func settleDisjunctions(body []allium.Stmt) []allium.Stmt {
	// Lets of one lookup under two names (warehouse's LoginForm finds
	// User{username} as userid and again as user): a condition on either
	// is keyed by the lookup, so `not exists userid or g` settles
	// against `exists user`.
	lookups := map[string]allium.Expr{}
	for _, s := range body {
		if l, ok := s.(*allium.Let); ok {
			if j, isJoin := l.Value.(*allium.Join); isJoin {
				lookups[l.Name] = j
			}
		}
	}
	exprKey := func(e allium.Expr) string {
		if len(lookups) == 0 {
			return exprKey(e)
		}
		// Rewrite works in place: key a copy, read back from its text.
		c, err := allium.ParseExpr(allium.ExprString(e))
		if err != nil {
			return exprKey(e)
		}
		return exprKey(allium.Rewrite(c, func(x allium.Expr) (allium.Expr, bool) {
			if id, ok := x.(*allium.Ident); ok && lookups[id.Name] != nil {
				return lookups[id.Name], true
			}
			return x, false
		}))
	}
	stated := map[string]int{}
	for _, s := range body {
		if req, ok := s.(*allium.Requires); ok {
			stated[exprKey(req.Cond)]++
		}
	}
	var out []allium.Stmt
	for _, s := range body {
		req, ok := s.(*allium.Requires)
		if !ok {
			out = append(out, s)
			continue
		}
		terms := withoutZeroMinimum(orTerms(req.Cond))
		parts := distinctTerms(terms)
		if len(parts) == 1 {
			out = append(out, &allium.Requires{Meta: req.Meta, Cond: parts[0]})
			continue
		}
		if len(parts) < 2 {
			out = append(out, s)
			continue
		}
		var kept []allium.Expr
		implied := false
		for _, d := range parts {
			switch {
			case stated[exprKey(d)] > 0:
				implied = true
			case stated[exprKey(negate(d))] > 0:
				// this alternative cannot hold on the rule's path
			default:
				kept = append(kept, d)
			}
		}
		switch {
		case implied:
			continue
		case len(kept) == 0 || len(kept) == len(terms):
			out = append(out, s)
		default:
			out = append(out, &allium.Requires{Meta: req.Meta, Cond: joinTerms(allium.OpOr, kept)})
		}
	}
	return out
}

// distinctTerms drops the alternatives stated again (a or a is a):
// bulletproof-nodejs's SignIn, an inlined helper whose if-branch returns
// and whose else throws (services/auth.ts:86-100), comes out as its check
// or itself.
func distinctTerms(parts []allium.Expr) []allium.Expr {
	seen := map[string]bool{}
	var out []allium.Expr
	for _, d := range parts {
		if k := exprKey(d); !seen[k] {
			seen[k] = true
			out = append(out, d)
		}
	}
	return out
}

// orTerms flattens a or b or c into its alternatives.
func orTerms(e allium.Expr) []allium.Expr { return opTerms(e, allium.OpOr) }

// andTerms flattens a and b and c into its conjuncts.
func andTerms(e allium.Expr) []allium.Expr { return opTerms(e, allium.OpAnd) }

// joinTerms is the terms joined by op, left to right (the inverse of
// opTerms); nil when there are none.
func joinTerms(op string, terms []allium.Expr) allium.Expr {
	if len(terms) == 0 {
		return nil
	}
	c := terms[0]
	for _, t := range terms[1:] {
		c = &allium.Binary{Op: op, X: c, Y: t}
	}
	return c
}

func opTerms(e allium.Expr, op string) []allium.Expr {
	if b, ok := e.(*allium.Binary); ok && b.Op == op {
		return append(opTerms(b.X, op), opTerms(b.Y, op)...)
	}
	return []allium.Expr{e}
}

// withoutZeroMinimum drops the alternative `m = 0` beside `length(x) >=
// m`: a length is never negative, so a minimum of 0 is met by any length
// and the test of it says nothing more (`if min_length and len(p) <
// min_length: refuse` requires length(p) >= min_length).
func withoutZeroMinimum(parts []allium.Expr) []allium.Expr {
	var out []allium.Expr
	for i, d := range parts {
		eq, ok := d.(*allium.Binary)
		if ok && eq.Op == allium.OpEq && isZero(eq.Y) && atLeastLength(parts, i, eq.X) {
			continue
		}
		out = append(out, d)
	}
	return out
}

// atLeastLength reports an alternative other than parts[skip] that is
// length(...) >= m.
func atLeastLength(parts []allium.Expr, skip int, m allium.Expr) bool {
	for j, d := range parts {
		ge, ok := d.(*allium.Binary)
		if j == skip || !ok || ge.Op != allium.OpGe {
			continue
		}
		if c, isCall := ge.X.(*allium.Call); isCall && calls(c, "length") && exprKey(ge.Y) == exprKey(m) {
			return true
		}
	}
	return false
}

// dropStatedConjuncts leaves out of a rule's `requires: a and b` the
// conjunct another requires of the rule states already: requires are
// conjoined, so a stated twice says nothing more. healthchecks' check_token
// tests `user is not None and user.is_active` (hc/accounts/views.py:270)
// after the backend it calls has required the user to exist
// (backends.py:35): the rule requires token.user.is_active, not `exists
// token.user` a second time. A presence and its null test are one
// statement (x != null is exists x). A clause all of whose conjuncts are
// stated elsewhere goes; of a clause stated twice whole, the first stays.
func dropStatedConjuncts(body []allium.Stmt) []allium.Stmt {
	// stated counts each requires' conjuncts by the clause that states it
	// alone, so that a clause is never settled against itself.
	stated := map[string]int{}
	for _, s := range body {
		if req, ok := s.(*allium.Requires); ok && len(andTerms(req.Cond)) == 1 {
			stated[presenceKey(req.Cond)]++
		}
	}
	seenWhole := map[string]bool{}
	var out []allium.Stmt
	for _, s := range body {
		req, ok := s.(*allium.Requires)
		if !ok {
			out = append(out, s)
			continue
		}
		terms := andTerms(req.Cond)
		if len(terms) == 1 {
			k := presenceKey(req.Cond)
			if seenWhole[k] {
				continue
			}
			seenWhole[k] = true
			out = append(out, s)
			continue
		}
		var kept []allium.Expr
		for _, t := range terms {
			if stated[presenceKey(t)] == 0 {
				kept = append(kept, t)
			}
		}
		switch {
		case len(kept) == len(terms):
			out = append(out, s)
		case len(kept) == 0:
			// every conjunct is a clause of its own already
		default:
			out = append(out, &allium.Requires{Meta: req.Meta, Cond: joinTerms(allium.OpAnd, kept)})
		}
	}
	return out
}

// presenceKey is exprKey with a null test written as the presence it
// states: x != null is exists x, x = null is not exists x.
func presenceKey(e allium.Expr) string {
	if b, ok := e.(*allium.Binary); ok {
		if lit, isLit := b.Y.(*allium.Lit); isLit && lit.Kind == allium.LitNull {
			switch b.Op {
			case allium.OpNe:
				return exprKey(&allium.Unary{Op: allium.OpExists, X: b.X})
			case allium.OpEq:
				return exprKey(&allium.Unary{Op: allium.OpNot, X: &allium.Unary{Op: allium.OpExists, X: b.X}})
			}
		}
	}
	return exprKey(e)
}
