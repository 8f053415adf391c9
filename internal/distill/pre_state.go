package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
)

// Conditions of outcomes read the resulting state (language reference,
// "Postconditions"): `if email != user.email:` beside `user.email = email`
// in one ensures is never true. Code that tests a change before making it
// keeps the test in a local first:
//
//	email_address_changed = params["email"] != user.email
//	...
//	self.update_model(user, params)      # user.email = email
//	if email_address_changed: send_verify_email(user)
//
// so the rule binds the comparison before its ensures, under the local's
// name (`let email_address_changed = email != user.email`), and the
// outcomes' conditions read that, as the code does.

// noteLocalComparison remembers a comparison assigned to a local, by its
// text, under the local's name.
func (rc *ruleCtx) noteLocalComparison(local string, v *value, meta allium.Meta) {
	if v == nil || v.kind != vExpr || v.expr == nil {
		return
	}
	bin, ok := v.expr.(*allium.Binary)
	if !ok {
		return
	}
	switch bin.Op {
	case allium.OpEq, allium.OpNe, allium.OpLt, allium.OpLe, allium.OpGt, allium.OpGe:
	default:
		return
	}
	name := bindingName(local)
	if name == "" || !rc.boundBeforeEnsures(bin.X) && !rc.boundBeforeEnsures(bin.Y) {
		return
	}
	rc.rememberComparison(bin, name, meta)
}

// rememberComparison keeps bin to be bound under name before the ensures
// when an outcome's condition makes it (pinPreStateConditions).
func (rc *ruleCtx) rememberComparison(bin *allium.Binary, name string, meta allium.Meta) {
	if rc.localComparisons == nil {
		rc.localComparisons = map[string]localComparison{}
	}
	rc.localComparisons[exprKey(bin)] = localComparison{name: name, meta: meta}
}

// localComparison is a local a comparison was assigned to, and where.
type localComparison struct {
	name string
	meta allium.Meta
}

// pinPreStateConditions binds, before the ensures, each remembered
// comparison that a condition of the outcomes makes and that reads a field
// the outcomes change, and has the conditions read the binding.
func (rc *ruleCtx) pinPreStateConditions() {
	if len(rc.localComparisons) == 0 {
		return
	}
	changed := assignedTargets(rc.ensures)
	bound := map[string]bool{}
	allium.WalkStmts(rc.ensures, func(s allium.Stmt) bool {
		ifs, ok := s.(*allium.If)
		if !ok {
			return true
		}
		for i := range ifs.Branches {
			ifs.Branches[i].Cond = allium.Rewrite(ifs.Branches[i].Cond, func(e allium.Expr) (allium.Expr, bool) {
				key := exprKey(e)
				local, ok := rc.localComparisons[key]
				name := local.name
				if !ok || !readsMember(e, changed) || rc.paramSet[name] || rc.lets[name] && !bound[name] {
					return e, false
				}
				if !bound[name] {
					bound[name] = true
					rc.lets[name] = true
					rc.body = append(rc.body, &allium.Let{Meta: local.meta, Name: name, Value: e})
				}
				return &allium.Ident{Name: name}, true
			})
		}
		return true
	})
}

// joinSameConditions states the outcomes of two ifs of one condition (one
// branch, no else) in one list of outcomes as one if, the first: the code
// tested the same thing twice (`if needs_to_verify_email:` before and
// after the update), and outcomes are not ordered; an if followed at once
// by one of the negated condition is one if with an else. It joins none whose
// condition reads a field the outcomes change, nor across a let (the
// later outcomes may read what it binds).
func joinSameConditions(list []allium.Stmt) []allium.Stmt {
	changed := assignedTargets(list)
	open := map[string]*allium.If{} // the first if of each condition, since the last let
	out := list[:0]
	for _, s := range list {
		if _, ok := s.(*allium.Let); ok {
			clear(open)
		}
		ifs, ok := s.(*allium.If)
		if ok {
			collapseRepeatedCondition(ifs)
		}
		if !ok || len(ifs.Branches) != 1 || ifs.Else != nil || readsMember(ifs.Branches[0].Cond, changed) {
			out = append(out, s)
			continue
		}
		key := exprKey(ifs.Branches[0].Cond)
		if prev, ok := lastOneBranchIf(out); ok && exprKey(negate(prev.Branches[0].Cond)) == key {
			// if cloud_mode: <soft delete>  then  if not cloud_mode:
			// <delete>, one after the other (a helper's early return on
			// cloud_mode): one if with an else.
			prev.Else = ifs.Branches[0].Body
			continue
		}
		if first := open[key]; first != nil {
			first.Branches[0].Body = append(first.Branches[0].Body, ifs.Branches[0].Body...)
			continue
		}
		open[key] = ifs
		out = append(out, s)
	}
	return out
}

// collapseRepeatedCondition states `if c: if c: <body>` as `if c: <body>`:
// two tests of one condition with nothing between them that changes what
// it reads (plane's issue activity task tests the issue id, then the issue
// found by it, which both read as the row's presence, bgtasks/
// issue_activities_task.py:1527-1534), wherever the inner test stands
// among the outer branch's outcomes (plane's PUT updates the work item it
// found and then runs that task, api/views/issue.py:631-640).
func collapseRepeatedCondition(ifs *allium.If) {
	for i := range ifs.Branches {
		br := &ifs.Branches[i]
		br.Body = spliceRepeated(br.Body, br.Cond)
	}
}

// spliceRepeated replaces, in list (outcomes that hold under cond), each
// if of cond alone (one branch, no else) by its outcomes, at any depth of
// such ifs. It leaves list as it is when list changes a field cond reads
// or states the absence of something cond reads (not exists row), since
// the inner test may then not hold.
func spliceRepeated(list []allium.Stmt, cond allium.Expr) []allium.Stmt {
	key := exprKey(cond)
	repeated := func(s allium.Stmt) (*allium.If, bool) {
		in, ok := s.(*allium.If)
		return in, ok && len(in.Branches) == 1 && in.Else == nil && exprKey(in.Branches[0].Cond) == key
	}
	if !slices.ContainsFunc(list, func(s allium.Stmt) bool { _, ok := repeated(s); return ok }) ||
		readsMember(cond, assignedTargets(list)) || removesRead(list, cond) {
		return list
	}
	// An assignment the list already states, brought out of an inner if,
	// states nothing more (the update's updated_at = now and the task's).
	stated := map[string]bool{}
	assignKey := func(s allium.Stmt) string {
		if a, ok := s.(*allium.Assign); ok {
			return exprKey(a.Target) + " = " + exprKey(a.Value)
		}
		return ""
	}
	for _, s := range list {
		if k := assignKey(s); k != "" {
			stated[k] = true
		}
	}
	var out []allium.Stmt
	for _, s := range list {
		if in, ok := repeated(s); ok {
			for _, t := range spliceRepeated(in.Branches[0].Body, cond) {
				if k := assignKey(t); k != "" && stated[k] {
					continue
				}
				out = append(out, t)
			}
			continue
		}
		out = append(out, s)
	}
	return out
}

// removesRead reports whether list, at any depth, states the absence of
// an expression cond reads (not exists row).
func removesRead(list []allium.Stmt, cond allium.Expr) bool {
	read := map[string]bool{}
	allium.Inspect(cond, func(e allium.Expr) bool {
		read[exprKey(e)] = true
		return true
	})
	found := false
	allium.WalkStmts(list, func(s allium.Stmt) bool {
		for _, e := range allium.StmtExprs(s) {
			allium.Inspect(e, func(x allium.Expr) bool {
				if u, ok := x.(*allium.Unary); ok && u.Op == allium.OpNot {
					if ex, ok := u.X.(*allium.Unary); ok && ex.Op == allium.OpExists && read[exprKey(ex.X)] {
						found = true
					}
				}
				return !found
			})
		}
		return !found
	})
	return found
}

// lastOneBranchIf is the last statement of list when it is an if of one
// branch and no else.
func lastOneBranchIf(list []allium.Stmt) (*allium.If, bool) {
	if len(list) == 0 {
		return nil, false
	}
	ifs, ok := list[len(list)-1].(*allium.If)
	return ifs, ok && len(ifs.Branches) == 1 && ifs.Else == nil
}

// readsMember reports whether x reads a member whose text is in members.
func readsMember(x allium.Expr, members map[string]bool) bool {
	found := false
	allium.Inspect(x, func(e allium.Expr) bool {
		if m, ok := e.(*allium.Member); ok && members[exprKey(m)] {
			found = true
		}
		return !found
	})
	return found
}

// assignedTargets are the texts of what the statements of list assign
// (user.email), at any depth.
func assignedTargets(list []allium.Stmt) map[string]bool {
	changed := map[string]bool{}
	allium.WalkStmts(list, func(s allium.Stmt) bool {
		if a, ok := s.(*allium.Assign); ok {
			changed[exprKey(a.Target)] = true
		}
		return true
	})
	return changed
}

// Creation arguments of outcomes read the resulting state too:
//
//	old_email = user.email
//	user.email = address
//	send_system_mail(to=old_email, ...)
//
// mails the address the user had, while `Email.created(to: user.email)`
// beside `user.email = user.pending_email` would be the new one. The rule
// binds such a read before its ensures under the local's name (`let
// old_email = user.email`), and the outcomes that read the local read
// that.

// notePreRead gives the local name, bound to a field of a row (old_email
// = user.email), an expression of its own, so that the outcomes that read
// the local are told from those that read the field itself.
func (rc *ruleCtx) notePreRead(name string, sc *scope, line int) {
	v := sc.vars[name]
	if v == nil || v.kind != vExpr || bindingName(name) == "" {
		return
	}
	var own allium.Expr
	switch x := v.expr.(type) {
	case *allium.Member:
		if _, isRow := x.X.(*allium.Ident); !isRow {
			return
		}
		m := *x
		own = &m
	case *allium.Unary:
		// create_event = not gift_card.is_active, tested after the
		// change sets is_active (saleor's GiftCardActivate,
		// graphql/giftcard/mutations/gift_card_activate.py:50-53): the
		// negated read is kept as it was too.
		m, isMember := x.X.(*allium.Member)
		if x.Op != allium.OpNot || !isMember {
			return
		}
		if _, isRow := m.X.(*allium.Ident); !isRow {
			return
		}
		u := *x
		own = &u
	default:
		return
	}
	kept := *v
	kept.expr = own
	sc.vars[name] = &kept
	if rc.preReads == nil {
		rc.preReads = map[allium.Expr]localComparison{}
	}
	rc.preReads[own] = localComparison{name: bindingName(name), meta: rc.b.meta(sc.file, line)}
}

// pinPreStateReads binds, before the ensures, each field read kept in a
// local (notePreRead) that an outcome's creation argument or condition
// makes and whose field the outcomes change, and has the outcome read the
// binding.
func (rc *ruleCtx) pinPreStateReads() {
	if len(rc.preReads) == 0 {
		return
	}
	changed := assignedTargets(rc.ensures)
	bound := map[string]bool{}
	pin := func(e allium.Expr) (allium.Expr, bool) {
		field := e
		switch x := e.(type) {
		case *allium.Member:
		case *allium.Unary:
			field = x.X // not row.flag: the flag is what changes
		default:
			return e, false
		}
		local, kept := rc.preReads[e]
		name := local.name
		if !kept || !changed[exprKey(field)] || rc.paramSet[name] || rc.lets[name] && !bound[name] {
			return e, false
		}
		if !bound[name] {
			bound[name] = true
			rc.lets[name] = true
			rc.body = append(rc.body, &allium.Let{Meta: local.meta, Name: name, Value: e})
		}
		return &allium.Ident{Name: name}, true
	}
	allium.WalkStmts(rc.ensures, func(s allium.Stmt) bool {
		switch st := s.(type) {
		case *allium.If:
			for i := range st.Branches {
				st.Branches[i].Cond = allium.Rewrite(st.Branches[i].Cond, pin)
			}
		case *allium.ExprStmt:
			st.X = allium.Rewrite(st.X, pin)
		}
		return true
	})
}
