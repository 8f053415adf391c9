package distill

import (
	"slices"

	"github.com/distill/distill/internal/allium"
	"github.com/distill/distill/internal/facts"
)

// ownInit reads a model constructor through the model's own __init__ when
// that hands the row's columns on to the base class's:
//
//	def __init__(self, username, email, password=None, **kwargs):
//	    db.Model.__init__(self, username=username, email=email, **kwargs)
//	    if password:
//	        self.set_password(password)
//
// `User(name, mail, password=p)` is then the row built with the keywords the
// base call passes (the helper's parameters bound to the call's arguments,
// **kwargs to the keywords no parameter takes), followed by the rest of the
// __init__ run on that new row. nil when the model defines no __init__ of
// its own, or one that makes no such base call (the constructor is read
// as a plain one).
func (rc *ruleCtx) ownInit(cr *classRef, ent *entityInfo, e *facts.Expr, sc *scope, out *[]allium.Stmt) *value {
	b := rc.b
	init := b.ix.funcs[qual(cr.qual(), "__init__")]
	if init == nil || init.class != cr.class || len(init.fn.Params) == 0 || slices.Contains(sc.stack, init.fn.QualName) {
		return nil
	}
	self := init.fn.Params[0].Name
	at := -1
	var base *facts.Expr
	for i := range init.fn.Body() {
		if base = baseInitCall(&init.fn.Body()[i], self); base != nil {
			at = i
			break
		}
	}
	if base == nil {
		return nil
	}
	binds, rest := initBindings(init.fn.Params[1:], e)
	row := *e
	row.SetArgs(nil)
	var kws []facts.Keyword
	for _, kw := range base.Keywords() {
		if kw.Name == "**" && kw.Value.Kind == facts.ExprName && kw.Value.Name() == kwargsName(init.fn.Params) {
			kws = append(kws, rest...)
			continue
		}
		kws = append(kws, facts.Keyword{Name: kw.Name, Value: substituteArg(&kw.Value, binds, nil)})
	}
	row.SetKeywords(kws)
	v := rc.construct(ent, &row, sc, out)
	after := slices.Concat(init.fn.Body()[:at], init.fn.Body()[at+1:])
	if len(after) > 0 {
		fn := *init.fn
		fn.SetBody(after)
		rc.inline(&funcRef{file: init.file, fn: &fn, class: init.class, closure: init.closure}, v, e, sc, out)
	}
	return v
}

// baseInitCall is the call of a base class's __init__ on self that st
// makes (`db.Model.__init__(self, ...)`, `super().__init__(...)`), or nil.
func baseInitCall(st *facts.Stmt, self string) *facts.Expr {
	c := st.Value
	if st.Kind != facts.StmtExpr || c == nil || c.Kind != facts.ExprCall || c.Method() != "__init__" || c.X == nil {
		return nil
	}
	if recv := c.X.X; recv != nil && recv.Kind == facts.ExprCall && recv.Raw() == "super" {
		return c
	}
	if len(c.Args()) > 0 && c.Args()[0].Kind == facts.ExprName && c.Args()[0].Name() == self {
		return c
	}
	return nil
}

// initBindings binds parameters (an __init__'s without self, a column
// helper's) to a call's arguments: positionally, by keyword, else to their
// defaults; the keywords no parameter takes are what **kwargs holds.
func initBindings(params []facts.Param, call *facts.Expr) (map[string]*facts.Expr, []facts.Keyword) {
	binds := map[string]*facts.Expr{}
	named := map[string]bool{}
	for i := range params {
		p := &params[i]
		if p.Kind == facts.ParamVarKeyword || p.Kind == facts.ParamVarPositional {
			continue
		}
		named[p.Name] = true
		switch {
		case p.Kind != facts.ParamKeywordOnly && i < len(call.Args()):
			binds[p.Name] = &call.Args()[i]
		case call.Keyword(p.Name) != nil:
			binds[p.Name] = call.Keyword(p.Name)
		case p.Default != nil:
			binds[p.Name] = p.Default
		}
	}
	var rest []facts.Keyword
	for _, kw := range call.Keywords() {
		if !named[kw.Name] {
			rest = append(rest, kw)
		}
	}
	return binds, rest
}

// kwargsName is the name of a **kwargs parameter, or "".
func kwargsName(params []facts.Param) string {
	for _, p := range params {
		if p.Kind == facts.ParamVarKeyword {
			return p.Name
		}
	}
	return ""
}

// initRebinds reports whether the model's own __init__, one that hands
// nothing to a base's (its keywords are its own parameters), sets the
// field of that name from something other than the parameter of that
// name, itself or in a method of the model it calls on self: mealie's
// User.__init__(self, session, full_name, password, group, ..., **kwargs)
// sets self.group = session.execute(select(Group).filter(Group.name ==
// group))..., and its self._set_permissions(**kwargs) sets
// self.can_invite = True for an admin. The keyword given for such a field
// is then not the field's value.
func (b *builder) initRebinds(ent *entityInfo, name string) bool {
	if ent.ref == nil || name == "" {
		return false
	}
	init := b.ix.funcs[qual(ent.ref.qual(), "__init__")]
	if init == nil || init.class != ent.ref.class {
		return false
	}
	recv, _ := b.receiverParams(init.fn.Params)
	if recv == "" {
		return false
	}
	for i := range init.fn.Body() {
		if baseInitCall(&init.fn.Body()[i], recv) != nil {
			return false // its keywords go on to the base's (ownInit)
		}
	}
	rebinds := false
	var visit func(body []facts.Stmt, self string, depth int)
	visit = func(body []facts.Stmt, self string, depth int) {
		facts.Walk(body, func(s *facts.Stmt) bool {
			for i := range s.Targets {
				t := &s.Targets[i]
				if s.Kind == facts.StmtAssign && s.Value != nil && t.Kind == facts.ExprAttr && t.Name() == name &&
					t.X != nil && t.X.Kind == facts.ExprName && t.X.Name() == self &&
					(s.Value.Kind != facts.ExprName || s.Value.Name() != name) {
					rebinds = true
				}
			}
			if c := s.Value; depth == 0 && c != nil && c.Kind == facts.ExprCall && c.X != nil && c.X.Kind == facts.ExprAttr &&
				c.X.X != nil && c.X.X.Kind == facts.ExprName && c.X.X.Name() == self {
				if m := b.ix.method(ent.ref, c.X.Name()); m != nil {
					if mrecv, _ := b.receiverParams(m.fn.Params); mrecv != "" {
						visit(m.fn.Body(), mrecv, depth+1)
					}
				}
			}
			return !rebinds
		})
	}
	visit(init.fn.Body(), recv, 0)
	return rebinds
}
