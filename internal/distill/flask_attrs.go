package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// factoryInstance is the instance of a view class declared with attrs or
// dataclasses whose attributes come from factories (`form =
// attr.ib(factory=change_password_form_factory)`): each such attribute
// holds what its factory returns. It is nil when the class has none.
func (rc *ruleCtx) factoryInstance(cr *classRef) *value {
	b := rc.b
	l := b.lang
	if len(l.FieldFactories) == 0 {
		return nil
	}
	var obj *value
	seen := map[*facts.Class]bool{}
	for queue := []*classRef{cr}; len(queue) > 0; queue = queue[1:] {
		c := queue[0]
		if c == nil || seen[c.class] || len(seen) > 16 {
			continue
		}
		seen[c.class] = true
		for i := range c.class.Fields {
			f := &c.class.Fields[i]
			v := f.Value
			if v == nil || v.Kind != facts.ExprCall || !catalog.MatchAny(l.FieldFactories, v.Resolved(), v.Raw()) {
				continue
			}
			var fac *facts.Expr
			for _, k := range l.FieldFactoryKeywords {
				if fac = v.Keyword(k); fac != nil {
					break
				}
			}
			if fac == nil || (fac.Kind != facts.ExprName && fac.Kind != facts.ExprAttr) {
				continue
			}
			if obj == nil {
				obj = &value{kind: vObject, repo: cr, attrs: map[string]*value{}}
			}
			if _, done := obj.attrs[f.Name]; done {
				continue // a subclass's own declaration wins
			}
			call := new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprCall, X: fac, Raw: fac.Raw(), Line: f.Line}).WithResolved(fac.Resolved()))
			obj.attrs[f.Name] = rc.evalCall(call, &scope{file: c.file, vars: map[string]*value{}}, &rc.ensures, false)
		}
		for i := range c.class.Bases {
			queue = append(queue, b.ix.class(c.file, &c.class.Bases[i]))
		}
	}
	return obj
}

// fieldsObject is the instance a class declared with attrs or dataclasses
// field factories makes (`validators = attr.ib(factory=list)`, no
// __init__ of its own) when it has methods of the service: a service
// object whose attributes are the arguments given, by position in the
// order of the fields or by name (DefaultPasswordUpdateHandler(db, pluggy,
// validators)). nil for any other class.
func (rc *ruleCtx) fieldsObject(cr *classRef, e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	l := rc.b.lang
	if len(l.FieldFactories) == 0 || len(cr.class.Methods) == 0 || rc.b.ix.method(cr, "__init__") != nil {
		return nil
	}
	var fields []string
	for i := range cr.class.Fields {
		f := &cr.class.Fields[i]
		if v := f.Value; v != nil && v.Kind == facts.ExprCall && catalog.MatchAny(l.FieldFactories, v.Resolved(), v.Raw()) {
			fields = append(fields, f.Name)
		}
	}
	if len(fields) == 0 || len(e.Args()) > len(fields) {
		return nil
	}
	obj := &value{kind: vObject, repo: cr, attrs: map[string]*value{}}
	for i := range e.Args() {
		if e.Args()[i].Kind == facts.ExprStarred {
			return nil
		}
		obj.attrs[fields[i]] = rc.eval(&e.Args()[i], sc, out, false)
	}
	for _, kw := range e.Keywords() {
		if kw.Name == "**" {
			return nil
		}
		obj.attrs[kw.Name] = rc.eval(&kw.Value, sc, out, false)
	}
	return obj
}

// shapeMethod runs a method the service defines on a form or other
// request shape (`form.as_change()` building a change set from the
// fields): its self is the shape, so the fields it reads are the
// request's inputs. Methods the shape's library gives (validate_on_submit)
// are not the service's and stay plumbing. It returns nil when the call
// is no such method.
func (rc *ruleCtx) shapeMethod(e *facts.Expr, method string, recv *value, sc *scope, out *[]allium.Stmt) *value {
	if method == "" || recv == nil || recv.kind != vShape || recv.shape == nil {
		return nil
	}
	if catalog.Match(rc.b.lang.ValidationCalls, method) || hasAnyPrefix(method, rc.b.lang.ValidatorPrefixes) {
		return nil
	}
	fr := rc.b.ix.method(recv.shape, method)
	if fr == nil || fr.fn.Name == "__init__" {
		return nil
	}
	return rc.inline(fr, recv, e, sc, out)
}

func hasAnyPrefix(s string, prefixes []string) bool {
	for _, p := range prefixes {
		if len(s) >= len(p) && s[:len(p)] == p {
			return true
		}
	}
	return false
}
