package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// A quantifier tests a condition of the items of a collection: Python's
// any(c.isdigit() for c in v) and all(p in perms for p in wanted), given
// a comprehension; TypeScript's xs.some(x => x.active) and xs.every(...),
// given a function of one parameter. Both read as one quantified form
// (which catalogued call, its loop variable, the collection, the
// condition, and the comprehension's own conditions), written
//
//	xs.any(x => cond)   xs.all(x => cond)
//
// with the loop variable as the lambda's parameter. Over the characters
// of a text, with a catalogued character-class test as the condition,
// it is a named black-box function instead (has_digit(v)): a text is no
// collection, and .any() is Allium's for collections. Anything else is
// read as before (the builtin any(...) as an unknown call, so the guard
// that reads it is left out with its note).

// quantified is one quantifier call read from the code.
type quantified struct {
	all     bool   // all/every, else any/some
	loopVar string // the loop target or the function's parameter
	iter    *facts.Expr
	pred    *facts.Expr
	conds   []facts.Expr // a comprehension's if conditions
}

// readQuantifier reads e as a catalogued quantifier call; ok is false for
// any other expression.
func (rc *ruleCtx) readQuantifier(e *facts.Expr, method string, sc *scope) (q quantified, ok bool) {
	qs := rc.b.lang.Quantifiers
	if e == nil || e.Kind != facts.ExprCall || len(qs) == 0 || len(e.Args()) != 1 || len(e.Keywords()) != 0 {
		return q, false
	}
	arg := &e.Args()[0]
	switch {
	case method == "" && arg.Kind == facts.ExprComprehension:
		// any(<comprehension>): the builtin, not a function of the
		// service that happens to share its name.
		kind, known := qs[e.Raw()]
		if !known || e.X == nil || e.X.Kind != facts.ExprName || rc.b.ix.function(sc.file, e.X) != nil {
			return q, false
		}
		elt, target, iter, conds, parts := arg.Comprehension()
		if !parts || target.Kind != facts.ExprName {
			return q, false
		}
		return quantified{all: kind == "all", loopVar: target.Name(), iter: iter, pred: elt, conds: conds}, true
	case method != "" && arg.Kind == facts.ExprFunction:
		// xs.some(x => cond): a function of one plain parameter whose
		// body is the one return of the condition.
		kind, known := qs[method]
		fn := arg.Func()
		if !known || fn == nil || len(fn.Params) != 1 || fn.Params[0].Name == "" || len(fn.Body()) != 1 {
			return q, false
		}
		ret := &fn.Body()[0]
		if ret.Kind != facts.StmtReturn || ret.Value == nil {
			return q, false
		}
		return quantified{all: kind == "all", loopVar: fn.Params[0].Name, iter: e.X.X, pred: ret.Value}, true
	}
	return q, false
}

// quantifierCall is the value of a quantifier call, nil when e is none or
// the spec cannot state it: the call then goes the way of any other (an
// fp-ts O.some(f) handed a function is no quantifier, and its readings
// stay as they were).
func (rc *ruleCtx) quantifierCall(e *facts.Expr, method string, sc *scope, out *[]allium.Stmt) *value {
	q, ok := rc.readQuantifier(e, method, sc)
	if !ok {
		return nil
	}
	if x := rc.charTest(q, sc, out); x != nil {
		return exprValue(x)
	}
	if x := rc.quantifiedCollection(q, sc, out); x != nil {
		return exprValue(x)
	}
	return nil
}

// charTest is has_digit(v) for any(c.isdigit() for c in v): a catalogued
// character-class test of the loop variable itself, with no other
// condition, over a value that is no collection the walk knows of (rows
// of a query, a list of service objects: of those, each item would be a
// whole text, and the test would say every character of it).
func (rc *ruleCtx) charTest(q quantified, sc *scope, out *[]allium.Stmt) allium.Expr {
	p := q.pred
	if len(q.conds) != 0 || p.Kind != facts.ExprCall || len(p.Args()) != 0 || len(p.Keywords()) != 0 {
		return nil
	}
	m := p.Method()
	if m == "" || p.X.X == nil || p.X.X.Kind != facts.ExprName || p.X.X.Name() != q.loopVar {
		return nil
	}
	ct, known := rc.b.lang.CharTests[m]
	if !known {
		return nil
	}
	it := rc.eval(q.iter, sc, out, false)
	if it.kind != vExpr && it.kind != vParam {
		return nil
	}
	switch it.expr.(type) {
	case *allium.SetLit, *allium.ListLit:
		return nil // a literal list of texts
	}
	x := rc.valueExpr(it)
	if x == nil {
		return nil
	}
	name := ct.Any
	if q.all {
		name = ct.All
	}
	return &allium.Call{Fun: &allium.Ident{Name: name}, Args: []allium.Arg{{Value: x}}}
}

// quantifiedCollection is xs.any(x => cond) for any(cond for x in xs) over
// a collection the spec can name (a relationship, a config list, an
// input), with the loop variable standing for an item while cond is
// translated; a comprehension's own conditions narrow the items (and for
// any, implies for all). nil when the collection or the condition does
// not translate, or the condition does not read the item.
func (rc *ruleCtx) quantifiedCollection(q quantified, sc *scope, out *[]allium.Stmt) allium.Expr {
	if !q.pred.Any(func(x *facts.Expr) bool { return x.Kind == facts.ExprName && x.Name() == q.loopVar }) {
		return nil
	}
	it := rc.eval(q.iter, sc, out, false)
	if it.kind != vExpr && it.kind != vParam && it.kind != vEntity {
		return nil
	}
	saved, had := sc.vars[q.loopVar]
	sc.vars[q.loopVar] = exprValue(&allium.Ident{Name: q.loopVar})
	defer func() {
		if had {
			sc.vars[q.loopVar] = saved
		} else {
			delete(sc.vars, q.loopVar)
		}
	}()
	// A condition that needs a statement of its own (a let of a lookup
	// by the item) cannot be stated inside the lambda: refused below.
	var scratch []allium.Stmt
	cond := rc.cond(q.pred, sc, &scratch)
	if cond == nil {
		return nil
	}
	var narrow allium.Expr
	for i := range q.conds {
		c := rc.cond(&q.conds[i], sc, &scratch)
		if c == nil {
			return nil
		}
		if narrow == nil {
			narrow = c
		} else {
			narrow = &allium.Binary{Op: allium.OpAnd, X: narrow, Y: c}
		}
	}
	// The collection's expression last: an input named in it becomes a
	// trigger parameter, which only a stated quantifier may add.
	if len(scratch) != 0 {
		return nil
	}
	xs := rc.valueExpr(it)
	if xs == nil {
		return nil
	}
	name := "any"
	if narrow != nil {
		if q.all {
			cond = &allium.Binary{Op: allium.OpImplies, X: narrow, Y: cond}
		} else {
			cond = &allium.Binary{Op: allium.OpAnd, X: narrow, Y: cond}
		}
	}
	if q.all {
		name = "all"
	}
	return &allium.Call{Fun: &allium.Member{X: xs, Name: name}, Args: []allium.Arg{{Value: &allium.Lambda{Param: q.loopVar, Body: cond}}}}
}
