package distill

// A helper of the service may hand back more than one value, and its
// caller unpack them (polar's email_update/endpoints.py:30 and
// service.py:67):
//
//	email_update_record, token = await email_update_service.request_email_update(...)
//	...
//	    return email_update_record, token
//
// The record the helper created is then the caller's email_update_record:
// what the caller does with it (mails its address) reads the creation.
// Only a tuple of names is kept, each the value its local or parameter
// holds where the helper returns (unknown when the walk bound none); any other tuple, and a caller that
// unpacks a different count, leave the caller's names unknown as before.

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// tupleElems is v, the value of a returned expression e, carrying the
// values of e's elements when e is a tuple of names the scope holds;
// v itself otherwise. v is not changed.
func (rc *ruleCtx) tupleElems(e *facts.Expr, v *value, sc *scope) *value {
	if e == nil || e.Kind != facts.ExprTuple || len(e.Args()) < 2 || v == nil {
		return v
	}
	elems := make([]*value, 0, len(e.Args()))
	for i := range e.Args() {
		a := &e.Args()[i]
		if a.Kind != facts.ExprName {
			return v
		}
		ev := sc.vars[a.Name()]
		if ev == nil || emptyContainer(ev) {
			// A name the walk did not bind, or one bound to an empty
			// list or dict the helper may have filled since (saleor's
			// fetch_checkout_lines appends to lines_info = [] in a loop
			// and returns it, checkout/fetch.py:203-280): unknown to the
			// caller too.
			ev = unknownValue
		}
		elems = append(elems, ev)
	}
	c := *v
	c.elems = elems
	return &c
}

// unpackTuple binds the names of a tuple target t to the values a
// helper returned as a tuple of as many (tupleElems); targets that are
// no plain name, and a value of another count, bind nothing. before is
// the count of the rule's parameters before the value was read.
func (rc *ruleCtx) unpackTuple(t *facts.Expr, v *facts.Expr, val *value, before int, sc *scope, out *[]allium.Stmt, line int) {
	known := val != nil && len(val.elems) == len(t.Args())
	for i := range t.Args() {
		tg := &t.Args()[i]
		switch {
		case tg.Kind == facts.ExprAttr:
			var elem *value
			if known {
				elem = val.elems[i]
			}
			rc.keepUnpackedAttr(tg, elem, sc, out, line)
		case tg.Kind != facts.ExprName || tg.Name() == "_":
		case known:
			rc.bindLocal(tg.Name(), val.elems[i], before, sc, out, line)
		case !mentionsExpr(v, tg.Name()):
			// voucher, code = get_voucher_for_checkout(checkout) of a
			// call the walk cannot read: whatever the names held before
			// (a parameter's None, saleor's checkout/fetch.py:343-357)
			// they hold no more. A name the call is handed (order, _ =
			// fetch_order_prices_if_expired(order, ...)) is the object
			// it gave back, as it was.
			sc.vars[tg.Name()] = unknownValue
		}
	}
}

// emptyContainer reports a value that is an empty list, set or dict
// literal as bound, which appends and item writes the walk does not carry
// may have filled.
func emptyContainer(v *value) bool {
	switch x := v.expr.(type) {
	case *allium.ListLit:
		return len(x.Elems) == 0
	case *allium.SetLit:
		return len(x.Elems) == 0
	case *allium.ObjectLit:
		return len(x.Fields) == 0
	}
	return false
}

// keepUnpackedAttr keeps on the object that holds them an element of a
// tuple unpacked into an attribute, as `obj.name = value` would: a
// class-based view's self (django-allauth's SignupView.form_valid,
// account/views.py:157, `self.user, resp = form.try_save(self.request)`,
// then complete_signup(user=self.user), :162-167) or a service object.
// An element that is not known (nil) makes what the attribute held unknown:
// the attribute no longer holds what was kept on it before. Other objects
// keep nothing, as before.
func (rc *ruleCtx) keepUnpackedAttr(t *facts.Expr, elem *value, sc *scope, out *[]allium.Stmt, line int) {
	if t.X == nil {
		return
	}
	obj := rc.eval(t.X, sc, out, false)
	viewSelf := obj.kind == vPlumbing && obj.param == "" && sc.cls != nil && rc.b.isSelf(t.X)
	if !viewSelf && obj.kind != vObject {
		return
	}
	if elem == nil {
		if obj.attrs[t.Name()] != nil {
			obj.attrs[t.Name()] = unknownValue
		}
		return
	}
	if elem.kind == vLookup {
		if viewSelf && sc.top {
			elem = rc.bindLookup(t.Name(), elem, sc, out, line)
		} else {
			elem = unknownValue // bound below the top level: not readable where kept
		}
	}
	if obj.attrs == nil {
		obj.attrs = map[string]*value{}
	}
	obj.attrs[t.Name()] = elem
}
