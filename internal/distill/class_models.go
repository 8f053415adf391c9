package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// classModel reads an attribute of a service object that its class (or a
// base, nearest first) assigns a model class at class level: a repository
// written as `class UserRepository(RepositoryBase[User]): model = User`
// whose base builds its queries with select(self.model) (polar's
// kit/repository/base.py:121-122, user/repository.py:25). nil when the
// class assigns no such attribute, or assigns it something else.
func (rc *ruleCtx) classModel(cr *classRef, name string) *value {
	if cr == nil {
		return nil
	}
	x, file := rc.b.classField(cr, name)
	if x == nil || file == nil || x.Kind != facts.ExprName && x.Kind != facts.ExprAttr {
		return nil
	}
	var scratch []allium.Stmt
	v := rc.eval(x, &scope{file: file, vars: map[string]*value{}}, &scratch, false)
	if v.kind != vModelClass || rc.b.entByName[v.ent] == nil {
		return nil
	}
	return v
}

// classShape reads an attribute of a service object that its class (or a
// base) assigns a request-shape class at class level: a view's
// `input_class = ChangePasswordInput` (django-allauth's
// headless/account/views.py:402) that a base's method takes into a local
// and builds, input_class = self.get_input_class(); self.input =
// input_class(data=data, **kwargs) (headless/internal/restkit/views.py:
// 33-49). The value is the class the call of it makes, as a parameter
// defaulting to a form class is (handler_class_defaults.go); the class is
// named by its qualified name, since the call is in another file than the
// assignment. nil when the class assigns no shape class.
func (rc *ruleCtx) classShape(cr *classRef, name string) *value {
	if cr == nil {
		return nil
	}
	x, file := rc.b.classField(cr, name)
	if x == nil || file == nil || x.Kind != facts.ExprName && x.Kind != facts.ExprAttr {
		return nil
	}
	shape := rc.b.ix.class(file, x)
	if shape == nil || rc.b.shapes[shape.qual()] == nil {
		return nil
	}
	q := shape.qual()
	return &value{kind: vPlumbing, classDefault: new(facts.NewExpr(facts.ExprSpec{Kind: facts.ExprName, Name: q, Raw: q, Line: x.Line()}).WithResolved(q))}
}

// viewClassShape is classShape for the handler's own object (self in a
// method of the view's class or of a base of it): the class read is the
// handler's view, the most derived, whose class-level assignment wins.
func (rc *ruleCtx) viewClassShape(name string, sc *scope) *value {
	if rc.h == nil || rc.h.class == nil || sc.cls == nil {
		return nil
	}
	view := rc.b.ix.classes[rc.h.class.QualName]
	if view == nil || !slices.ContainsFunc(rc.b.ix.lineage(view), func(c *classRef) bool { return c.class == sc.cls }) {
		return nil
	}
	return rc.classShape(view, name)
}

// containerTypes are the built-in types no class is an instance of.
var containerTypes = []string{"dict", "list", "tuple", "set", "str"}

// classNotContainer reports isinstance(x, T) of a variable that holds a
// class a class attribute names (classShape), T a built-in container: a
// class is never one, so the test is false. django-allauth's
// RESTView.get_input_class reads input_class = self.input_class, then
// `if isinstance(input_class, dict)` picks by method
// (headless/internal/restkit/views.py:33-37): a view naming one class
// keeps it.
func classNotContainer(e *facts.Expr, sc *scope) bool {
	if e.Kind != facts.ExprCall || e.X == nil || e.X.Raw() != "isinstance" || len(e.Args()) != 2 {
		return false
	}
	x, t := &e.Args()[0], &e.Args()[1]
	if x.Kind != facts.ExprName || t.Kind != facts.ExprName || !slices.Contains(containerTypes, t.Name()) {
		return false
	}
	v := sc.vars[x.Name()]
	return v != nil && v.classDefault != nil
}
