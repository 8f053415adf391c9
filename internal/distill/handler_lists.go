package distill

import "github.com/distill/distill/internal/facts"

// A list of handlers built under conditions and then run one by one
// (flaskbb's post-authentication handlers and registration
// post-processors):
//
//	handlers = [ClearFailedLogins()]
//	if flaskbb_config["ACTIVATE_ACCOUNT"]:
//	    handlers.append(BlockUnactivatedUser())
//	for handler in handlers:
//	    handler.handle_post_auth(user)
//
// runs the loop's body for each handler the list holds, and a handler is
// in it when the condition it was added under held. The reading walks the
// body once per item where the item is added, under that condition:
//
//	for handler in [ClearFailedLogins()]: handler.handle_post_auth(user)
//	if flaskbb_config["ACTIVATE_ACCOUNT"]:
//	    for handler in [BlockUnactivatedUser()]: handler.handle_post_auth(user)
//
// which unrollLiteralLoop walks. That is the same run only when nothing
// happens between building the list and the loop: the statements between
// may only add to the list (under ifs whose conditions do not read it),
// the loop must not jump out, and nothing after it reads the list.

// handlerList reads the list built at list[i] and looped over later as
// above: the statements to walk instead of list[i:end+1], and end.
func handlerList(list []facts.Stmt, i int) ([]facts.Stmt, int, bool) {
	init := &list[i]
	if init.Kind != facts.StmtAssign || len(init.Targets) != 1 || init.Targets[0].Kind != facts.ExprName ||
		init.Value == nil || init.Value.Kind != facts.ExprList || len(init.Value.Args()) > maxUnroll {
		return nil, 0, false
	}
	name := init.Targets[0].Name()
	for j := i + 1; j < len(list); j++ {
		s := &list[j]
		if s.Kind == facts.StmtFor {
			it := s.Iter()
			if it == nil || it.Kind != facts.ExprName || it.Name() != name || len(s.Targets) != 1 ||
				s.Targets[0].Kind != facts.ExprName || len(s.Else()) > 0 || jumps(s.Body) ||
				mentions(s.Body, name) || mentions(list[j+1:], name) || addedItems(list[i+1:j], name) == 0 && len(init.Value.Args()) == 0 {
				return nil, 0, false
			}
			var out []facts.Stmt
			if len(init.Value.Args()) > 0 {
				out = append(out, eachOf(s, init.Value, init.Line()))
			}
			for k := i + 1; k < j; k++ {
				out = append(out, runAdded(&list[k], s, name))
			}
			return out, j, true
		}
		if !onlyAdds(s, name) {
			return nil, 0, false
		}
	}
	return nil, 0, false
}

// appended is the item `name.append(item)` adds, or nil.
func appended(s *facts.Stmt, name string) *facts.Expr {
	if s.Kind != facts.StmtExpr || s.Value == nil || s.Value.Kind != facts.ExprCall || len(s.Value.Args()) != 1 ||
		len(s.Value.Keywords()) > 0 || s.Value.Method() != "append" || s.Value.X.X == nil ||
		s.Value.X.X.Kind != facts.ExprName || s.Value.X.X.Name() != name {
		return nil
	}
	return &s.Value.Args()[0]
}

// onlyAdds reports a statement that only adds to the list: an append, or
// an if whose branches only add and whose condition does not read it.
func onlyAdds(s *facts.Stmt, name string) bool {
	if appended(s, name) != nil {
		return !mentionsExpr(&s.Value.Args()[0], name)
	}
	if s.Kind == facts.StmtPass {
		return true
	}
	if s.Kind != facts.StmtIf || mentionsExpr(s.Cond, name) || len(s.Body) == 0 {
		return false
	}
	for _, b := range [][]facts.Stmt{s.Body, s.Else()} {
		for k := range b {
			if !onlyAdds(&b[k], name) {
				return false
			}
		}
	}
	return true
}

// addedItems counts the appends of stmts, in every branch.
func addedItems(stmts []facts.Stmt, name string) int {
	n := 0
	facts.Walk(stmts, func(s *facts.Stmt) bool {
		if appended(s, name) != nil {
			n++
		}
		return true
	})
	return n
}

// runAdded is s with each append replaced by the loop over its item.
func runAdded(s *facts.Stmt, loop *facts.Stmt, name string) facts.Stmt {
	if s.Kind == facts.StmtPass {
		return *s
	}
	if item := appended(s, name); item != nil {
		return eachOf(loop, facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprList, Args: []facts.Expr{*item}, Line: s.Line()}), s.Line())
	}
	c := *s
	c.Body = nil
	c.SetElse(nil)
	for k := range s.Body {
		c.Body = append(c.Body, runAdded(&s.Body[k], loop, name))
	}
	for k := range s.Else() {
		c.SetElse(append(c.Else(), runAdded(&s.Else()[k], loop, name)))
	}
	return c
}

// eachOf is the loop over items with the body of loop.
func eachOf(loop *facts.Stmt, items *facts.Expr, line int) facts.Stmt {
	f := facts.NewStmt(facts.StmtSpec{Kind: facts.StmtFor, Targets: loop.Targets, Body: loop.Body, Line: line})
	f.SetIter(items)
	return f
}

// jumps reports a body that leaves its loop or function early.
func jumps(body []facts.Stmt) bool {
	found := false
	facts.Walk(body, func(s *facts.Stmt) bool {
		switch s.Kind {
		case facts.StmtBreak, facts.StmtContinue, facts.StmtReturn, facts.StmtRaise:
			found = true
		}
		return !found
	})
	return found
}

// mentions reports a statement of stmts that reads or writes name.
func mentions(stmts []facts.Stmt, name string) bool {
	return stmtsAny(stmts, func(x *facts.Expr) bool { return x.Kind == facts.ExprName && x.Name() == name })
}

// stmtsAny reports an expression of stmts (nested statements included:
// targets, values, conditions, iterables) that pred holds of.
func stmtsAny(stmts []facts.Stmt, pred func(*facts.Expr) bool) bool {
	found := false
	facts.Walk(stmts, func(s *facts.Stmt) bool {
		for k := range s.Targets {
			found = found || s.Targets[k].Any(pred)
		}
		found = found || s.Value.Any(pred) || s.Cond.Any(pred) || s.Iter().Any(pred)
		return !found
	})
	return found
}

func mentionsExpr(e *facts.Expr, name string) bool {
	return e.Any(func(x *facts.Expr) bool { return x.Kind == facts.ExprName && x.Name() == name })
}
