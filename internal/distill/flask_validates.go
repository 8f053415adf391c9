package distill

import (
	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/catalog"
	"github.com/distill/distill/internal/facts"
)

// columnValidator finds the model method that a catalogued column
// validator decorator (`@validates("password")`) binds to the column, on
// the entity's class or one of its bases of the service.
func (b *builder) columnValidator(e *entityInfo, column string) *funcRef {
	if len(b.lang.ColumnValidators) == 0 {
		return nil
	}
	return b.classMethod(e.ref, func(m *facts.Function) bool {
		for j := range m.Decorators {
			name, call := decoratorName(&m.Decorators[j])
			if call == nil || !catalog.MatchAny(b.lang.ColumnValidators, call.X.Resolved(), name) {
				continue
			}
			for _, a := range call.Args() {
				if a.Kind == facts.ExprString && a.Value() == column {
					return true
				}
			}
		}
		return false
	})
}

// validatedValue is the value a column stores when a validator of the
// model rewrites what it is given (`def validate_password(self, key,
// plaintext): return hash_password(plaintext)` stores hash(p)). ok is
// false when no validator covers the column; x is nil when one does but
// what it returns could not be stated.
func (rc *ruleCtx) validatedValue(e *entityInfo, column string, given *facts.Expr, self *value, sc *scope, out *[]allium.Stmt) (x allium.Expr, ok bool) {
	if e.hashedOnSave[column] {
		// A save hook stores it hashed (schema_models.go's saveHooks).
		if x := rc.tr(given, sc, out); x != nil {
			return &allium.Call{Fun: &allium.Ident{Name: "hash"}, Args: []allium.Arg{{Value: x}}}, true
		}
		return nil, true
	}
	fr := rc.b.columnValidator(e, column)
	if fr == nil {
		return nil, false
	}
	call := facts.NewExprPtr(facts.ExprSpec{Kind: facts.ExprCall, Line: given.Line(),
		Args: []facts.Expr{facts.NewExpr(facts.ExprSpec{Kind: facts.ExprString, Value: column, Line: given.Line()}), *given}})
	var scratch []allium.Stmt
	v := rc.inline(fr, self, call, sc, &scratch)
	if v.kind != vExpr || v.expr == nil {
		return nil, true
	}
	return v.expr, true
}

// propertySetter finds the setter of an attribute declared as a property
// built from methods (`password = property(_get_password,
// _set_password)`), or as SQLAlchemy's synonym of a column with such a
// descriptor (`password = synonym("_password", descriptor=property(...))`):
// the method given second to property, or as its fset keyword.
func (b *builder) propertySetter(e *entityInfo, name string) *funcRef {
	val, _ := b.classField(e.ref, name)
	if val == nil || val.Kind != facts.ExprCall {
		return nil
	}
	prop := val
	if facts.LastSegment(val.Raw()) != "property" {
		prop = val.Keyword("descriptor")
	}
	if prop == nil || prop.Kind != facts.ExprCall || facts.LastSegment(prop.Raw()) != "property" {
		return nil
	}
	set := prop.Keyword("fset")
	if set == nil && len(prop.Args()) > 1 {
		set = &prop.Args()[1]
	}
	if set == nil || set.Kind != facts.ExprName {
		return nil
	}
	seen := map[*facts.Class]bool{}
	for queue := []*classRef{e.ref}; len(queue) > 0; queue = queue[1:] {
		c := queue[0]
		if c == nil || seen[c.class] || len(seen) > 16 {
			continue
		}
		seen[c.class] = true
		for i := range c.class.Methods {
			if m := &c.class.Methods[i]; m.Name == set.Name() {
				return &funcRef{file: c.file, fn: m, class: c.class}
			}
		}
		for i := range c.class.Bases {
			queue = append(queue, b.ix.class(c.file, &c.class.Bases[i]))
		}
	}
	return nil
}
