package distill

import (
	"slices"

	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// loweringShapeField reports a field the shape (or a base) declares with
// a field class of the service whose cleaning method (the catalog's
// field_cleaners) returns the value it is given in lower case:
// healthchecks' LowercaseEmailField, whose clean returns
// super().clean(value).lower() (hc/accounts/forms.py:18-21), used by its
// sign-up, login and invite forms. The validated input is then the given
// one lower-cased, in the lookups, rate limits and creations it reaches.
func (b *builder) loweringShapeField(shape *classRef, name string) bool {
	sh := b.lang.Shapes
	if sh == nil || len(sh.FieldCleaners) == 0 {
		return false
	}
	v, file := b.classField(shape, name)
	if v == nil || v.Kind != facts.ExprCall || v.X == nil || file == nil {
		return false
	}
	cls := b.ix.class(file, v.X)
	if cls == nil {
		return false
	}
	fr := b.classMethod(cls, func(m *facts.Function) bool { return catalog.Match(sh.FieldCleaners, m.Name) })
	return fr != nil && b.returnsLowered(fr.fn)
}

// returnsLowered reports a cleaning method whose body only cleans its
// value through the base class's method of the same name (value =
// super().clean(value)) and returns it lower-cased (value.lower()). Any
// other statement (a branch, a second return, a value built otherwise)
// makes it something else, and the input is left as given.
func (b *builder) returnsLowered(fn *facts.Function) bool {
	value := cleanedParam(fn)
	if value == "" || len(fn.Body()) == 0 {
		return false
	}
	for i, st := range fn.Body() {
		last := i == len(fn.Body())-1
		switch {
		case st.Kind == facts.StmtAssign && !last:
			if len(st.Targets) != 1 || st.Targets[0].Kind != facts.ExprName || st.Targets[0].Name() != value {
				return false
			}
			if !superCleans(st.Value, fn.Name, value) {
				return false
			}
		case st.Kind == facts.StmtReturn && last:
			r := st.Value
			if r == nil || r.Kind != facts.ExprCall || len(r.Args()) > 0 || len(r.Keywords()) > 0 ||
				!slices.Contains(b.lang.LowercaseCalls, r.Method()) || r.X == nil || r.X.X == nil {
				return false
			}
			recv := r.X.X
			return recv.Kind == facts.ExprName && recv.Name() == value || superCleans(recv, fn.Name, value)
		default:
			return false
		}
	}
	return false
}

// cleanedParam is the name of the value a field's cleaning method is
// given: its one parameter after self; "" for any other signature.
func cleanedParam(fn *facts.Function) string {
	var params []string
	for _, p := range fn.Params {
		if p.Kind != facts.ParamPositional && p.Kind != facts.ParamPositionalOnly {
			return ""
		}
		params = append(params, p.Name)
	}
	if len(params) != 2 || params[0] != "self" {
		return ""
	}
	return params[1]
}

// superCleans reports super().method(value): the base field's cleaning
// of the value given.
func superCleans(e *facts.Expr, method, value string) bool {
	if e == nil || e.Kind != facts.ExprCall || e.Method() != method || len(e.Args()) != 1 || len(e.Keywords()) > 0 {
		return false
	}
	arg := &e.Args()[0]
	if arg.Kind != facts.ExprName || arg.Name() != value {
		return false
	}
	if e.X == nil {
		return false
	}
	recv := e.X.X
	return bareSuper(recv)
}
