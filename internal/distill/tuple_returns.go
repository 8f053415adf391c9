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
	"slices"

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
		if a.Kind == facts.ExprBool {
			// return check, True: the flag beside the row
			// (healthchecks' _get_check_for_user, hc/front/views.py:130-134).
			elems = append(elems, exprValue(&allium.Lit{Kind: allium.LitBool, Text: a.Value()}))
			continue
		}
		if a.Kind == facts.ExprAttr && a.X != nil && a.X.Kind == facts.ExprName {
			// return check, membership.is_rw: a field of a row the helper
			// holds, read as the walk reads it (no call is made again).
			if ev := rc.eval(a, sc, nil, false); ev != nil && ev.kind == vExpr && ev.expr != nil {
				// A row the helper looked up in a branch (the membership
				// of get_object_or_404(Member, ...) after the returns for
				// the superuser and the owner) is gone where the caller
				// tests the flag: written as its lookup, which must find
				// a row (flagOutOfBranch).
				letName := a.X.Name()
				if rv := sc.vars[letName]; rv != nil {
					if id, isID := rv.expr.(*allium.Ident); isID {
						letName = id.Name // membership_4, when another let took the name
					}
				}
				if j := rc.branchJoins[letName]; j != nil {
					x, ok := flagOutOfBranch(ev.expr, []allium.Stmt{&allium.Let{Name: letName, Value: j}})
					if !ok {
						elems = append(elems, unknownValue)
						continue
					}
					ev = exprValue(x)
				}
				elems = append(elems, ev)
				continue
			}
			elems = append(elems, unknownValue)
			continue
		}
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

// returnedUnder is v, a tuple a helper returns (tupleElems), marked with
// the conditions it is returned under in sc: every path at the helper's
// top level, else the branch's conditions (nil when they are unread).
func returnedUnder(v *value, sc *scope) *value {
	if v == nil || len(v.elems) == 0 {
		return v
	}
	c := *v
	switch {
	case sc.top:
		c.retUnder = alwaysTrue
	default:
		c.retUnder = sc.under
	}
	return &c
}

// mergeTuples is the tuple a helper returns on either of two paths, a
// and b, each returned under its conditions (returnedUnder): an element
// the same on every return (the row, `check`) is that element, and a
// Boolean element (True on one, membership.is_rw on another) holds when
// some return's conditions and its value hold. healthchecks'
// _get_check_for_user (hc/front/views.py:111-136) returns (check, True)
// for a superuser and for the project's owner, and (check,
// membership.is_rw) else; its callers raise PermissionDenied unless the
// flag holds (views.py:140-142). The returns are alternatives (each ends
// the helper), so the flag is the or of each return's. nil when the
// counts differ or a return's conditions are unread; an element that
// differs and is no Boolean is unknown.
func mergeTuples(a, b *value) *value {
	if a == nil || b == nil || len(a.elems) < 2 || len(a.elems) != len(b.elems) || a.retUnder == nil || b.retUnder == nil {
		return nil
	}
	var parts []*value
	for _, x := range [][]*value{tupleParts(a), tupleParts(b)} {
		for _, p := range x {
			if !slices.Contains(parts, p) {
				parts = append(parts, p)
			}
		}
	}
	if len(parts) == 1 {
		return parts[0]
	}
	m := *parts[0]
	m.retParts = parts
	m.elems = make([]*value, len(a.elems))
	for i := range m.elems {
		m.elems[i] = mergedElem(parts, i)
	}
	m.retUnder = nil
	for _, p := range parts {
		if m.retUnder == nil {
			m.retUnder = p.retUnder
		} else {
			m.retUnder = orElse(m.retUnder, p.retUnder)
		}
	}
	return &m
}

func tupleParts(v *value) []*value {
	if len(v.retParts) > 0 {
		return v.retParts
	}
	return []*value{v}
}

// mergedElem is element i of the returns parts stand for: the one value
// all give, or a Boolean that holds when some return's does under its
// conditions; unknown otherwise.
func mergedElem(parts []*value, i int) *value {
	first := parts[0].elems[i]
	same, boolean := true, false
	for _, p := range parts {
		x := p.elems[i]
		if x.kind == vExpr && x.expr != nil {
			if _, ok := boolLit(x.expr); ok {
				boolean = true
			}
		}
		if !(x == first || sameValue(x, first) || sameRow(x, first)) {
			same = false
		}
	}
	if same && !boolean {
		return first
	}
	var flag allium.Expr
	for _, p := range parts {
		x := p.elems[i]
		if x.kind != vExpr || x.expr == nil {
			return unknownValue
		}
		f := underAnd(p.retUnder, x.expr)
		if flag == nil {
			flag = f
		} else {
			flag = orElse(flag, f)
		}
	}
	if !boolean && !same {
		return unknownValue
	}
	return exprValue(flag)
}

// sameRow reports two values that are one row under one name.
func sameRow(x, y *value) bool {
	return x.kind == vEntity && y.kind == vEntity && x.ent == y.ent && x.expr != nil && y.expr != nil && exprKey(x.expr) == exprKey(y.expr)
}

// underAnd is f where the conditions under hold: f itself at the top
// level, under alone when f is true.
func underAnd(under, f allium.Expr) allium.Expr {
	if under == alwaysTrue || under == nil {
		return f
	}
	if b, ok := boolLit(f); ok {
		if b {
			return under
		}
		return f
	}
	return &allium.Binary{Op: allium.OpAnd, X: under, Y: f}
}

// orElse is x or y, where y's conjuncts that deny a disjunct of x are
// dropped: y is reached only when that disjunct fails (superuser or
// (not superuser and owner) is superuser or owner).
func orElse(x, y allium.Expr) allium.Expr {
	if x == alwaysTrue || y == alwaysTrue {
		return alwaysTrue
	}
	if b, ok := boolLit(x); ok && !b {
		return y
	}
	if b, ok := boolLit(y); ok && !b {
		return x
	}
	denied := map[string]bool{}
	for _, d := range orTerms(x) {
		denied[exprKey(negate(d))] = true
	}
	var kept []allium.Expr
	for _, c := range andTerms(y) {
		if !denied[exprKey(c)] {
			kept = append(kept, c)
		}
	}
	if len(kept) == 0 {
		return alwaysTrue
	}
	ny := kept[0]
	for _, c := range kept[1:] {
		ny = &allium.Binary{Op: allium.OpAnd, X: ny, Y: c}
	}
	return &allium.Binary{Op: allium.OpOr, X: x, Y: ny}
}
