package distill

import (
	"slices"
	"strings"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// maxUnroll bounds the literal lists a loop is unrolled over.
const maxUnroll = 4

// unrollLiteralLoop walks a loop over a short literal list of values
// (for token in [access_token, refresh_token]: blacklist it) once per
// value, as the code runs it: each value's outcomes are the rule's. A
// body that breaks, continues or returns is left to the general reading.
// It reports whether it walked the loop.
func (rc *ruleCtx) unrollLiteralLoop(s *facts.Stmt, sc *scope, out *[]allium.Stmt) bool {
	it := s.Iter()
	if it == nil || (it.Kind != facts.ExprList && it.Kind != facts.ExprTuple) || len(it.Args()) == 0 || len(it.Args()) > maxUnroll {
		return false
	}
	jumps := false
	facts.Walk(s.Body, func(st *facts.Stmt) bool {
		switch st.Kind {
		case facts.StmtBreak, facts.StmtContinue, facts.StmtReturn, facts.StmtRaise:
			jumps = true
		}
		return !jumps
	})
	if jumps || len(s.Else()) > 0 {
		return false
	}
	name := s.Targets[0].Name()
	for i := range it.Args() {
		// A scope of its own per value: calls in the body are worked out
		// again for each.
		each := *sc
		each.vars = cloneVars(sc.vars)
		each.vars[name] = rc.eval(&it.Args()[i], sc, out, false)
		rc.stmts(s.Body, &each, out)
	}
	return true
}

// deferredEither reports an if that runs the same call either way, once
// through an optional runner and once directly:
//
//	if async_email_func:
//	    async_email_func(user.status.send_activation_email, (info,))
//	else:
//	    user.status.send_activation_email(info)
//
// The runner is handed the very function and arguments the other branch
// calls, so what happens is that call.
func deferredEither(s *facts.Stmt) bool {
	if len(s.Body) != 1 || len(s.Else()) != 1 || s.Body[0].Kind != facts.StmtExpr || s.Else()[0].Kind != facts.StmtExpr {
		return false
	}
	via, direct := s.Body[0].Value, s.Else()[0].Value
	if via == nil || direct == nil || via.Kind != facts.ExprCall || direct.Kind != facts.ExprCall || len(via.Args()) == 0 {
		return false
	}
	fn := &via.Args()[0]
	if (fn.Kind != facts.ExprAttr && fn.Kind != facts.ExprName) || fn.Raw() == "" || direct.X == nil || direct.X.Raw() != fn.Raw() {
		return false
	}
	var args []facts.Expr
	switch {
	case len(via.Args()) == 2 && (via.Args()[1].Kind == facts.ExprTuple || via.Args()[1].Kind == facts.ExprList):
		args = via.Args()[1].Args()
	default:
		args = via.Args()[1:]
	}
	if len(args) != len(direct.Args()) || len(direct.Keywords()) != 0 || len(via.Keywords()) != 0 {
		return false
	}
	for i := range args {
		if !sameSimpleExpr(&args[i], &direct.Args()[i]) {
			return false
		}
	}
	return true
}

// sameSimpleExpr compares names, dotted names, literals and lists of them.
func sameSimpleExpr(a, b *facts.Expr) bool {
	if a.Kind != b.Kind {
		return false
	}
	switch a.Kind {
	case facts.ExprName, facts.ExprAttr:
		return a.Raw() != "" && a.Raw() == b.Raw()
	case facts.ExprString, facts.ExprInt, facts.ExprFloat, facts.ExprBool:
		return a.Value() == b.Value()
	case facts.ExprNone:
		return true
	case facts.ExprList, facts.ExprTuple:
		if len(a.Args()) != len(b.Args()) {
			return false
		}
		for i := range a.Args() {
			if !sameSimpleExpr(&a.Args()[i], &b.Args()[i]) {
				return false
			}
		}
		return true
	}
	return false
}

// recipientFallback reads `recipient_list or [default]` (Python's
// fallback on values, not a boolean or) as the given recipients when
// they are known, the default when they are known absent, and
// given ?? default otherwise.
func recipientFallback(x allium.Expr) allium.Expr {
	b, ok := x.(*allium.Binary)
	if !ok || b.Op != allium.OpOr {
		return x
	}
	l, r := recipientFallback(b.X), singleRecipient(recipientFallback(b.Y))
	switch v := l.(type) {
	case *allium.Lit:
		if v.Kind == allium.LitNull {
			return r
		}
		return l
	case *allium.ListLit:
		if len(v.Elems) > 0 {
			return singleRecipient(l)
		}
		return r
	case *allium.SetLit:
		if len(v.Elems) > 0 {
			return singleRecipient(l)
		}
		return r
	}
	return &allium.Binary{Op: allium.OpCoalesce, X: singleRecipient(l), Y: r}
}

// restArgs is the value of def f(..., *args): the caller's positional
// arguments from i on, each worked out in the caller's scope.
func (rc *ruleCtx) restArgs(call *facts.Expr, i int, sc *scope, out *[]allium.Stmt) *value {
	v := &value{kind: vUnknown, items: []*value{}}
	for j := i; j < len(call.Args()); j++ {
		if call.Args()[j].Kind == facts.ExprStarred {
			return unknownValue
		}
		v.items = append(v.items, rc.eval(&call.Args()[j], sc, out, false))
	}
	return v
}

// starredArgs works out a call's positional arguments when one of them
// spreads a *args the walk knows (self.send(subject, template, *args)); it
// reports false when none does.
func (rc *ruleCtx) starredArgs(call *facts.Expr, sc *scope, out *[]allium.Stmt) ([]*value, bool) {
	spread := false
	for i := range call.Args() {
		if a := &call.Args()[i]; a.Kind == facts.ExprStarred && a.X != nil {
			if v := rc.eval(a.X, sc, out, false); v.items != nil {
				spread = true
			}
		}
	}
	if !spread {
		return nil, false
	}
	var vals []*value
	for i := range call.Args() {
		a := &call.Args()[i]
		if a.Kind == facts.ExprStarred {
			v := rc.eval(a.X, sc, out, false)
			if v.items == nil {
				return nil, false
			}
			vals = append(vals, v.items...)
			continue
		}
		vals = append(vals, rc.eval(a, sc, out, false))
	}
	return vals, true
}

// bindValues binds parameters to worked-out positional values, then to
// keywords and defaults as bindCallParams does.
func (rc *ruleCtx) bindValues(params []facts.Param, vals []*value, call *facts.Expr, sc, inner *scope, out *[]allium.Stmt) {
	for i, p := range params {
		switch {
		case p.Kind == facts.ParamVarPositional:
			rest := []*value{}
			if i < len(vals) {
				rest = append(rest, vals[i:]...)
			}
			inner.vars[p.Name] = &value{kind: vUnknown, items: rest}
		case p.Kind == facts.ParamVarKeyword && call.Keyword("**") != nil:
			inner.vars[p.Name] = rc.eval(call.Keyword("**"), sc, out, false)
		case p.Kind == facts.ParamVarKeyword:
			inner.vars[p.Name] = unknownValue
		case i < len(vals):
			inner.vars[p.Name] = vals[i]
		case call.Keyword(p.Name) != nil:
			inner.vars[p.Name] = rc.eval(call.Keyword(p.Name), sc, out, false)
		case p.Default != nil:
			inner.vars[p.Name] = rc.eval(p.Default, inner, out, false)
		default:
			inner.vars[p.Name] = unknownValue
		}
	}
}

// unrollJumpingLoop walks a loop over a short list of plain values (names,
// constants, tuples of them), written in the loop or returned as it is by
// a function of the service, once per value, when the walk above does not:
// the list comes from a call, or the body skips to the next value or
// refuses (the values may be tuples the loop unpacks). wger's check_fk_ownership (utils/
// viewsets.py:45-64) runs
//
//	for model_class, field_name in owner_objects:
//	    pk = payload.get(field_name)
//	    if pk is None:
//	        continue
//	    ...
//	    if owner and hasattr(owner, 'user') and owner.user_id != user_id:
//	        return False
//	return True
//
// over what get_owner_objects returns, [(SlotEntry, 'slot_entry')]
// (manager/api/views.py:449-453). A continue skips the rest of that
// value's walk, so the rest is read under the other branch
// (withoutContinues); a return in the body must refuse (return False, in
// a helper) or raise, so that what it answers is a check of the
// helper's and the values after it run only when it did not. A break, an
// else or any other return leaves the loop to the general reading.
func (rc *ruleCtx) unrollJumpingLoop(s *facts.Stmt, sc *scope, out *[]allium.Stmt) (done, ends bool) {
	it := s.Iter()
	if it == nil || len(s.Targets) != 1 || len(s.Else()) > 0 {
		return false, false
	}
	var elems []facts.Expr
	file, viaValue := sc.file, false
	switch it.Kind {
	case facts.ExprList, facts.ExprTuple:
		elems = it.Args()
	case facts.ExprName:
		v := sc.vars[it.Name()]
		if v == nil || v.literal == nil || v.literalFile == nil {
			return false, false
		}
		elems, file, viaValue = v.literal.Args(), v.literalFile, true
	default:
		return false, false
	}
	if len(elems) == 0 || len(elems) > maxUnroll {
		return false, false
	}
	t := &s.Targets[0]
	tuple := t.Kind == facts.ExprTuple || t.Kind == facts.ExprList
	switch {
	case t.Kind == facts.ExprName:
	case tuple:
		for i := range t.Args() {
			if t.Args()[i].Kind != facts.ExprName {
				return false, false
			}
		}
		for i := range elems {
			if e := &elems[i]; (e.Kind != facts.ExprTuple && e.Kind != facts.ExprList) || len(e.Args()) != len(t.Args()) {
				return false, false
			}
		}
	default:
		return false, false
	}
	if !viaValue && !jumps(s.Body) {
		// unrollLiteralLoop's, or a tuple over a literal with no jump,
		// left as before: walked per value, baserow's token permissions
		// loop (contrib/database/tokens/handler.py:258-280) read its
		// values as the defaults of keywords the caller spreads
		// (**permissions, api/tokens/views.py:193) and dropped its
		// permission checks without a note.
		return false, false
	}
	body, ok := withoutContinues(s.Body)
	if !ok || !refusingReturns(body, sc) {
		return false, false
	}
	if rc.unrolled == nil {
		rc.unrolled = map[*facts.Stmt]bool{}
	}
	rc.unrolled[s] = true
	// Values written in another file are read there (a class name the
	// helper's module does not import); they are plain, so they need no
	// variables.
	at := sc
	if file != sc.file {
		at = &scope{file: file, vars: map[string]*value{}, depth: sc.depth, stack: sc.stack, inlined: sc.inlined, failWhen: &[]allium.Expr{}, unreadFails: new(int)}
	}
	for i := range elems {
		each := *sc
		each.vars = cloneVars(sc.vars)
		if tuple {
			for j := range t.Args() {
				each.vars[t.Args()[j].Name()] = rc.eval(&elems[i].Args()[j], at, out, false)
			}
		} else {
			each.vars[t.Name()] = rc.eval(&elems[i], at, out, false)
		}
		rc.unrolling++
		ends := rc.stmts(body, &each, out)
		rc.unrolling--
		sc.ret, sc.retMixed, sc.returned, sc.lateFail = each.ret, each.retMixed, each.returned, each.lateFail
		if ends || sc.returned {
			return true, ends
		}
	}
	rc.forgetLoopLocals(sc, s)
	return true, false
}

// plainLiteralReturn is the list or tuple literal a function returns as
// its only statement (a docstring aside), when its elements are plain:
// names, dotted names, constants, or tuples of them. nil otherwise.
func plainLiteralReturn(body []facts.Stmt) *facts.Expr {
	var ret *facts.Expr
	for i := range body {
		s := &body[i]
		switch {
		case s.Kind == facts.StmtExpr && s.Value != nil && s.Value.Kind == facts.ExprString:
		case s.Kind == facts.StmtReturn && ret == nil && s.Value != nil:
			ret = s.Value
		default:
			return nil
		}
	}
	if ret == nil || (ret.Kind != facts.ExprList && ret.Kind != facts.ExprTuple) || len(ret.Args()) == 0 || len(ret.Args()) > maxUnroll {
		return nil
	}
	var plain func(e *facts.Expr, nested bool) bool
	plain = func(e *facts.Expr, nested bool) bool {
		switch e.Kind {
		case facts.ExprName, facts.ExprString, facts.ExprInt, facts.ExprBool, facts.ExprNone:
			return true
		case facts.ExprAttr:
			return e.X != nil && plain(e.X, true) && e.X.Kind != facts.ExprString
		case facts.ExprTuple:
			if nested {
				return false
			}
			for i := range e.Args() {
				if !plain(&e.Args()[i], true) {
					return false
				}
			}
			return len(e.Args()) > 0
		}
		return false
	}
	for i := range ret.Args() {
		if !plain(&ret.Args()[i], false) {
			return nil
		}
	}
	return ret
}

// refusingReturns reports a loop body whose returns all refuse (return
// False, in an inlined helper) and which breaks nowhere: each
// return then is a check the helper fails on, and the values after it run
// only when it passed. Loops and functions nested in it keep their own.
func refusingReturns(body []facts.Stmt, sc *scope) bool {
	ok := true
	var visit func(list []facts.Stmt)
	visit = func(list []facts.Stmt) {
		for i := range list {
			s := &list[i]
			switch s.Kind {
			case facts.StmtFunction, facts.StmtClass, facts.StmtFor, facts.StmtWhile:
				continue
			case facts.StmtBreak, facts.StmtContinue:
				ok = false
			case facts.StmtReturn:
				// Not return None: in a helper answering nothing that is
				// an early end, which would leave the values after it
				// and the code after the loop under no condition.
				if !sc.inlined || s.Value == nil || s.Value.Kind != facts.ExprBool || s.Value.Value() != "false" {
					ok = false
				}
			}
			visit(s.Body)
			visit(s.Else())
			visit(s.Finally())
			for _, h := range s.Handlers() {
				visit(h.Body)
			}
		}
	}
	visit(body)
	return ok
}

// withoutContinues rewrites a loop body so that no continue is left: the
// statements after a block that may continue run in each of its ways out
// but the continuing one.
//
//	if pk is None: continue        if pk is None: pass
//	obj = get(pk)           ->     else: obj = get(pk); ...
//
// and a try whose handler continues takes the rest as its else (it runs
// when the try body raised nothing), each other handler that goes on
// taking it too. false when a continue sits where this cannot be done (a
// with block, a try body or finally), or when the statements copied into
// the ways out would pass maxContinueCopies (blocks that continue on both
// sides, one after another, double what follows each time).
func withoutContinues(list []facts.Stmt) ([]facts.Stmt, bool) {
	budget := maxContinueCopies
	return rewriteContinues(list, &budget)
}

// maxContinueCopies bounds the statements withoutContinues copies.
const maxContinueCopies = 512

// rewriteContinues is withoutContinues spending budget on each copy.
func rewriteContinues(list []facts.Stmt, budget *int) ([]facts.Stmt, bool) {
	for i := range list {
		s := &list[i]
		if s.Kind == facts.StmtContinue {
			return list[:i], true
		}
		if !continuesIn([]facts.Stmt{*s}) {
			continue
		}
		rest := list[i+1:]
		join := func(branch []facts.Stmt) ([]facts.Stmt, bool) {
			if endsFlow(branch) {
				return rewriteContinues(branch, budget)
			}
			if *budget -= len(rest); *budget < 0 {
				return nil, false
			}
			return rewriteContinues(append(append([]facts.Stmt{}, branch...), rest...), budget)
		}
		switch s.Kind {
		case facts.StmtIf:
			then, ok1 := join(s.Body)
			els, ok2 := join(s.Else())
			if !ok1 || !ok2 {
				return nil, false
			}
			if len(then) == 0 {
				then = []facts.Stmt{facts.NewStmt(facts.StmtSpec{Kind: facts.StmtPass, Line: s.Line()})}
			}
			n := facts.NewStmt(facts.StmtSpec{Kind: facts.StmtIf, Cond: s.Cond, Body: then, Else: els, Line: s.Line()})
			return append(append([]facts.Stmt{}, list[:i]...), n), true
		case facts.StmtTry:
			if continuesIn(s.Body) || continuesIn(s.Finally()) || len(s.Finally()) > 0 {
				return nil, false
			}
			hs := make([]facts.Handler, len(s.Handlers()))
			for k, h := range s.Handlers() {
				b, ok := join(h.Body)
				if !ok {
					return nil, false
				}
				if len(b) == 0 {
					b = []facts.Stmt{facts.NewStmt(facts.StmtSpec{Kind: facts.StmtPass, Line: h.Line})}
				}
				h.Body = b
				hs[k] = h
			}
			els, ok := join(s.Else())
			if !ok {
				return nil, false
			}
			n := facts.NewStmt(facts.StmtSpec{Kind: facts.StmtTry, Body: s.Body, Else: els, Line: s.Line()})
			n.SetHandlers(hs)
			return append(append([]facts.Stmt{}, list[:i]...), n), true
		default:
			return nil, false
		}
	}
	return list, true
}

// continuesIn reports a continue of the loop list belongs to (not of a
// loop nested in it).
func continuesIn(list []facts.Stmt) bool {
	for i := range list {
		s := &list[i]
		switch s.Kind {
		case facts.StmtContinue:
			return true
		case facts.StmtFor, facts.StmtWhile, facts.StmtFunction, facts.StmtClass:
			continue
		}
		if continuesIn(s.Body) || continuesIn(s.Else()) || continuesIn(s.Finally()) {
			return true
		}
		for _, h := range s.Handlers() {
			if continuesIn(h.Body) {
				return true
			}
		}
	}
	return false
}

// endsFlow reports a list whose last statement leaves it: a continue, a
// return or a raise (what follows the block never runs after it).
func endsFlow(list []facts.Stmt) bool {
	if len(list) == 0 {
		return false
	}
	switch list[len(list)-1].Kind {
	case facts.StmtContinue, facts.StmtReturn, facts.StmtRaise:
		return true
	}
	return false
}

// nestedFalseReturn is, for `if cond: return False` in an
// inlined helper under conditions of the helper's own (if pk is not
// None: ... if owner.user_id != user_id: return False), those conditions:
// the helper refuses when they and cond hold. nil at the helper's top
// level (failReturn's), in a branch whose conditions the spec cannot
// state, or under a condition the caller brought.
func nestedFalseReturn(s *facts.Stmt, sc *scope) allium.Expr {
	if !sc.inlined || sc.failWhen == nil || sc.under == nil || sc.unstated || sc.failChain || len(s.Body) != 1 {
		return nil
	}
	r := &s.Body[0]
	if r.Kind != facts.StmtReturn || !isFalseLit(r.Value) {
		return nil
	}
	var local []allium.Expr
	for x := sc.under; x != sc.entryUnder; {
		if x == nil || x == alwaysTrue || x == leaveRestOut {
			if x == alwaysTrue && sc.entryUnder == nil {
				break // the other branch refused: nothing added
			}
			return nil
		}
		b, ok := x.(*allium.Binary)
		if !ok || b.Op != allium.OpAnd || sc.entryUnder == nil {
			if sc.entryUnder != nil {
				return nil
			}
			local = append(local, x)
			break
		}
		local = append(local, b.Y)
		x = b.X
	}
	if len(local) == 0 {
		return nil
	}
	slices.Reverse(local)
	return joinTerms(allium.OpAnd, local)
}

// unrolledRowName names the row a lookup by the input id finds in an
// unrolled loop's walk: the input's name without _id, else the entity's,
// each when no other parameter, let, row or the signed-in user has it and
// it is not the session's (which the spec keeps for the framework's
// session, session_user.go); else bn, the local it is bound to.
func (rc *ruleCtx) unrolledRowName(bn, id, ent string) string {
	for _, n := range []string{strings.TrimSuffix(id, "_id"), bindingName(snake(ent))} {
		if n != "" && isSnake(n) && n != "session" && !reserved[n] && (n == id || !rc.paramSet[n]) && !rc.lets[n] &&
			!rc.idRowTaken(n, id) && (rc.userVal == nil || rc.userVal.param != n) {
			return n
		}
	}
	return bn
}
