package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// settingsProperties records the boolean properties of a settings class
// as config parameters: fastapi full-stack's Settings.emails_enabled
// (backend/app/core/config.py:59-62, a @computed_field @property returning
// bool(self.SMTP_HOST and self.EMAILS_FROM_EMAIL)) is a switch the
// deployment turns on by the settings it gives, read as
// settings.emails_enabled like any field. Its default is false when the
// property is an `and` of fields one of which has no value by default
// (None, False, 0, ""); with no such field the parameter is declared
// without a default, since what it is depends on the deployment.
func (b *builder) settingsProperties(cr *classRef) {
	for i := range cr.class.Methods {
		fn := &cr.class.Methods[i]
		if !isPropertyMethod(fn) || fn.Returns == nil || fn.Returns.Raw() != "bool" || len(fn.Params) != 1 ||
			len(fn.Body()) != 1 || fn.Body()[0].Kind != facts.StmtReturn || fn.Body()[0].Value == nil {
			continue
		}
		if b.configByKey[fn.Name] != nil || b.testFile(cr.file.Path) {
			continue
		}
		name := snake(fn.Name)
		if !isSnake(name) {
			continue
		}
		ci := &configInfo{name: name, typ: "Boolean", file: cr.file, line: fn.Line, order: len(b.configByKey), runtime: true}
		if unsetConjunct(cr.class, fn.Params[0].Name, fn.Body()[0].Value) {
			ci.value = &allium.Lit{Kind: allium.LitBool, Text: "false"}
		}
		b.configByKey[fn.Name] = ci
	}
}

// isPropertyMethod reports a method read as an attribute: @property, or
// pydantic's @computed_field over one.
func isPropertyMethod(fn *facts.Function) bool {
	return slices.ContainsFunc(fn.Decorators, func(d facts.Expr) bool {
		r := d.Raw()
		return r == "property" || r == "computed_field" || r == "pydantic.computed_field"
	})
}

// unsetConjunct reports whether x (bool(...) around it or not) is an `and`
// one of whose operands is self.F for a field F of c whose default is
// falsy: None, False, 0 or "". Such an `and` is false by default.
func unsetConjunct(c *facts.Class, self string, x *facts.Expr) bool {
	if x.Kind == facts.ExprCall && x.Raw() != "" && len(x.Args()) == 1 && x.X != nil && x.X.Kind == facts.ExprName && x.X.Name() == "bool" {
		x = &x.Args()[0]
	}
	if x.Kind != facts.ExprBoolOp || x.Op() != "and" {
		return false
	}
	for _, side := range []*facts.Expr{x.X, x.Y} {
		if side == nil {
			continue
		}
		if side.Kind == facts.ExprBoolOp && unsetConjunct(c, self, side) {
			return true
		}
		if side.Kind != facts.ExprAttr || side.X == nil || side.X.Kind != facts.ExprName || side.X.Name() != self {
			continue
		}
		for j := range c.Fields {
			if f := &c.Fields[j]; f.Name == side.Name() && f.Value != nil && falsyLiteral(f.Value) {
				return true
			}
		}
	}
	return false
}

// falsyLiteral reports None, False, 0 and "".
func falsyLiteral(e *facts.Expr) bool {
	switch e.Kind {
	case facts.ExprNone:
		return true
	case facts.ExprBool:
		return e.Value() == "False" || e.Value() == "false"
	case facts.ExprInt:
		return e.Value() == "0"
	case facts.ExprString:
		return e.Value() == ""
	}
	return false
}
