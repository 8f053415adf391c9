package distill

import (
	"slices"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// Callback-passing style (the catalog's continuations), read as the
// straight-line code it stands for before anything else reads the file:
//
//	User.findOne({email}, (err, user) => {       const user = User.findOne({email})
//	    if (err) { return next(err); }      ─►   if (!user) { return res.redirect("/forgot"); }
//	    if (!user) { return res.redirect(...); } user.save()
//	    user.save((err) => { res.redirect(...); }) res.redirect(...)
//	});
//
// A call whose last argument is a function whose first parameter is named
// as an error goes on in that function: the call, without it, is a
// statement (an assignment of its result to the function's second
// parameter, when it has one), and the function's body follows, without
// the branches taken when the error is set (on the path the spec states,
// it is not). Only a call that ends its statement list is read so: what
// follows it in the list would run before the callback does.
//
// A sequence (async.waterfall([step1, step2], done)) is its steps' bodies
// and then done's, in order; each step hands its results on by calling its
// last parameter, and they arrive under the names the next step gives its
// parameters, which are the names the results had (the calls that hand
// them on are left out).

// continuations rewrites every function of f.
func continuations(f *facts.File, c *catalog.Continuations) {
	if c == nil || len(c.ErrorParams) == 0 {
		return
	}
	visitFile(f, nil, func(fn *facts.Function) {
		fn.SetBody(straighten(fn.Body(), c, nil))
		facts.Walk(fn.Body(), func(s *facts.Stmt) bool {
			s.Body = straighten(s.Body, c, nil)
			s.SetElse(straighten(s.Else(), c, nil))
			return true
		})
	})
}

// straighten expands the continuation that ends list, and the one that
// then ends it, and so on. handOn names the parameters by which the
// enclosing sequence step hands its results on: calls of them go.
func straighten(list []facts.Stmt, c *catalog.Continuations, handOn []facts.Param) []facts.Stmt {
	for len(list) > 0 {
		last := &list[len(list)-1]
		if last.Kind != facts.StmtExpr || last.Value == nil || last.Value.Kind != facts.ExprCall {
			break
		}
		call := last.Value
		var tail []facts.Stmt
		if steps, done, ok := sequence(call, c); ok {
			for _, st := range steps {
				tail = append(tail, straighten(stepBody(st, c), c, st.Params[len(st.Params)-1:])...)
			}
			tail = append(tail, straighten(stepBody(done, c), c, handOn)...)
		} else if cb := callbackOf(call, c); cb != nil {
			rest := *call
			rest.SetArgs(call.Args()[: len(call.Args())-1 : len(call.Args())-1])
			head := facts.NewStmt(facts.StmtSpec{Kind: facts.StmtExpr, Value: &rest, Line: last.Line()})
			if len(cb.Params) > 1 && cb.Params[1].Name != "" {
				head = facts.NewStmt(facts.StmtSpec{Kind: facts.StmtAssign, Value: &rest, Line: last.Line(),
					Targets: []facts.Expr{facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: cb.Params[1].Name, Raw: cb.Params[1].Name, Line: last.Line()})}})
			}
			tail = append([]facts.Stmt{head}, stepBody(cb, c)...)
		} else {
			break
		}
		list = append(slices.Clip(list[:len(list)-1]), dropHandOns(tail, handOn)...)
		if len(tail) == 0 {
			break
		}
	}
	return dropHandOns(list, handOn)
}

// callbackOf returns the continuation a call is given last, or nil.
func callbackOf(call *facts.Expr, c *catalog.Continuations) *facts.Function {
	if len(call.Args()) == 0 {
		return nil
	}
	return continuationFunc(&call.Args()[len(call.Args())-1], c)
}

// continuationFunc returns the function e writes in place when its first
// parameter is named as an error.
func continuationFunc(e *facts.Expr, c *catalog.Continuations) *facts.Function {
	fn := e.Func()
	if e.Kind != facts.ExprFunction || fn == nil || len(fn.Params) == 0 || !slices.Contains(c.ErrorParams, fn.Params[0].Name) {
		return nil
	}
	return fn
}

// sequence reads async.waterfall([steps...], done): steps written in
// place, each with the parameter it hands its results on by, and a final
// continuation.
func sequence(call *facts.Expr, c *catalog.Continuations) (steps []*facts.Function, done *facts.Function, ok bool) {
	if len(call.Args()) != 2 || call.Args()[0].Kind != facts.ExprList || !catalog.MatchAny(c.Sequences, call.Resolved(), call.Raw()) {
		return nil, nil, false
	}
	if done = continuationFunc(&call.Args()[1], c); done == nil {
		return nil, nil, false
	}
	for i := range call.Args()[0].Args() {
		st := call.Args()[0].Args()[i].Func()
		if call.Args()[0].Args()[i].Kind != facts.ExprFunction || st == nil || len(st.Params) == 0 {
			return nil, nil, false
		}
		steps = append(steps, st)
	}
	return steps, done, true
}

// stepBody is a continuation's body without the branches taken when its
// error parameter is set (their else branches stay).
func stepBody(fn *facts.Function, c *catalog.Continuations) []facts.Stmt {
	errName := ""
	if len(fn.Params) > 0 && slices.Contains(c.ErrorParams, fn.Params[0].Name) {
		errName = fn.Params[0].Name
	}
	var out []facts.Stmt
	for _, s := range fn.Body() {
		if errName != "" && s.Kind == facts.StmtIf && s.Cond != nil && s.Cond.Kind == facts.ExprName && s.Cond.Name() == errName {
			out = append(out, s.Else()...)
			continue
		}
		out = append(out, s)
	}
	return out
}

// dropHandOns leaves out the statements that only call, or return the
// call of, one of the names a sequence step hands its results on by.
func dropHandOns(list []facts.Stmt, handOn []facts.Param) []facts.Stmt {
	if len(handOn) == 0 {
		return list
	}
	return slices.DeleteFunc(list, func(s facts.Stmt) bool {
		v := s.Value
		return (s.Kind == facts.StmtExpr || s.Kind == facts.StmtReturn) && v != nil && v.Kind == facts.ExprCall &&
			v.X != nil && v.X.Kind == facts.ExprName && slices.ContainsFunc(handOn, func(p facts.Param) bool { return p.Name == v.X.Name() })
	})
}
