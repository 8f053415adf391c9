package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// sentinelKeyRead reads a helper that answers a marker object when the
// request's data lacks a key and the key's value otherwise:
//
//	_NOT_PROVIDED = object()
//	def read(data, key):
//	    if key not in data:
//	        return Cls._NOT_PROVIDED
//	    try:
//	        return BooleanField().to_internal_value(data.get(key))
//	    except ValidationError:
//	        return Cls._NOT_PROVIDED
//
// paperless's UserViewSet._parse_requested_bool (paperless/views.py:
// 134-142), which update (:171-192) and create (:144-158) test against
// the marker before refusing a non-superuser who changes is_superuser or
// is_staff. The call is the input under that key, which the marker
// stands in for when the request leaves it out (markedAbsent); an
// `except` that answers the marker too is a value the serializer's own
// field would refuse (the view's comment says so, :140), so only the
// absent key gives it to a request that goes on. nil for any other
// helper, or a call whose data is not the request's input or whose key is
// not a literal.
func (rc *ruleCtx) sentinelKeyRead(fr *funcRef, inner *scope) *value {
	body := fr.fn.Body()
	if len(body) != 2 || len(fr.fn.Params) < 2 {
		return nil
	}
	first := &body[0]
	if first.Kind != facts.StmtIf || len(first.Else()) > 0 || len(first.Body) != 1 || first.Body[0].Kind != facts.StmtReturn {
		return nil
	}
	c := first.Cond
	if c == nil || c.Kind != facts.ExprCompare || c.Op() != "not in" || c.X == nil || c.Y == nil || c.X.Kind != facts.ExprName || c.Y.Kind != facts.ExprName {
		return nil
	}
	keyName, dataName := c.X.Name(), c.Y.Name()
	mark := first.Body[0].Value
	if !rc.b.markerObject(fr.file, mark) {
		return nil
	}
	var ret *facts.Stmt
	switch rest := &body[1]; rest.Kind {
	case facts.StmtReturn:
		ret = rest
	case facts.StmtTry:
		if len(rest.Body) != 1 || rest.Body[0].Kind != facts.StmtReturn || len(rest.Else()) > 0 || len(rest.Finally()) > 0 || len(rest.Handlers()) == 0 {
			return nil
		}
		for _, h := range rest.Handlers() {
			if len(h.Body) != 1 || h.Body[0].Kind != facts.StmtReturn || !sameMarker(h.Body[0].Value, mark) {
				return nil
			}
		}
		ret = &rest.Body[0]
	default:
		return nil
	}
	r := ret.Value
	if r != nil && r.Kind == facts.ExprCall && slices.Contains(rc.b.lang.FieldConversions, r.Method()) && len(r.Args()) == 1 && len(r.Keywords()) == 0 {
		// A framework field's conversion of the value, as the
		// serializer's field of that name converts it.
		r = &r.Args()[0]
	}
	if !keyRead(r, dataName, keyName) {
		return nil
	}
	d, k := inner.vars[dataName], inner.vars[keyName]
	if d == nil || k == nil || d.kind != vReqDict || k.kind != vExpr {
		return nil
	}
	lit, ok := k.expr.(*allium.Lit)
	if !ok || lit.Kind != allium.LitString || !isSnake(lit.Text) {
		return nil
	}
	v := rc.shapeInput(d, lit.Text, inner)
	if v.kind != vParam {
		return nil
	}
	marked := *v
	marked.markedAbsent = mark.Name()
	return &marked
}

// keyRead reports e a read of the key named key from the dict named
// data: data.get(key) or data[key].
func keyRead(e *facts.Expr, data, key string) bool {
	if e == nil {
		return false
	}
	var d, k *facts.Expr
	switch {
	case e.Kind == facts.ExprSubscript:
		d, k = e.X, e.Y
	case e.Kind == facts.ExprCall && e.Method() == "get" && len(e.Args()) == 1 && len(e.Keywords()) == 0 && e.X != nil:
		d, k = e.X.X, &e.Args()[0]
	}
	return d != nil && k != nil && d.Kind == facts.ExprName && d.Name() == data && k.Kind == facts.ExprName && k.Name() == key
}

// sameMarker reports two reads of one class's marker attribute by name.
func sameMarker(a, b *facts.Expr) bool {
	return a != nil && b != nil && a.Kind == facts.ExprAttr && b.Kind == facts.ExprAttr && a.Name() == b.Name() && a.Raw() == b.Raw()
}

// markerObject reports e a class attribute read through its class
// (UserViewSet._BOOL_NOT_PROVIDED) whose class sets it to a bare object(),
// a value nothing else is identical to.
func (b *builder) markerObject(f *facts.File, e *facts.Expr) bool {
	if e == nil || e.Kind != facts.ExprAttr || e.X == nil {
		return false
	}
	cr := b.ix.class(f, e.X)
	if cr == nil {
		return false
	}
	v, _ := b.classField(cr, e.Name())
	return v != nil && v.Kind == facts.ExprCall && len(v.Args()) == 0 && len(v.Keywords()) == 0 && v.X != nil && v.X.Kind == facts.ExprName && v.X.Name() == "object"
}

// markerTest reads `x is MARK` / `x is not MARK` (or == / !=), x an
// input a helper answered the marker for when the request left it out
// (sentinelKeyRead), MARK that marker read through self or its class:
// whether the request left the input out, `x = null` (x != null for the
// negation). nil for anything else.
func (rc *ruleCtx) markerTest(e *facts.Expr, sc *scope, out *[]allium.Stmt) allium.Expr {
	if e.Y != nil && e.Y.Kind == facts.ExprBool && (e.Op() == "is" || e.Op() == "==") && e.X != nil && e.X.Kind == facts.ExprName {
		// requested is True (paperless/views.py:152): the input given
		// and true. The marker is neither True nor False; `is not True`
		// would hold of it, and is not read here.
		if v := sc.vars[e.X.Name()]; v != nil && v.kind == vParam && v.markedAbsent != "" {
			if x := rc.valueExpr(v); x != nil {
				// Stated with its presence, so that the guard's negation
				// says the input may be left out (x = null or x != true)
				// whatever a comparison with null gives.
				given := &allium.Binary{Op: allium.OpNe, X: x, Y: &allium.Lit{Kind: allium.LitNull, Text: "null"}}
				return &allium.Binary{Op: allium.OpAnd, X: given, Y: &allium.Binary{Op: allium.OpEq, X: x, Y: &allium.Lit{Kind: allium.LitBool, Text: e.Y.Value()}}}
			}
		}
		return nil
	}
	var pos bool
	switch e.Op() {
	case "is", "==":
	case "is not", "!=":
		pos = true
	default:
		return nil
	}
	for _, side := range [2][2]*facts.Expr{{e.X, e.Y}, {e.Y, e.X}} {
		in, m := side[0], side[1]
		if m == nil || m.Kind != facts.ExprAttr || m.X == nil || in == nil || in.Kind != facts.ExprName {
			continue
		}
		v := sc.vars[in.Name()]
		if v == nil || v.kind != vParam || v.markedAbsent == "" || v.markedAbsent != m.Name() {
			continue
		}
		if !(m.X.Kind == facts.ExprName && (m.X.Name() == "self" || m.X.Name() == "cls") || rc.b.markerObject(sc.file, m)) {
			continue
		}
		x := rc.valueExpr(v)
		if x == nil {
			return nil
		}
		op := allium.OpEq
		if pos {
			op = allium.OpNe
		}
		return &allium.Binary{Op: op, X: x, Y: &allium.Lit{Kind: allium.LitNull, Text: "null"}}
	}
	return nil
}
