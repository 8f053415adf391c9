package distill

import "github.com/distill/distill/internal/allium"

// writesOnActingUser states the writes a rule makes on a row's user as
// writes on the signed-in user when a precondition makes the two the same
// (`requires: record.user = session.user`): polar's verify reloads the
// user through the record after checking it is the caller's, and the spec
// says whose address changes (`session.user.email = record.email`), not
// through which path the code reached the row. Only assignment targets
// are rewritten; values keep their path.
func (rc *ruleCtx) writesOnActingUser(body, ensures []allium.Stmt) {
	if rc.userVal == nil || rc.userVal.expr == nil {
		return
	}
	user := rc.userVal.expr
	userKey := exprKey(user)
	aliases := map[string]bool{}
	for _, s := range body {
		req, ok := s.(*allium.Requires)
		if !ok {
			continue
		}
		eq, ok := req.Cond.(*allium.Binary)
		if !ok || eq.Op != allium.OpEq {
			continue
		}
		for _, pair := range [][2]allium.Expr{{eq.X, eq.Y}, {eq.Y, eq.X}} {
			if _, nav := pair[0].(*allium.Member); nav && exprKey(pair[1]) == userKey {
				aliases[exprKey(pair[0])] = true
			}
		}
	}
	if len(aliases) == 0 {
		return
	}
	var rewrite func(stmts []allium.Stmt)
	rewrite = func(stmts []allium.Stmt) {
		for _, s := range stmts {
			switch x := s.(type) {
			case *allium.Assign:
				if m, ok := x.Target.(*allium.Member); ok && aliases[exprKey(m.X)] {
					x.Target = &allium.Member{ExprPos: m.ExprPos, X: copyPath(user), Name: m.Name, Optional: m.Optional}
				}
			case *allium.If:
				for i := range x.Branches {
					rewrite(x.Branches[i].Body)
				}
				rewrite(x.Else)
			}
		}
	}
	rewrite(ensures)
}

// copyPath copies a navigation path (session.user) so that rewriting one
// statement's copy leaves the others alone; other expressions are shared.
func copyPath(e allium.Expr) allium.Expr {
	switch x := e.(type) {
	case *allium.Member:
		return &allium.Member{ExprPos: x.ExprPos, X: copyPath(x.X), Name: x.Name, Optional: x.Optional}
	case *allium.Ident:
		c := *x
		return &c
	}
	return e
}
