package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// A collection of the service's own objects, built in one place and run
// one by one in another (flaskbb's validators, gathered from plugin hooks):
//
//	@impl
//	def flaskbb_gather_registration_validators():
//	    return [EmailUniquenessValidator(User), UsernameValidator(reqs)]
//	...
//	for v in chain.from_iterable(self.plugins.hook.flaskbb_gather_registration_validators()):
//	    v(user_info)
//
// The list is a vItems value that holds each object; the catalog's
// items_calls (list(x), chain.from_iterable(x)) give back the same
// objects, and a loop over it runs its body once per object, as over a
// literal list (unrollLiteralLoop). Calling an object runs the catalog's
// call_methods (__call__); calling a lambda runs its body, which reads the
// variables around it:
//
//	accumulate_errors(lambda v: v.validate(model, changeset), self.validators)

// itemsOf is the value of a list or tuple literal whose elements are all
// objects of the service, or nil.
func (rc *ruleCtx) itemsOf(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	if len(e.Args()) == 0 || len(e.Args()) > maxUnroll {
		return nil
	}
	// Only constructions of the service's classes are looked at: any
	// other list is worked out once, by its caller.
	for i := range e.Args() {
		if a := &e.Args()[i]; a.Kind != facts.ExprCall || rc.b.ix.class(sc.file, a) == nil {
			return nil
		}
	}
	items := make([]*value, 0, len(e.Args()))
	for i := range e.Args() {
		v := rc.eval(&e.Args()[i], sc, out, false)
		if v.kind != vObject {
			return nil
		}
		items = append(items, v)
	}
	return &value{kind: vItems, items: items}
}

// itemsCall is the value of an items call (list(x), chain.from_iterable(x))
// on a collection of known values: the same values, nested collections in
// line; nil for any other call.
func (rc *ruleCtx) itemsCall(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	if len(e.Args()) != 1 || len(e.Keywords()) > 0 || !catalog.MatchAny(rc.b.lang.ItemsCalls, e.Resolved(), e.Raw()) {
		return nil
	}
	v := rc.eval(&e.Args()[0], sc, out, false)
	if v.kind != vItems {
		return nil
	}
	var items []*value
	for _, it := range v.items {
		if it.kind == vItems {
			items = append(items, it.items...)
		} else {
			items = append(items, it)
		}
	}
	if len(items) > maxUnroll {
		return nil
	}
	return &value{kind: vItems, items: items}
}

// unrollItems runs the body of a loop over a collection of known values
// once per value, each in a scope of its own; false when s is no such
// loop.
func (rc *ruleCtx) unrollItems(s *facts.Stmt, it *value, sc *scope, out *[]allium.Stmt) bool {
	if it.kind != vItems || len(s.Else()) > 0 || jumps(s.Body) {
		return false
	}
	name := s.Targets[0].Name()
	for _, item := range it.items {
		each := *sc
		each.vars = cloneVars(sc.vars)
		each.vars[name] = item
		rc.stmts(s.Body, &each, out)
	}
	return true
}

// callValue runs what calling the value a name holds does: a function
// of the service kept as a value (a lambda, whose body reads the
// variables around it), or an object's __call__; nil when the name holds
// neither.
func (rc *ruleCtx) callValue(e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	if e.X == nil || e.X.Kind != facts.ExprName {
		return nil
	}
	v := sc.vars[e.X.Name()]
	switch {
	case v == nil:
		return nil
	case v.kind == vFunc && v.fn != nil && v.fn.closure != nil:
		// A lambda only passes its arguments on: like a hook relay, it
		// adds no depth.
		relay := *sc
		relay.depth = max(0, sc.depth-1)
		return rc.inline(v.fn, nil, e, &relay, out)
	case v.kind == vFunc && v.fn != nil:
		return rc.inline(v.fn, nil, e, sc, out)
	case v.kind == vObject && v.repo != nil:
		for _, m := range rc.b.lang.CallMethods {
			if fr := rc.b.ix.method(v.repo, m); fr != nil {
				return rc.inline(fr, v, e, sc, out)
			}
		}
	}
	return nil
}
