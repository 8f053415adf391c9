package distill

import (
	"github.com/distill/distill/internal/facts"
)

// shapeClassDefault is the value of a handler parameter whose default is
// a request-shape class of the service (a form): Pyramid hands a view
// only the request, so the parameter keeps its default, and a view that
// takes its form class as a parameter (def register(request,
// _form_class=RegistrationForm), so that tests can swap it) builds that
// class. nil for any other parameter.
func (b *builder) shapeClassDefault(f *facts.File, p *facts.Param) *value {
	d := p.Default
	if d == nil || (d.Kind != facts.ExprName && d.Kind != facts.ExprAttr) {
		return nil
	}
	cr := b.ix.class(f, d)
	if cr == nil || b.shapes[cr.qual()] == nil {
		return nil
	}
	return &value{kind: vPlumbing, classDefault: d}
}

// classDefaultCall is the call e made to the class a parameter defaults
// to (see shapeClassDefault) when e calls such a parameter by name: the
// same arguments given to the class itself. nil for any other call.
func classDefaultCall(e *facts.Expr, sc *scope) *facts.Expr {
	if e.Kind != facts.ExprCall || e.X == nil || e.X.Kind != facts.ExprName {
		return nil
	}
	v := sc.vars[e.X.Name()]
	if v == nil || v.classDefault == nil {
		return nil
	}
	return callOfClass(v.classDefault, e)
}

// viewClassCall is self.<attr>(...) in a method of the handler's view or
// of a base of it, attr a class attribute naming a request shape
// (self.input_class(data=data), self.form_class(request.POST)): the call
// makes that shape, as a local bound to the attribute does
// (classDefaultCall). nil for any other call.
func (rc *ruleCtx) viewClassCall(e *facts.Expr, sc *scope) *facts.Expr {
	if e.Kind != facts.ExprCall || e.X == nil || e.X.Kind != facts.ExprAttr || !rc.b.isSelf(e.X.X) {
		return nil
	}
	v := rc.viewClassShape(e.X.Name(), sc)
	if v == nil || v.classDefault == nil {
		return nil
	}
	return callOfClass(v.classDefault, e)
}

// callOfClass is the call e made to the class d names instead, with e's
// arguments.
func callOfClass(d, e *facts.Expr) *facts.Expr {
	x := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprCall, X: d, Raw: d.Raw(), Args: e.Args(), Line: e.Line(), Await: e.Await()})
	x.SetKeywords(e.Keywords())
	return new(x.WithResolved(d.Resolved()))
}

// shapeClassArg is the value of a request shape's class handed to a
// function as an argument (validate_data(ResetPasswordSerializer,
// request.data), baserow's api/utils.py:170-205, or a decorator
// factory's serializer_class): the helper's serializer_class(data=data)
// then makes that shape, as a parameter defaulting to the class does.
// The class is named by its qualified name, so the helper's module
// finds it whatever it imports. nil for any other argument.
func (b *builder) shapeClassArg(f *facts.File, arg *facts.Expr) *value {
	if arg == nil || (arg.Kind != facts.ExprName && arg.Kind != facts.ExprAttr) {
		return nil
	}
	cr := b.ix.class(f, arg)
	if cr == nil || b.shapes[cr.qual()] == nil {
		return nil
	}
	named := facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: cr.class.Name, Raw: cr.class.Name, Line: arg.Line()}).WithResolved(cr.qual())
	return &value{kind: vPlumbing, classDefault: &named}
}
