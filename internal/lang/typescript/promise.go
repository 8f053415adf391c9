package typescript

import "github.com/distill/distill/internal/facts"

// Promise chains read as the awaits they stand for. Code written before
// async/await hands each result on through .then:
//
//	return db.find('_User', q).then(rows => {      const rows = await db.find('_User', q)
//	  if (!rows.length) throw new Error('none'); ─► if (!rows.length) throw new Error('none')
//	  return rows[0];                               return rows[0]
//	});
//
// Each step's callback runs after the step before it, given its result: its
// parameter is bound to that result awaited, and its body follows. A step
// before the last hands on what its body returns at its end; a body that
// returns anywhere else (a return inside an if) would skip the steps after
// it only on that path, so such a chain is left as it is. What the last
// step returns is what the statement returns, awaits or assigns. The
// handlers of a failure (.catch(h), the second callback of .then) are not
// the path the spec states and are left out, as a try's handlers are for
// the success path; a chain with .finally, or a step given something other
// than a function written in place, is left as it is.
//
// Only a chain that is returned, awaited, or ends its function's body is
// read so: what follows a chain that is neither runs before its callbacks
// (the statements after an if, a loop's next turn, a try's handlers).

// flattenTailChains flattens the promise chains that end a function's
// body through the blocks that end it: the last statement of each branch
// of an if that ends the body, and of a try (without finally) that does.
// Nothing of the function runs after such a chain, as after one that ends
// the body itself:
//
//	try {                                    try {
//	  if (!errors.isEmpty()) return bad(res);   if (!errors.isEmpty()) return bad(res);
//	  else {                                     else {
//	    User.findOne(q).then(user => {...}); ─►   const user = await User.findOne(q); ...
//	  }                                          }
//	} catch (err) { return fail(res, err); }  } catch (err) { ... }
//
// A try with finally runs that block before the chain's callbacks, so it
// is left as it is.
func flattenTailChains(list []facts.Stmt) []facts.Stmt {
	if len(list) == 0 {
		return list
	}
	list = flattenPromiseChains(list, true)
	last := &list[len(list)-1]
	switch {
	case last.Kind == facts.StmtIf:
		last.Body = flattenTailChains(last.Body)
		if e := last.Else(); len(e) > 0 {
			last.SetElse(flattenTailChains(e))
		}
	case last.Kind == facts.StmtTry && len(last.Finally()) == 0 && len(last.Else()) == 0:
		last.Body = flattenTailChains(last.Body)
	}
	return list
}

// flattenPromiseChains rewrites the promise chains of list's statements
// (not those of the lists nested in them: each list is flattened as the
// walker builds it). endsFunc says that list is a function's own body, so
// that a chain ending it is read too; a block nested in the body (a
// branch, a loop's body, a try) is flattened with endsFunc false.
func flattenPromiseChains(list []facts.Stmt, endsFunc bool) []facts.Stmt {
	var out []facts.Stmt
	for i := range list {
		flat, ok := promiseChainStmt(&list[i], endsFunc && i == len(list)-1)
		if !ok {
			if out != nil {
				out = append(out, list[i])
			}
			continue
		}
		if out == nil {
			out = append(make([]facts.Stmt, 0, len(list)+len(flat)), list[:i]...)
		}
		out = append(out, flat...)
	}
	if out == nil {
		return list
	}
	return out
}

// promiseChainStmt is s with its promise chain read as awaits, when s
// returns, awaits, assigns the awaited result of, or (last in its list)
// evaluates one.
func promiseChainStmt(s *facts.Stmt, last bool) ([]facts.Stmt, bool) {
	v := s.Value
	if v == nil {
		return nil, false
	}
	if s.Kind == facts.StmtReturn {
		if body, ok := promiseExecutorBody(v); ok {
			return body, true
		}
	}
	var assignTo *facts.Expr
	switch s.Kind {
	case facts.StmtReturn:
	case facts.StmtExpr:
		if !v.Await() && !last {
			return nil, false
		}
	case facts.StmtAssign:
		if len(s.Targets) != 1 || !v.Await() {
			return nil, false
		}
		assignTo = &s.Targets[0]
	default:
		return nil, false
	}
	base, steps, ok := promiseChain(v)
	if !ok {
		return nil, false
	}
	input := awaited(base)
	var out []facts.Stmt
	for i, cb := range steps {
		out = append(out, bindStepInput(cb, input, s.Line())...)
		body := cb.Body()
		if i == len(steps)-1 && (s.Kind == facts.StmtReturn || s.Kind == facts.StmtExpr && last) {
			// The last step's returns are the statement's; those of a
			// chain that ends the function end its path as the
			// function's own would (nothing runs after them).
			out = append(out, body...)
			return out, true
		}
		var result *facts.Expr
		body, result, ok = splitFinalReturn(body)
		if !ok {
			return nil, false
		}
		out = append(out, body...)
		input = nil
		if result != nil {
			input = awaited(result)
		}
		if input == nil && i+1 < len(steps) && len(steps[i+1].Params) > 0 {
			return nil, false // the next step reads a result this one does not give
		}
	}
	switch {
	case input == nil:
	case assignTo != nil:
		out = append(out, facts.NewStmt(facts.StmtSpec{Kind: facts.StmtAssign, Targets: []facts.Expr{*assignTo}, Value: input, Line: s.Line()}))
	default:
		out = append(out, facts.NewStmt(facts.StmtSpec{Kind: facts.StmtExpr, Value: input, Line: input.Line()}))
	}
	if input == nil && assignTo != nil {
		return nil, false // the name would be left unbound
	}
	return out, true
}

// promiseChain splits e, x.then(f).catch(h).then(g), into the promise it
// starts from (x) and the callbacks of its success path (f, g); ok is
// false when e is no chain, or one this reading leaves alone.
func promiseChain(e *facts.Expr) (*facts.Expr, []*facts.Function, bool) {
	var steps []*facts.Function
	for e.Kind == facts.ExprCall && e.X != nil && e.X.Kind == facts.ExprAttr && e.X.X != nil {
		args := e.Args()
		switch e.X.Name() {
		case "then":
			if len(args) == 0 || args[0].Kind != facts.ExprFunction || args[0].Func() == nil {
				return nil, nil, false
			}
			steps = append(steps, args[0].Func())
		case "catch":
		default:
			if len(steps) == 0 {
				return nil, nil, false
			}
			return e, reversed(steps), true
		}
		e = e.X.X
	}
	if len(steps) == 0 {
		return nil, nil, false
	}
	return e, reversed(steps), true
}

func reversed(fs []*facts.Function) []*facts.Function {
	out := make([]*facts.Function, len(fs))
	for i, f := range fs {
		out[len(fs)-1-i] = f
	}
	return out
}

// awaited is a copy of e, awaited.
func awaited(e *facts.Expr) *facts.Expr {
	c := *e
	c.SetAwait(true)
	return &c
}

// bindStepInput is the statement that hands a step its input: its
// parameter bound to it, or the input evaluated for its effects when the
// step takes none.
func bindStepInput(cb *facts.Function, input *facts.Expr, line int) []facts.Stmt {
	if input == nil {
		return nil
	}
	if len(cb.Params) == 0 {
		return []facts.Stmt{facts.NewStmt(facts.StmtSpec{Kind: facts.StmtExpr, Value: input, Line: line})}
	}
	p := cb.Params[0]
	var target facts.Expr
	switch {
	case p.Name != "":
		target = facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: p.Name, Raw: p.Name, Line: p.Line})
		target.SetResolved(p.Name)
	case p.Pattern != nil:
		target = *p.Pattern
	default:
		return []facts.Stmt{facts.NewStmt(facts.StmtSpec{Kind: facts.StmtExpr, Value: input, Line: line})}
	}
	return []facts.Stmt{facts.NewStmt(facts.StmtSpec{Kind: facts.StmtAssign, Targets: []facts.Expr{target}, Value: input, Line: line})}
}

// splitFinalReturn is body without the return that ends it and the value
// that return gives (nil for none); ok is false when body returns
// anywhere else.
func splitFinalReturn(body []facts.Stmt) ([]facts.Stmt, *facts.Expr, bool) {
	var result *facts.Expr
	if n := len(body); n > 0 && body[n-1].Kind == facts.StmtReturn {
		result = body[n-1].Value
		body = body[:n-1]
	}
	ok := true
	facts.Walk(body, func(s *facts.Stmt) bool {
		if s.Kind == facts.StmtReturn {
			ok = false
		}
		return ok
	})
	return body, result, ok
}

// A promise built by hand reads as the function its executor is. Code that
// wraps callback work in a promise
//
//	return new Promise((resolve, reject) => {     if (!password) throw new Error('no password')
//	  if (!password) throw new Error('no password');  ─►  ...
//	  ...                                         return user
//	  resolve(user);
//	});
//
// answers with what it hands resolve and fails with what it hands reject
// or throws: resolve(x) is `return x` and reject(e) is `throw e`. Only a
// returned promise is read so (its answer is then the function's), and only
// when the executor names resolve and reject nowhere else (a resolve called
// from a nested callback answers later than the body's end, and a body that
// returns a value outside resolve would leave the promise pending there).

// promiseExecutorBody is the body of the executor of v, a `new
// Promise(executor)` written in place, with its resolve and reject calls
// read as return and throw; ok is false when v is no such promise or its
// executor is one this reading leaves alone.
func promiseExecutorBody(v *facts.Expr) ([]facts.Stmt, bool) {
	if v.Kind != facts.ExprCall || v.X == nil || v.X.Kind != facts.ExprName || v.X.Name() != "Promise" {
		return nil, false
	}
	args := v.Args()
	if len(args) != 1 || args[0].Kind != facts.ExprFunction || args[0].Func() == nil {
		return nil, false
	}
	executor := args[0].Func()
	var settle [2]string // resolve, reject
	for i, p := range executor.Params {
		if i >= len(settle) || p.Name == "" {
			return nil, false
		}
		settle[i] = p.Name
	}
	if settle[0] == "" {
		return nil, false
	}
	body := errorFirstTail(executor.Body(), settle[1])
	// settleCall is the resolve (0) or reject (1) call s makes, -1 for
	// none; a return of anything else is a value the promise never
	// answers with.
	settleCall := func(s *facts.Stmt) (int, bool) {
		if s.Kind != facts.StmtExpr && s.Kind != facts.StmtReturn || s.Value == nil {
			return -1, true
		}
		call := s.Value
		if call.Kind == facts.ExprCall && call.X != nil && call.X.Kind == facts.ExprName {
			for i, name := range settle {
				if name != "" && call.X.Name() == name {
					return i, true
				}
			}
		}
		return -1, s.Kind != facts.StmtReturn
	}
	// First read the body without changing it: the rewrite is all or
	// nothing, and the body's nested lists are shared with the executor.
	ok, calls := true, 0
	facts.Walk(body, func(s *facts.Stmt) bool {
		which, fine := settleCall(s)
		ok = ok && fine
		if which >= 0 {
			calls++
		}
		return ok
	})
	if !ok || countNameReads(body, settle[0])+countNameReads(body, settle[1]) != calls {
		return nil, false
	}
	facts.Walk(body, func(s *facts.Stmt) bool {
		which, _ := settleCall(s)
		if which < 0 {
			return true
		}
		var value *facts.Expr
		if args := s.Value.Args(); len(args) > 0 {
			value = &args[0]
		}
		s.Kind, s.Value = facts.StmtReturn, value
		if which == 1 {
			s.Kind = facts.StmtRaise
		}
		return true
	})
	return body, true
}

// A promise built by hand around a call that answers through an
// error-first callback (Node's convention: the callback's first parameter
// is the failure, the second the result) settles from inside that
// callback:
//
//	return new Promise((res, rej) => {                      decoded = await jwt.verify(token, secret)
//	  jwt.verify(token, secret, (error, decoded) => {  ─►   return decoded
//	    if (error) rej(new ApiUnauthorizedException(error.message))
//	    res(decoded)
//	  })
//	})
//
// The callback runs once the call is done, given its result: it reads as
// the call awaited with its result bound to the callback's second
// parameter, followed by the callback's body. The failure branches (an if
// on the error alone that only rejects or throws) are the call's failing,
// which the spec leaves to the call as it leaves a .catch handler; a
// callback that reads the error anywhere else is left as it is.

// errorFirstTail is body with its last statement, a call handing an
// error-first callback, read as the call awaited and the callback's body
// (see above); body itself when it ends otherwise. reject names the
// executor's reject function ("" for none). The result is a new list: body
// and the callback are not changed.
func errorFirstTail(body []facts.Stmt, reject string) []facts.Stmt {
	n := len(body)
	if n == 0 || body[n-1].Kind != facts.StmtExpr || body[n-1].Value == nil {
		return body
	}
	call := body[n-1].Value
	args := call.Args()
	if call.Kind != facts.ExprCall || call.Await() || len(args) == 0 {
		return body
	}
	cb := &args[len(args)-1]
	if cb.Kind != facts.ExprFunction || cb.Func() == nil || len(cb.Func().Params) != 2 {
		return body
	}
	errName, result := cb.Func().Params[0].Name, cb.Func().Params[1].Name
	if errName == "" || result == "" {
		return body
	}
	var rest []facts.Stmt
	for _, s := range cb.Func().Body() {
		if failsOnError(&s, errName, reject) {
			continue
		}
		rest = append(rest, s)
	}
	if countNameReads(rest, errName) > 0 {
		return body
	}
	c := *call
	c.SetArgs(args[:len(args)-1])
	c.SetAwait(true)
	target := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: result, Raw: result, Line: cb.Line()})
	target.SetResolved(result)
	out := make([]facts.Stmt, 0, n+len(rest))
	out = append(out, body[:n-1]...)
	out = append(out, facts.NewStmt(facts.StmtSpec{Kind: facts.StmtAssign, Targets: []facts.Expr{target}, Value: &c, Line: body[n-1].Line()}))
	return append(out, rest...)
}

// failsOnError reports s as `if (err) <fail>` with no else: a test of the
// error parameter alone whose branch only rejects (reject(...)) or throws.
func failsOnError(s *facts.Stmt, errName, reject string) bool {
	if s.Kind != facts.StmtIf || len(s.Else()) > 0 || s.Cond == nil || s.Cond.Kind != facts.ExprName || s.Cond.Name() != errName || len(s.Body) == 0 {
		return false
	}
	for i := range s.Body {
		b := &s.Body[i]
		switch {
		case b.Kind == facts.StmtRaise:
		case (b.Kind == facts.StmtExpr || b.Kind == facts.StmtReturn) && b.Value != nil && b.Value.Kind == facts.ExprCall &&
			reject != "" && b.Value.X != nil && b.Value.X.Kind == facts.ExprName && b.Value.X.Name() == reject:
		default:
			return false
		}
	}
	return true
}

// countNameReads is how many times body, or a function written in it,
// reads name ("" is never read).
func countNameReads(body []facts.Stmt, name string) int {
	if name == "" {
		return 0
	}
	n := 0
	var reads func(e *facts.Expr) bool
	reads = func(e *facts.Expr) bool {
		if e.Kind == facts.ExprName && e.Name() == name {
			n++
		}
		if e.Kind == facts.ExprFunction && e.Func() != nil {
			n += countNameReads(e.Func().Body(), name)
		}
		return false // visit every expression
	}
	facts.Walk(body, func(s *facts.Stmt) bool {
		s.Value.Any(reads)
		s.Cond.Any(reads)
		s.Iter().Any(reads)
		for i := range s.Targets {
			s.Targets[i].Any(reads)
		}
		if f := s.Func(); f != nil {
			n += countNameReads(f.Body(), name)
		}
		return true
	})
	return n
}
