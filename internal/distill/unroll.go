package distill

import (
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
