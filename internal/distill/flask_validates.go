package distill

import (
	"slices"

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

// storesTransformed reports a column whose store keeps what it is given
// transformed: hashed by a save hook (schema_models.go's saveHooks) or,
// for a row not yet inserted, an insert hook; lower-cased (Mongoose's
// lowercase: true).
func (b *builder) storesTransformed(e *entityInfo, column string, isNew bool) bool {
	f := e.attrField(column)
	return e.hashedOnSave[column] || isNew && b.hashedOnInsert(e, column) || f != nil && f.lowercased
}

// storedForm is x as the column stores it (see storesTransformed):
// hash(x), lowercase(x), or x.
func (b *builder) storedForm(e *entityInfo, column string, x allium.Expr, isNew bool) allium.Expr {
	if e.hashedOnSave[column] || isNew && b.hashedOnInsert(e, column) {
		x = &allium.Call{Fun: &allium.Ident{Name: "hash"}, Args: []allium.Arg{{Value: x}}}
	}
	if f := e.attrField(column); f != nil && f.lowercased {
		x = lowercased(x)
	}
	return x
}

// validatedValue is the value a column stores when a validator of the
// model rewrites what it is given (`def validate_password(self, key,
// plaintext): return hash_password(plaintext)` stores hash(p)). ok is
// false when no validator covers the column; x is nil when one does but
// what it returns could not be stated.
func (rc *ruleCtx) validatedValue(e *entityInfo, column string, given *facts.Expr, self *value, sc *scope, out *[]allium.Stmt) (x allium.Expr, ok bool) {
	if isNew := self != nil && self.kind == vNew; rc.b.storesTransformed(e, column, isNew) {
		// A save or insert hook stores it hashed, or the store keeps it
		// lower-cased (storedForm).
		if x := rc.tr(given, sc, out); x != nil {
			return rc.b.storedForm(e, column, x, isNew), true
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

// initRewrite is the value a column stores when the model's own
// constructor rewrites the keyword it is given before the base class
// stores it (redash's User: def __init__(self, *args, **kwargs):
// kwargs["email"] = kwargs["email"].lower(); super().__init__(*args,
// **kwargs) stores lowercase(email)). The rewrite is read with the
// keyword standing for given, evaluated in the caller's scope. ok is
// false when no such rewrite covers the column; x is nil when one does
// but what it makes could not be stated.
func (rc *ruleCtx) initRewrite(e *entityInfo, column string, given *facts.Expr, sc *scope, out *[]allium.Stmt) (x allium.Expr, ok bool) {
	fr := rc.b.classMethod(e.ref, func(m *facts.Function) bool { return m.Name == "__init__" })
	if fr == nil {
		return nil, false
	}
	kwargs := ""
	for _, p := range fr.fn.Params {
		if p.Kind == facts.ParamVarKeyword {
			kwargs = p.Name
		}
	}
	if kwargs == "" {
		return nil, false
	}
	var rewrite *facts.Expr
	facts.Walk(fr.fn.Body(), func(s *facts.Stmt) bool {
		if s.Kind == facts.StmtAssign && s.Value != nil && len(s.Targets) == 1 && keywordSubscript(&s.Targets[0], kwargs) == column {
			rewrite = s.Value // the last one stands
		}
		return true
	})
	if rewrite == nil {
		return nil, false
	}
	given1 := keywordDict([]facts.Keyword{{Name: column, Value: *given}}, given.Line())
	keywords := dictValue(&given1, sc)
	keywords.dumped = true // a dict of the code's own, read by key
	inner := &scope{file: fr.file, vars: map[string]*value{kwargs: keywords}, depth: sc.depth + 1,
		stack: append(slices.Clone(sc.stack), fr.fn.QualName), cls: fr.class}
	var scratch []allium.Stmt
	return rc.tr(rewrite, inner, &scratch), true
}

// keywordSubscript is the key of kwargs["key"], or "" when e is no
// subscript of the name kwargs by a string.
func keywordSubscript(e *facts.Expr, kwargs string) string {
	if e.Kind != facts.ExprSubscript || e.X == nil || e.X.Kind != facts.ExprName || e.X.Name() != kwargs || e.Y == nil || e.Y.Kind != facts.ExprString {
		return ""
	}
	return e.Y.Value()
}
